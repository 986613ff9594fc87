"""Writes of rule sets: create a draft, publish, close (repeal), adopt a template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation

from ..enums import RuleSetStatus
from ..models import Rule, RuleSet
from ..permissions import can_manage_rule_set, can_manage_rules_of
from .common import _SET_FIELDS, _check_dates, _check_text, _deny, _organisation_id


@transaction.atomic
def rule_set_create(
    *,
    actor: Any,
    owner: Organisation | None,
    code: str,
    title_kk: str,
    source_document: str,
    effective_from: dt.date,
    title_ru: str = "",
    title_en: str = "",
    source_citation: str = "",
    effective_to: dt.date | None = None,
    is_template: bool = False,
) -> RuleSet:
    """A new draft rule set of ``owner`` (``None``: national, or a template when ``is_template``)."""
    if not can_manage_rules_of(actor, owner):
        raise _deny()
    if is_template and owner is not None:
        raise ApplicationError(_("A template belongs to no organisation."), field="owner")
    code = _check_text("code", code, required=True, max_length=60)
    title_kk = _check_text("title_kk", title_kk, required=True, max_length=300)
    source_document = _check_text("source_document", source_document, required=True, max_length=500)
    _check_dates(effective_from, effective_to)
    if RuleSet.objects.filter(owner=owner, code=code).exists():
        raise ApplicationError(
            _("The code “%(code)s” is already used.") % {"code": code}, code=ErrorCode.DUPLICATE, field="code"
        )
    rule_set = RuleSet.objects.create(
        owner=owner,
        is_template=is_template,
        code=code,
        title_kk=title_kk,
        title_ru=_check_text("title_ru", title_ru, required=False, max_length=300),
        title_en=_check_text("title_en", title_en, required=False, max_length=300),
        source_document=source_document,
        source_citation=_check_text("source_citation", source_citation, required=False, max_length=500),
        effective_from=effective_from,
        effective_to=effective_to,
        status=RuleSetStatus.DRAFT,
    )
    audit_record(
        actor=actor,
        action="rule_set.create",
        obj=rule_set,
        changes={k: (None, v) for k, v in snapshot(rule_set, _SET_FIELDS).items()},
        organisation_id=_organisation_id(rule_set),
    )
    return rule_set


@transaction.atomic
def rule_set_publish(*, actor: Any, rule_set: RuleSet) -> RuleSet:
    """Publish a draft rule set and every rule in it; from now on rules change only by new versions."""
    rule_set = RuleSet.objects.select_for_update(of=("self",)).select_related("owner").get(pk=rule_set.pk)
    if not can_manage_rule_set(actor, rule_set):
        raise _deny()
    if rule_set.is_published:
        raise ApplicationError(_("The rule set is already published."), code=ErrorCode.INVALID_STATE)
    if not rule_set.rules.exists():
        raise ApplicationError(_("A rule set without rules cannot be published."), field="rules")
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    rule_set.rules.filter(published_at__isnull=True).update(published_at=now, published_by=user, updated_at=now)
    rule_set.status = RuleSetStatus.PUBLISHED
    rule_set.published_at = now
    rule_set.published_by = user
    rule_set.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_record(
        actor=actor,
        action="rule_set.publish",
        obj=rule_set,
        changes={"status": (RuleSetStatus.DRAFT, RuleSetStatus.PUBLISHED)},
        organisation_id=rule_set.owner_id,
    )
    return rule_set


@transaction.atomic
def rule_set_close(*, actor: Any, rule_set: RuleSet, effective_to: dt.date, repeal_citation: str = "") -> RuleSet:
    """End a rule set (e.g. the document was repealed): from ``effective_to`` it applies no more."""
    rule_set = RuleSet.objects.select_for_update(of=("self",)).select_related("owner").get(pk=rule_set.pk)
    if not can_manage_rule_set(actor, rule_set):
        raise _deny()
    if rule_set.effective_to is not None:
        raise ApplicationError(_("The rule set is already closed."), code=ErrorCode.INVALID_STATE)
    _check_dates(rule_set.effective_from, effective_to)
    citation = _check_text("repeal_citation", repeal_citation, required=False, max_length=500)
    rule_set.effective_to = effective_to
    rule_set.repeal_citation = citation
    rule_set.save(update_fields=["effective_to", "repeal_citation", "updated_at"])
    audit_record(
        actor=actor,
        action="rule_set.close",
        obj=rule_set,
        changes={"effective_to": (None, effective_to), "repeal_citation": ("", citation)},
        organisation_id=rule_set.owner_id,
    )
    return rule_set


@transaction.atomic
def rule_set_adopt(
    *,
    actor: Any,
    organisation: Organisation,
    template_code: str,
    effective_from: dt.date | None = None,
) -> RuleSet:
    """Copy the template ``template_code`` to ``organisation`` as its own published rule set.

    The copy keeps the template's codes, citations and the versions in force from
    ``effective_from`` (default: the template's own date), so the organisation can later publish
    its own versions. Organisations below an authority inherit what the authority adopts.
    """
    if not can_manage_rules_of(actor, organisation):
        raise _deny()
    template = RuleSet.objects.filter(owner__isnull=True, is_template=True, code=template_code).first()
    if template is None:
        raise ApplicationError(
            _("There is no template “%(code)s”.") % {"code": template_code},
            code=ErrorCode.NOT_FOUND,
            field="template_code",
        )
    if RuleSet.objects.filter(owner=organisation, code=template.code).exists():
        raise ApplicationError(
            _("“%(org)s” has already adopted “%(code)s”.") % {"org": organisation, "code": template.code},
            code=ErrorCode.DUPLICATE,
            field="template_code",
        )
    start = effective_from or template.effective_from
    _check_dates(start, template.effective_to)
    if start < template.effective_from:
        raise ApplicationError(
            _("The template is in force from %(date)s.") % {"date": template.effective_from.strftime("%d.%m.%Y")},
            field="effective_from",
        )
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    copy = RuleSet.objects.create(
        owner=organisation,
        is_template=False,
        template=template,
        code=template.code,
        title_kk=template.title_kk,
        title_ru=template.title_ru,
        title_en=template.title_en,
        source_document=template.source_document,
        source_citation=template.source_citation,
        repeal_citation=template.repeal_citation,
        effective_from=start,
        effective_to=template.effective_to,
        status=RuleSetStatus.PUBLISHED,
        published_at=now,
        published_by=user,
    )
    # The template's versions in force on ``start`` or later, each starting no earlier than ``start``.
    rules = [
        r
        for r in template.rules.filter(published_at__isnull=False).order_by("code", "version")
        if r.effective_to is None or r.effective_to > start
    ]
    copies: dict[int, Rule] = {}
    for r in rules:
        copies[r.pk] = Rule.objects.create(
            rule_set=copy,
            kind=r.kind,
            code=r.code,
            version=r.version,
            title_kk=r.title_kk,
            title_ru=r.title_ru,
            title_en=r.title_en,
            params=r.params,
            scope=r.scope,
            citation_document=r.citation_document,
            citation_clause=r.citation_clause,
            citation_text=r.citation_text,
            effective_from=max(r.effective_from, start),
            effective_to=r.effective_to,
            supersedes=copies.get(r.supersedes_id) if r.supersedes_id else None,
            published_at=now,
            published_by=user,
            sort_order=r.sort_order,
        )
    audit_record(
        actor=actor,
        action="rule_set.adopt",
        obj=copy,
        changes={"template": (None, template.code), "effective_from": (None, start), "rules": (None, len(rules))},
        organisation_id=organisation.pk,
    )
    return copy
