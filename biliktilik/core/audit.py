"""Writing the audit log. Every service that changes data calls one of these."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

# --- labels of action codes -----------------------------------------------------------------
#
# Every ``action=`` code an app writes gets a translated label, so a history reads
# "PD record verified" rather than "record.verify". Each app registers its own codes in its
# ``audit_labels`` module, imported by ``CoreConfig.ready``. A code without a label (for
# instance one built from a model name) falls back to the label of its last word
# ("planning.unitschedule.submit" -> "Unit schedule: submitted").

_ACTION_LABELS: dict[str, str | Promise] = {}
_VERB_LABELS: dict[str, Promise] = {
    "create": _("added"),
    "add": _("added"),
    "update": _("changed"),
    "change": _("changed"),
    "remove": _("removed"),
    "delete": _("deleted"),
    "set": _("set"),
    "assemble": _("assembled"),
    "submit": pgettext_lazy("audit action", "submitted"),
    "approved": pgettext_lazy("audit action", "approved"),
    "approve": pgettext_lazy("audit action", "approved"),
    "amend": _("amended"),
    "superseded": _("superseded"),
    "supersede": _("superseded"),
    "return": _("returned for rework"),
    "returned": _("returned for rework"),
    "reject": _("rejected"),
    "rejected": _("rejected"),
    "cancel": _("cancelled"),
    "close": _("closed"),
    "publish": pgettext_lazy("audit action", "published"),
    "decide": pgettext_lazy("audit action", "decided"),
    "complete": _("completed"),
    "monitor": _("monitored"),
    "minutes": _("minutes recorded"),
}


def register_action(code: str, label: str | Promise) -> None:
    """Give the audit action ``code`` a (lazy) translated label; registering twice replaces it."""
    _ACTION_LABELS[code] = label


def registered_actions() -> dict[str, str | Promise]:
    return dict(_ACTION_LABELS)


def action_label(code: str, *, model: type[models.Model] | None = None) -> str:
    """The translated label of an action code, in the active language; never the raw code."""
    label = _ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    last = code.rsplit(".", 1)[-1]
    verb = _VERB_LABELS.get(last) or _VERB_LABELS.get(last.rsplit("_", 1)[-1])
    verb_text = str(verb) if verb is not None else gettext("changed")
    if model is not None:
        subject = str(model._meta.verbose_name)
        return gettext("%(subject)s: %(verb)s") % {"subject": subject[:1].upper() + subject[1:], "verb": verb_text}
    return verb_text[:1].upper() + verb_text[1:]


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
