"""Building blocks shared by every app: timestamps, public ids, the audit log, the calendar."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .i18n import in_language


class BaseModel(models.Model):
    """Every table of ours knows when a row was made and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicModel(BaseModel):
    """A row that is reachable by URL carries a UUID, so URLs do not leak row counts."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TranslatedNameModel(models.Model):
    """A name kept in the three interface languages; ``name`` picks the active one.

    Kazakh is required; Russian and English fall back to Kazakh when empty.
    """

    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return in_language(self, "name")

    def name_in(self, language: str) -> str:
        return in_language(self, "name", language)

    def __str__(self) -> str:
        return self.name


class TranslatedTitleModel(models.Model):
    """A title in the three languages (ADR 0003): ``title`` is the active language's, else the Kazakh."""

    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        return in_language(self, "title")


class AuditEvent(models.Model):
    """One change to one object: who, when, what, and each changed field's old and new value."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    # The organisation the object belongs to, so an audit trail can be scoped like its object.
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        return [(field, pair[0], pair[1]) for field, pair in sorted(self.changes.items())]


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Day off (holiday or transferred day off)")
    WORKING_DAY = "working_day", _("Working day (transferred working day)")


class CalendarOverride(BaseModel):
    """A day whose status differs from the weekly pattern and the public holiday list.

    The government moves days off every year (e.g. a Saturday becomes a working day so that a
    Monday between holidays can be a day off); administrators record those moves here.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(PublicModel):
    """An import run by the task worker because its file is large (see ``core.imports``).

    The uploaded file is kept only until the job ends; the report (the same row-by-row report
    as a page import shows) stays. Only its owner and system administrators see a job.
    """

    kind = models.CharField(_("kind"), max_length=40)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="+"
    )
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True, db_index=True)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"), null=True, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    rows_total = models.PositiveIntegerField(_("rows expected"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    report = models.JSONField(_("report"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)

    @property
    def percent(self) -> int:
        """How far the job is, for the progress bar: reading is most of the work."""
        if self.finished:
            return 100
        if self.phase == "checking":
            return 85
        if self.phase == "saving":
            return 95
        if not self.rows_total:
            return 0
        return min(80, 80 * self.rows_done // self.rows_total)
