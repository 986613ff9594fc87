"""Approval routes as data: a route is an ordered list of steps; a run is one pass of one object
through a route; every decision is a row (who, what, when, why)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel, PublicModel, TranslatedTitleModel
from biliktilik.org.enums import OrganisationKind
from biliktilik.org.models import Organisation, Unit

from .enums import Decider, DecisionAction, RunStatus
from .registry import ALWAYS, condition_label, purpose_label, validate_condition, validate_purpose


class Route(PublicModel, TranslatedTitleModel):
    """An approval route of an organisation.

    Routes are versioned: changing the steps of a route that has runs closes this row
    (``is_current`` false) and opens the next version with the same code, so the runs already
    made keep the steps they went through.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="workflow_routes"
    )
    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    purpose = models.CharField(_("purpose"), max_length=40, db_index=True, validators=[validate_purpose])
    notes = models.TextField(_("notes"), blank=True, help_text=_("Where the route comes from: document and clause."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation_id", "code", "-version"]
        verbose_name = _("approval route")
        verbose_name_plural = _("approval routes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code", "version"], name="workflows_route_version_unique"),
            models.UniqueConstraint(
                fields=["organisation", "code"], condition=Q(is_current=True), name="workflows_route_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_purpose_display(self) -> str:
        return purpose_label(self.purpose)


class Step(BaseModel, TranslatedTitleModel):
    """One step of a route: who decides, when the step applies, and what the decider may do."""

    route = models.ForeignKey(Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    notes = models.CharField(_("source clause"), max_length=300, blank=True)
    decider = models.CharField(_("decider"), max_length=30, choices=Decider.choices)
    # For ``other_organisation``: the organisation whose office decides, and which office.
    decider_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("deciding organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decider_office = models.CharField(_("deciding office"), max_length=30, blank=True)
    # For ``authority_above``: the kind of authority (district, region, authorised body); empty
    # means the nearest authority above the organisation that has an authority officer.
    authority_kind = models.CharField(_("kind of authority"), max_length=30, blank=True)
    condition = models.CharField(
        _("applies"), max_length=40, blank=True, default=ALWAYS, validators=[validate_condition]
    )
    actions = models.JSONField(_("allowed actions"), default=list)

    class Meta:
        ordering = ["route_id", "order"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [models.UniqueConstraint(fields=["route", "order"], name="workflows_step_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_condition_display(self) -> str:
        return condition_label(self.condition)

    @property
    def decider_label(self) -> str:
        """Who decides, naming the other organisation or the kind of authority when there is one."""
        label = str(self.get_decider_display())
        if self.decider == Decider.OTHER_ORGANISATION and self.decider_organisation_id:
            office = str(Decider(self.decider_office).label) if self.decider_office in Decider.values else ""
            return f"{office} — {self.decider_organisation}" if office else f"{label} — {self.decider_organisation}"
        if self.decider == Decider.AUTHORITY_ABOVE and self.authority_kind in OrganisationKind.values:
            return f"{label} ({OrganisationKind(self.authority_kind).label})"
        return label

    def allows(self, action: str) -> bool:
        return action in self.actions

    def applies(self, flags: dict[str, bool]) -> bool:
        return not self.condition or bool(flags.get(self.condition, False))

    def action_labels(self) -> list[tuple[str, str]]:
        return [(a, str(DecisionAction(a).label)) for a in self.actions if a in DecisionAction.values]


class Run(PublicModel):
    """One pass of one object (any model) through a route. At most one is in progress per object."""

    route = models.ForeignKey(Route, verbose_name=_("route"), on_delete=models.PROTECT, related_name="runs")
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    # Copied from the object when the run starts, so runs can be found and scoped by SQL.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="workflow_runs"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="workflow_runs"
    )
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    # Yes/no facts given when the run started (e.g. ``requires_payment``); they win over the object's.
    context = models.JSONField(_("context"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.IN_PROGRESS, db_index=True
    )
    current_step = models.ForeignKey(
        Step,
        verbose_name=_("current step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="current_runs",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="started_workflow_runs",
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("approval run")
        verbose_name_plural = _("approval runs")
        indexes = [models.Index(fields=["content_type", "object_id"], name="workflows_run_object")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(status=RunStatus.IN_PROGRESS),
                name="workflows_run_one_in_progress_per_object",
            ),
            models.CheckConstraint(
                condition=(Q(status=RunStatus.IN_PROGRESS) & Q(current_step__isnull=False))
                | (~Q(status=RunStatus.IN_PROGRESS) & Q(current_step__isnull=True)),
                name="workflows_run_current_step_iff_in_progress",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.route.title}: {self.object_repr}"

    @property
    def is_in_progress(self) -> bool:
        return self.status == RunStatus.IN_PROGRESS


class Decision(models.Model):
    """One decision on one step of one run."""

    run = models.ForeignKey(Run, verbose_name=_("run"), on_delete=models.PROTECT, related_name="decisions")
    step = models.ForeignKey(Step, verbose_name=_("step"), on_delete=models.PROTECT, related_name="decisions")
    action = models.CharField(_("action"), max_length=20, choices=DecisionAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.step}"
