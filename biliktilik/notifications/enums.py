from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a notification is about; its text is made from the kind and its parameters."""

    WAITING_FOR_DECISION = "waiting_for_decision", _("Waiting for your decision")
    RETURNED = "returned", _("Returned for rework")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    DEADLINE_NEAR = "deadline_near", _("Deadline is near")
