"""Perspective plans (PLN-04): the organisation's multi-year PD plan with its stages and yearly
targets."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel
from biliktilik.documents.models import Versioned
from biliktilik.org.models import Organisation

from ..enums import EDITABLE, PlanStatus
from .documents import YEAR_VALIDATORS


class StageStatus(models.TextChoices):
    """How far the stage of a perspective plan has come (monitoring, KAFU-2025 3)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class PerspectivePlan(Versioned):
    """The organisation's multi-year PD plan, e.g. 2023-2026 (PLN-04; KAFU-2025 3;
    PRESCHOOL-RULES 10): stages, yearly targets and the monitoring of their execution. A document
    type of the kit: approved through the organisation's ``perspective_plan`` route, amended as a
    new version."""

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
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-from_year", "organisation_id", "-version", "id"]
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

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    # The document kit copies ``year`` to a new version; for a multi-year plan it is the first year.
    @property
    def year(self) -> int:
        return self.from_year

    @year.setter
    def year(self, value: int) -> None:
        self.from_year = value

    @property
    def workflow_organisation(self) -> Organisation:
        return self.organisation

    @property
    def workflow_unit(self) -> None:
        return None


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
