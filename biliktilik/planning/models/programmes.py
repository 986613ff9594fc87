"""PD-centre programmes and internal courses (PLN-05, PLN-07): directions, topics, their trainers,
units' requests for places and the listeners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel, PublicModel
from biliktilik.ledger.enums import PDForm, TrainerCategory
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Person

from .documents import YEAR_VALIDATORS


class TrainerRole(models.TextChoices):
    LECTURER = "lecturer", _("Lecturer")
    MODERATOR = "moderator", _("Moderator")


class TopicStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")


class ListenerSource(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned by the PD centre")
    REQUEST = "request", _("Accepted from a unit's request")


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


class CourseRequest(PublicModel):
    """A unit's request (өтінім) for places on a topic (PLN-07): the staff it proposes, each accepted
    or declined by the PD centre."""

    topic = models.ForeignKey(
        ProgrammeTopic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="requests"
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
        verbose_name = _("request for an internal course")
        verbose_name_plural = _("requests for internal courses")

    def __str__(self) -> str:
        return f"{self.unit} — {self.topic}"


class RequestEntry(BaseModel):
    request = models.ForeignKey(
        CourseRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="entries"
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
        ordering = ["request_id", "id"]
        verbose_name = _("person applied for")
        verbose_name_plural = _("people applied for")
        constraints = [
            models.UniqueConstraint(fields=["request", "person"], name="planning_entry_unique"),
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
        RequestEntry,
        verbose_name=_("request entry"),
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
