"""Organisations, the authority tree above them, their units and their named offices."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from biliktilik.core.i18n import in_language
from biliktilik.core.models import PublicModel, TranslatedNameModel

from .enums import AUTHORITY_KINDS, OfficeKind, OrganisationKind, UnitKind


class Organisation(MP_Node, PublicModel, TranslatedNameModel):
    """An organisation of any kind. Authorities and organisations share one tree:
    authorised body -> regional department -> district office -> organisations, so the
    subtree of an authority is everything it oversees (a materialised-path prefix query)."""

    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices, db_index=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    bin = models.CharField(_("BIN"), max_length=12, blank=True, help_text=_("Business identification number"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_authority(self) -> bool:
        return self.kind in AUTHORITY_KINDS


class Unit(MP_Node, PublicModel, TranslatedNameModel):
    """A structural unit (ҚБ) of an organisation; the units of one organisation form a tree.

    ``path`` is a materialised path, so a unit's subtree is ``path__startswith``; roots of
    different organisations live in one table, distinguished by ``organisation``.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="units"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=~models.Q(code=""),
                name="org_unit_code_unique_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Office(PublicModel):
    """A named office of an organisation (HR service, PD centre, finance, ...).

    The office names the unit that performs it and, where the organisation has its own name
    for it (KAFU's "Centre for Service and Personal Development"), that name.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="offices"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OfficeKind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="offices"
    )
    title_kk = models.CharField(_("own name (Kazakh)"), max_length=300, blank=True)
    title_ru = models.CharField(_("own name (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("own name (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="org_office_one_per_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self, "title") or str(self.get_kind_display())
