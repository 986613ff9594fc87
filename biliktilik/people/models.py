"""People, their employments and positions, and what they teach and hold (degrees, categories)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel, PublicModel, TranslatedNameModel
from biliktilik.org.models import Organisation, Unit

from .enums import (
    AcademicTitle,
    DegreeKind,
    EmploymentEndReason,
    PedagogueCategory,
    ReadChannel,
    Sex,
    StaffCategory,
)
from .iin import is_valid_iin


def validate_iin(value: str) -> None:
    if value and not is_valid_iin(value):
        raise ValidationError(_("IIN must be 12 digits with a correct check digit."), code="invalid_iin")


class Position(BaseModel, TranslatedNameModel):
    """A position from the catalogue (KazNRTU-602 5.1-5.2 and the others), as data.

    ``organisation`` empty means the position belongs to the shared catalogue.
    """

    code = models.SlugField(_("code"), max_length=60)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="positions",
    )
    category = models.CharField(_("staff category"), max_length=30, choices=StaffCategory.choices)
    is_head = models.BooleanField(_("head"), default=False)
    is_deputy = models.BooleanField(_("deputy head"), default=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(organisation__isnull=True), name="people_position_code_shared"
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(organisation__isnull=False),
                name="people_position_code_per_org",
            ),
        ]


class Discipline(BaseModel, TranslatedNameModel):
    """A discipline taught; ``profile`` groups disciplines into a field (the "profile")."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    profile_kk = models.CharField(_("profile (Kazakh)"), max_length=200, blank=True)
    profile_ru = models.CharField(_("profile (Russian)"), max_length=200, blank=True)
    profile_en = models.CharField(_("profile (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")


class Person(PublicModel):
    """A person: staff member, former staff member, alumnus or listener."""

    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    # Lower-case "last first middle", for search that ignores case in every database.
    search_name = models.CharField(max_length=320, db_index=True, editable=False, default="")
    iin = models.CharField(_("IIN"), max_length=12, blank=True, validators=[validate_iin])
    external_id = models.CharField(_("external id"), max_length=64, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    academic_title = models.CharField(
        _("academic title"), max_length=30, choices=AcademicTitle.choices, blank=True, default=""
    )
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("disciplines taught"), through="TeachingAssignment", blank=True
    )

    class Meta:
        ordering = ["last_name", "first_name", "middle_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(fields=["iin"], condition=~Q(iin=""), name="people_person_iin_unique"),
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="people_person_external_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{part[0]}." for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip()

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # A derived column for search, not domain logic: kept in step with the name fields.
        self.search_name = self.full_name.lower()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_name"}
        super().save(*args, **kwargs)


class Employment(PublicModel):
    """One employment of a person: organisation, unit, position, rate, dates."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="employments"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employments")
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="employments"
    )
    category = models.CharField(_("staff category"), max_length=30, choices=StaffCategory.choices, db_index=True)
    rate = models.DecimalField(_("rate"), max_digits=4, decimal_places=2, default=1)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EmploymentEndReason.choices, blank=True, default=""
    )
    is_primary = models.BooleanField(_("main job"), default=True)
    competition_term_years = models.PositiveSmallIntegerField(_("competition term, years"), null=True, blank=True)
    competition_date = models.DateField(_("date of the competition"), null=True, blank=True)

    class Meta:
        ordering = ["-is_primary", "-start_date", "id"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        indexes = [
            models.Index(fields=["organisation", "end_date"]),
            models.Index(fields=["unit", "end_date"]),
            models.Index(fields=["person", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="people_employment_end_after_start",
            ),
            models.CheckConstraint(condition=Q(rate__gt=0) & Q(rate__lte=2), name="people_employment_rate_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position} ({self.unit})"

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    @property
    def competition_term_end(self) -> dt.date | None:
        if not (self.competition_date and self.competition_term_years):
            return None
        try:
            return self.competition_date.replace(year=self.competition_date.year + self.competition_term_years)
        except ValueError:  # 29 February
            return self.competition_date.replace(year=self.competition_date.year + self.competition_term_years, day=28)


class TeachingAssignment(BaseModel):
    """A discipline a person teaches (the profile), from ``valid_from`` until ``valid_to``."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="teaching")
    discipline = models.ForeignKey(Discipline, verbose_name=_("discipline"), on_delete=models.PROTECT)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("discipline taught")
        verbose_name_plural = _("disciplines taught")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "discipline", "organisation", "valid_from"], name="people_teaching_unique"
            )
        ]


class AcademicDegree(BaseModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="degrees")
    kind = models.CharField(_("degree"), max_length=20, choices=DegreeKind.choices)
    field = models.CharField(_("field of science"), max_length=200, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    document_number = models.CharField(_("diploma number"), max_length=60, blank=True)

    class Meta:
        ordering = ["awarded_on", "id"]
        verbose_name = _("academic degree")
        verbose_name_plural = _("academic degrees")


class QualificationCategory(BaseModel):
    """A pedagogue qualification category (PEO-05), with the period it is valid for."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="qualification_categories"
    )
    category = models.CharField(_("category"), max_length=20, choices=PedagogueCategory.choices)
    awarded_on = models.DateField(_("awarded on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    order_number = models.CharField(_("order number"), max_length=60, blank=True)

    class Meta:
        ordering = ["-awarded_on", "id"]
        verbose_name = _("qualification category")
        verbose_name_plural = _("qualification categories")


class Graduation(BaseModel):
    """An alumnus record: the person graduated from the organisation (KAFU-2025 1)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="graduations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="alumni"
    )
    year = models.PositiveSmallIntegerField(_("graduation year"))
    programme = models.CharField(_("educational programme"), max_length=300)
    level = models.CharField(_("level"), max_length=60, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("graduation")
        verbose_name_plural = _("graduations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "year", "programme"], name="people_graduation_unique"
            )
        ]


class PersonalDataRead(models.Model):
    """One showing of a person's full IIN to somebody other than the person (SEC-03).

    Append-only: written by ``people.privacy`` only, never changed or deleted by the software.
    The person is protected from deletion while a read of their data is on record; the actor's
    login name is kept as text as well, in case the login is removed.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("read by"), max_length=150, blank=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="personal_data_reads"
    )
    channel = models.CharField(_("where"), max_length=10, choices=ReadChannel.choices)
    # The path of the page or API endpoint, or the name of the export file.
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal data read")
        verbose_name_plural = _("personal data reads")
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.channel} {self.person_id}"
