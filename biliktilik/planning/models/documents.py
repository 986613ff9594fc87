"""The planning documents (PLN-01..03, PLN-06): individual plans, unit schedules (form 602-01)
and the organisation's consolidated schedule (form 602-05), each versioned and sent through an
approval route of ``biliktilik.workflows``; the organisation's planning calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel
from biliktilik.documents.models import Versioned
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Person

from ..enums import EDITABLE, ItemOrigin, PlanStatus

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
    """The organisation's own deadline for its yearly plan, read only when its rule sets give none
    (a deadline rule ``organisation_plan`` in force wins): the plan for year *Y* is due on
    ``day``.``month`` of year *Y - 1* (SKMA-464 5.5 says 1 December). Organisation data, not a
    constant in code: its HR service or PD centre sets it (``planning_calendar_set``)."""

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
