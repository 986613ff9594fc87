from django.db import models
from django.utils.translation import gettext_lazy as _

from biliktilik.core.roles import Role

# The officers who keep an organisation's planning: its consolidated schedule, perspective plans
# and PD-centre programmes.
OFFICER_ROLES = (Role.HR_OFFICER, Role.PD_OFFICER)


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


class PlanningPurpose(models.TextChoices):
    """The route purposes planning registers with the approval engine (``apps.py``)."""

    UNIT_SCHEDULE = "unit_schedule", _("Unit PD schedule")
    CONSOLIDATED_SCHEDULE = "consolidated_schedule", _("Consolidated schedule")
    INDIVIDUAL_PLAN = "individual_plan", _("Individual plan")
    PLAN_AMENDMENT = "plan_amendment", _("Amendment to an approved plan")
    PERSPECTIVE_PLAN = "perspective_plan", _("Perspective (multi-year) plan")


# The step condition planning registers: the organisation pays for the PD (KazNRTU-602 7.4).
REQUIRES_PAYMENT = "requires_payment"
