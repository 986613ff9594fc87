"""The document types of the apps: what each one is, which route it takes, how it changes.

An app declares its types in its ``AppConfig.ready`` with ``register_document_type``; the kit
then registers the route purpose and the run hooks with ``biliktilik.workflows``, so a decision
taken anywhere moves the document on in the decision's own transaction.
"""

from __future__ import annotations

from biliktilik.workflows.hooks import register_hooks
from biliktilik.workflows.registry import is_purpose, register_purpose

from . import services
from .services import DocumentType, Item, _types, document_type_of, document_types

__all__ = ["DocumentType", "Item", "document_type_of", "document_types", "register_document_type"]


def register_document_type(document_type: DocumentType) -> DocumentType:
    """Declare a document type; registers its route purpose (with ``label``) and its run hooks."""
    _types[document_type.model] = document_type
    for purpose in (document_type.purpose, document_type.amendment_purpose):
        if purpose and not is_purpose(purpose):
            register_purpose(purpose, document_type.label or purpose)
    register_hooks(
        document_type.model,
        on_submit=services.on_submit,
        on_approve=services.on_approve,
        on_return=services.on_return,
        on_reject=services.on_reject,
        on_cancel=services.on_cancel,
    )
    return document_type
