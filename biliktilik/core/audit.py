"""Writing the audit log. Every service that changes data calls one of these."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from .models import AuditEvent


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value, so old and new values can be stored and compared."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields``; foreign keys as their ids."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(obj, attname))
    return values


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: Mapping[str, tuple[Any, Any] | list[Any]] | None = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    """Store one audit event. ``changes`` maps a field to its (old, new) pair."""
    # Only a saved user is stored; the system actor and anonymous users leave the actor empty.
    user: Any = actor if isinstance(actor, models.Model) and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        organisation_id=organisation_id,
        changes={k: [_plain(v[0]), _plain(v[1])] for k, v in (changes or {}).items()},
    )


def apply_changes(obj: models.Model, data: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the attributes in ``data`` on ``obj`` and return only those that really changed."""
    changed: dict[str, tuple[Any, Any]] = {}
    for name, new in data.items():
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        if isinstance(field, models.Field) and not field.is_relation and new is not None:
            # Compare values as the field holds them: Decimal("1") equals Decimal("1.00").
            new = field.to_python(new)
        old = getattr(obj, attname)
        unchanged = _plain(old) == _plain(new) or (not field.is_relation and old == new)
        if not unchanged:
            changed[name] = (old, new)
            setattr(obj, name, new)
    return changed


def audit_trail(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
