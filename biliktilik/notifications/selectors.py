"""Reads of notifications. A user sees their own notifications only, whatever their roles."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.functional import cached_property

from .models import Notification


def notifications_of(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, the unread first, then the newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.annotate(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())).order_by(
        "-unread", "-created_at", "-id"
    )


def notification_get(user: Any, *, public_id: UUID | str) -> Notification | None:
    """One of the user's own notifications (None for anyone else's)."""
    return notifications_of(user).filter(public_id=public_id).first()


def unread_count(user: Any) -> int:
    """How many of the user's notifications are unread (one query)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


class Bell:
    """The navbar bell: the unread count is asked once, and only when a page shows it."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def unread_count(self) -> int:
        return unread_count(self.user)
