"""Writes to the PD ledger. Each one is atomic, checks the actor's rights first, validates, and
writes an audit event with the old and new values (SEC-02).

By concept: ``values`` (a record's fields, validated), ``records`` (enter, change, trainers),
``verification``, ``justification``, ``evidence`` (files), ``imports`` (history import writes)."""

from __future__ import annotations

from .evidence import (
    ALLOWED_EXTENSIONS,
    CONTENT_TYPES,
    DEFAULT_EVIDENCE_MAX_BYTES,
    MACRO_EXTENSIONS,
    OLE_MAGIC,
    CheckedFile,
    check_evidence_file,
    evidence_accept,
    evidence_add,
    evidence_max_bytes,
    evidence_return,
    has_macros,
    sniff_content,
)
from .imports import ImportRow, ImportSummary, records_import
from .justification import record_approve_justification
from .records import record_create, record_set_trainers, record_update
from .values import RECORD_DEFAULTS, RECORD_FIELDS, TrainerInput, clean_record_values, is_internal_course
from .verification import record_return, record_verify

__all__ = [
    "ALLOWED_EXTENSIONS",
    "CONTENT_TYPES",
    "CheckedFile",
    "DEFAULT_EVIDENCE_MAX_BYTES",
    "ImportRow",
    "ImportSummary",
    "MACRO_EXTENSIONS",
    "OLE_MAGIC",
    "RECORD_DEFAULTS",
    "RECORD_FIELDS",
    "TrainerInput",
    "check_evidence_file",
    "clean_record_values",
    "evidence_accept",
    "evidence_add",
    "evidence_max_bytes",
    "evidence_return",
    "has_macros",
    "is_internal_course",
    "record_approve_justification",
    "record_create",
    "record_return",
    "record_set_trainers",
    "record_update",
    "record_verify",
    "records_import",
    "sniff_content",
]
