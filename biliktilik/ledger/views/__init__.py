"""Pages of the PD ledger. Thin: read through selectors, write through services.

Split by concept: lists, one record, its verification, its documents, imports.
"""

from .evidence import evidence_accept, evidence_add, evidence_download, evidence_return
from .imports import import_job, import_records, import_template
from .lists import my_records, person_card, person_records, queue, record_list
from .records import record_create, record_detail, record_update
from .verification import record_approve_justification, record_return, record_verify

__all__ = [
    "evidence_accept",
    "evidence_add",
    "evidence_download",
    "evidence_return",
    "import_job",
    "import_records",
    "import_template",
    "my_records",
    "person_card",
    "person_records",
    "queue",
    "record_approve_justification",
    "record_create",
    "record_detail",
    "record_list",
    "record_return",
    "record_update",
    "record_verify",
]
