from django.db import models
from django.utils.translation import gettext_lazy as _


class Decider(models.TextChoices):
    """Who decides a step: a role relative to the object's unit, an office of the organisation, the
    authority above it, or an office of another named organisation."""

    UNIT_HEAD = "unit_head", _("Head of the object's unit")
    INSTITUTE_DIRECTOR = "institute_director", _("Director of the institute or directorate")
    HR = "hr", _("HR service")
    PD_CENTRE = "pd_centre", _("PD centre")
    FINANCE = "finance", _("Finance department")
    MANAGEMENT_OFFICE = "management_office", _("Head of the management office")
    FIRST_HEAD = "first_head", _("First head (rector)")
    AUTHORITY_ABOVE = "authority_above", _("Education authority above the organisation")
    OTHER_ORGANISATION = "other_organisation", _("An office of another organisation")


# Deciders found from the object's unit upwards; a route with such a step needs an object with a unit.
UNIT_DECIDERS = frozenset({Decider.UNIT_HEAD, Decider.INSTITUTE_DIRECTOR})


# Deciders that sit outside the object's organisation.
OUTSIDE_DECIDERS = frozenset({Decider.AUTHORITY_ABOVE, Decider.OTHER_ORGANISATION})
# The offices another organisation may decide through (``Decider.OTHER_ORGANISATION``).
OFFICE_DECIDERS = (Decider.HR, Decider.PD_CENTRE, Decider.FINANCE, Decider.FIRST_HEAD)


class DecisionAction(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for rework")
    REJECT = "reject", _("Reject")
    CANCEL = "cancel", _("Cancel")


# The actions a step may allow; cancelling is not a step's decision but the author's withdrawal.
STEP_ACTIONS = (DecisionAction.APPROVE, DecisionAction.RETURN, DecisionAction.REJECT)
# Actions that must say why.
ACTIONS_NEEDING_COMMENT = frozenset({DecisionAction.RETURN, DecisionAction.REJECT, DecisionAction.CANCEL})


class RunStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for rework")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class RunEvent(models.TextChoices):
    """What happened to a run; sent with ``signals.run_changed``."""

    STARTED = "started", _("Started")
    ADVANCED = "advanced", _("Passed to the next step")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for rework")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
