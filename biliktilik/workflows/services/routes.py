"""Creating and changing approval routes: a change of a route in use makes a new version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biliktilik.core.audit import apply_changes, audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation

from ..models import Route
from ..permissions import can_manage_routes
from ..registry import is_purpose
from .steps import _CODE_RE, StepSpec, _clean_steps, _create_steps, _steps_for_audit

_ROUTE_FIELDS = ["title_kk", "title_ru", "title_en", "purpose", "notes", "is_active"]


# --- routes ---------------------------------------------------------------------------------


def _require_manager(actor: Any, organisation_id: int) -> None:
    if not can_manage_routes(actor, organisation_id):
        raise ApplicationError(
            _("You may not change the approval routes of this organisation."), code=ErrorCode.PERMISSION_DENIED
        )


def _clean_route_fields(
    *, title_kk: str, title_ru: str, title_en: str, purpose: str, notes: str, is_active: bool
) -> dict[str, Any]:
    title_kk = (title_kk or "").strip()
    if not title_kk:
        raise ApplicationError(_("The route needs a title in Kazakh."), field="title_kk")
    if not is_purpose(purpose):
        raise ApplicationError(_("Unknown route purpose."), field="purpose")
    return {
        "title_kk": title_kk,
        "title_ru": (title_ru or "").strip(),
        "title_en": (title_en or "").strip(),
        "purpose": purpose,
        "notes": (notes or "").strip(),
        "is_active": bool(is_active),
    }


def route_create_unchecked(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    title_kk: str,
    purpose: str,
    steps: Sequence[StepSpec],
    title_ru: str = "",
    title_en: str = "",
    notes: str = "",
    is_active: bool = True,
) -> Route:
    """``route_create`` without the rights check, for seeding by the system. Call inside a transaction."""
    code = (code or "").strip().lower()
    if not _CODE_RE.match(code) or len(code) > 60:
        raise ApplicationError(
            _("The code may contain only Latin letters, digits, hyphens and underscores."), field="code"
        )
    fields = _clean_route_fields(
        title_kk=title_kk, title_ru=title_ru, title_en=title_en, purpose=purpose, notes=notes, is_active=is_active
    )
    cleaned_steps = _clean_steps(steps)
    if Route.objects.filter(organisation=organisation, code=code).exists():
        raise ApplicationError(
            _("The code “%(code)s” is already used.") % {"code": code}, code=ErrorCode.DUPLICATE, field="code"
        )
    route = Route.objects.create(organisation=organisation, code=code, version=1, is_current=True, **fields)
    _create_steps(route, cleaned_steps)
    audit_record(
        actor=actor,
        action="workflow_route.create",
        obj=route,
        changes={
            **{k: (None, v) for k, v in snapshot(route, ["code", "version", *_ROUTE_FIELDS]).items()},
            "steps": (None, _steps_for_audit(cleaned_steps)),
        },
        organisation_id=organisation.pk,
    )
    return route


@transaction.atomic
def route_create(
    *,
    actor: Any,
    organisation: Organisation,
    code: str,
    title_kk: str,
    purpose: str,
    steps: Sequence[StepSpec],
    title_ru: str = "",
    title_en: str = "",
    notes: str = "",
    is_active: bool = True,
) -> Route:
    _require_manager(actor, organisation.pk)
    return route_create_unchecked(
        actor=actor,
        organisation=organisation,
        code=code,
        title_kk=title_kk,
        title_ru=title_ru,
        title_en=title_en,
        purpose=purpose,
        notes=notes,
        is_active=is_active,
        steps=steps,
    )


@transaction.atomic
def route_update(
    *,
    actor: Any,
    route: Route,
    title_kk: str,
    purpose: str,
    steps: Sequence[StepSpec],
    title_ru: str = "",
    title_en: str = "",
    notes: str = "",
    is_active: bool = True,
) -> Route:
    """Change a route. Returns the route as it now stands.

    When the steps change and the route already has runs, the route is not edited: a new
    version is made (and returned) and this one is closed, so its runs keep their steps.
    Otherwise the route is changed in place.
    """
    _require_manager(actor, route.organisation_id)
    route = Route.objects.select_for_update().get(pk=route.pk)
    if not route.is_current:
        raise ApplicationError(_("Only the current version of a route can be changed."), code=ErrorCode.INVALID_STATE)
    fields = _clean_route_fields(
        title_kk=title_kk, title_ru=title_ru, title_en=title_en, purpose=purpose, notes=notes, is_active=is_active
    )
    new_steps = _clean_steps(steps)
    old_steps = [StepSpec.of(s) for s in route.steps.order_by("order")]
    steps_changed = new_steps != old_steps

    if steps_changed and route.runs.exists():
        return _new_version(actor=actor, route=route, fields=fields, old_steps=old_steps, new_steps=new_steps)

    changes = apply_changes(route, fields)
    if steps_changed:
        route.steps.all().delete()
        _create_steps(route, new_steps)
    if not changes and not steps_changed:
        return route
    route.save(update_fields=[*changes, "updated_at"])
    if steps_changed:
        changes["steps"] = (_steps_for_audit(old_steps), _steps_for_audit(new_steps))
    audit_record(
        actor=actor, action="workflow_route.update", obj=route, changes=changes, organisation_id=route.organisation_id
    )
    return route


def _new_version(
    *,
    actor: Any,
    route: Route,
    fields: dict[str, Any],
    old_steps: Sequence[StepSpec],
    new_steps: Sequence[StepSpec],
) -> Route:
    """Close ``route`` and make its next version with the new steps: its runs keep their steps."""
    before = snapshot(route, _ROUTE_FIELDS)
    route.is_current = False
    route.save(update_fields=["is_current", "updated_at"])
    new = Route.objects.create(
        organisation_id=route.organisation_id,
        code=route.code,
        version=route.version + 1,
        is_current=True,
        previous=route,
        **fields,
    )
    _create_steps(new, new_steps)
    changes: dict[str, tuple[Any, Any]] = {
        "version": (route.version, new.version),
        "steps": (_steps_for_audit(old_steps), _steps_for_audit(new_steps)),
    }
    changes.update({k: (before[k], v) for k, v in fields.items() if before[k] != v})
    audit_record(
        actor=actor,
        action="workflow_route.new_version",
        obj=new,
        changes=changes,
        organisation_id=route.organisation_id,
    )
    audit_record(
        actor=actor,
        action="workflow_route.supersede",
        obj=route,
        changes={"is_current": (True, False)},
        organisation_id=route.organisation_id,
    )
    return new
