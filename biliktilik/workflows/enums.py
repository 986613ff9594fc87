from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutePurpose(models.TextChoices):
    """What kind of object a route is meant for; the owning app picks its route by purpose."""

    UNIT_SCHEDULE = "unit_schedule", _("Unit PD schedule")
    CONSOLIDATED_SCHEDULE = "consolidated_schedule", _("Consolidated schedule")
    INDIVIDUAL_PLAN = "individual_plan", _("Individual plan")
    PLAN_AMENDMENT = "plan_amendment", _("Amendment to an approved plan")
    PERSPECTIVE_PLAN = "perspective_plan", _("Perspective (multi-year) plan")
    APPLICATION = "application", _("Application")
    ORDER = "order", _("Order")
    INTERNSHIP = "internship", _("Internship")
    PROGRAMME = "programme", _("Educational programme")
    ACCREDITATION = "accreditation", _("Accreditation")
    OTHER = "other", _("Other")


class Decider(models.TextChoices):
    """Who decides a step: a role relative to the object's unit, or an office of the organisation."""

    UNIT_HEAD = "unit_head", _("Head of the object's unit")
    INSTITUTE_DIRECTOR = "institute_director", _("Director of the institute or directorate")
    HR = "hr", _("HR service")
    PD_CENTRE = "pd_centre", _("PD centre")
    FINANCE = "finance", _("Finance department")
    MANAGEMENT_OFFICE = "management_office", _("Head of the management office")
    FIRST_HEAD = "first_head", _("First head (rector)")


# Deciders found from the object's unit upwards; a route with such a step needs an object with a unit.
UNIT_DECIDERS = frozenset({Decider.UNIT_HEAD, Decider.INSTITUTE_DIRECTOR})


class StepCondition(models.TextChoices):
    """When a step applies. Each condition names a yes/no fact the object (or the run) supplies."""

    ALWAYS = "", _("Always")
    REQUIRES_PAYMENT = "requires_payment", _("Only when the organisation pays")


# The facts a run may carry: every condition except "always".
FLAG_NAMES = frozenset(c.value for c in StepCondition if c.value)


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
