"""The tables rules are read through: scope keys, form flags, which version judges a day."""

from __future__ import annotations

import datetime as dt

import pytest

from biliktilik.core.errors import ApplicationError
from biliktilik.policy.evaluators import EmploymentFacts, clean_params, scope_matches
from biliktilik.policy.evaluators.forms import FormFlags, form_flags
from biliktilik.policy.evaluators.scope import FACT_LOOKUPS, SCOPE_KEYS, SCOPE_TABLE
from biliktilik.policy.models import Rule
from biliktilik.policy.selectors import judging_version

D = dt.date


def test_every_scope_key_reads_declared_facts() -> None:
    assert SCOPE_KEYS == tuple(k.key for k in SCOPE_TABLE)
    for key in SCOPE_TABLE:
        assert key.facts, key.key
        assert set(key.facts) <= set(FACT_LOOKUPS), key.key
        assert str(key.label)


def test_head_or_deputy_matches_either() -> None:
    deputy = EmploymentFacts("admin", "deputy", False, True, "university")
    nobody = EmploymentFacts("admin", "specialist", False, False, "university")
    assert scope_matches({"head_or_deputy": True}, deputy)
    assert not scope_matches({"head_or_deputy": True}, nobody)


@pytest.mark.req("POL-04")
def test_forms_are_stored_as_flags_and_the_one_word_values_are_still_read() -> None:
    cleaned = clean_params(
        "counted_forms",
        {"forms": {"other": "needs_justification", "seminar": {"counts": False}, "dissertation": {"once_only": True}}},
    )
    assert cleaned["forms"] == {
        "dissertation": {"counts": True, "needs_justification": False, "once_only": True},
        "other": {"counts": True, "needs_justification": True, "once_only": False},
        "seminar": {"counts": False, "needs_justification": False, "once_only": False},
    }
    assert form_flags("once") == FormFlags(once_only=True)


@pytest.mark.req("POL-04")
@pytest.mark.parametrize(
    ("how", "field"),
    [
        pytest.param({"counts": False, "once_only": True}, "params.forms.other", id="not-counting-with-flag"),
        pytest.param({"twice": True}, "params.forms.other", id="unknown-flag"),
        pytest.param({"counts": "yes"}, "params.forms.other", id="not-a-boolean"),
    ],
)
def test_broken_form_flags_are_refused_naming_the_form(how: dict, field: str) -> None:
    with pytest.raises(ApplicationError) as info:
        clean_params("counted_forms", {"forms": {"other": how}})
    assert info.value.field == field


def _version(n: int, start: dt.date, end: dt.date | None) -> Rule:
    return Rule(code="r", version=n, effective_from=start, effective_to=end)


@pytest.mark.req("POL-07")
def test_one_function_decides_which_version_judges_a_day() -> None:
    v1 = _version(1, D(2020, 1, 1), D(2023, 1, 1))
    v2 = _version(2, D(2023, 1, 1), None)
    versions = [v2, v1]  # any order
    assert judging_version(versions, D(2022, 12, 31)) is v1
    assert judging_version(versions, D(2023, 1, 1)) is v2
    # before the first version: the first judges (a requirement), or none (forms)
    assert judging_version(versions, D(2010, 1, 1)) is v1
    assert judging_version(versions, D(2010, 1, 1), first_judges_earlier=False) is None
    # after an ended last version: none for forms
    ended = [_version(1, D(2020, 1, 1), D(2021, 1, 1))]
    assert judging_version(ended, D(2022, 1, 1), first_judges_earlier=False) is None
    assert judging_version(ended, D(2022, 1, 1)) is ended[0]
    assert judging_version([], D(2022, 1, 1)) is None


@pytest.mark.django_db
@pytest.mark.req("POL-04")
def test_which_forms_need_a_justification_is_read_from_the_rule_set(world) -> None:
    from biliktilik.policy.selectors import rule_context
    from biliktilik.policy.services import rule_set_adopt

    uni = world.orgs["uni"]
    assert rule_context(uni).justification_forms(D(2023, 1, 1)) is None  # no forms rule in force
    rule_set_adopt(actor=world.user("sysadmin"), organisation=uni, template_code="kaznrtu-602")
    context = rule_context(uni)
    assert context.justification_forms(D(2023, 1, 1)) == frozenset({"other"})
    assert context.forms(D(2023, 1, 1))["dissertation"] == FormFlags(once_only=True)
    assert context.justification_forms(D(2022, 1, 1)) is None  # before KazNRTU-602 came into force
