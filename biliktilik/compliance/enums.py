from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplianceStatus(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class CountReason(models.TextChoices):
    """Why a record counted toward a requirement, or why it did not (POL-08)."""

    HOURS = "hours", _("Counted by its academic hours")
    ACTIVITY = "activity", _("Counted as one activity")
    ONCE = "once", _("This form counts once as the whole requirement")
    JUSTIFIED = "justified", _("Counted: the justification was approved by the unit head")
    PENDING = "pending", _("Waiting for verification: shown, not counted")
    RETURNED = "returned", _("Returned for correction: not counted")
    FORM_NOT_COUNTED = "form_not_counted", _("This form of PD does not count toward the rule")
    JUSTIFICATION_MISSING = (
        "justification_missing",
        _("This form counts only with a justification approved by the unit head"),
    )
    DELIVERY_MODE = "delivery_mode", _("The rule counts only other delivery modes")
    NOT_IN_PROFILE = "not_in_profile", _("Not in the profile of the disciplines taught")
    NOT_MANAGEMENT = "not_management", _("Not a management topic")
    NO_HOURS = "no_hours", _("No academic hours recorded")


COUNTED_REASONS = frozenset({CountReason.HOURS, CountReason.ACTIVITY, CountReason.ONCE, CountReason.JUSTIFIED})


class DueBasis(models.TextChoices):
    RECORD = "record", _("Period after the record at which the requirement was reached")
    HIRING = "hiring", _("Period after hiring")
    NO_RECORD = "no_record", _("No qualifying record and no period after hiring: due from hiring")
