"""The PD ledger: every PD activity of every person, with its evidence (LED-01..06)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel, PublicModel
from biliktilik.org.models import Organisation
from biliktilik.people.models import Person

from .enums import (
    DeliveryMode,
    EvidenceKind,
    EvidenceStatus,
    FundingSource,
    Initiative,
    PDForm,
    RecordOrigin,
    RecordStatus,
    TrainerCategory,
)


class PDRecord(PublicModel):
    """One PD activity of one person. Counted toward requirements only when verified."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="pd_records")
    # The employer on whose books the record is kept (its HR verifies it).
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="pd_records"
    )
    form = models.CharField(_("form"), max_length=30, choices=PDForm.choices)
    title = models.CharField(_("title / topic"), max_length=500)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provided_records",
    )
    provider_name = models.CharField(_("provider (as written)"), max_length=300, blank=True)
    is_foreign = models.BooleanField(_("foreign provider"), default=False)
    country = models.CharField(_("country"), max_length=2, default="KZ", help_text=_("ISO 3166 code"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("completion"), db_index=True)
    hours = models.DecimalField(_("academic hours"), max_digits=7, decimal_places=1)
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices, default=DeliveryMode.WITHOUT_LEAVE
    )
    is_distance = models.BooleanField(_("distance learning"), default=False)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices, default=FundingSource.ORGANISATION
    )
    cost = models.DecimalField(_("cost, KZT"), max_digits=12, decimal_places=2, default=0)
    in_profile = models.BooleanField(_("in the profile of the disciplines taught"), default=False)
    management_topic = models.BooleanField(_("management topic"), default=False)
    initiative = models.CharField(
        _("initiative"), max_length=20, choices=Initiative.choices, default=Initiative.PLANNED
    )
    justification = models.TextField(_("justification"), blank=True)
    justification_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("justification approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.PENDING, db_index=True
    )
    status_reason = models.TextField(_("reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=RecordOrigin.choices, default=RecordOrigin.HR)
    external_id = models.CharField(_("external id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-end_date", "-id"]
        verbose_name = _("PD record")
        verbose_name_plural = _("PD records")
        indexes = [
            models.Index(fields=["person", "status", "end_date"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="ledger_record_dates"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="ledger_record_hours_nonneg"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="ledger_record_cost_nonneg"),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="ledger_record_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.end_date:%d.%m.%Y}, {self.hours} h)"

    @property
    def provider_label(self) -> str:
        return str(self.provider) if self.provider_id else self.provider_name


class RecordTrainer(BaseModel):
    """A lecturer or trainer of an internal course, with their category (LED-06)."""

    record = models.ForeignKey(PDRecord, verbose_name=_("PD record"), on_delete=models.CASCADE, related_name="trainers")
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category"), max_length=30, choices=TrainerCategory.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.record.public_id}/{filename}"


class Evidence(PublicModel):
    """A document proving a PD record (LED-05); verified by HR or the PD centre."""

    record = models.ForeignKey(PDRecord, verbose_name=_("PD record"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("document type"), max_length=30, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size, bytes"), default=0)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EvidenceStatus.choices, default=EvidenceStatus.PENDING
    )
    status_reason = models.TextField(_("reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()
