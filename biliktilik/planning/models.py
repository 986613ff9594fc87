"""PD planning (PLN-01..03, PLN-06): individual plans, unit schedules (form 602-01) and the
organisation's consolidated schedule (form 602-05), each versioned and sent through an approval
route of ``biliktilik.workflows``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel, PublicModel
from biliktilik.documents.models import Versioned
from biliktilik.ledger.enums import FundingSource, PDForm, TrainerCategory
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Person

from .enums import EDITABLE, ItemOrigin, PlanStatus

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class VersionedDocument(Versioned):
    """What plans and schedules share: a year, a status and (from the document kit) versions
    linked to the previous one."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def period_from(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def period_to(self) -> dt.date:
        return dt.date(self.year, 12, 31)


class IndividualPlan(VersionedDocument):
    """An employee's PD plan for a year (PLN-01; KazNRTU-602 7.2, 11.1)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="pd_plans")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pd_plans")

    class Meta:
        ordering = ["year", "person_id", "-version"]
        verbose_name = _("individual PD plan")
        verbose_name_plural = _("individual PD plans")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "year", "version"], name="planning_plan_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.year} (v{self.version})"


class PlanItem(BaseModel):
    """One planned PD activity of an individual plan."""

    plan = models.ForeignKey(IndividualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    topic = models.CharField(_("topic"), max_length=500)
    form = models.CharField(_("form"), max_length=30, choices=PDForm.choices)
    start_date = models.DateField(_("planned start"))
    end_date = models.DateField(_("planned end"))
    hours = models.DecimalField(_("academic hours"), max_digits=7, decimal_places=1)
    provider_name = models.CharField(_("provider"), max_length=300, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=30, choices=FundingSource.choices)
    cost = models.DecimalField(_("estimated cost, KZT"), max_digits=12, decimal_places=2, default=Decimal(0))
    in_profile = models.BooleanField(_("in the profile of the disciplines taught"), default=False)
    management_topic = models.BooleanField(_("management topic"), default=False)
    origin = models.CharField(_("origin"), max_length=20, choices=ItemOrigin.choices, default=ItemOrigin.MANUAL)
    requirement = models.CharField(_("requirement"), max_length=200, blank=True)
    # The item of the previous version this one was copied from: how versions are compared.
    source = models.OneToOneField(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="copy"
    )

    class Meta:
        ordering = ["plan_id", "start_date", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="planning_item_dates"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="planning_item_hours_positive"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="planning_item_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.topic


# The fields of an item a person plans; what a version comparison looks at.
ITEM_FIELDS = (
    "topic",
    "form",
    "start_date",
    "end_date",
    "hours",
    "provider_name",
    "funding_source",
    "cost",
    "in_profile",
    "management_topic",
)


class UnitSchedule(VersionedDocument):
    """A unit's PD schedule, form KazNRTU 602-01 (PLN-02), built from its staff's individual plans.

    Its lines are the items of the plan versions it includes (``plans``): a plan version never
    changes once submitted (a change is a new version), so a reference is as stable as a copy.
    The minutes of the unit meeting that discussed it (KazNRTU-602 7.4) are kept on the row.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pd_schedules")
    plans = models.ManyToManyField(
        IndividualPlan, verbose_name=_("individual plans"), blank=True, related_name="unit_schedules"
    )
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_number = models.CharField(_("minutes number"), max_length=40, blank=True)
    meeting_present = models.PositiveSmallIntegerField(_("present"), null=True, blank=True)
    meeting_decision = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["year", "unit_id", "-version"]
        verbose_name = _("unit PD schedule")
        verbose_name_plural = _("unit PD schedules")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "version"], name="planning_unit_schedule_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year} (v{self.version})"

    @property
    def has_minutes(self) -> bool:
        return bool(self.meeting_date and self.meeting_number and self.meeting_present and self.meeting_decision)


class ConsolidatedSchedule(VersionedDocument):
    """The organisation's consolidated PD schedule, form KazNRTU 602-05 (PLN-03), built by HR or
    the PD centre from approved unit schedules."""

    unit_schedules = models.ManyToManyField(
        UnitSchedule, verbose_name=_("unit schedules"), blank=True, related_name="consolidated"
    )

    class Meta:
        ordering = ["year", "organisation_id", "-version"]
        verbose_name = _("consolidated PD schedule")
        verbose_name_plural = _("consolidated PD schedules")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "version"], name="planning_consolidated_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.year} (v{self.version})"


class PlanningCalendar(BaseModel):
    """The organisation's own deadline for its yearly plan when its rule sets give none: the plan
    for year *Y* is due on ``day``.``month`` of year *Y - 1* (SKMA-464 5.5 says 1 December)."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="planning_calendar"
    )
    plan_due_month = models.PositiveSmallIntegerField(
        _("plan due: month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    plan_due_day = models.PositiveSmallIntegerField(
        _("plan due: day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )

    class Meta:
        verbose_name = _("planning calendar")
        verbose_name_plural = _("planning calendars")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.plan_due_day:02d}.{self.plan_due_month:02d}"


# --- perspective plans (PLN-04) --------------------------------------------------------------------


class StageStatus(models.TextChoices):
    """How far the stage of a perspective plan has come (monitoring, KAFU-2025 3)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class PerspectivePlan(PublicModel):
    """The organisation's multi-year PD plan, e.g. 2023-2026 (PLN-04; KAFU-2025 3;
    PRESCHOOL-RULES 10): stages, yearly targets and the monitoring of their execution."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="perspective_plans"
    )
    title = models.CharField(_("title"), max_length=300)
    from_year = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    to_year = models.PositiveSmallIntegerField(_("to year"), validators=YEAR_VALIDATORS)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-from_year", "organisation_id", "id"]
        verbose_name = _("perspective PD plan")
        verbose_name_plural = _("perspective PD plans")
        constraints = [
            models.CheckConstraint(condition=Q(to_year__gte=models.F("from_year")), name="planning_perspective_years"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.from_year}-{self.to_year})"

    @property
    def years(self) -> list[int]:
        return list(range(self.from_year, self.to_year + 1))


class PerspectiveStage(BaseModel):
    """A stage of a perspective plan, with its monitoring status and notes."""

    plan = models.ForeignKey(
        PerspectivePlan, verbose_name=_("perspective plan"), on_delete=models.CASCADE, related_name="stages"
    )
    title = models.CharField(_("title"), max_length=300)
    from_year = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    to_year = models.PositiveSmallIntegerField(_("to year"), validators=YEAR_VALIDATORS)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StageStatus.choices, default=StageStatus.NOT_STARTED)
    notes = models.TextField(_("monitoring notes"), blank=True)

    class Meta:
        ordering = ["plan_id", "from_year", "id"]
        verbose_name = _("stage of a perspective plan")
        verbose_name_plural = _("stages of a perspective plan")
        constraints = [
            models.CheckConstraint(condition=Q(to_year__gte=models.F("from_year")), name="planning_stage_years"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.from_year}-{self.to_year})"


class PerspectiveTarget(BaseModel):
    """What a perspective plan aims at in one year: people to train, academic hours and money
    (KZT), for all staff (empty category) or for one staff category."""

    plan = models.ForeignKey(
        PerspectivePlan, verbose_name=_("perspective plan"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    category = models.CharField(_("staff category"), max_length=30, blank=True)
    people = models.PositiveIntegerField(_("people to train"), default=0)
    hours = models.DecimalField(_("academic hours"), max_digits=9, decimal_places=1, default=Decimal(0))
    money = models.DecimalField(_("money, KZT"), max_digits=14, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["plan_id", "year", "category"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "category"], name="planning_target_unique"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="planning_target_hours_nonneg"),
            models.CheckConstraint(condition=Q(money__gte=0), name="planning_target_money_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category or '*'}"

    @property
    def category_label(self) -> str:
        from biliktilik.people.enums import StaffCategory

        if not self.category:
            return str(_("All staff"))
        return str(StaffCategory(self.category).label) if self.category in StaffCategory.values else self.category


# --- PD-centre programmes and internal courses (PLN-05, PLN-07) -----------------------------------


class TrainerRole(models.TextChoices):
    LECTURER = "lecturer", _("Lecturer")
    MODERATOR = "moderator", _("Moderator")


class TopicStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")


class ListenerSource(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned by the PD centre")
    APPLICATION = "application", _("Accepted from a unit's application")


class EntryDecision(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PDProgramme(PublicModel):
    """The PD programme of the organisation's PD centre for a year (PLN-05; KAFU-2025 3):
    directions, their topics, lecturers and moderators, and the listeners who must attend."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="pd_programmes"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "organisation_id", "id"]
        verbose_name = _("PD-centre programme")
        verbose_name_plural = _("PD-centre programmes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="planning_programme_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class ProgrammeDirection(BaseModel):
    programme = models.ForeignKey(
        PDProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="directions"
    )
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["programme_id", "id"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self) -> str:
        return self.title


class ProgrammeTopic(PublicModel):
    """A topic of a direction: an internal course with its form, dates, hours and capacity."""

    direction = models.ForeignKey(
        ProgrammeDirection, verbose_name=_("direction"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("topic"), max_length=500)
    form = models.CharField(_("form"), max_length=30, choices=PDForm.choices)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    hours = models.DecimalField(_("academic hours"), max_digits=7, decimal_places=1)
    capacity = models.PositiveIntegerField(_("capacity"))
    status = models.CharField(_("status"), max_length=20, choices=TopicStatus.choices, default=TopicStatus.PLANNED)
    completed_at = models.DateTimeField(_("completion recorded"), null=True, blank=True)

    class Meta:
        ordering = ["direction_id", "start_date", "id"]
        verbose_name = _("programme topic")
        verbose_name_plural = _("programme topics")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="planning_topic_dates"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="planning_topic_hours_positive"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="planning_topic_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class TopicTrainer(BaseModel):
    """A lecturer or moderator of a topic with their category (LED-06): a person of the system or
    a name written in."""

    topic = models.ForeignKey(
        ProgrammeTopic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="trainers"
    )
    role = models.CharField(_("role"), max_length=20, choices=TrainerRole.choices)
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category"), max_length=30, choices=TrainerCategory.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["topic_id", "role", "id"]
        verbose_name = _("lecturer or moderator")
        verbose_name_plural = _("lecturers and moderators")

    def __str__(self) -> str:
        return self.name


class CourseApplication(PublicModel):
    """A unit's application for places on a topic (PLN-07): the staff it proposes, each accepted
    or declined by the PD centre."""

    topic = models.ForeignKey(
        ProgrammeTopic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="applications"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["topic_id", "created_at", "id"]
        verbose_name = _("application for an internal course")
        verbose_name_plural = _("applications for internal courses")

    def __str__(self) -> str:
        return f"{self.unit} — {self.topic}"


class ApplicationEntry(BaseModel):
    application = models.ForeignKey(
        CourseApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="entries"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("decision"), max_length=20, choices=EntryDecision.choices, default=EntryDecision.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("person applied for")
        verbose_name_plural = _("people applied for")
        constraints = [
            models.UniqueConstraint(fields=["application", "person"], name="planning_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.decision})"


class TopicListener(BaseModel):
    """A listener who must attend a topic; once the topic is completed, whether they attended and
    the verified PD record made for them."""

    topic = models.ForeignKey(
        ProgrammeTopic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="listeners"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("source"), max_length=20, choices=ListenerSource.choices)
    entry = models.OneToOneField(
        ApplicationEntry,
        verbose_name=_("application entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listener",
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    record = models.ForeignKey(
        PDRecord, verbose_name=_("PD record"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["topic_id", "id"]
        verbose_name = _("listener")
        verbose_name_plural = _("listeners")
        constraints = [
            models.UniqueConstraint(fields=["topic", "person"], name="planning_listener_unique"),
        ]

    def __str__(self) -> str:
        return str(self.person)
