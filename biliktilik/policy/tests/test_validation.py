"""A broken rule cannot be saved: each fault is named by its parameter, in the active language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from biliktilik.core.errors import ApplicationError
from biliktilik.policy.evaluators import (
    EmploymentFacts,
    clean_params,
    clean_scope,
    scope_matches,
    scope_q,
)
from biliktilik.policy.models import Rule
from biliktilik.policy.services import rule_create, rule_set_create

GOOD_PERIODIC = {"period_years": 3, "min_hours": 72}


def error_of(kind: str, params: Any) -> ApplicationError:
    with pytest.raises(ApplicationError) as info:
        clean_params(kind, params)
    return info.value


@pytest.mark.parametrize(
    ("kind", "params", "field"),
    [
        pytest.param("periodic_requirement", {"min_hours": 72}, "params.period_years", id="periodic-no-period"),
        pytest.param(
            "periodic_requirement", {"period_years": 0, "min_hours": 72}, "params.period_years", id="period-0"
        ),
        pytest.param("periodic_requirement", {"period_years": 3}, "params.min_hours", id="periodic-no-amount"),
        pytest.param(
            "periodic_requirement",
            {"period_years": 3, "min_hours": 72, "min_activities": 1},
            "params.min_activities",
            id="periodic-both-amounts",
        ),
        pytest.param(
            "periodic_requirement", {"period_years": 3, "min_hours": -1}, "params.min_hours", id="negative-hours"
        ),
        pytest.param(
            "periodic_requirement", {"period_years": 3, "min_hours": "72.25"}, "params.min_hours", id="two-decimals"
        ),
        pytest.param(
            "periodic_requirement",
            {"period_years": 3, "min_hours": 72, "forms": {"poetry": "hours"}},
            "params.forms",
            id="unknown-form",
        ),
        pytest.param(
            "periodic_requirement",
            {"period_years": 3, "min_hours": 72, "forms": {"seminar": "twice"}},
            "params.forms.seminar",
            id="unknown-counting",
        ),
        pytest.param(
            "periodic_requirement",
            {"period_years": 3, "min_hours": 72, "delivery_modes": ["by_pigeon"]},
            "params.delivery_modes",
            id="unknown-mode",
        ),
        pytest.param(
            "periodic_requirement",
            {"period_years": 3, "min_hours": 72, "colour": "red"},
            "params.colour",
            id="extra-key",
        ),
        pytest.param(
            "periodic_requirement",
            {"period_years": 3, "min_hours": 72, "in_profile_only": "yes"},
            "params.in_profile_only",
            id="not-a-bool",
        ),
        pytest.param("duration_classes", {"classes": []}, "params.classes", id="classes-empty"),
        pytest.param(
            "duration_classes",
            {"classes": [{"code": "short", "min_hours": 36, "max_hours": 108}, {"code": "long", "min_hours": 108}]},
            "params.classes",
            id="classes-overlap-at-108",
        ),
        pytest.param(
            "duration_classes",
            {"classes": [{"code": "short", "min_hours": 108, "max_hours": 36}]},
            "params.classes.0.max_hours",
            id="class-upside-down",
        ),
        pytest.param(
            "duration_classes",
            {"classes": [{"code": "Short!", "min_hours": 1}]},
            "params.classes.0.code",
            id="bad-code",
        ),
        pytest.param(
            "document_type_by_hours",
            {"documents": [{"document": "scroll", "max_hours": 72}]},
            "params.documents.0.document",
            id="unknown-document",
        ),
        pytest.param(
            "deadline",
            {"code": "x", "relative_to": "course_end", "amount": 5, "unit": "fortnights"},
            "params.unit",
            id="deadline-unit",
        ),
        pytest.param("deadline", {"code": "x", "relative_to": "moon"}, "params.relative_to", id="deadline-anchor"),
        pytest.param(
            "deadline",
            {"code": "x", "relative_to": "annual_date", "month": 2, "day": 30},
            "params.day",
            id="deadline-30-feb",
        ),
        pytest.param(
            "deadline",
            {"code": "x", "relative_to": "previous_submission", "amount": 0, "unit": "months"},
            "params.amount",
            id="recurring-zero",
        ),
        pytest.param("pass_thresholds", {}, "params.attendance_pct", id="thresholds-empty"),
        pytest.param("pass_thresholds", {"attendance_pct": 120}, "params.attendance_pct", id="attendance-120"),
        pytest.param("due_soon_horizon", {"months": 40}, "params.months", id="horizon-40"),
        pytest.param("counted_forms", {"forms": {}}, "params.forms", id="forms-empty"),
        pytest.param("delivery_modes", {"modes": ["blended", "blended"]}, "params.modes", id="modes-repeated"),
    ],
)
def test_broken_parameters_are_refused_with_the_parameter_named(kind: str, params: Any, field: str) -> None:
    err = error_of(kind, params)
    assert err.field == field
    assert field in err.extra["errors"]


def test_error_messages_are_plain_english_msgids() -> None:
    with translation.override("en"):
        english = error_of("periodic_requirement", {"min_hours": 72}).message
    assert english == "This value is required."


def test_valid_parameters_are_normalised() -> None:
    assert clean_params("periodic_requirement", {"period_years": 3, "min_hours": "72.0"}) == {
        "period_years": 3,
        "min_hours": 72,
        "in_profile_only": False,
        "management_only": False,
        "hire_grace": True,
    }
    assert clean_params("due_soon_horizon", {"months": 6}) == {"months": 6}


@pytest.mark.parametrize(
    ("scope", "field"),
    [
        pytest.param({"categories": ["wizards"]}, "scope.categories", id="unknown-category"),
        pytest.param({"salary": 1}, "scope.salary", id="not-whitelisted"),
        pytest.param({"head_or_deputy": False}, "scope.head_or_deputy", id="head-or-deputy-false"),
        pytest.param({"organisation_kinds": ["bank"]}, "scope.organisation_kinds", id="unknown-org-kind"),
        pytest.param({"position_codes": []}, "scope.position_codes", id="empty-positions"),
    ],
)
def test_a_scope_outside_the_whitelist_is_refused(scope: dict, field: str) -> None:
    with pytest.raises(ApplicationError) as info:
        clean_scope("periodic_requirement", scope)
    assert info.value.field == field


def test_only_periodic_requirements_have_a_scope() -> None:
    with pytest.raises(ApplicationError) as info:
        clean_scope("deadline", {"categories": ["faculty"]})
    assert info.value.field == "scope.categories"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("scope", "facts", "expected"),
    [
        pytest.param({}, ("admin", "x", False, False, "college"), True, id="everyone"),
        pytest.param({"categories": ["faculty"]}, ("faculty", "x", False, False, "university"), True, id="faculty-in"),
        pytest.param({"categories": ["faculty"]}, ("admin", "x", False, False, "university"), False, id="admin-out"),
        pytest.param({"head_or_deputy": True}, ("admin", "x", True, False, "university"), True, id="head"),
        pytest.param({"head_or_deputy": True}, ("admin", "x", False, True, "university"), True, id="deputy"),
        pytest.param({"head_or_deputy": True}, ("admin", "x", False, False, "university"), False, id="neither"),
        pytest.param({"is_head": False}, ("admin", "x", True, False, "university"), False, id="not-head"),
        pytest.param({"position_codes": ["x"]}, ("admin", "x", False, False, "university"), True, id="position"),
        pytest.param({"organisation_kinds": ["college"]}, ("admin", "x", False, False, "university"), False, id="kind"),
    ],
)
def test_scope_compiles_to_a_filter_that_agrees_with_the_in_memory_test(
    scope: dict, facts: tuple, expected: bool
) -> None:
    from biliktilik.people.models import Employment
    from tests.factories import EmploymentFactory, OrganisationFactory, PositionFactory, UnitFactory

    category, code, is_head, is_deputy, kind = facts
    position = PositionFactory(code=code, category=category, is_head=is_head, is_deputy=is_deputy)
    unit = UnitFactory(organisation=OrganisationFactory(kind=kind))
    employment = EmploymentFactory(unit=unit, position=position, category=category)
    cleaned = clean_scope("periodic_requirement", scope)
    assert scope_matches(cleaned, EmploymentFacts(category, code, is_head, is_deputy, kind)) is expected
    assert Employment.objects.filter(scope_q(cleaned), pk=employment.pk).exists() is expected


@pytest.mark.django_db
def test_rule_create_refuses_a_broken_rule_and_saves_nothing(django_user_model: Any) -> None:
    root = django_user_model.objects.create_superuser("root2", password="x")
    rs = rule_set_create(
        actor=root, owner=None, code="t", title_kk="T", source_document="T", effective_from=dt.date(2020, 1, 1)
    )
    with pytest.raises(ApplicationError) as info:
        rule_create(
            actor=root,
            rule_set=rs,
            kind="periodic_requirement",
            code="r",
            title_kk="R",
            params={"period_years": 3},
            citation_document="T",
            citation_clause="1",
        )
    assert info.value.field == "params.min_hours"
    assert not Rule.objects.filter(rule_set=rs).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("missing", "field"),
    [
        pytest.param({"citation_clause": ""}, "citation_clause", id="no-clause"),
        pytest.param({"citation_document": " "}, "citation_document", id="no-document"),
        pytest.param({"effective_from": dt.date(2019, 1, 1)}, "effective_from", id="before-the-set"),
        pytest.param({"kind": "astrology"}, "kind", id="unknown-kind"),
    ],
)
def test_a_rule_must_cite_its_clause_and_start_within_its_set(
    django_user_model: Any, missing: dict, field: str
) -> None:
    root = django_user_model.objects.create_superuser("root3", password="x")
    rs = rule_set_create(
        actor=root, owner=None, code="t2", title_kk="T", source_document="T", effective_from=dt.date(2020, 1, 1)
    )
    data = {
        "kind": "periodic_requirement",
        "code": "r",
        "title_kk": "R",
        "params": GOOD_PERIODIC,
        "citation_document": "T",
        "citation_clause": "1",
        **missing,
    }
    with pytest.raises(ApplicationError) as info:
        rule_create(actor=root, rule_set=rs, **data)
    assert info.value.field == field
