"""What the ledger's writes share: the permission error, the user to store, the row lock."""

from __future__ import annotations

from typing import Any

from django.db import models

from biliktilik.core.errors import ApplicationError, ErrorCode

from ..models import PDRecord


def _denied(message: str, *, field: str | None = None) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.PERMISSION_DENIED, field=field)


def _actor_user(actor: Any) -> Any:
    """The user to store as who verified or uploaded: none for the system or anonymous."""
    return actor if isinstance(actor, models.Model) and getattr(actor, "is_authenticated", False) else None


def _lock(record: PDRecord) -> PDRecord:
    return PDRecord.objects.select_for_update().get(pk=record.pk)
