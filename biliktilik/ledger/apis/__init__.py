"""API of the PD ledger: records, their evidence, verification (LED-01..06).

Reads go through ``ledger.selectors`` (a record is visible when its person is); writes go
through ``ledger.services`` only, which check the actor's rights and write the audit log.
A record or document the user may not see answers 404; one they see but may not change, 403.

Split by concept: serializers, shared lookups and filters, records, evidence.
"""

from ._common import RecordFilter
from .evidence import EvidenceAcceptApi, EvidenceDetailApi, EvidenceDownloadApi, EvidenceReturnApi, RecordEvidenceApi
from .records import (
    RecordApproveJustificationApi,
    RecordDetailApi,
    RecordListApi,
    RecordReturnApi,
    RecordVerifyApi,
)
from .serializers import (
    EvidenceSerializer,
    EvidenceUploadInputSerializer,
    ReasonInputSerializer,
    RecordCreateInputSerializer,
    RecordSerializer,
    RecordUpdateInputSerializer,
    TrainerSerializer,
    providers_visible_to,
)

__all__ = [
    "EvidenceAcceptApi",
    "EvidenceDetailApi",
    "EvidenceDownloadApi",
    "EvidenceReturnApi",
    "EvidenceSerializer",
    "EvidenceUploadInputSerializer",
    "ReasonInputSerializer",
    "RecordApproveJustificationApi",
    "RecordCreateInputSerializer",
    "RecordDetailApi",
    "RecordEvidenceApi",
    "RecordFilter",
    "RecordListApi",
    "RecordReturnApi",
    "RecordSerializer",
    "RecordUpdateInputSerializer",
    "RecordVerifyApi",
    "TrainerSerializer",
    "providers_visible_to",
]
