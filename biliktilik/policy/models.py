"""Rules as versioned data (POL-01..08).

A ``RuleSet`` is one source document as adopted by one owner: an organisation, an authority
(whose rule sets the organisations below it inherit), the whole country (no owner, not a
template) or the library of templates (no owner, ``is_template``) from which organisations
adopt copies. A ``Rule`` is one clause of it, with a kind, parameters validated per kind, a
scope, and a citation. Rules are never edited once published: a new version closes the old
one (``effective_to``) and supersedes it, so history answers "what was in force then".

Dates are half-open: a row is in force on ``day`` when ``effective_from <= day`` and
(``effective_to`` is empty or ``day < effective_to``); ``effective_to`` is the first day the
row no longer applies (for a repealed document, the day of the repeal).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import PublicModel, TranslatedTitleModel
from biliktilik.org.models import Organisation

from .enums import RuleKind, RuleSetStatus


class _Titled(TranslatedTitleModel):
    class Meta:
        abstract = True

    def in_force(self, day: dt.date) -> bool:
        start: dt.date = self.effective_from  # type: ignore[attr-defined]
        end: dt.date | None = self.effective_to  # type: ignore[attr-defined]
        return start <= day and (end is None or day < end)


class RuleSet(PublicModel, _Titled):
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
        help_text=_("Empty: national level, or the library of templates."),
    )
    is_template = models.BooleanField(
        _("template"), default=False, help_text=_("A template applies to nobody until an organisation adopts it.")
    )
    template = models.ForeignKey(
        "self",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )
    code = models.SlugField(_("code"), max_length=60)
    source_document = models.CharField(_("source document"), max_length=500)
    source_citation = models.CharField(
        _("citation of the source"), max_length=500, blank=True, help_text=_("Number, date, registration.")
    )
    repeal_citation = models.CharField(_("repealed by"), max_length=500, blank=True)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("The first day it no longer applies.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RuleSetStatus.choices, default=RuleSetStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["code", "effective_from", "id"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "code"], condition=Q(owner__isnull=False), name="policy_ruleset_code_per_owner"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(owner__isnull=True), name="policy_ruleset_code_unowned"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
                name="policy_ruleset_dates",
            ),
            models.CheckConstraint(
                condition=Q(is_template=False) | Q(owner__isnull=True), name="policy_ruleset_template_unowned"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_national(self) -> bool:
        return self.owner_id is None and not self.is_template

    @property
    def is_published(self) -> bool:
        return self.status == RuleSetStatus.PUBLISHED


class Rule(PublicModel, _Titled):
    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=30, choices=RuleKind.choices)
    code = models.SlugField(_("code"), max_length=80, help_text=_("Stays the same across versions."))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    params = models.JSONField(_("parameters"), default=dict)
    scope = models.JSONField(_("applies to"), default=dict, blank=True)
    citation_document = models.CharField(_("document"), max_length=300)
    citation_clause = models.CharField(_("clause"), max_length=60)
    citation_text = models.TextField(_("text of the clause"), blank=True)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["rule_set", "sort_order", "code", "version"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        indexes = [models.Index(fields=["rule_set", "kind", "effective_from"])]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "code", "version"], name="policy_rule_version_unique"),
            models.UniqueConstraint(
                fields=["rule_set", "code"],
                condition=Q(effective_to__isnull=True),
                name="policy_rule_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
                name="policy_rule_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def citation(self) -> str:
        return f"{self.citation_document} {self.citation_clause}".strip()
