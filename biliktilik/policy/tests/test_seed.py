"""The rule sets seeded from the five source documents (POL-01..07)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from biliktilik.policy.enums import RuleKind, RuleSetStatus
from biliktilik.policy.evaluators import classify_hours, deadline_date, periodic_params
from biliktilik.policy.evaluators.forms import FormFlags
from biliktilik.policy.models import Rule, RuleSet
from biliktilik.policy.seed import SEED, seed_rule_sets

pytestmark = pytest.mark.django_db


def rule(code: str) -> Rule:
    return Rule.objects.select_related("rule_set").get(code=code, rule_set__owner__isnull=True)


def test_the_data_migration_seeded_every_rule_set_and_seeding_again_creates_nothing() -> None:
    # given the migrated database
    # when seeding again
    created = seed_rule_sets()
    # then nothing new is created and all five sets are there, published
    assert created == 0
    assert sorted(RuleSet.objects.filter(owner__isnull=True).values_list("code", flat=True)) == [
        "kafu-2025",
        "kaznrtu-602",
        "moes-1211",
        "preschool-rules",
        "skma-464",
    ]
    assert set(RuleSet.objects.values_list("status", flat=True)) == {RuleSetStatus.PUBLISHED}
    assert Rule.objects.filter(rule_set__owner__isnull=True).count() == sum(len(s["rules"]) for s in SEED)


def test_a_deleted_seed_rule_is_recreated_and_the_others_are_left_alone() -> None:
    # given one seeded rule removed
    Rule.objects.filter(code="skma-464-evidence").delete()
    # when seeding again
    created = seed_rule_sets()
    # then exactly that rule comes back
    assert created == 1
    assert rule("skma-464-evidence").citation == "SKMA-464 7.2, 7.14"


@pytest.mark.req("POL-01")
def test_every_seeded_rule_cites_its_document_and_clause() -> None:
    rules = Rule.objects.filter(rule_set__owner__isnull=True)
    assert rules.count() > 0
    for r in rules:
        assert r.citation_document in {"SKMA-464", "KazNRTU-602", "KAFU-2025", "PRESCHOOL-RULES", "MOES-1211"}
        assert r.citation_clause
        assert r.citation_text


@pytest.mark.req("POL-02")
@pytest.mark.parametrize(
    ("code", "clause", "scope", "hours", "activities", "years", "in_profile", "management"),
    [
        pytest.param("skma-464-every-employee", "3.4", {}, None, 1, 3, False, False, id="skma-3.4-everyone"),
        pytest.param(
            "skma-464-faculty-72h", "4.3", {"categories": ["faculty"]}, 72, None, 3, True, False, id="skma-4.3-faculty"
        ),
        pytest.param(
            "skma-464-college-faculty-36h",
            "4.4",
            {"categories": ["college_faculty"]},
            36,
            None,
            3,
            True,
            False,
            id="skma-4.4-college",
        ),
        pytest.param(
            "skma-464-management",
            "4.5",
            {"categories": ["admin"], "head_or_deputy": True},
            None,
            1,
            3,
            False,
            True,
            id="skma-4.5-heads",
        ),
        pytest.param("moes-1211-every-5-years", "10.1", {}, None, 1, 5, False, False, id="moes-10.1"),
    ],
)
def test_seeded_periodic_requirements_carry_the_numbers_of_their_clause(
    code: str,
    clause: str,
    scope: dict,
    hours: int | None,
    activities: int | None,
    years: int,
    in_profile: bool,
    management: bool,
) -> None:
    r = rule(code)
    p = periodic_params(r.params)
    assert r.kind == RuleKind.PERIODIC_REQUIREMENT
    assert r.citation_clause == clause
    assert r.scope == scope
    assert p.min_hours == (Decimal(hours) if hours is not None else None)
    assert p.min_activities == activities
    assert p.period_years == years
    assert p.in_profile_only is in_profile
    assert p.management_only is management


@pytest.mark.req("POL-02")
def test_moes_requirement_counts_only_courses_with_leave_from_work() -> None:
    p = periodic_params(rule("moes-1211-every-5-years").params)
    assert p.delivery_modes == frozenset({"with_leave", "abroad_with_leave"})
    assert p.forms == {"course_short": FormFlags(), "course_long": FormFlags()}


@pytest.mark.req("POL-03")
@pytest.mark.parametrize(
    ("code", "hours", "form", "expected"),
    [
        pytest.param("kafu-2025-duration-classes", "35.9", "training", "master_class_training", id="kafu-35.9"),
        pytest.param("kafu-2025-duration-classes", "36", "course_short", "short", id="kafu-36"),
        pytest.param("kafu-2025-duration-classes", "108", "course_short", "short", id="kafu-108"),
        pytest.param("kafu-2025-duration-classes", "108.5", "course_long", "long", id="kafu-108.5"),
        pytest.param("preschool-duration-classes", "72", "course_short", "short", id="preschool-72"),
        pytest.param("preschool-duration-classes", "20", "course_short", None, id="preschool-20-no-class"),
        pytest.param("moes-1211-duration-classes", "72", "course_short", "short", id="moes-72"),
        pytest.param("moes-1211-duration-classes", "100", "course_short", "medium", id="moes-100"),
        pytest.param("moes-1211-duration-classes", "109", "course_long", "long", id="moes-109"),
        pytest.param("moes-1211-retraining", "280", "retraining", "retraining", id="moes-retraining-280"),
        pytest.param("moes-1211-retraining", "279", "retraining", None, id="moes-retraining-279"),
        pytest.param("moes-1211-second-higher", "1440", "second_higher", "second_higher", id="moes-second-1440"),
    ],
)
def test_seeded_duration_classes(code: str, hours: str, form: str, expected: str | None) -> None:
    entry = classify_hours(rule(code).params, Decimal(hours), form)
    assert (entry["code"] if entry else None) == expected


@pytest.mark.req("CRT-03")
@pytest.mark.parametrize(
    ("hours", "form", "expected"),
    [
        pytest.param("72", "course_short", "certificate", id="course-72-certificate"),
        pytest.param("300", "retraining", "kualik", id="retraining-300-kualik"),
        pytest.param("1500", "second_higher", "diploma", id="second-higher-1500-diploma"),
        pytest.param("100", "course_long", None, id="course-100-none"),
    ],
)
def test_moes_document_type_by_hours(hours: str, form: str, expected: str | None) -> None:
    entry = classify_hours(rule("moes-1211-documents").params, Decimal(hours), form)
    assert (entry["document"] if entry else None) == expected


@pytest.mark.req("POL-05")
@pytest.mark.parametrize(
    ("code", "anchor", "expected"),
    [
        pytest.param("skma-464-application", dt.date(2025, 3, 21), dt.date(2025, 3, 1), id="skma-7.1-20-days-before"),
        pytest.param("skma-464-evidence", dt.date(2025, 3, 28), dt.date(2025, 4, 2), id="skma-7.2-5-days-after"),
        pytest.param("skma-464-organisation-plan", dt.date(2025, 5, 5), dt.date(2025, 12, 1), id="skma-5.5-1-dec"),
        pytest.param("kaznrtu-602-course-report", dt.date(2025, 1, 31), dt.date(2025, 2, 28), id="kaznrtu-11.3"),
        pytest.param("kaznrtu-602-data-to-hr", dt.date(2025, 1, 15), dt.date(2025, 4, 15), id="kaznrtu-8.2"),
        # Friday 28.02.2025 + 5 working days: 3, 4, 5, 6, 7 March (8 March is a Saturday holiday).
        pytest.param("preschool-nedb", dt.date(2025, 2, 28), dt.date(2025, 3, 7), id="preschool-18-nedb"),
        pytest.param(
            "preschool-accreditation-forward", dt.date(2025, 9, 15), dt.date(2025, 9, 22), id="preschool-7-forward"
        ),
        # Monday 02.06.2025 + 5 working days skips Friday 6 June (Kurban ait): 3, 4, 5, 9, 10 June.
        pytest.param(
            "preschool-accreditation-forward", dt.date(2025, 6, 2), dt.date(2025, 6, 10), id="preschool-7-holiday"
        ),
        pytest.param(
            "preschool-accreditation-review", dt.date(2025, 9, 22), dt.date(2025, 10, 6), id="preschool-7-review"
        ),
        pytest.param("preschool-course-list", dt.date(2025, 10, 31), dt.date(2025, 8, 31), id="preschool-13"),
        pytest.param("preschool-district-plan", dt.date(2025, 1, 1), dt.date(2025, 7, 1), id="preschool-11"),
    ],
)
def test_seeded_deadlines(code: str, anchor: dt.date, expected: dt.date) -> None:
    assert deadline_date(rule(code).params, anchor) == expected


@pytest.mark.req("POL-06")
def test_preschool_pass_thresholds_cite_their_clauses() -> None:
    assert rule("preschool-pass").params == {"attendance_pct": 80, "final_test_pct": 50}
    assert rule("preschool-pass").citation_clause == "23"
    assert rule("preschool-reassessment").params == {"reassessment_per_year": 1}
    assert rule("preschool-reassessment").citation_clause == "27"
    assert rule("preschool-certificate-validity").params == {"certificate_valid_years": 3}
    assert rule("preschool-certificate-validity").citation_clause == "29"


@pytest.mark.req("POL-04")
def test_kaznrtu_forms_count_a_dissertation_once_and_other_forms_with_a_justification() -> None:
    forms = rule("kaznrtu-602-forms").params["forms"]
    assert forms["dissertation"] == {"counts": True, "needs_justification": False, "once_only": True}
    assert forms["other"] == {"counts": True, "needs_justification": True, "once_only": False}
    assert forms["conference"] == {"counts": True, "needs_justification": False, "once_only": False}


@pytest.mark.req("POL-07")
def test_moes_1211_is_national_in_force_from_registration_until_the_repeal() -> None:
    moes = RuleSet.objects.get(code="moes-1211", owner__isnull=True)
    assert moes.is_national
    assert moes.effective_from == dt.date(2001, 2, 27)
    assert moes.effective_to == dt.date(2013, 9, 11)
    assert "No. 370" in moes.repeal_citation
    assert "11.09.2013" in moes.repeal_citation
    assert moes.in_force(dt.date(2013, 9, 10))
    assert not moes.in_force(dt.date(2013, 9, 11))


def test_the_other_four_sets_are_templates() -> None:
    assert set(RuleSet.objects.filter(is_template=True).values_list("code", flat=True)) == {
        "skma-464",
        "kaznrtu-602",
        "kafu-2025",
        "preschool-rules",
    }
