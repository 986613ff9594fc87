"""Runs: starting, deciding, skipping steps whose condition is false, refusals, audit, the hook."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.org.models import Unit
from biliktilik.people.models import Person
from biliktilik.workflows.enums import Decider, DecisionAction, RunEvent, RunStatus
from biliktilik.workflows.models import Run
from biliktilik.workflows.seeding import seed_routes
from biliktilik.workflows.selectors import active_run_of, allowed_actions, can_decide, route_for_purpose, runs_of
from biliktilik.workflows.services import route_update, run_cancel, run_decide, run_start
from biliktilik.workflows.signals import run_changed
from conftest import ALL_ROLES

from .helpers import make_route, state, step


@pytest.fixture
def events():
    received = []

    def receiver(sender, run, event, decision, actor, **kwargs):
        received.append((event, decision.action if decision else None, actor.username))

    run_changed.connect(receiver, dispatch_uid="workflows-test-events")
    yield received
    run_changed.disconnect(dispatch_uid="workflows-test-events")


def decide(world, run, role, action=DecisionAction.APPROVE, comment="", expected=None):
    run.refresh_from_db()
    return run_decide(
        actor=world.user(role),
        run=run,
        action=action,
        comment=comment,
        expected_step_id=run.current_step_id if expected is None else expected,
    )


def deciders_of(run):
    return list(run.decisions.order_by("created_at", "id").values_list("step__decider", "action", "actor__username"))


# --- starting -------------------------------------------------------------------------------


@pytest.mark.req("SEC-02")
def test_starting_a_run_puts_the_object_on_the_first_step_and_is_audited(world, facts):
    d1 = world.units["d1"]
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)

    run = run_start(actor=world.user("employee"), obj=d1, route=route)

    assert (run.status, run.current_step.decider, run.started_by, run.finished_at) == (
        RunStatus.IN_PROGRESS,
        Decider.UNIT_HEAD,
        world.user("employee"),
        None,
    )
    assert (run.content_type, run.object_id, run.organisation, run.unit) == (
        ContentType.objects.get_for_model(d1),
        str(d1.pk),
        world.orgs["uni"],
        d1,
    )
    assert run.content_object == d1
    event = audit_trail(run).get()
    assert (event.action, event.actor, event.organisation_id) == (
        "workflow_run.start",
        world.user("employee"),
        run.organisation_id,
    )
    assert event.changes["object"] == [None, f"org.unit:{d1.pk}"]


@pytest.mark.req("PLN-03")
def test_an_object_has_at_most_one_run_in_progress(world, facts):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD)
    run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    before = state()

    with pytest.raises(ApplicationError) as refused:
        run_start(actor=world.user("hr_officer"), obj=world.units["d1"], route=route)

    assert refused.value.code == ErrorCode.CONFLICT
    assert state() == before
    # another object may start at the same time
    assert run_start(actor=world.user("employee"), obj=world.units["d2"], route=route).status == RunStatus.IN_PROGRESS


@pytest.mark.req("PLN-03")
def test_the_database_itself_keeps_one_run_in_progress_per_object(world, facts):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.create(
            route=route,
            content_type=run.content_type,
            object_id=run.object_id,
            organisation=run.organisation,
            current_step=run.current_step,
        )


def test_a_returned_object_may_start_again(world, facts):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD)
    first = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    decide(world, first, "unit_head", DecisionAction.RETURN, comment="Add the young staff")

    second = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)

    first.refresh_from_db()
    assert (first.status, second.status) == (RunStatus.RETURNED, RunStatus.IN_PROGRESS)


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(
            lambda w: make_route(w.orgs["uni"], Decider.HR, is_active=False), ErrorCode.INVALID_STATE, id="inactive"
        ),
        pytest.param(lambda w: make_route(w.orgs["uni2"], Decider.HR), ErrorCode.VALIDATION, id="other-organisation"),
    ],
)
def test_a_run_needs_an_active_route_of_the_object_s_organisation(world, facts, make, code):
    route = make(world)
    before = state()
    with pytest.raises(ApplicationError) as refused:
        run_start(actor=world.user("sysadmin"), obj=world.units["d1"], route=route)
    assert refused.value.code == code
    assert state() == before


def test_an_old_version_cannot_start_runs(world, facts):
    route = make_route(world.orgs["uni"], Decider.HR)
    run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    route_update(
        actor=world.user("hr_officer"),
        route=route,
        title_kk="x",
        purpose=route.purpose,
        steps=[step(Decider.PD_CENTRE)],
    )
    route.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        run_start(actor=world.user("employee"), obj=world.units["d2"], route=route)
    assert refused.value.code == ErrorCode.INVALID_STATE


@pytest.mark.parametrize("role", ["authority_officer", "provider_admin", "trainer"])
def test_people_outside_the_organisation_cannot_start_runs(world, facts, role):
    route = make_route(world.orgs["uni"], Decider.HR)
    before = state()
    with pytest.raises(ApplicationError) as refused:
        run_start(actor=world.user(role), obj=world.units["d1"], route=route)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert state() == before


def test_a_route_decided_from_the_unit_needs_an_object_with_a_unit(world, facts):
    uni = world.orgs["uni"]
    with pytest.raises(ApplicationError) as refused:
        run_start(actor=world.user("hr_officer"), obj=uni, route=make_route(uni, Decider.UNIT_HEAD, Decider.HR))
    assert refused.value.code == ErrorCode.VALIDATION
    # an organisation-wide object goes through office steps only
    run = run_start(actor=world.user("hr_officer"), obj=uni, route=make_route(uni, Decider.HR, Decider.FIRST_HEAD))
    assert (run.unit, run.current_step.decider) == (None, Decider.HR)


def test_an_object_that_cannot_tell_its_organisation_is_refused(world, facts):
    with pytest.raises(ApplicationError) as refused:
        run_start(
            actor=world.user("hr_officer"), obj=world.people["d1_1"], route=make_route(world.orgs["uni"], Decider.HR)
        )
    assert refused.value.code == ErrorCode.VALIDATION
    assert isinstance(world.people["d1_1"], Person)


@pytest.mark.parametrize("pays", [True, False], ids=["pays", "does-not-pay"])
def test_an_object_may_follow_the_protocol_instead_of_an_adapter(world, monkeypatch, pays):
    # no adapter registered (no ``facts`` fixture): the model itself answers the protocol
    monkeypatch.setattr(Unit, "workflow_organisation", property(lambda u: u.organisation), raising=False)
    monkeypatch.setattr(Unit, "workflow_unit", property(lambda u: u), raising=False)
    monkeypatch.setattr(Unit, "workflow_flags", property(lambda u: {"requires_payment": pays}), raising=False)
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, step(Decider.FINANCE, condition="requires_payment"))

    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    run = decide(world, run, "unit_head")

    assert (run.status, run.current_step_id is not None) == (
        (RunStatus.IN_PROGRESS, True) if pays else (RunStatus.APPROVED, False)
    )


def test_unknown_facts_are_refused(world, facts):
    with pytest.raises(ApplicationError) as refused:
        run_start(
            actor=world.user("employee"),
            obj=world.units["d1"],
            route=make_route(world.orgs["uni"], Decider.HR),
            context={"vip": True},
        )
    assert (refused.value.code, refused.value.field) == (ErrorCode.VALIDATION, "context")


def test_a_run_with_no_applicable_step_is_approved_at_once(world, facts, events, django_capture_on_commit_callbacks):
    route = make_route(world.orgs["uni"], step(Decider.FINANCE, condition="requires_payment"))
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    assert (run.status, run.current_step, run.finished_at is not None) == (RunStatus.APPROVED, None, True)
    assert events == [(RunEvent.APPROVED, None, "employee")]


# --- deciding -------------------------------------------------------------------------------


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize(
    ("pays", "expected"),
    [
        pytest.param(
            False,
            [
                (Decider.UNIT_HEAD, "approve", "unit_head"),
                (Decider.UNIT_HEAD, "approve", "unit_head"),
                (Decider.INSTITUTE_DIRECTOR, "approve", "institute_director"),
                (Decider.HR, "approve", "hr_officer"),
                (Decider.MANAGEMENT_OFFICE, "approve", "first_head"),
            ],
            id="organisation-does-not-pay-finance-skipped",
        ),
        pytest.param(
            True,
            [
                (Decider.UNIT_HEAD, "approve", "unit_head"),
                (Decider.UNIT_HEAD, "approve", "unit_head"),
                (Decider.INSTITUTE_DIRECTOR, "approve", "institute_director"),
                (Decider.HR, "approve", "hr_officer"),
                (Decider.FINANCE, "approve", "finance_officer"),
                (Decider.MANAGEMENT_OFFICE, "approve", "first_head"),
            ],
            id="organisation-pays-finance-agrees",
        ),
    ],
)
def test_the_kaznrtu_route_runs_from_the_unit_meeting_to_the_management_office(world, facts, pays, expected):
    route = seed_routes(organisation=world.orgs["uni"], template="kaznrtu_602_7_4")
    run = run_start(
        actor=world.user("unit_head"), obj=world.units["d1"], route=route, context={"requires_payment": pays}
    )

    for decider, _action, role in expected:
        assert run.current_step.decider == decider
        run = decide(world, run, role)

    assert (run.status, run.current_step, run.finished_at is not None) == (RunStatus.APPROVED, None, True)
    assert deciders_of(run) == expected


@pytest.mark.req("PLN-03")
def test_a_condition_is_read_when_the_run_reaches_the_step(world, facts):
    d1 = world.units["d1"]
    route = make_route(
        world.orgs["uni"],
        Decider.HR,
        step(Decider.FINANCE, condition="requires_payment"),
        Decider.FIRST_HEAD,
    )
    run = run_start(actor=world.user("employee"), obj=d1, route=route)
    # the budget is found while HR is consolidating: the organisation now pays
    facts[d1.pk] = {"requires_payment": True}

    run = decide(world, run, "hr_officer")

    assert run.current_step.decider == Decider.FINANCE


def test_a_fact_given_when_starting_wins_over_the_object_s(world, facts):
    d1 = world.units["d1"]
    facts[d1.pk] = {"requires_payment": True}
    route = make_route(world.orgs["uni"], Decider.HR, step(Decider.FINANCE, condition="requires_payment"))
    run = run_start(actor=world.user("employee"), obj=d1, route=route, context={"requires_payment": False})
    run = decide(world, run, "hr_officer")
    assert run.status == RunStatus.APPROVED


def test_a_first_step_whose_condition_is_false_is_skipped_at_the_start(world, facts):
    route = make_route(world.orgs["uni"], step(Decider.FINANCE, condition="requires_payment"), Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    assert run.current_step.decider == Decider.HR


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != "unit_head"])
def test_someone_not_entitled_to_the_step_is_refused_and_nothing_changes(world, facts, role, events):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    before = state()

    with pytest.raises(ApplicationError) as refused:
        decide(world, run, role)

    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert state() == before
    assert events == []


@pytest.mark.req("PLN-03")
def test_a_decision_on_a_step_the_run_has_left_is_refused(world, facts):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    first_step_id = run.current_step_id
    decide(world, run, "unit_head")
    before = state()

    # the unit head's second click, on the page still showing the first step
    with pytest.raises(ApplicationError) as again:
        decide(world, run, "unit_head", expected=first_step_id)
    # HR deciding with a stale page: same refusal, even though HR may decide the current step
    with pytest.raises(ApplicationError) as stale:
        decide(world, run, "hr_officer", expected=first_step_id)

    assert again.value.code == stale.value.code == ErrorCode.INVALID_STATE
    assert state() == before


@pytest.mark.parametrize("final", [DecisionAction.APPROVE, DecisionAction.REJECT])
def test_a_finished_run_takes_no_more_decisions(world, facts, final):
    route = make_route(world.orgs["uni"], Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    step_id = run.current_step_id
    decide(world, run, "hr_officer", final, comment="Reason")
    before = state()
    with pytest.raises(ApplicationError) as refused:
        decide(world, run, "hr_officer", expected=step_id)
    assert refused.value.code == ErrorCode.INVALID_STATE
    assert state() == before


@pytest.mark.parametrize("action", [DecisionAction.RETURN, DecisionAction.REJECT])
@pytest.mark.parametrize("comment", ["", "   "], ids=["empty", "blank"])
def test_returning_or_rejecting_needs_a_comment(world, facts, action, comment):
    route = make_route(world.orgs["uni"], Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    before = state()
    with pytest.raises(ApplicationError) as refused:
        decide(world, run, "hr_officer", action, comment=comment)
    assert (refused.value.code, refused.value.field) == (ErrorCode.VALIDATION, "comment")
    assert state() == before


def test_a_decision_the_step_does_not_allow_is_refused(world, facts):
    route = make_route(world.orgs["uni"], step(Decider.HR, actions=[DecisionAction.APPROVE, DecisionAction.RETURN]))
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    before = state()
    with pytest.raises(ApplicationError) as refused:
        decide(world, run, "hr_officer", DecisionAction.REJECT, comment="No")
    assert (refused.value.code, refused.value.field) == (ErrorCode.VALIDATION, "action")
    assert state() == before


@pytest.mark.parametrize(
    ("action", "status", "event"),
    [
        pytest.param(DecisionAction.RETURN, RunStatus.RETURNED, RunEvent.RETURNED, id="return"),
        pytest.param(DecisionAction.REJECT, RunStatus.REJECTED, RunEvent.REJECTED, id="reject"),
    ],
)
def test_returning_or_rejecting_ends_the_run_with_the_comment_kept(
    world, facts, events, django_capture_on_commit_callbacks, action, status, event
):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    with django_capture_on_commit_callbacks(execute=True):
        run = decide(world, run, "unit_head", action, comment="  Plan the young staff first  ")
    assert (run.status, run.current_step, run.finished_at is not None) == (status, None, True)
    decision = run.decisions.get()
    assert (decision.action, decision.comment, decision.actor) == (
        action,
        "Plan the young staff first",
        world.user("unit_head"),
    )
    assert events == [(event, action, "unit_head")]


@pytest.mark.req("SEC-02")
def test_every_decision_is_audited_with_who_what_and_the_change(world, facts):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    first, second = route.steps.order_by("order")
    decide(world, run, "unit_head", comment="Discussed at the meeting")
    decide(world, run, "hr_officer", DecisionAction.RETURN, comment="Wrong hours")

    events = list(audit_trail(run).order_by("created_at", "id").values_list("action", "actor__username", "changes"))
    assert [(a, u) for a, u, _c in events] == [
        ("workflow_run.start", "employee"),
        ("workflow_run.approve", "unit_head"),
        ("workflow_run.return", "hr_officer"),
    ]
    assert events[1][2] == {
        "current_step": [first.pk, second.pk],
        "decision": [None, {"step": first.pk, "action": "approve", "comment": "Discussed at the meeting"}],
    }
    assert events[2][2]["status"] == [RunStatus.IN_PROGRESS, RunStatus.RETURNED]
    assert events[2][2]["current_step"] == [second.pk, None]
    assert events[2][2]["decision"] == [None, {"step": second.pk, "action": "return", "comment": "Wrong hours"}]


def test_the_hook_is_called_only_after_commit(world, facts, events, django_capture_on_commit_callbacks):
    route = make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR)
    with django_capture_on_commit_callbacks() as callbacks:
        run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
        decide(world, run, "unit_head")
        decide(world, run, "hr_officer")
    assert events == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert events == [
        (RunEvent.STARTED, None, "employee"),
        (RunEvent.ADVANCED, "approve", "unit_head"),
        (RunEvent.APPROVED, "approve", "hr_officer"),
    ]


def test_a_refused_decision_sends_nothing(world, facts, events, django_capture_on_commit_callbacks):
    route = make_route(world.orgs["uni"], Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ApplicationError):
        decide(world, run, "finance_officer")
    assert callbacks == []
    assert events == []


# --- can_decide -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_decide_answers_for_each_role(world, facts, role):
    route = make_route(
        world.orgs["uni"], step(Decider.INSTITUTE_DIRECTOR, actions=[DecisionAction.APPROVE, DecisionAction.RETURN])
    )
    run = run_start(actor=world.user("employee"), obj=world.units["d2"], route=route)
    entitled = role == "institute_director"
    assert can_decide(world.user(role), run) is entitled
    assert allowed_actions(world.user(role), run) == (["approve", "return"] if entitled else [])


def test_nobody_may_decide_a_finished_run(world, facts):
    route = make_route(world.orgs["uni"], Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    run = decide(world, run, "hr_officer")
    assert can_decide(world.user("hr_officer"), run) is False


# --- cancelling -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(role, role in {"employee", "hr_officer", "pd_officer", "sysadmin"}) for role in ALL_ROLES],
)
def test_the_author_or_a_route_manager_cancels_a_run(world, facts, role, allowed):
    route = make_route(world.orgs["uni"], Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    before = state()
    if allowed:
        run = run_cancel(actor=world.user(role), run=run, comment="Withdrawn by the author")
        assert (run.status, run.current_step) == (RunStatus.CANCELLED, None)
        assert run.decisions.get().action == DecisionAction.CANCEL
        assert audit_trail(run).filter(action="workflow_run.cancel").count() == 1
    else:
        with pytest.raises(ApplicationError) as refused:
            run_cancel(actor=world.user(role), run=run, comment="Not mine")
        assert refused.value.code == ErrorCode.PERMISSION_DENIED
        assert state() == before


def test_cancelling_needs_a_comment_and_a_run_in_progress(world, facts):
    route = make_route(world.orgs["uni"], Decider.HR)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    with pytest.raises(ApplicationError) as no_comment:
        run_cancel(actor=world.user("employee"), run=run, comment=" ")
    assert no_comment.value.field == "comment"
    run_cancel(actor=world.user("employee"), run=run, comment="Withdrawn")
    with pytest.raises(ApplicationError) as again:
        run_cancel(actor=world.user("employee"), run=run, comment="Withdrawn")
    assert again.value.code == ErrorCode.INVALID_STATE


# --- an object's runs -----------------------------------------------------------------------


@pytest.mark.req("PLN-06")
def test_an_approved_object_may_go_through_an_amendment_route_and_every_run_stays_in_its_history(world, facts):
    d1 = world.units["d1"]
    uni = world.orgs["uni"]
    schedule = make_route(uni, Decider.UNIT_HEAD, purpose="unit_schedule")
    amendment = make_route(uni, Decider.PD_CENTRE, purpose="plan_amendment")
    approved = decide(world, run_start(actor=world.user("employee"), obj=d1, route=schedule), "unit_head")

    # a production need: the approved schedule is amended (SKMA-464 5.5)
    assert route_for_purpose(uni, "plan_amendment") == amendment
    change = run_start(actor=world.user("employee"), obj=d1, route=amendment)

    assert active_run_of(d1) == change
    decide(world, change, "pd_officer", comment="New course added in March")
    assert active_run_of(d1) is None
    history = list(runs_of(d1))
    assert [(r.route_id, r.status) for r in history] == [
        (amendment.pk, RunStatus.APPROVED),
        (schedule.pk, RunStatus.APPROVED),
    ]
    assert deciders_of(history[0]) == [(Decider.PD_CENTRE, "approve", "pd_officer")]
    assert deciders_of(approved) == [(Decider.UNIT_HEAD, "approve", "unit_head")]


def test_route_for_purpose_takes_only_the_current_active_route(world, facts):
    uni = world.orgs["uni"]
    assert route_for_purpose(uni, "application") is None
    make_route(uni, Decider.HR, purpose="application", is_active=False, code="a-off")
    assert route_for_purpose(uni, "application") is None
    live = make_route(uni, Decider.HR, purpose="application", code="b-on")
    assert route_for_purpose(uni, "application") == live
    assert route_for_purpose(world.orgs["uni2"], "application") is None


def test_cancelling_from_a_stale_page_is_refused(world, facts):
    route = make_route(world.orgs["uni"], Decider.HR, Decider.FIRST_HEAD)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    seen = run.current_step_id
    decide(world, run, "hr_officer")
    before = state()
    with pytest.raises(ApplicationError) as refused:
        run_cancel(actor=world.user("employee"), run=run, comment="Withdrawn", expected_step_id=seen)
    assert refused.value.code == ErrorCode.INVALID_STATE
    assert state() == before
