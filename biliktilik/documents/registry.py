"""The document types of the apps: what each one is, which route it takes, how it changes.

An app declares its types in its ``AppConfig.ready`` with ``register_document_type``; the kit
then registers the route purpose and the run hooks with ``biliktilik.workflows``, so a decision
taken anywhere moves the document on in the decision's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

from .enums import DEFAULT_TRANSITIONS


@dataclass(frozen=True)
class Item:
    """One line of a document for comparing versions: its id, the id of the line of the previous
    version it was copied from (None: new), and its values."""

    pk: int
    source_id: int | None
    values: Mapping[str, Any]


@dataclass(frozen=True)
class DocumentType:
    code: str
    model: type[models.Model]
    purpose: str
    label: str | Promise = ""
    # The route an amendment (version 2 and later) takes when the organisation has one.
    amendment_purpose: str = ""
    transitions: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_TRANSITIONS))
    # Whether a document may go up without a route (it is then approved with something else).
    route_optional: bool = False
    # Fields copied to a new version (besides organisation and year), and what else to copy.
    copy_fields: tuple[str, ...] = ()
    copy_related: Callable[[Any, Any], None] | None = None
    # What a version comparison looks at: the document's own fields, and its lines.
    compare_fields: tuple[str, ...] = ()
    items: Callable[[Any], Iterable[Item]] | None = None
    # Called in the decision's transaction after the kit has approved the document.
    on_approved: Callable[..., None] | None = None

    def allows(self, old: str, new: str) -> bool:
        return new in self.transitions.get(old, frozenset())


_types: dict[type[models.Model], DocumentType] = {}


def register_document_type(document_type: DocumentType) -> DocumentType:
    """Declare a document type; registers its route purpose (with ``label``) and its run hooks."""
    from biliktilik.workflows.hooks import register_hooks
    from biliktilik.workflows.registry import is_purpose, register_purpose

    from . import services

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


def document_type_of(obj_or_model: Any) -> DocumentType:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _types:
            return _types[klass]
    raise LookupError(f"{model.__name__} is not a registered document type.")


def document_types() -> list[DocumentType]:
    return list(_types.values())
