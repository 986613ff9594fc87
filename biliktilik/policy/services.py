"""Writes to rule sets and rules. Each one validates first, is atomic, and is audited.

A rule set is written as a draft (rules may be added and corrected), then published. A
published rule is never edited: ``rule_publish_new_version`` closes it and opens its successor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Organisation

from .enums import RuleKind, RuleSetStatus
from .evaluators import clean_params, clean_scope
from .models import Rule, RuleSet
from .permissions import can_manage_rule_set, can_manage_rules_of

_SET_FIELDS = [
    "owner",
    "is_template",
    "code",
    "title_kk",
    "title_ru",
    "title_en",
    "source_document",
    "source_citation",
    "repeal_citation",
    "effective_from",
    "effective_to",
    "status",
]
_RULE_FIELDS = [
    "rule_set",
    "kind",
    "code",
    "version",
    "title_kk",
    "title_ru",
    "title_en",
    "params",
    "scope",
    "citation_document",
    "citation_clause",
    "citation_text",
    "effective_from",
    "effective_to",
    "supersedes",
]


def _deny() -> ApplicationError:
    return ApplicationError(_("You may not change these rules."), code=ErrorCode.PERMISSION_DENIED)


def _check_dates(effective_from: Any, effective_to: Any) -> None:
    if not isinstance(effective_from, dt.date):
        raise ApplicationError(_("Give the date it comes into force."), field="effective_from")
    if effective_to is not None and (not isinstance(effective_to, dt.date) or effective_to <= effective_from):
        raise ApplicationError(_("It must end after it comes into force."), field="effective_to")


def _check_text(name: str, value: str, *, required: bool, max_length: int) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(_("This field is required."), field=name)
    if len(value) > max_length:
        raise ApplicationError(
            _("At most %(n)s characters.") % {"n": max_length},
            field=name,
        )
    return value


def _organisation_id(rule_set: RuleSet) -> int | None:
    return rule_set.owner_id


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


def _clean_rule(
    *,
    rule_set: RuleSet,
    kind: str,
    code: str,
    title_kk: str,
    params: Any,
    scope: Any,
    citation_document: str,
    citation_clause: str,
    effective_from: dt.date | None,
) -> dict[str, Any]:
    if kind not in RuleKind.values:
        raise ApplicationError(_("Unknown kind of rule."), field="kind")
    code = _check_text("code", code, required=True, max_length=80)
    title_kk = _check_text("title_kk", title_kk, required=True, max_length=300)
    document = _check_text("citation_document", citation_document, required=True, max_length=300)
    clause = _check_text("citation_clause", citation_clause, required=True, max_length=60)
    effective_from = effective_from or rule_set.effective_from
    if effective_from < rule_set.effective_from or (
        rule_set.effective_to is not None and effective_from >= rule_set.effective_to
    ):
        raise ApplicationError(_("A rule comes into force while its rule set is in force."), field="effective_from")
    return {
        "kind": kind,
        "code": code,
        "title_kk": title_kk,
        "params": clean_params(kind, params),
        "scope": clean_scope(kind, scope),
        "citation_document": document,
        "citation_clause": clause,
        "effective_from": effective_from,
    }


@transaction.atomic
def rule_create(
    *,
    actor: Any,
    rule_set: RuleSet,
    kind: str,
    code: str,
    title_kk: str,
    params: Any,
    citation_document: str,
    citation_clause: str,
    scope: Any = None,
    title_ru: str = "",
    title_en: str = "",
    citation_text: str = "",
    effective_from: dt.date | None = None,
    sort_order: int = 0,
) -> Rule:
    """Add a rule to a draft rule set. A broken rule is refused with the parameter at fault."""
    if not can_manage_rule_set(actor, rule_set):
        raise _deny()
    if rule_set.is_published:
        raise ApplicationError(
            _("The rule set is published: publish a new version of a rule instead."), code=ErrorCode.INVALID_STATE
        )
    values = _clean_rule(
        rule_set=rule_set,
        kind=kind,
        code=code,
        title_kk=title_kk,
        params=params,
        scope=scope,
        citation_document=citation_document,
        citation_clause=citation_clause,
        effective_from=effective_from,
    )
    if Rule.objects.filter(rule_set=rule_set, code=values["code"]).exists():
        raise ApplicationError(
            _("The code “%(code)s” is already used.") % {"code": values["code"]},
            code=ErrorCode.DUPLICATE,
            field="code",
        )
    rule = Rule.objects.create(
        rule_set=rule_set,
        version=1,
        title_ru=_check_text("title_ru", title_ru, required=False, max_length=300),
        title_en=_check_text("title_en", title_en, required=False, max_length=300),
        citation_text=(citation_text or "").strip(),
        sort_order=sort_order,
        **values,
    )
    audit_record(
        actor=actor,
        action="rule.create",
        obj=rule,
        changes={k: (None, v) for k, v in snapshot(rule, _RULE_FIELDS).items()},
        organisation_id=_organisation_id(rule_set),
    )
    return rule


@transaction.atomic
def rule_update(*, actor: Any, rule: Rule, **data: Any) -> Rule:
    """Correct a rule of a draft rule set. Published rules are never edited."""
    rule = Rule.objects.select_for_update(of=("self",)).select_related("rule_set", "rule_set__owner").get(pk=rule.pk)
    if not can_manage_rule_set(actor, rule.rule_set):
        raise _deny()
    if rule.is_published:
        raise ApplicationError(
            _("A published rule is never edited: publish a new version instead."), code=ErrorCode.INVALID_STATE
        )
    allowed = {
        "title_kk",
        "title_ru",
        "title_en",
        "params",
        "scope",
        "citation_document",
        "citation_clause",
        "citation_text",
        "effective_from",
        "sort_order",
    }
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ApplicationError(_("These fields cannot be changed here: %(f)s.") % {"f": ", ".join(unknown)})
    merged = {name: data.get(name, getattr(rule, name)) for name in allowed}
    values = _clean_rule(
        rule_set=rule.rule_set,
        kind=rule.kind,
        code=rule.code,
        title_kk=merged["title_kk"],
        params=merged["params"],
        scope=merged["scope"],
        citation_document=merged["citation_document"],
        citation_clause=merged["citation_clause"],
        effective_from=merged["effective_from"],
    )
    values.update(
        title_ru=_check_text("title_ru", merged["title_ru"], required=False, max_length=300),
        title_en=_check_text("title_en", merged["title_en"], required=False, max_length=300),
        citation_text=(merged["citation_text"] or "").strip(),
        sort_order=merged["sort_order"],
    )
    before = snapshot(rule, list(values))
    for name, value in values.items():
        setattr(rule, name, value)
    after = snapshot(rule, list(values))
    changes = {k: (before[k], after[k]) for k in values if before[k] != after[k]}
    if not changes:
        return rule
    rule.save(update_fields=[*changes, "updated_at"])
    audit_record(actor=actor, action="rule.update", obj=rule, changes=changes, organisation_id=rule.rule_set.owner_id)
    return rule


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
def rule_publish_new_version(
    *,
    actor: Any,
    rule: Rule,
    effective_from: dt.date,
    params: Any = None,
    scope: Any = None,
    title_kk: str | None = None,
    title_ru: str | None = None,
    title_en: str | None = None,
    citation_document: str | None = None,
    citation_clause: str | None = None,
    citation_text: str | None = None,
) -> Rule:
    """Close the published ``rule`` on ``effective_from`` and open its next version from that day.

    Parameters left out are carried over. Records completed before ``effective_from`` keep
    being judged by the old version (POL-07).
    """
    rule = Rule.objects.select_for_update(of=("self",)).select_related("rule_set", "rule_set__owner").get(pk=rule.pk)
    rule_set = rule.rule_set
    if not can_manage_rule_set(actor, rule_set):
        raise _deny()
    if not rule.is_published:
        raise ApplicationError(
            _("This rule is a draft: correct it instead of publishing a new version."), code=ErrorCode.INVALID_STATE
        )
    if rule.effective_to is not None:
        raise ApplicationError(
            _("This version is already closed; publish a new version of the latest one."),
            code=ErrorCode.INVALID_STATE,
        )
    if not isinstance(effective_from, dt.date) or effective_from <= rule.effective_from:
        raise ApplicationError(
            _("The new version must come into force after the current one (%(date)s).")
            % {"date": rule.effective_from.strftime("%d.%m.%Y")},
            field="effective_from",
        )
    values = _clean_rule(
        rule_set=rule_set,
        kind=rule.kind,
        code=rule.code,
        title_kk=title_kk if title_kk is not None else rule.title_kk,
        params=params if params is not None else rule.params,
        scope=scope if scope is not None else rule.scope,
        citation_document=citation_document if citation_document is not None else rule.citation_document,
        citation_clause=citation_clause if citation_clause is not None else rule.citation_clause,
        effective_from=effective_from,
    )
    same = (
        values["params"] == rule.params
        and values["scope"] == rule.scope
        and values["title_kk"] == rule.title_kk
        and values["citation_document"] == rule.citation_document
        and values["citation_clause"] == rule.citation_clause
        and (title_ru is None or title_ru == rule.title_ru)
        and (title_en is None or title_en == rule.title_en)
        and (citation_text is None or citation_text == rule.citation_text)
    )
    if same:
        raise ApplicationError(_("Nothing changed: the new version would repeat the current one."), field="params")
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    rule.effective_to = effective_from
    rule.save(update_fields=["effective_to", "updated_at"])
    new = Rule.objects.create(
        rule_set=rule_set,
        version=rule.version + 1,
        title_ru=rule.title_ru if title_ru is None else title_ru.strip(),
        title_en=rule.title_en if title_en is None else title_en.strip(),
        citation_text=rule.citation_text if citation_text is None else citation_text.strip(),
        supersedes=rule,
        published_at=now,
        published_by=user,
        sort_order=rule.sort_order,
        **values,
    )
    audit_record(
        actor=actor,
        action="rule.close",
        obj=rule,
        changes={"effective_to": (None, effective_from)},
        organisation_id=rule_set.owner_id,
    )
    before = snapshot(rule, _RULE_FIELDS)
    after = snapshot(new, _RULE_FIELDS)
    audit_record(
        actor=actor,
        action="rule.publish_version",
        obj=new,
        changes={k: (before[k], after[k]) for k in _RULE_FIELDS if before[k] != after[k]},
        organisation_id=rule_set.owner_id,
    )
    return new


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
