from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    """The state of an individual plan or a schedule. ``superseded``: an approved version replaced by
    a later approved amendment (PLN-06)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for rework")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded by an amendment")


# The states in which the author may still change the document.
EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.RETURNED})


class ItemOrigin(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    COMPLIANCE = "compliance", _("Suggested from the PD requirements")


# The age under which staff count as young (KazNRTU-602 7.3) is rule data: policy.parameters.
