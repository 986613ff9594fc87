"""Writes of rules: add and correct in a draft, publish a new version of a published rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.audit import audit_record, snapshot
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..enums import RuleKind
from ..evaluators import clean_params, clean_scope
from ..models import Rule, RuleSet
from ..permissions import can_manage_rule_set
from .common import _RULE_FIELDS, _check_text, _deny, _organisation_id


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
