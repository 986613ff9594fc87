"""What every versioned document shares, and the numbered registers documents take numbers from."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel, PublicModel
from biliktilik.org.models import Organisation


class Versioned(PublicModel):
    """A document kept in versions: an amendment is a new row pointing at the version it amends;
    the previous version is kept as it was."""

    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)

    class Meta:
        abstract = True


DEFAULT_NUMBER_FORMAT = "{prefix}-{n:04d}/{yy}"


class Register(BaseModel):
    """A numbered register of one organisation for one document type and one year (orders,
    certificates, agreements, ...). ``last_number`` is the last number given; the row is locked
    while a number is taken, so numbers are gap-free and never repeat."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="registers"
    )
    doc_type = models.CharField(_("document type"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    prefix = models.CharField(_("prefix"), max_length=40, blank=True)
    number_format = models.CharField(
        _("number format"),
        max_length=100,
        default=DEFAULT_NUMBER_FORMAT,
        help_text=_("Placeholders: {prefix}, {n} (the number, e.g. {n:04d}), {yy}, {yyyy}."),
    )
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["organisation_id", "doc_type", "-year"]
        verbose_name = _("register")
        verbose_name_plural = _("registers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "doc_type", "year"], name="documents_register_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix or self.doc_type} {self.year}"

    def format_number(self, n: int) -> str:
        return self.number_format.format(prefix=self.prefix, n=n, yy=f"{self.year % 100:02d}", yyyy=self.year)


class RegisterEntry(BaseModel):
    """One number of a register, given to one document. A cancelled entry keeps its number."""

    register = models.ForeignKey(Register, verbose_name=_("register"), on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("registration number"), max_length=120)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for the cancellation"), blank=True)

    class Meta:
        ordering = ["register_id", "number"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="documents_register_entry_number_unique")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="documents_entry_object")]

    def __str__(self) -> str:
        return self.label

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class PrintLanguage(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")


class PrintFormat(models.TextChoices):
    HTML = "html", _("HTML (printed to PDF)")
    DOCX = "docx", _("Word document (.docx)")


def print_template_upload_to(instance: PrintTemplate, filename: str) -> str:
    return (
        f"print_templates/{instance.organisation_id}/{instance.doc_type}/"
        f"{instance.language}-v{instance.version}-{uuid.uuid4().hex[:8]}.docx"
    )


class PrintTemplate(BaseModel):
    """An organisation's print template of one document type, language and format. A new version
    replaces the active one; the old ones are kept. Without a row the default shipped in
    ``documents/print_defaults`` prints (see ``documents.printing``)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="print_templates",
    )
    doc_type = models.CharField(_("document type"), max_length=60)
    language = models.CharField(_("language"), max_length=2, choices=PrintLanguage.choices)
    format = models.CharField(_("format"), max_length=4, choices=PrintFormat.choices, default=PrintFormat.HTML)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("active"), default=True)
    body = models.TextField(_("template"), blank=True)
    file = models.FileField(_("file"), upload_to=print_template_upload_to, max_length=300, blank=True)
    texts = models.JSONField(_("texts of the form"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["organisation_id", "doc_type", "language", "format", "-version"]
        verbose_name = _("print template")
        verbose_name_plural = _("print templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "doc_type", "language", "format", "version"],
                name="documents_print_template_version_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "doc_type", "language", "format"],
                condition=models.Q(is_active=True),
                name="documents_print_template_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.language} {self.format} v{self.version}"
