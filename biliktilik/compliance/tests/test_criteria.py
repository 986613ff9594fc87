"""The criteria of ``policy.criteria`` are the only source of both compliance paths (CMP-01, POL-04)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from biliktilik.compliance.enums import CountReason
from biliktilik.compliance.selectors import evaluate_person, organisation_compliance
from biliktilik.ledger.enums import DeliveryMode, PDForm
from biliktilik.ledger.models import PDRecord
from biliktilik.org.enums import OrganisationKind
from biliktilik.policy import criteria
from biliktilik.policy.criteria import CRITERIA, Criterion, criteria_q, first_failed
from biliktilik.policy.services import rule_create, rule_set_create, rule_set_publish
from tests.factories import OrganisationFactory, UnitFactory

from .test_semantics import reasons, result

D = dt.date
FLAGS = {"counts": True, "needs_justification": False, "once_only": False}


def _own_rules(sysadmin: Any, forms: dict[str, Any], **params: Any) -> Any:
    """An organisation's own rule set whose one requirement applies every criterion."""
    uni = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, code="own")
    rs = rule_set_create(
        actor=sysadmin,
        owner=uni,
        code="own",
        title_kk="Өз ережелері",
        source_document="Own",
        effective_from=D(2020, 1, 1),
    )
    rule_create(
        actor=sysadmin,
        rule_set=rs,
        kind="periodic_requirement",
        code="own-all",
        title_kk="Барлық шарттар",
        params={
            "period_years": 3,
            "min_hours": 72,
            "in_profile_only": True,
            "management_only": True,
            "delivery_modes": [DeliveryMode.WITH_LEAVE],
            **params,
        },
        citation_document="OWN",
        citation_clause="1",
    )
    rule_create(
        actor=sysadmin,
        rule_set=rs,
        kind="counted_forms",
        code="own-forms",
        title_kk="Нысандар",
        params={"forms": forms},
        citation_document="OWN",
        citation_clause="2",
    )
    rule_set_publish(actor=sysadmin, rule_set=rs)
    return uni


def test_every_criterion_in_the_table_is_used_by_both_paths(campus: Any, sysadmin: Any, monkeypatch: Any) -> None:
    uni = _own_rules(
        sysadmin,
        {
            "course_short": FLAGS,
            "other": {**FLAGS, "needs_justification": True},
            "dissertation": {**FLAGS, "once_only": True},
        },
    )
    person = campus.hire(unit=UnitFactory(organisation=uni))
    campus.record(person, D(2024, 1, 10), 20, organisation=uni, delivery_mode=DeliveryMode.WITH_LEAVE)
    tested: set[str] = set()
    rendered: set[str] = set()
    real_test, real_sql = Criterion.test, Criterion.sql

    def spy_test(self: Criterion, record: Any, value: Any) -> bool:
        tested.add(self.code)
        return real_test(self, record, value)

    def spy_sql(self: Criterion, table: str, value: Any) -> Any:
        rendered.add(self.code)
        return real_sql(self, table, value)

    monkeypatch.setattr(Criterion, "test", spy_test)
    monkeypatch.setattr(Criterion, "sql", spy_sql)
    evaluate_person(person, D(2025, 1, 1))
    assert tested == {c.code for c in CRITERIA}, "the per-person path skips a criterion"
    assert not rendered
    organisation_compliance(uni, D(2025, 1, 1))
    assert rendered == {c.code for c in CRITERIA}, "the set-based path skips a criterion"


@pytest.mark.req("CMP-01")
@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.code for c in CRITERIA])
def test_a_record_failing_one_criterion_is_refused_by_both_paths_for_that_reason(
    campus: Any, sysadmin: Any, criterion: Criterion
) -> None:
    uni = _own_rules(sysadmin, {"course_short": FLAGS, "other": {**FLAGS, "needs_justification": True}})
    person = campus.hire(unit=UnitFactory(organisation=uni))
    good = {
        "organisation": uni,
        "form": PDForm.COURSE_SHORT,
        "delivery_mode": DeliveryMode.WITH_LEAVE,
        "in_profile": True,
        "management_topic": True,
    }
    breaks = {
        "counted_form": {"form": PDForm.MOOC},
        "justification": {"form": PDForm.OTHER, "justification_approved_by": None},
        "delivery_mode": {"delivery_mode": DeliveryMode.WITHOUT_LEAVE},
        "in_profile": {"in_profile": False},
        "management": {"management_topic": False},
    }
    assert set(breaks) == {c.code for c in CRITERIA}, "a new criterion needs its case here"
    campus.record(person, D(2024, 1, 10), 40, title="good", **good)
    campus.record(person, D(2024, 2, 10), 40, title="bad", **{**good, **breaks[criterion.code]})
    res = result(person, D(2025, 1, 1), "own-all")  # checks the set-based row too
    assert reasons(res.counted) == [("good", CountReason.HOURS)]
    assert reasons(res.not_counted) == [("bad", CountReason(criterion.reason))]
    assert res.amount_counted == Decimal(40)
    # and the Q of the table selects the same records as the per-person test
    judgement = res.requirement.judgement_for(D(2024, 2, 10))
    selected = set(PDRecord.objects.filter(criteria_q(judgement.rules), person=person).values_list("title", flat=True))
    in_memory = {r.title for r in PDRecord.objects.filter(person=person) if first_failed(judgement.rules, r) is None}
    assert selected == in_memory == {"good"}


@pytest.mark.req("POL-04")
def test_a_form_marked_not_counting_is_listed_and_not_counted_by_both_paths(campus: Any, sysadmin: Any) -> None:
    uni = _own_rules(
        sysadmin,
        {"course_short": FLAGS, "seminar": {"counts": False}},
        in_profile_only=False,
        management_only=False,
    )
    person = campus.hire(unit=UnitFactory(organisation=uni))
    for title, form in (("course", PDForm.COURSE_SHORT), ("seminar", PDForm.SEMINAR)):
        campus.record(person, D(2024, 1, 10), 40, title=title, form=form, organisation=uni, delivery_mode="with_leave")
    res = result(person, D(2025, 1, 1), "own-all")
    assert reasons(res.not_counted) == [("seminar", CountReason.FORM_NOT_COUNTED)]


def test_the_rule_words_come_from_the_criteria_table() -> None:
    from biliktilik.policy.evaluators import describe_params

    text = describe_params(
        "periodic_requirement", {"period_years": 3, "min_hours": 72, "in_profile_only": True, "management_only": True}
    )
    assert "in the profile of the disciplines taught" in text
    assert "management topic" in text
    assert criteria.describe_criteria(criteria.RecordRules(None, None, False, False)) == []
