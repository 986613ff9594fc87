"""Perspective PD plans: stages, yearly targets, plan against the ledger, pages (PLN-04, SEC-02)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.ledger.enums import PDForm, RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Employment
from biliktilik.planning import perspective
from biliktilik.planning.models import PerspectivePlan, PerspectiveStage, PerspectiveTarget, StageStatus
from conftest import ALL_ROLES

pytestmark = pytest.mark.django_db

SEES_PLAN = {"hr_officer", "pd_officer", "finance_officer", "first_head", "auditor", "sysadmin"}
EDITS_PLAN = {"hr_officer", "pd_officer", "sysadmin"}


def client_for(world: Any, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


def make_plan(world: Any, org: str = "uni") -> PerspectivePlan:
    return perspective.perspective_create(
        actor=world.user("sysadmin"),
        organisation=world.orgs[org],
        title="PD development 2023-2026",
        from_year=2023,
        to_year=2026,
        description="Four years.",
    )


def record(world: Any, key: str, *, end: dt.date, hours: str = "72", cost: str = "100000", **extra: Any) -> PDRecord:
    person = world.people[key]
    organisation = extra.pop("organisation", None) or Employment.objects.filter(person=person).first().organisation
    return PDRecord.objects.create(
        person=person,
        organisation=organisation,
        form=PDForm.COURSE_SHORT,
        title="Course",
        start_date=end - dt.timedelta(days=10),
        end_date=end,
        hours=Decimal(hours),
        cost=Decimal(cost),
        status=extra.pop("status", RecordStatus.VERIFIED),
    )


# --- services ------------------------------------------------------------------------------------


@pytest.mark.req("PLN-04")
def test_hr_draws_up_a_plan_with_stages_and_targets_all_audited(world: Any) -> None:
    # given an HR officer of the university
    hr = world.user("hr_officer")
    # when they draw up a plan, a stage, a target and monitor the stage
    plan = perspective.perspective_create(
        actor=hr, organisation=world.orgs["uni"], title="Plan", from_year=2023, to_year=2026
    )
    stage = perspective.perspective_stage_add(actor=hr, plan=plan, title="Stage 1", from_year=2023, to_year=2024)
    target = perspective.perspective_target_set(
        actor=hr, plan=plan, year=2024, category=StaffCategory.FACULTY, people=10, hours="720", money="1500000"
    )
    perspective.perspective_stage_monitor(actor=hr, stage=stage, status=StageStatus.IN_PROGRESS, notes="On track.")
    # then
    stage.refresh_from_db()
    assert (stage.status, stage.notes) == (StageStatus.IN_PROGRESS, "On track.")
    assert (target.people, target.hours, target.money) == (10, Decimal("720.0"), Decimal("1500000.00"))
    actions = list(AuditEvent.objects.filter(actor=hr).order_by("id").values_list("action", flat=True))
    assert actions == [
        "planning.perspective.create",
        "planning.perspective.stage_add",
        "planning.perspective.target_set",
        "planning.perspective.stage_monitor",
    ]


@pytest.mark.req("PLN-04")
def test_setting_a_target_again_replaces_it(world: Any) -> None:
    plan = make_plan(world)
    hr = world.user("hr_officer")
    perspective.perspective_target_set(actor=hr, plan=plan, year=2024, people=5)
    perspective.perspective_target_set(actor=hr, plan=plan, year=2024, people=8, hours="100")
    assert list(plan.targets.values_list("year", "category", "people", "hours")) == [(2024, "", 8, Decimal("100.0"))]


@pytest.mark.req("PLN-04")
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda w, p: perspective.perspective_create(
                actor=w.user("hr_officer"), organisation=w.orgs["uni"], title="X", from_year=2026, to_year=2023
            ),
            "to_year",
        ),
        (
            lambda w, p: perspective.perspective_create(
                actor=w.user("hr_officer"), organisation=w.orgs["uni"], title="X", from_year=2020, to_year=2035
            ),
            "to_year",
        ),
        (
            lambda w, p: perspective.perspective_create(
                actor=w.user("hr_officer"), organisation=w.orgs["uni"], title=" ", from_year=2023, to_year=2024
            ),
            "title",
        ),
        (
            lambda w, p: perspective.perspective_stage_add(
                actor=w.user("hr_officer"), plan=p, title="S", from_year=2022, to_year=2024
            ),
            "from_year",
        ),
        (
            lambda w, p: perspective.perspective_target_set(actor=w.user("hr_officer"), plan=p, year=2027, people=1),
            "year",
        ),
        (
            lambda w, p: perspective.perspective_target_set(
                actor=w.user("hr_officer"), plan=p, year=2024, category="astronaut"
            ),
            "category",
        ),
        (
            lambda w, p: perspective.perspective_target_set(actor=w.user("hr_officer"), plan=p, year=2024, money="-1"),
            "money",
        ),
    ],
    ids=["years-reversed", "too-long", "no-title", "stage-outside", "target-outside", "bad-category", "negative"],
)
def test_invalid_input_is_refused_with_its_field(world: Any, call: Any, field: str) -> None:
    plan = make_plan(world)
    with pytest.raises(ApplicationError) as exc:
        call(world, plan)
    assert (exc.value.code, exc.value.field) == (ErrorCode.VALIDATION, field)


@pytest.mark.req("PLN-04")
def test_period_cannot_shrink_past_its_stages(world: Any) -> None:
    plan = make_plan(world)
    hr = world.user("hr_officer")
    perspective.perspective_stage_add(actor=hr, plan=plan, title="Late stage", from_year=2026, to_year=2026)
    with pytest.raises(ApplicationError) as exc:
        perspective.perspective_update(actor=hr, plan=plan, title="Plan", from_year=2023, to_year=2025)
    assert exc.value.code == ErrorCode.CONFLICT
    plan.refresh_from_db()
    assert plan.to_year == 2026


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", ["employee", "unit_head", "finance_officer", "first_head", "auditor"])
def test_readers_cannot_write(world: Any, role: str) -> None:
    plan = make_plan(world)
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        perspective.perspective_target_set(actor=world.user(role), plan=plan, year=2024, people=3)
    assert exc.value.code == ErrorCode.PERMISSION_DENIED
    assert (PerspectiveTarget.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_officer_of_another_organisation_cannot_write(world: Any) -> None:
    plan = make_plan(world, "uni2")
    with pytest.raises(ApplicationError) as exc:
        perspective.perspective_stage_add(
            actor=world.user("pd_officer"), plan=plan, title="S", from_year=2023, to_year=2023
        )
    assert exc.value.code == ErrorCode.PERMISSION_DENIED
    assert PerspectiveStage.objects.count() == 0


# --- plan against actual --------------------------------------------------------------------------


@pytest.mark.req("PLN-04")
def test_execution_counts_verified_records_of_the_organisation_by_year(world: Any) -> None:
    # given a plan with targets for 2024 (all staff) and for faculty in 2024
    plan = make_plan(world)
    hr = world.user("hr_officer")
    perspective.perspective_target_set(actor=hr, plan=plan, year=2024, people=4, hours="400", money="400000")
    perspective.perspective_target_set(
        actor=hr, plan=plan, year=2024, category=StaffCategory.FACULTY, people=2, hours="100", money="0"
    )
    # and verified records: d1_1 twice in 2024, d2_1 once in 2024, d3_1 in 2025
    record(world, "d1_1", end=dt.date(2024, 3, 1), hours="72", cost="100000")
    record(world, "d1_1", end=dt.date(2024, 9, 1), hours="36", cost="50000")
    record(world, "d2_1", end=dt.date(2024, 5, 1), hours="72", cost="50000")
    record(world, "d3_1", end=dt.date(2025, 5, 1), hours="16", cost="0")
    # and records that must not count: pending, another organisation, outside the period
    record(world, "d2_2", end=dt.date(2024, 5, 1), status=RecordStatus.PENDING)
    record(world, "other_1", end=dt.date(2024, 5, 1))
    record(world, "d3_2", end=dt.date(2022, 12, 31))
    # when
    rows = {(r.year, r.category): r for r in perspective.perspective_execution(plan)}
    # then one line per year for all staff, plus the faculty line of 2024
    assert sorted(rows) == [(2023, ""), (2024, ""), (2024, "faculty"), (2025, ""), (2026, "")]
    total = rows[(2024, "")]
    assert (total.actual.people, total.actual.hours, total.actual.money) == (2, Decimal("180.0"), Decimal("200000"))
    assert (total.people_pct, total.hours_pct, total.money_pct) == (50, 45, 50)
    faculty = rows[(2024, "faculty")]
    assert (faculty.actual.people, faculty.people_pct, faculty.hours_pct, faculty.money_pct) == (2, 100, 180, None)
    assert (rows[(2025, "")].actual.people, rows[(2025, "")].target, rows[(2025, "")].people_pct) == (1, None, None)
    assert rows[(2023, "")].actual.people == 0


@pytest.mark.req("PLN-04")
@pytest.mark.parametrize("count", [2, 30], ids=["2-records", "30-records"])
def test_execution_takes_constant_queries(world: Any, django_assert_max_num_queries: Any, count: int) -> None:
    plan = make_plan(world)
    perspective.perspective_target_set(
        actor=world.user("hr_officer"), plan=plan, year=2024, category=StaffCategory.FACULTY, people=2
    )
    keys = ["d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2"]
    for n in range(count):
        record(world, keys[n % len(keys)], end=dt.date(2023 + n % 4, 6, 1))
    with django_assert_max_num_queries(3):
        rows = perspective.perspective_execution(plan)
    assert sum(r.actual.people for r in rows if not r.category) >= 2


# --- pages ---------------------------------------------------------------------------------------


@pytest.mark.req("PLN-04")
@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_plan_page_for_every_role(world: Any, role: str | None) -> None:
    plan = make_plan(world)
    perspective.perspective_stage_add(
        actor=world.user("hr_officer"), plan=plan, title="Digital stage", from_year=2023, to_year=2024
    )
    response = client_for(world, role).get(reverse("planning:perspective_detail", args=[plan.public_id]))
    if role is None:
        assert response.status_code == 302
    elif role in SEES_PLAN:
        assert response.status_code == 200
        assert b"Digital stage" in response.content
        assert b'id="execution"' in response.content
        assert (b'id="stage-add"' in response.content) == (role in EDITS_PLAN)
    else:
        assert response.status_code == 404


@pytest.mark.req("PLN-04")
def test_authority_officer_sees_plans_of_organisations_below(world: Any) -> None:
    below, elsewhere = make_plan(world, "preschool"), make_plan(world, "uni")
    client = client_for(world, "authority_officer")
    assert client.get(reverse("planning:perspective_detail", args=[below.public_id])).status_code == 200
    assert client.get(reverse("planning:perspective_detail", args=[elsewhere.public_id])).status_code == 404
    listed = client.get(reverse("planning:perspective_list")).context["plans"]
    assert [p.pk for p in listed] == [below.pk]


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_adding_a_stage_by_every_role(world: Any, role: str | None) -> None:
    plan = make_plan(world)
    events = AuditEvent.objects.count()
    data = {"title": "Stage A", "from_year": "2023", "to_year": "2024", "description": ""}
    response = client_for(world, role).post(
        reverse("planning:perspective_action", args=[plan.public_id, "stage_add"]), data
    )
    if role in EDITS_PLAN:
        assert response.status_code == 302
        assert list(plan.stages.values_list("title", flat=True)) == ["Stage A"]
        assert AuditEvent.objects.count() == events + 1
    else:
        assert response.status_code in {302, 403, 404}
        if role is not None:
            assert response.status_code == (403 if role in SEES_PLAN else 404)
        assert plan.stages.count() == 0
        assert AuditEvent.objects.count() == events


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", [*ALL_ROLES, None], ids=[*ALL_ROLES, "anonymous"])
def test_creating_a_plan_by_every_role(world: Any, role: str | None) -> None:
    data = {"organisation": str(world.orgs["uni"].public_id), "title": "P", "from_year": "2024", "to_year": "2026"}
    response = client_for(world, role).post(reverse("planning:perspective_create"), data)
    created = PerspectivePlan.objects.filter(organisation=world.orgs["uni"]).count()
    if role in EDITS_PLAN:
        plan = PerspectivePlan.objects.get()
        assert response["Location"] == reverse("planning:perspective_detail", args=[plan.public_id])
        assert created == 1
    else:
        assert response.status_code in {302, 403}
        assert created == 0
        assert AuditEvent.objects.filter(action="planning.perspective.create").count() == 0


@pytest.mark.req("PLN-04")
def test_pd_officer_monitors_a_stage_and_sets_a_target_on_the_page(world: Any) -> None:
    plan = make_plan(world)
    stage = perspective.perspective_stage_add(
        actor=world.user("hr_officer"), plan=plan, title="S", from_year=2023, to_year=2023
    )
    client = client_for(world, "pd_officer")
    client.post(
        reverse("planning:perspective_action", args=[plan.public_id, "stage_monitor"]),
        {"stage": stage.pk, "status": "done", "notes": "Finished in June."},
    )
    client.post(
        reverse("planning:perspective_action", args=[plan.public_id, "target_set"]),
        {"year": "2023", "category": "", "people": "3", "hours": "216", "money": "0"},
    )
    record(world, "d1_1", end=dt.date(2023, 6, 1))
    stage.refresh_from_db()
    assert (stage.status, stage.notes) == (StageStatus.DONE, "Finished in June.")
    response = client.get(reverse("planning:perspective_detail", args=[plan.public_id]))
    row = response.context["execution"][0]
    assert (row.year, row.target.people, row.actual.people, row.people_pct) == (2023, 3, 1, 33)
    assert b"33%" in response.content


@pytest.mark.req("PLN-04")
@pytest.mark.parametrize("count", [2, 30], ids=["2-plans", "30-plans"])
def test_list_page_takes_constant_queries(world: Any, django_assert_max_num_queries: Any, count: int) -> None:
    hr = world.user("hr_officer")
    for n in range(count):
        plan = perspective.perspective_create(
            actor=hr, organisation=world.orgs["uni"], title=f"Plan {n}", from_year=2020 + n % 5, to_year=2026
        )
        perspective.perspective_stage_add(actor=hr, plan=plan, title="S", from_year=2026, to_year=2026)
    client = client_for(world, "auditor")
    client.get(reverse("planning:perspective_list"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("planning:perspective_list"))
    assert len(response.context["plans"]) == count
    assert response.context["plans"][0].stage_count == 1
