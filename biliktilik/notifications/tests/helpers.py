"""Helpers of the notifications tests."""

from __future__ import annotations

from typing import Any

from biliktilik.notifications.enums import NotificationKind
from biliktilik.notifications.models import Notification


def rows() -> list[tuple[str, str]]:
    """Every notification as (recipient username, kind), in the order they were made."""
    return list(Notification.objects.order_by("id").values_list("recipient__username", "kind"))


def notification_for(user: Any, **params: Any) -> Notification:
    """A deadline notification of ``user`` (its e-mail counted as sent), made directly."""
    return Notification.objects.create(
        recipient=user,
        kind=NotificationKind.DEADLINE_NEAR,
        params={"subject": params.get("subject", f"Report of {user.username}"), "due": "2025-12-01"},
        link=params.get("link", "/plans/"),
        emailed_at=params.get("emailed_at"),
    )


def state() -> list[tuple[Any, ...]]:
    """Everything a refused action must leave as it was."""
    return list(Notification.objects.order_by("id").values_list("id", "recipient_id", "read_at", "emailed_at"))
