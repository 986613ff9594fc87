"""In-app notifications, also sent by e-mail.

A notification stores what happened (``kind``) and the facts to say it (``params``), not the
text: the text is made when it is shown, in the language of whoever reads it (see ``messages``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import PublicModel

from .enums import NotificationKind


class Notification(PublicModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    # Facts the text is made from; a text value may be a {"kk": ..., "ru": ..., "en": ...} mapping.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # Set for notifications that must be made once only (reminders): one per recipient and key.
    key = models.CharField(_("key"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.CharField(_("last e-mail error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notifications_recipient_read"),
            models.Index(fields=["emailed_at"], name="notifications_emailed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notifications_one_per_recipient_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
