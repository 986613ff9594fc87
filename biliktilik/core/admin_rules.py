"""The rule of every model admin of ours, and the audit of edits made in the admin site.

``SystemAdministratorAdmin`` (re-exported by ``biliktilik.org.admin``, where the other apps take
it from) gives full rights to system administrators and none to anyone else, whatever Django
permissions they hold. Its ``AuditedAdminMixin`` writes an audit event for every add, change and
delete made in the administration site (SEC-02): who, when, and each changed field's old and new
value, read from the form's initial and cleaned data. It lives in ``core`` so that the admins of
``core`` itself use it too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from .access import scope_of
from .audit import audit_record, snapshot


def is_system_administrator(user: Any) -> bool:
    """A superuser, or a user with an active system-administrator grant."""
    return bool(getattr(user, "is_active", False) and scope_of(user).everything)


# Form fields whose values are never written into the audit log, only the fact of a change.
SECRET_FIELDS = frozenset({"password", "key"})


def _organisation_id_of(obj: models.Model) -> int | None:
    """The organisation an audited object belongs to, so its audit trail is scoped like it."""
    if obj._meta.label_lower == "org.organisation":
        return obj.pk  # type: ignore[no-any-return]
    for attname in ("organisation_id", "owner_id"):
        value = getattr(obj, attname, None)
        if isinstance(value, int):
            return value
    for relation in ("record", "unit", "employment"):
        related = getattr(obj, f"{relation}_id", None) and getattr(obj, relation, None)
        value = getattr(related, "organisation_id", None)
        if isinstance(value, int):
            return value
    return None


def _model_field_names(obj: models.Model) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if not f.primary_key]


def _plain_form_value(name: str, value: Any) -> Any:
    if name in SECRET_FIELDS:
        return "***" if value else ""
    if isinstance(value, QuerySet):
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, models.Model) for v in value):
        return sorted(v.pk for v in value)
    return value


def form_changes(form: Any) -> dict[str, tuple[Any, Any]]:
    """Old -> new of every model field the admin form changed, read from its initial and
    cleaned values (foreign keys as ids, many-to-many as sorted ids)."""
    model_fields = {f.name for f in form.instance._meta.get_fields() if getattr(f, "concrete", False)}
    changes: dict[str, tuple[Any, Any]] = {}
    for name in form.changed_data:
        if name not in model_fields:
            continue
        old = form.get_initial_for_field(form.fields[name], name)
        new = form.cleaned_data.get(name)
        changes[name] = (_plain_form_value(name, old), _plain_form_value(name, new))
    return changes


def object_fields(obj: models.Model) -> dict[str, Any]:
    """Every concrete field of ``obj`` (secrets masked), for an audit event of an add or delete."""
    values = snapshot(obj, _model_field_names(obj))
    return {k: _plain_form_value(k, v) for k, v in values.items()}


def audit_admin_add(actor: Any, obj: models.Model) -> None:
    values = object_fields(obj)
    audit_record(
        actor=actor,
        action="admin.add",
        obj=obj,
        changes={k: (None, v) for k, v in values.items() if v not in ("", None)},
        organisation_id=_organisation_id_of(obj),
    )


def audit_admin_change(actor: Any, obj: models.Model, changes: dict[str, tuple[Any, Any]]) -> None:
    if changes:
        audit_record(
            actor=actor, action="admin.change", obj=obj, changes=changes, organisation_id=_organisation_id_of(obj)
        )


def audit_admin_delete(actor: Any, obj: models.Model) -> None:
    """Recorded before the row goes: the object's repr and every field's last value."""
    values = object_fields(obj)
    audit_record(
        actor=actor,
        action="admin.delete",
        obj=obj,
        changes={k: (v, None) for k, v in values.items() if v not in ("", None)},
        organisation_id=_organisation_id_of(obj),
    )


class AuditedAdminMixin:
    """Every add, change and delete made in the administration site leaves an audit event
    (SEC-02), with each changed field's old and new value, the same way the services do.
    Inline rows are audited as their own objects."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        changes = form_changes(form) if change else {}
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if change:
            audit_admin_change(request.user, obj, changes)
        else:
            audit_admin_add(request.user, obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_admin_delete(request.user, obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            audit_admin_delete(request.user, obj)
        super().delete_queryset(request, queryset)  # type: ignore[misc]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        deleted = [f.instance for f in getattr(formset, "deleted_forms", []) if f.instance.pk is not None]
        for obj in deleted:
            audit_admin_delete(request.user, obj)
        pending: list[tuple[Any, bool, dict[str, tuple[Any, Any]]]] = []
        for inline_form in formset.forms:
            if inline_form in getattr(formset, "deleted_forms", []) or not inline_form.has_changed():
                continue
            is_new = inline_form.instance.pk is None
            pending.append((inline_form, is_new, {} if is_new else form_changes(inline_form)))
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for inline_form, is_new, changes in pending:
            if inline_form.instance.pk is None:
                continue
            if is_new:
                audit_admin_add(request.user, inline_form.instance)
            else:
                audit_admin_change(request.user, inline_form.instance, changes)


class SystemAdministratorAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Full rights for system administrators, none for anyone else; every edit audited."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_system_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)


class SystemAdministratorInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)


class ReadOnlyAdmin(SystemAdministratorAdmin):
    """System administrators may look; nobody changes anything here (the services do)."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(SystemAdministratorInline):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
