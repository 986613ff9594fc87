"""The worked examples of docs/compliance.md, one test each (CMP-01, POL-07, POL-08).

Every example runs through both engines: the per-person evaluation with explanations and the
set-based organisation query must give the same status, amount and due date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from biliktilik.compliance.enums import ComplianceStatus, CountReason, DueBasis
from biliktilik.compliance.selectors import evaluate_person, organisation_compliance
from biliktilik.ledger.enums import DeliveryMode, PDForm, RecordStatus
from biliktilik.org.enums import OrganisationKind
from biliktilik.policy.models import Rule
from biliktilik.policy.services import (
    rule_create,
    rule_publish_new_version,
    rule_set_create,
    rule_set_publish,
)
from tests.factories import OrganisationFactory, UnitFactory

D = dt.date
FACULTY_72 = "skma-464-faculty-72h"
EVERYONE = "skma-464-every-employee"
MANAGEMENT = "skma-464-management"


def result(person: Any, on: dt.date, code: str) -> Any:
    """The person's result for the rule ``code``, checked against the set-based row."""
    found = [r for r in evaluate_person(person, on).results if r.rule.code == code]
    assert len(found) == 1, f"expected one result for {code}, got {len(found)}"
    res = found[0]
    report = organisation_compliance(res.organisation, on)
    rows = [r for r in report.rows if r.person_id == person.pk and r.requirement.rule.code == code]
    assert len(rows) == 1
    row = rows[0]
    assert (row.status, row.counted_units, row.due_date, row.due_basis) == (
        res.status,
        res.counted_units,
        res.due_date,
        res.due_basis,
    )
    return res


def reasons(lines: list[Any]) -> list[tuple[str, CountReason]]:
    return [(line.record.title, line.reason) for line in lines]


@pytest.mark.req("CMP-01")
@pytest.mark.req("POL-08")
def test_example_1_hours_reached_in_the_window_compliant_with_the_pending_record_shown(campus: Any) -> None:
    # given a lecturer with two verified in-profile records and one waiting for verification
    person = campus.hire()
    campus.record(person, D(2023, 5, 20), 40, title="A")
    campus.record(person, D(2024, 11, 10), 36, title="B", form=PDForm.SEMINAR)
    campus.record(person, D(2025, 2, 1), 24, title="C", status=RecordStatus.PENDING)
    # when evaluated on 1 June 2025
    res = result(person, D(2025, 6, 1), FACULTY_72)
    # then 76 of 72 hours count in (01.06.2022, 01.06.2025], due 3 years after record A
    assert res.status == ComplianceStatus.COMPLIANT
    assert res.window_start == D(2022, 6, 1)
    assert res.amount_counted == Decimal("76")
    assert res.amount_required == Decimal("72")
    assert res.amount_missing == Decimal("0")
    assert res.due_date == D(2026, 5, 20)
    assert res.due_basis == DueBasis.RECORD
    assert res.basis_record.record.title == "A"
    assert reasons(res.counted) == [("B", CountReason.HOURS), ("A", CountReason.HOURS)]
    assert reasons(res.not_counted) == [("C", CountReason.PENDING)]
    assert res.rule.citation == "SKMA-464 4.3"


@pytest.mark.req("CMP-01")
def test_example_2_due_date_within_six_months_is_due_soon(campus: Any) -> None:
    person = campus.hire()
    campus.record(person, D(2023, 5, 20), 40, title="A")
    campus.record(person, D(2024, 11, 10), 36, title="B")
    res = result(person, D(2026, 1, 1), FACULTY_72)
    assert res.status == ComplianceStatus.DUE_SOON
    assert res.due_date == D(2026, 5, 20)
    assert res.amount_counted == Decimal("76")


@pytest.mark.req("CMP-01")
def test_example_3_after_the_due_date_the_requirement_is_overdue_and_hours_are_missing(campus: Any) -> None:
    person = campus.hire()
    campus.record(person, D(2023, 5, 20), 40, title="A")
    campus.record(person, D(2024, 11, 10), 36, title="B")
    res = result(person, D(2026, 6, 1), FACULTY_72)
    assert res.status == ComplianceStatus.OVERDUE
    assert res.due_date == D(2026, 5, 20)
    assert res.amount_counted == Decimal("36")
    assert res.amount_missing == Decimal("36")
    assert reasons(res.counted) == [("B", CountReason.HOURS)]


@pytest.mark.req("CMP-01")
def test_on_the_due_date_itself_it_is_still_due_soon(campus: Any) -> None:
    person = campus.hire()
    campus.record(person, D(2023, 5, 20), 72, title="A")
    res = result(person, D(2026, 5, 20), FACULTY_72)
    assert res.status == ComplianceStatus.DUE_SOON
    assert res.due_date == D(2026, 5, 20)
    assert res.amount_counted == Decimal("0")


@pytest.mark.req("CMP-01")
@pytest.mark.req("POL-08")
def test_example_4_in_profile_rule_does_not_count_a_course_outside_the_profile(campus: Any) -> None:
    person = campus.hire()
    campus.record(person, D(2024, 3, 1), 80, title="Outside", in_profile=False)
    res = result(person, D(2025, 6, 1), FACULTY_72)
    assert res.amount_counted == Decimal("0")
    assert reasons(res.not_counted) == [("Outside", CountReason.NOT_IN_PROFILE)]
    # the lecturer was hired long ago and never reached 72 h: due from hiring, overdue
    assert res.status == ComplianceStatus.OVERDUE
    assert res.due_basis == DueBasis.HIRING
    assert res.due_date == D(2018, 9, 1)


@pytest.mark.req("CMP-01")
@pytest.mark.parametrize(
    ("on", "status"),
    [
        pytest.param(D(2025, 6, 1), ComplianceStatus.COMPLIANT, id="nine-months-in"),
        pytest.param(D(2027, 4, 1), ComplianceStatus.DUE_SOON, id="five-months-before"),
        pytest.param(D(2027, 9, 2), ComplianceStatus.OVERDUE, id="day-after"),
    ],
)
def test_example_5_someone_hired_less_than_p_years_ago_is_due_p_years_after_hiring(
    campus: Any, on: dt.date, status: ComplianceStatus
) -> None:
    person = campus.hire(start=D(2024, 9, 1))
    res = result(person, on, FACULTY_72)
    assert res.status == status
    assert res.due_date == D(2027, 9, 1)
    assert res.due_basis == DueBasis.HIRING


@pytest.mark.req("CMP-01")
def test_example_5b_without_hire_grace_a_newcomer_without_records_is_overdue(campus: Any) -> None:
    rule = Rule.objects.get(rule_set=campus.rule_set, code=FACULTY_72)
    params = {**rule.params, "hire_grace": False}
    rule_publish_new_version(actor=campus.admin, rule=rule, effective_from=D(2025, 1, 2), params=params)
    person = campus.hire(start=D(2025, 3, 1))
    res = result(person, D(2025, 6, 1), FACULTY_72)
    assert res.status == ComplianceStatus.OVERDUE
    assert res.due_basis == DueBasis.NO_RECORD
    assert res.due_date == D(2025, 3, 1)


@pytest.mark.req("CMP-01")
def test_example_6_at_least_one_activity_counts_records_not_hours(campus: Any) -> None:
    person = campus.hire(position="specialist")
    campus.record(person, D(2022, 10, 15), 8, title="Seminar", form=PDForm.SEMINAR, in_profile=False)
    res = result(person, D(2025, 6, 1), EVERYONE)
    assert res.amount_counted == 1
    assert res.amount_required == 1
    assert reasons(res.counted) == [("Seminar", CountReason.ACTIVITY)]
    assert res.due_date == D(2025, 10, 15)
    assert res.status == ComplianceStatus.DUE_SOON


@pytest.mark.req("CMP-01")
@pytest.mark.req("POL-08")
def test_example_7_management_rule_counts_only_management_topics_for_heads_and_deputies(campus: Any) -> None:
    head = campus.hire(position="division_head")
    campus.record(head, D(2024, 2, 1), 16, title="Leadership", form=PDForm.TRAINING, management_topic=True)
    campus.record(head, D(2024, 9, 1), 72, title="Excel", form=PDForm.COURSE_SHORT)
    res = result(head, D(2025, 6, 1), MANAGEMENT)
    assert reasons(res.counted) == [("Leadership", CountReason.ACTIVITY)]
    assert reasons(res.not_counted) == [("Excel", CountReason.NOT_MANAGEMENT)]
    assert res.status == ComplianceStatus.COMPLIANT
    assert res.due_date == D(2027, 2, 1)
    deputy = campus.hire(position="deputy_director")
    assert result(deputy, D(2025, 6, 1), MANAGEMENT).applicable is True


@pytest.mark.req("CMP-01")
def test_example_8_a_rule_outside_the_persons_category_is_not_applicable(campus: Any) -> None:
    person = campus.hire(position="specialist")
    res = result(person, D(2025, 6, 1), FACULTY_72)
    assert res.status == ComplianceStatus.NOT_APPLICABLE
    assert res.due_date is None
    assert result(person, D(2025, 6, 1), MANAGEMENT).status == ComplianceStatus.NOT_APPLICABLE


@pytest.mark.req("POL-07")
@pytest.mark.req("POL-08")
def test_example_9_each_record_is_judged_by_the_version_in_force_on_its_completion_date(campus: Any) -> None:
    # given 4.3 re-published from 2026: 80 h, the profile no longer required
    rule = Rule.objects.get(rule_set=campus.rule_set, code=FACULTY_72)
    new = rule_publish_new_version(
        actor=campus.admin,
        rule=rule,
        effective_from=D(2026, 1, 1),
        params={**rule.params, "min_hours": 80, "in_profile_only": False},
    )
    person = campus.hire()
    campus.record(person, D(2025, 5, 1), 50, title="Old, outside profile", in_profile=False)
    campus.record(person, D(2026, 2, 1), 40, title="New, outside profile", in_profile=False)
    campus.record(person, D(2025, 9, 1), 40, title="Old, in profile")
    # when evaluated on 1 June 2026
    res = result(person, D(2026, 6, 1), FACULTY_72)
    # then the 2026 version sets the target and judges the 2026 record, the 2025 version the others
    assert res.rule.pk == new.pk
    assert res.amount_required == Decimal("80")
    assert res.amount_counted == Decimal("80")
    assert [(line.record.title, line.judged_by.version) for line in res.counted] == [
        ("New, outside profile", 2),
        ("Old, in profile", 1),
    ]
    assert [(line.record.title, line.reason, line.judged_by.version) for line in res.not_counted] == [
        ("Old, outside profile", CountReason.NOT_IN_PROFILE, 1)
    ]
    assert res.due_date == D(2028, 9, 1)
    # and on a day before the new version, the old one applies whole
    old = result(person, D(2025, 12, 1), FACULTY_72)
    assert old.rule.pk == rule.pk
    assert old.amount_required == Decimal("72")


@pytest.mark.req("POL-07")
def test_example_10_records_of_2001_2013_are_judged_by_moes_1211_until_its_repeal(campus: Any) -> None:
    # given a teacher employed since 2000 with PD in 2004 (with leave) and 2006 (without leave)
    person = campus.hire(start=D(2000, 9, 1))
    campus.record(person, D(2004, 3, 1), 72, title="With leave", delivery_mode=DeliveryMode.WITH_LEAVE)
    campus.record(person, D(2006, 4, 1), 100, title="Without leave", delivery_mode=DeliveryMode.WITHOUT_LEAVE)
    # when evaluated in 2008 the national MOES-1211 rule applies: once in 5 years with leave
    res = result(person, D(2008, 6, 1), "moes-1211-every-5-years")
    assert res.rule.citation == "MOES-1211 10.1"
    assert res.amount_counted == 1
    assert reasons(res.not_counted) == [("Without leave", CountReason.DELIVERY_MODE)]
    assert res.due_date == D(2009, 3, 1)
    assert res.status == ComplianceStatus.COMPLIANT
    assert result(person, D(2010, 1, 1), "moes-1211-every-5-years").status == ComplianceStatus.OVERDUE
    # and after the repeal (11.09.2013) MOES-1211 applies no more
    codes = {r.rule.code for r in evaluate_person(person, D(2013, 9, 11)).results}
    assert "moes-1211-every-5-years" not in codes
    assert {r.rule.code for r in evaluate_person(person, D(2013, 9, 10)).results} == {"moes-1211-every-5-years"}


@pytest.mark.req("POL-07")
@pytest.mark.req("POL-03")
def test_example_10b_a_record_is_classed_by_the_rules_in_force_when_it_was_completed(
    campus: Any, sysadmin: Any
) -> None:
    from biliktilik.policy.services import rule_set_adopt

    rule_set_adopt(actor=sysadmin, organisation=campus.organisation, template_code="kafu-2025")
    person = campus.hire(start=D(2000, 9, 1))
    campus.record(person, D(2005, 5, 5), 100, title="2005")
    campus.record(person, D(2025, 5, 5), 100, title="2025")
    rows = {row.record.title: row for row in evaluate_person(person, D(2025, 6, 1)).records}
    assert rows["2005"].duration_class["code"] == "medium"
    assert rows["2005"].duration_rule.citation == "MOES-1211 10.1"
    assert rows["2025"].duration_class["code"] == "short"
    assert rows["2025"].duration_rule.citation == "KAFU-2025 3"


@pytest.mark.req("POL-04")
@pytest.mark.req("POL-08")
def test_example_11_forms_count_by_hours_once_or_with_a_justification(campus: Any, sysadmin: Any) -> None:
    # given an organisation's own rule set: 72 h every 3 years, with KazNRTU-602 6.1 forms
    uni = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, code="own")
    unit = UnitFactory(organisation=uni)
    rs = rule_set_create(
        actor=sysadmin,
        owner=uni,
        code="own",
        title_kk="Өз ережелері",
        source_document="Own procedure",
        effective_from=D(2022, 1, 1),
    )
    rule_create(
        actor=sysadmin,
        rule_set=rs,
        kind="periodic_requirement",
        code="own-72h",
        title_kk="72 сағат",
        params={"period_years": 3, "min_hours": 72},
        citation_document="OWN",
        citation_clause="1",
    )
    rule_create(
        actor=sysadmin,
        rule_set=rs,
        kind="counted_forms",
        code="own-forms",
        title_kk="Нысандар",
        params={"forms": {"course_short": "hours", "dissertation": "once", "other": "needs_justification"}},
        citation_document="KazNRTU-602",
        citation_clause="6.1",
    )
    rule_set_publish(actor=sysadmin, rule_set=rs)
    person = campus.hire(unit=unit)
    campus.record(
        person,
        D(2024, 1, 10),
        20,
        title="Other, approved",
        form=PDForm.OTHER,
        justification_approved_by=sysadmin,
        organisation=uni,
    )
    campus.record(person, D(2024, 2, 10), 20, title="Other, not approved", form=PDForm.OTHER, organisation=uni)
    campus.record(person, D(2024, 3, 10), 20, title="MOOC", form=PDForm.MOOC, organisation=uni)
    campus.record(person, D(2024, 4, 10), 0, title="Defence", form=PDForm.DISSERTATION, organisation=uni)
    res = result(person, D(2025, 1, 1), "own-72h")
    assert reasons(res.counted) == [("Defence", CountReason.ONCE), ("Other, approved", CountReason.JUSTIFIED)]
    assert reasons(res.not_counted) == [
        ("MOOC", CountReason.FORM_NOT_COUNTED),
        ("Other, not approved", CountReason.JUSTIFICATION_MISSING),
    ]
    assert res.amount_counted == Decimal("92")
    assert res.due_date == D(2027, 4, 10)
    assert res.counted[0].forms_rule.citation == "KazNRTU-602 6.1"


@pytest.mark.req("POL-01")
def test_example_12_an_authority_rule_is_inherited_below_it_and_an_own_rule_of_the_same_code_overrides_it(
    sysadmin: Any, campus: Any
) -> None:
    region = OrganisationFactory(kind=OrganisationKind.REGIONAL_DEPARTMENT, code="reg")
    college = OrganisationFactory(kind=OrganisationKind.COLLEGE, code="col", parent=region)
    unit = UnitFactory(organisation=college)

    def one_rule_set(owner: Any, code: str, hours: int) -> None:
        rs = rule_set_create(
            actor=sysadmin,
            owner=owner,
            code=code,
            title_kk=code,
            source_document=code,
            effective_from=D(2023, 1, 1),
        )
        rule_create(
            actor=sysadmin,
            rule_set=rs,
            kind="periodic_requirement",
            code="college-hours",
            title_kk="Колледж",
            params={"period_years": 3, "min_hours": hours},
            citation_document=code,
            citation_clause="1",
        )
        rule_set_publish(actor=sysadmin, rule_set=rs)

    one_rule_set(region, "regional", 36)
    person = campus.hire(position="college_teacher", unit=unit)
    inherited = result(person, D(2025, 1, 1), "college-hours")
    assert inherited.amount_required == Decimal("36")
    assert inherited.rule.rule_set.owner == region
    one_rule_set(college, "own", 48)
    own = result(person, D(2025, 1, 1), "college-hours")
    assert own.amount_required == Decimal("48")
    assert own.rule.rule_set.owner == college


@pytest.mark.req("CMP-04")
def test_extraordinary_pd_counts_like_planned_pd(campus: Any) -> None:
    from biliktilik.ledger.enums import Initiative

    person = campus.hire()
    campus.record(person, D(2024, 5, 1), 72, title="On request", initiative=Initiative.EMPLOYEE)
    res = result(person, D(2025, 1, 1), FACULTY_72)
    assert reasons(res.counted) == [("On request", CountReason.HOURS)]
    assert res.status == ComplianceStatus.COMPLIANT


def test_records_completed_after_the_day_asked_are_ignored(campus: Any) -> None:
    person = campus.hire()
    campus.record(person, D(2025, 7, 1), 72, title="Later")
    res = result(person, D(2025, 6, 1), FACULTY_72)
    assert res.counted == []
    assert res.not_counted == []


def test_a_returned_record_is_shown_with_its_reason(campus: Any) -> None:
    person = campus.hire()
    campus.record(person, D(2025, 1, 1), 72, title="Returned", status=RecordStatus.RETURNED)
    res = result(person, D(2025, 6, 1), FACULTY_72)
    assert reasons(res.not_counted) == [("Returned", CountReason.RETURNED)]
