"""The generic writes of versioned documents: submit, decide, amend, compare, and the run hooks
that move a document on from its run's outcome, in the decision's own transaction.

The owning app checks first that the actor may act on the document and that the document is
complete (its own rules); the kit checks the state and does what every document type does the
same way. Audit actions are ``<app>.<model>.<what>`` (``planning.unitschedule.submit``).

The kinds of document (``DocumentType``) live here with the writes that use them; the apps
declare theirs through ``registry.register_document_type``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.workflows.models import Route, Run
from biliktilik.workflows.selectors import active_run_of, route_for_purpose
from biliktilik.workflows.services import run_decide, run_start

from .enums import DEFAULT_TRANSITIONS, EDITABLE, DocumentStatus

D = TypeVar("D", bound=models.Model)


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


def document_type_of(obj_or_model: Any) -> DocumentType:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _types:
            return _types[klass]
    raise LookupError(f"{model.__name__} is not a registered document type.")


def document_types() -> list[DocumentType]:
    return list(_types.values())


def _action(document: Any, what: str) -> str:
    return f"{document._meta.app_label}.{document._meta.model_name}.{what}"


def _lock(document: D) -> D:
    return type(document)._default_manager.select_for_update().get(pk=document.pk)


def _require_transition(kind: DocumentType, document: Any, new: str) -> None:
    if not kind.allows(document.status, new):
        raise ApplicationError(
            _("The document cannot go from “%(old)s” to “%(new)s”.")
            % {"old": DocumentStatus(document.status).label, "new": DocumentStatus(new).label},
            code=ErrorCode.INVALID_STATE,
            extra={"status": document.status, "to": new},
        )


# --- routes ---------------------------------------------------------------------------------


def route_of(document: Any) -> Route | None:
    """The route a document takes: an amendment takes the organisation's amendment route when it
    has one, otherwise the route of the document's type."""
    kind = document_type_of(document)
    if document.version > 1 and kind.amendment_purpose:
        route = route_for_purpose(document.organisation, kind.amendment_purpose)
        if route is not None:
            return route
    return route_for_purpose(document.organisation, kind.purpose)


@transaction.atomic
def document_submit(*, actor: Any, document: D) -> Run | None:
    """Send ``document`` up through its route (its hooks mark it submitted, and approve it at once
    when no step applies). A type whose route is optional goes up without one when the
    organisation has none. The caller has locked the document and checked the actor's rights."""
    kind = document_type_of(document)
    if document.status not in EDITABLE:  # type: ignore[attr-defined]
        raise ApplicationError(
            _("Only a draft or a returned version can be changed; make an amendment instead."),
            code=ErrorCode.INVALID_STATE,
            extra={"status": document.status},  # type: ignore[attr-defined]
        )
    route = route_of(document)
    if route is None:
        if not kind.route_optional:
            raise ApplicationError(
                _("The organisation has no approval route for this document; ask the HR service to set one up."),
                code=ErrorCode.INVALID_STATE,
            )
        _mark_submitted(obj=document, run=None, actor=actor)
        return None
    return run_start(actor=actor, obj=document, route=route)


@transaction.atomic
def document_decide(*, actor: Any, document: D, action: str, expected_step_id: int | None, comment: str = "") -> D:
    """Decide the current step of the document's run (the checks are the engine's); the document
    moves on in the same transaction through its hooks."""
    run = active_run_of(document)
    if run is None:
        raise ApplicationError(_("Nothing waits for a decision here."), code=ErrorCode.INVALID_STATE)
    run_decide(actor=actor, run=run, action=action, expected_step_id=expected_step_id, comment=comment)
    document.refresh_from_db()
    return document


# --- amendments -----------------------------------------------------------------------------


@transaction.atomic
def document_amend(*, actor: Any, document: D, reason: str) -> D:
    """A new draft version of an approved document; the approved one stays as it is until the new
    one is approved (then it is superseded). The caller has checked the actor's rights."""
    kind = document_type_of(document)
    document = _lock(document)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the approved version must change."), field="amendment_reason")
    if document.status != DocumentStatus.APPROVED:  # type: ignore[attr-defined]
        raise ApplicationError(
            _("Only an approved version can be amended."),
            code=ErrorCode.INVALID_STATE,
            extra={"status": document.status},  # type: ignore[attr-defined]
        )
    model = type(document)
    if model._default_manager.filter(previous_id=document.pk).exists():
        raise ApplicationError(_("This version has already been amended."), code=ErrorCode.CONFLICT)
    values = {name: getattr(document, name) for name in ["organisation_id", "year", *kind.copy_fields]}
    version = document.version  # type: ignore[attr-defined]
    new = model._default_manager.create(
        **values,
        version=version + 1,
        previous=document,
        status=DocumentStatus.DRAFT,
        amendment_reason=reason,
        created_by=actor,
    )
    if kind.copy_related is not None:
        kind.copy_related(document, new)
    audit_record(
        actor=actor,
        action=_action(new, "amend"),
        obj=new,
        changes={"previous": (None, document.pk), "version": (version, version + 1), "reason": (None, reason)},
        organisation_id=document.organisation_id,  # type: ignore[attr-defined]
    )
    return new


# --- comparing versions ---------------------------------------------------------------------


@dataclass
class Comparison:
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: list[tuple[Item, Item, dict[str, tuple[Any, Any]]]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.fields or self.added or self.removed or self.changed)


def document_compare(old: Any, new: Any) -> Comparison:
    """What changed from ``old`` to ``new``: the type's fields, and its lines matched by the line
    of ``old`` each line of ``new`` was copied from."""
    kind = document_type_of(new)
    result = Comparison()
    for name in kind.compare_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            result.fields[name] = (before, after)
    if kind.items is None:
        return result
    old_items = {item.pk: item for item in kind.items(old)}
    matched: set[int] = set()
    for item in kind.items(new):
        source = old_items.get(item.source_id) if item.source_id is not None else None
        if source is None:  # the same line in both (a document compared with itself, shared lines)
            source = old_items.get(item.pk)
        if source is None:
            result.added.append(item)
            continue
        matched.add(source.pk)
        diff = {k: (source.values.get(k), v) for k, v in item.values.items() if source.values.get(k) != v}
        if diff:
            result.changed.append((source, item, diff))
    result.removed = [item for pk, item in old_items.items() if pk not in matched]
    return result


# --- the run hooks (called by workflows inside the decision's transaction) --------------------


def _mark_submitted(*, obj: Any, run: Run | None, actor: Any) -> None:
    before = obj.status
    if before == DocumentStatus.SUBMITTED:
        return
    _require_transition(document_type_of(obj), obj, DocumentStatus.SUBMITTED)
    obj.status = DocumentStatus.SUBMITTED
    obj.submitted_at = timezone.now()
    obj.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action=_action(obj, "submit"),
        obj=obj,
        changes={"status": (before, DocumentStatus.SUBMITTED), "run": (None, run.pk if run else None)},
        organisation_id=obj.organisation_id,
    )


def _outcome(*, actor: Any, document: Any, status: str) -> None:
    """Move a submitted document to ``status`` (it is locked by the caller)."""
    if document.status != DocumentStatus.SUBMITTED:
        return
    kind = document_type_of(document)
    _require_transition(kind, document, status)
    before = snapshot(document, ["status", "approved_at"])
    document.status = status
    if status == DocumentStatus.APPROVED:
        document.approved_at = timezone.now()
    document.save(update_fields=["status", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        action=_action(document, status),
        obj=document,
        changes={k: (before[k], v) for k, v in snapshot(document, ["status", "approved_at"]).items()},
        organisation_id=document.organisation_id,
    )
    if status != DocumentStatus.APPROVED:
        return
    supersede_previous(actor=actor, document=document)
    if kind.on_approved is not None:
        kind.on_approved(actor=actor, document=document)


def supersede_previous(*, actor: Any, document: Any) -> None:
    """The approved version an approved amendment replaces becomes superseded."""
    previous = document.previous
    if previous is None or previous.status != DocumentStatus.APPROVED:
        return
    type(previous)._default_manager.filter(pk=previous.pk).update(
        status=DocumentStatus.SUPERSEDED, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action=_action(previous, "superseded"),
        obj=previous,
        changes={
            "status": (DocumentStatus.APPROVED, DocumentStatus.SUPERSEDED),
            "superseded_by": (None, document.pk),
        },
        organisation_id=document.organisation_id,
    )


def on_submit(*, obj: Any, run: Run, actor: Any) -> None:
    _mark_submitted(obj=obj, run=run, actor=actor)


def on_approve(*, obj: Any, run: Run, actor: Any) -> None:
    _outcome(actor=actor, document=obj, status=DocumentStatus.APPROVED)


def on_return(*, obj: Any, run: Run, actor: Any) -> None:
    _outcome(actor=actor, document=obj, status=DocumentStatus.RETURNED)


def on_reject(*, obj: Any, run: Run, actor: Any) -> None:
    _outcome(actor=actor, document=obj, status=DocumentStatus.REJECTED)


def on_cancel(*, obj: Any, run: Run, actor: Any) -> None:
    _outcome(actor=actor, document=obj, status=DocumentStatus.DRAFT)
