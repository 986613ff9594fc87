from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class RuleKind(models.TextChoices):
    """What a rule says; each kind has its own parameters (see ``evaluators.KIND_SPECS``)."""

    PERIODIC_REQUIREMENT = "periodic_requirement", _("Periodic requirement")
    DURATION_CLASSES = "duration_classes", _("Duration classes")
    DOCUMENT_TYPE_BY_HOURS = "document_type_by_hours", _("Document type by hours")
    DEADLINE = "deadline", _("Deadline")
    PASS_THRESHOLDS = "pass_thresholds", _("Pass thresholds")
    DUE_SOON_HORIZON = "due_soon_horizon", _("Due-soon horizon")
    COUNTED_FORMS = "counted_forms", _("Forms of PD and how they count")
    DELIVERY_MODES = "delivery_modes", _("Delivery modes")
    PLANNING_PARAMETERS = "planning_parameters", _("Planning parameters")


class FormCounting(models.TextChoices):
    """How a form of PD counts toward a periodic requirement (POL-04)."""

    HOURS = "hours", _("By its academic hours (one activity in an activity rule)")
    ONCE = "once", _("Once, as the whole requirement")
    NEEDS_JUSTIFICATION = "needs_justification", _("Only with a justification approved by the unit head")


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class DeadlineAnchor(models.TextChoices):
    """What a deadline is counted from."""

    COURSE_START = "course_start", _("Start of the course")
    COURSE_END = "course_end", _("End of the course")
    DOCUMENTS_RECEIVED = "documents_received", _("Receipt of the documents")
    FORWARDED = "forwarded", _("Forwarding to the working group")
    PREVIOUS_SUBMISSION = "previous_submission", _("The previous submission")
    ANNUAL_DATE = "annual_date", _("A fixed date every year")


class DeadlineDirection(models.TextChoices):
    BEFORE = "before", _("before")
    AFTER = "after", _("after")
