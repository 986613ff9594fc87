"""Creating and changing approval routes: who may, what is checked, versions, audit."""

from __future__ import annotations

import pytest

from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.workflows.enums import Decider, DecisionAction
from biliktilik.workflows.models import Route, Step
from biliktilik.workflows.services import MAX_STEPS, StepSpec, route_create, route_update, run_start
from conftest import ALL_ROLES

from .helpers import make_route, state, step

MANAGERS = {"hr_officer", "pd_officer", "sysadmin"}


def create(world, role="hr_officer", **overrides):
    values = {
        "actor": world.user(role),
        "organisation": world.orgs["uni"],
        "code": "unit-schedule",
        "title_kk": "Кесте маршруты",
        "title_en": "Schedule route",
        "purpose": "unit_schedule",
        "steps": [step(Decider.UNIT_HEAD), step(Decider.HR)],
    }
    values.update(overrides)
    return route_create(**values)


def update(world, route, role="hr_officer", **overrides):
    values = {
        "actor": world.user(role),
        "route": route,
        "title_kk": route.title_kk,
        "title_ru": route.title_ru,
        "title_en": route.title_en,
        "purpose": route.purpose,
        "notes": route.notes,
        "is_active": route.is_active,
        "steps": [StepSpec.of(s) for s in route.steps.order_by("order")],
    }
    values.update(overrides)
    return route_update(**values)


@pytest.mark.req("SEC-02")
def test_an_hr_officer_creates_a_route_with_its_steps_in_order_and_it_is_audited(world):
    route = create(world, steps=[step(Decider.UNIT_HEAD), step(Decider.FINANCE, condition="requires_payment")])

    assert (route.organisation, route.code, route.version, route.is_current) == (
        world.orgs["uni"],
        "unit-schedule",
        1,
        True,
    )
    assert list(route.steps.values_list("order", "decider", "condition")) == [
        (1, Decider.UNIT_HEAD, ""),
        (2, Decider.FINANCE, "requires_payment"),
    ]
    event = audit_trail(route).get()
    assert (event.action, event.actor, event.organisation_id) == (
        "workflow_route.create",
        world.user("hr_officer"),
        world.orgs["uni"].pk,
    )
    assert event.changes["code"] == [None, "unit-schedule"]
    assert [s["decider"] for s in event.changes["steps"][1]] == [Decider.UNIT_HEAD, Decider.FINANCE]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_hr_and_pd_officers_of_the_organisation_and_sysadmins_create_routes(world, role):
    before = state()
    if role in MANAGERS:
        route = create(world, role=role)
        assert route.pk is not None
    else:
        with pytest.raises(ApplicationError) as refused:
            create(world, role=role)
        assert refused.value.code == ErrorCode.PERMISSION_DENIED
        assert state() == before


def test_an_hr_officer_may_not_create_routes_of_another_organisation(world):
    before = state()
    with pytest.raises(ApplicationError) as refused:
        create(world, organisation=world.orgs["uni2"])
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert state() == before


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        pytest.param({"steps": []}, "steps", ErrorCode.VALIDATION, id="no-steps"),
        pytest.param({"steps": [step("dean")]}, "steps", ErrorCode.VALIDATION, id="unknown-decider"),
        pytest.param(
            {"steps": [step(Decider.HR, condition="weather_is_fine")]},
            "steps",
            ErrorCode.VALIDATION,
            id="unknown-condition",
        ),
        pytest.param(
            {"steps": [step(Decider.HR, actions=[DecisionAction.RETURN])]},
            "steps",
            ErrorCode.VALIDATION,
            id="no-approve",
        ),
        pytest.param(
            {"steps": [step(Decider.HR, actions=[DecisionAction.APPROVE, DecisionAction.CANCEL])]},
            "steps",
            ErrorCode.VALIDATION,
            id="cancel-is-not-a-step-action",
        ),
        pytest.param({"steps": [step(Decider.HR)] * (MAX_STEPS + 1)}, "steps", ErrorCode.VALIDATION, id="too-many"),
        pytest.param(
            {"steps": [StepSpec(title_kk="  ", decider=Decider.HR)]}, "steps", ErrorCode.VALIDATION, id="step-no-title"
        ),
        pytest.param({"title_kk": " "}, "title_kk", ErrorCode.VALIDATION, id="route-no-title"),
        pytest.param({"purpose": "holiday"}, "purpose", ErrorCode.VALIDATION, id="unknown-purpose"),
        pytest.param({"code": "Бағыт 1"}, "code", ErrorCode.VALIDATION, id="code-not-latin"),
    ],
)
def test_invalid_routes_are_refused_and_nothing_is_saved(world, overrides, field, code):
    before = state()
    with pytest.raises(ApplicationError) as refused:
        create(world, **overrides)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert state() == before


def test_a_code_is_used_once_per_organisation_but_may_repeat_elsewhere(world):
    create(world)
    with pytest.raises(ApplicationError) as refused:
        create(world, role="pd_officer")
    assert (refused.value.code, refused.value.field) == (ErrorCode.DUPLICATE, "code")
    other = create(world, role="sysadmin", organisation=world.orgs["uni2"])
    assert other.code == "unit-schedule"


def test_the_step_actions_are_kept_in_their_canonical_order(world):
    route = create(world, steps=[step(Decider.HR, actions=[DecisionAction.REJECT, DecisionAction.APPROVE])])
    assert route.steps.get().actions == [DecisionAction.APPROVE, DecisionAction.REJECT]


# --- changing a route -----------------------------------------------------------------------


@pytest.mark.req("SEC-02")
def test_a_route_without_runs_is_changed_in_place(world):
    route = create(world)
    old_step_ids = set(route.steps.values_list("pk", flat=True))

    saved = update(world, route, title_en="New title", steps=[step(Decider.HR), step(Decider.UNIT_HEAD)])

    assert (saved.pk, saved.version, saved.title_en) == (route.pk, 1, "New title")
    assert list(saved.steps.values_list("order", "decider")) == [(1, Decider.HR), (2, Decider.UNIT_HEAD)]
    assert not Step.objects.filter(pk__in=old_step_ids).exists()
    event = audit_trail(route).filter(action="workflow_route.update").get()
    assert event.changes["title_en"] == ["Schedule route", "New title"]
    assert [s["decider"] for s in event.changes["steps"][0]] == [Decider.UNIT_HEAD, Decider.HR]
    assert [s["decider"] for s in event.changes["steps"][1]] == [Decider.HR, Decider.UNIT_HEAD]


@pytest.mark.req("SEC-02")
def test_changing_the_steps_of_a_route_with_runs_makes_a_new_version_and_old_runs_keep_their_steps(world, facts):
    route = create(world)
    first_step = route.steps.get(order=1)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)

    saved = update(world, route, steps=[step(Decider.UNIT_HEAD), step(Decider.PD_CENTRE), step(Decider.FIRST_HEAD)])

    route.refresh_from_db()
    run.refresh_from_db()
    assert (saved.version, saved.is_current, saved.previous_id, saved.code) == (2, True, route.pk, route.code)
    assert route.is_current is False
    assert list(saved.steps.values_list("decider", flat=True)) == [
        Decider.UNIT_HEAD,
        Decider.PD_CENTRE,
        Decider.FIRST_HEAD,
    ]
    assert list(route.steps.values_list("decider", flat=True)) == [Decider.UNIT_HEAD, Decider.HR]
    assert (run.route_id, run.current_step_id) == (route.pk, first_step.pk)
    assert audit_trail(saved).get().action == "workflow_route.new_version"
    assert audit_trail(route).filter(action="workflow_route.supersede").get().changes == {"is_current": [True, False]}


def test_changing_only_the_title_of_a_route_with_runs_keeps_the_version(world, facts):
    route = create(world)
    run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    saved = update(world, route, title_kk="Жаңа атау")
    assert (saved.pk, saved.version, saved.title_kk) == (route.pk, 1, "Жаңа атау")


def test_saving_an_unchanged_route_records_nothing(world):
    route = create(world)
    before = state()
    saved = update(world, route)
    assert saved.pk == route.pk
    assert state() == before


def test_an_old_version_cannot_be_changed(world, facts):
    route = create(world)
    run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    update(world, route, steps=[step(Decider.HR)])
    route.refresh_from_db()
    before = state()
    with pytest.raises(ApplicationError) as refused:
        update(world, route, title_kk="Тағы")
    assert refused.value.code == ErrorCode.INVALID_STATE
    assert state() == before


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_managers_change_routes_and_a_refusal_changes_nothing(world, role):
    route = create(world)
    before = state()
    if role in MANAGERS:
        saved = update(world, route, role=role, title_en=f"By {role}")
        assert saved.title_en == f"By {role}"
    else:
        with pytest.raises(ApplicationError) as refused:
            update(world, route, role=role, title_en=f"By {role}", steps=[step(Decider.FIRST_HEAD)])
        assert refused.value.code == ErrorCode.PERMISSION_DENIED
        assert state() == before


def test_two_versions_of_one_code_cannot_both_be_current(world):
    from django.db import IntegrityError, transaction

    route = make_route(world.orgs["uni"], Decider.HR, code="only-one")
    with pytest.raises(IntegrityError), transaction.atomic():
        Route.objects.create(organisation=route.organisation, code="only-one", version=2, title_kk="x", purpose="other")
