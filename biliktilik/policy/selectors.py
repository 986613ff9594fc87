"""Reads of rule sets and rules: what a user may see, and which rules apply to an organisation.

Which rules apply to an organisation on a day (POL-01): the published rules in force that day
of the published rule sets owned by the organisation itself, by the authorities above it in the
authority tree, and of the national rule sets (no owner, not a template). When rules of several
owners share a code, the nearest owner wins: an organisation's own rule overrides its
authority's, which overrides a national one. Templates apply to nobody until adopted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from biliktilik.core.access import scope_of
from biliktilik.org.models import Organisation

from .enums import RuleKind, RuleSetStatus
from .evaluators import DEFAULT_DUE_SOON_MONTHS, classify_hours, deadline_date
from .evaluators.forms import FormFlags, forms_flags
from .models import Rule, RuleSet
from .permissions import organisations_user_manages


def ancestor_paths(path: str) -> list[str]:
    """The materialised paths of an organisation and of every authority above it."""
    step = Organisation.steplen
    return [path[: step * i] for i in range(1, len(path) // step + 1)]


def _owner_depth(rule_set: RuleSet) -> int:
    owner = rule_set.owner
    if owner is None:
        return 0
    return len(owner.path) // Organisation.steplen


@dataclass
class RuleContext:
    """Every published rule that may ever apply to one organisation, held in memory, so that
    the rules in force on any day are found without another query."""

    organisation: Organisation
    candidates: list[Rule] = field(default_factory=list)

    def in_force(self, day: dt.date, kind: str | None = None) -> list[Rule]:
        """The rules in force on ``day`` after overriding by code (the nearest owner wins)."""
        best: dict[str, Rule] = {}
        for rule in self.candidates:
            if kind is not None and rule.kind != kind:
                continue
            if not (rule.in_force(day) and rule.rule_set.in_force(day)):
                continue
            current = best.get(rule.code)
            if current is None or _rank(rule) > _rank(current):
                best[rule.code] = rule
        return sorted(best.values(), key=lambda r: (_owner_depth(r.rule_set), r.rule_set.code, r.sort_order, r.code))

    def versions(self, rule: Rule) -> list[Rule]:
        """Every version of ``rule`` in its rule set, oldest first."""
        return sorted(
            (r for r in self.candidates if r.rule_set_id == rule.rule_set_id and r.code == rule.code),
            key=lambda r: r.version,
        )

    def judging(self, rule: Rule, day: dt.date) -> Rule:
        """The version of ``rule`` that judges a record completed on ``day`` (``judging_version``)."""
        found = judging_version(self.versions(rule), day)
        assert found is not None  # noqa: S101 - ``rule`` itself is one of its versions
        return found

    def versions_of_kind(self, rule_set_id: int, kind: str) -> list[Rule]:
        return sorted(
            (r for r in self.candidates if r.rule_set_id == rule_set_id and r.kind == kind),
            key=lambda r: (r.effective_from, r.version),
        )

    def one(self, kind: str, day: dt.date) -> Rule | None:
        rules = self.in_force(day, kind)
        return rules[-1] if rules else None  # the nearest owner's, if several codes remain

    def due_soon_months(self, day: dt.date) -> int:
        rule = self.one(RuleKind.DUE_SOON_HORIZON, day)
        return int(rule.params["months"]) if rule else DEFAULT_DUE_SOON_MONTHS

    def duration_class(self, hours: Decimal, form: str, day: dt.date) -> tuple[Rule, dict[str, Any]] | None:
        """The duration class of a record of ``hours`` and ``form`` completed on ``day`` (POL-03),
        by the rules in force on that day (POL-07)."""
        for rule in reversed(self.in_force(day, RuleKind.DURATION_CLASSES)):
            entry = classify_hours(rule.params, hours, form)
            if entry is not None:
                return rule, entry
        return None

    def document_type(self, hours: Decimal, form: str, day: dt.date) -> tuple[Rule, dict[str, Any]] | None:
        """The document a programme of ``hours`` and ``form`` ends with (CRT-03)."""
        for rule in reversed(self.in_force(day, RuleKind.DOCUMENT_TYPE_BY_HOURS)):
            entry = classify_hours(rule.params, hours, form)
            if entry is not None:
                return rule, entry
        return None

    def pass_thresholds(self, day: dt.date) -> dict[str, Any]:
        """The course pass thresholds in force (POL-06), merged over the rules that give them,
        each value with the rule it comes from under ``rules``."""
        merged: dict[str, Any] = {"rules": {}}
        for rule in self.in_force(day, RuleKind.PASS_THRESHOLDS):
            for name, value in rule.params.items():
                merged[name] = value
                merged["rules"][name] = rule
        return merged

    def forms(self, day: dt.date) -> dict[str, FormFlags] | None:
        """How each form counts by the ``counted_forms`` rules in force on ``day`` (POL-04), merged
        with the nearest owner last; None when no such rule is in force (every form by its hours)."""
        merged: dict[str, FormFlags] | None = None
        for rule in self.in_force(day, RuleKind.COUNTED_FORMS):
            merged = {**(merged or {}), **(forms_flags(rule.params.get("forms")) or {})}
        return merged

    def justification_forms(self, day: dt.date) -> frozenset[str] | None:
        """The forms that count only with an approved justification on ``day``, by the rule data
        (KazNRTU-602 6.1 marks "other forms"); None when no forms rule is in force."""
        forms = self.forms(day)
        if forms is None:
            return None
        return frozenset(f for f, flags in forms.items() if flags.counts and flags.needs_justification)

    def deadline(self, code: str, anchor: dt.date, day: dt.date | None = None) -> tuple[Rule, dt.date] | None:
        """The deadline ``code`` (POL-05) counted from ``anchor`` by the rule in force on ``day``
        (default: ``anchor``)."""
        for rule in reversed(self.in_force(day or anchor, RuleKind.DEADLINE)):
            if rule.params.get("code") == code:
                return rule, deadline_date(rule.params, anchor)
        return None


def judging_version(versions: Sequence[Rule], day: dt.date, *, first_judges_earlier: bool = True) -> Rule | None:
    """Which version judges a record completed on ``day`` (POL-07): the one decision, used by the
    compliance engine (both of its paths) for a requirement's versions and for its rule set's
    ``counted_forms`` rules.

    ``versions``: the versions of one rule (or the rules of one kind in one rule set), oldest
    first. The answer is the latest one in force on ``day``. A day before the first version is
    judged by the first when ``first_judges_earlier`` (a periodic requirement: there is no
    earlier version to judge it by), else by none (forms: without a forms rule every form counts
    by its hours). A day after the last version ended is judged by the last version that had
    started (a periodic requirement is only asked about on days it is in force), or by none.
    """
    chosen: Rule | None = None
    started: Rule | None = None
    for version in sorted(versions, key=lambda v: (v.effective_from, v.version)):
        if version.effective_from <= day:
            started = version
            if version.in_force(day):
                chosen = version
    if chosen is not None:
        return chosen
    if first_judges_earlier:
        return started or (min(versions, key=lambda v: (v.effective_from, v.version)) if versions else None)
    return None


def _rank(rule: Rule) -> tuple[int, dt.date, int]:
    return (_owner_depth(rule.rule_set), rule.rule_set.effective_from, rule.rule_set_id)


def _candidates_q(paths: Iterable[str]) -> Q:
    return Q(rule_set__owner__path__in=sorted(set(paths))) | Q(
        rule_set__owner__isnull=True, rule_set__is_template=False
    )


def _published_rules() -> QuerySet[Rule]:
    return Rule.objects.filter(published_at__isnull=False, rule_set__status=RuleSetStatus.PUBLISHED).select_related(
        "rule_set", "rule_set__owner"
    )


def rule_context(organisation: Organisation) -> RuleContext:
    """The rules that may apply to ``organisation``, in one query."""
    return rule_contexts([organisation])[organisation.pk]


def rule_contexts(organisations: Iterable[Organisation]) -> dict[int, RuleContext]:
    """``rule_context`` for several organisations, in one query."""
    organisations = list(organisations)
    if not organisations:
        return {}
    paths = {org.pk: ancestor_paths(org.path) for org in organisations}
    rules = list(_published_rules().filter(_candidates_q(p for ps in paths.values() for p in ps)))
    contexts: dict[int, RuleContext] = {}
    for org in organisations:
        own = set(paths[org.pk])
        contexts[org.pk] = RuleContext(
            organisation=org,
            candidates=[r for r in rules if r.rule_set.owner is None or r.rule_set.owner.path in own],
        )
    return contexts


# --- what a user may see -----------------------------------------------------------------------


def rule_sets_visible_to(user: Any) -> QuerySet[RuleSet]:
    """National rule sets and templates; the rule sets of the organisations the user belongs to or
    sees, and of the authorities above them (SEC-01: an organisation's internal procedure is not
    shown to outsiders). Drafts only to those who may manage them."""
    scope = scope_of(user)
    qs = RuleSet.objects.select_related("owner")
    if scope.everything:
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    mine = scope.organisation_ids | scope.member_organisation_ids
    paths = Organisation.objects.filter(id__in=sorted(mine)).values_list("path", flat=True)
    ancestors = sorted({p for path in paths for p in ancestor_paths(path)})
    visible = Q(owner__isnull=True) | Q(owner__path__in=ancestors)
    managed = sorted(organisations_user_manages(user))
    return qs.filter(visible).filter(Q(status=RuleSetStatus.PUBLISHED) | Q(owner_id__in=managed))


def rule_set_list(user: Any) -> list[RuleSet]:
    """Visible rule sets, national first, then templates, then by owner, each with its rules."""
    rules = Rule.objects.order_by("sort_order", "code", "version")
    return list(
        rule_sets_visible_to(user)
        .prefetch_related(Prefetch("rules", queryset=rules))
        .order_by("is_template", "owner__path", "code")
    )


def rule_set_get(user: Any, *, public_id: Any) -> RuleSet | None:
    rules = Rule.objects.select_related("supersedes", "published_by").order_by("sort_order", "code", "version")
    return (
        rule_sets_visible_to(user)
        .filter(public_id=public_id)
        .select_related("template", "published_by")
        .prefetch_related(Prefetch("rules", queryset=rules), "adoptions__owner")
        .first()
    )


def rule_get(user: Any, *, public_id: Any) -> Rule | None:
    visible = rule_sets_visible_to(user).values("id")
    return (
        Rule.objects.filter(public_id=public_id, rule_set_id__in=visible)
        .select_related("rule_set", "rule_set__owner", "supersedes", "published_by")
        .first()
    )


def rule_versions(rule: Rule) -> list[Rule]:
    return list(
        Rule.objects.filter(rule_set_id=rule.rule_set_id, code=rule.code)
        .select_related("published_by")
        .order_by("version")
    )


def templates() -> QuerySet[RuleSet]:
    return RuleSet.objects.filter(owner__isnull=True, is_template=True).order_by("code")


def rules_by_code(rule_sets: Iterable[RuleSet]) -> dict[int, dict[str, list[Rule]]]:
    """For each rule set (with ``rules`` prefetched), its rules grouped by code, oldest version first."""
    out: dict[int, dict[str, list[Rule]]] = {}
    for rule_set in rule_sets:
        groups: dict[str, list[Rule]] = defaultdict(list)
        for rule in rule_set.rules.all():
            groups[rule.code].append(rule)
        out[rule_set.pk] = dict(groups)
    return out


def organisations_managed_by(user: Any) -> list[Organisation]:
    """Organisations whose rule sets ``user`` may manage (for the adoption form)."""
    from .permissions import can_manage_rules_of

    if scope_of(user).everything:
        return list(Organisation.objects.order_by("path"))
    candidates = Organisation.objects.filter(id__in=sorted(organisations_user_manages(user))).order_by("path")
    return [o for o in candidates if can_manage_rules_of(user, o)]
