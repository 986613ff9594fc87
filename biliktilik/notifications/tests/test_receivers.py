"""Approval runs notify the right people: the deciders of the step a run waits at, and the
starter of a run that is approved, returned or rejected."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from biliktilik.core.roles import Role
from biliktilik.notifications.enums import NotificationKind
from biliktilik.notifications.messages import render
from biliktilik.notifications.models import Notification
from biliktilik.workflows.enums import Decider, DecisionAction
from biliktilik.workflows.services import run_cancel, run_decide, run_start
from biliktilik.workflows.tests.helpers import make_route, step
from tests.factories import RoleGrantFactory, UserFactory

from .helpers import rows


def start(world, route, django_capture_on_commit_callbacks, obj=None, role="employee"):
    with django_capture_on_commit_callbacks(execute=True):
        return run_start(actor=world.user(role), obj=obj or world.units["d1"], route=route)


def decide(world, run, role, django_capture_on_commit_callbacks, action=DecisionAction.APPROVE, comment=""):
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        return run_decide(
            actor=world.user(role), run=run, action=action, comment=comment, expected_step_id=run.current_step_id
        )


@pytest.mark.req("PLN-03")
def test_starting_a_run_notifies_the_deciders_of_the_first_step(
    world, facts, route, django_capture_on_commit_callbacks
):
    run = start(world, route, django_capture_on_commit_callbacks)

    assert rows() == [("unit_head", NotificationKind.WAITING_FOR_DECISION)]
    notification = Notification.objects.get()
    assert notification.link == reverse("workflows:run_detail", kwargs={"public_id": run.public_id})
    assert notification.read_at is None
    assert notification.params["route"] == {"kk": "Кесте маршруты", "ru": "Маршрут графика", "en": "Schedule route"}
    assert render(notification, "en").title == f"Waiting for your decision: {run.object_repr}"
    starter = world.people["d1_1"].short_name
    assert render(notification, "en").body == (
        f"Approval route “Schedule route”, step “Head of the unit”. Sent by: {starter}"
    )
    assert render(notification, "ru").body.startswith(
        "Маршрут согласования «Маршрут графика», этап «Заведующий кафедрой»"
    )


@pytest.mark.req("PLN-03")
def test_each_approval_notifies_the_deciders_of_the_next_step_and_the_end_notifies_the_starter(
    world, facts, route, django_capture_on_commit_callbacks
):
    run = start(world, route, django_capture_on_commit_callbacks)

    decide(world, run, "unit_head", django_capture_on_commit_callbacks)
    assert rows() == [
        ("unit_head", NotificationKind.WAITING_FOR_DECISION),
        ("hr_officer", NotificationKind.WAITING_FOR_DECISION),
    ]
    assert render(Notification.objects.order_by("id").last(), "en").body.startswith(
        "Approval route “Schedule route”, step “HR"
    )

    decide(world, run, "hr_officer", django_capture_on_commit_callbacks)
    assert rows()[2:] == [("employee", NotificationKind.APPROVED)]
    approved = Notification.objects.order_by("id").last()
    assert render(approved, "en").title == f"Approved: {run.object_repr}"
    assert render(approved, "en").body == "The approval route “Schedule route” is finished: approved."


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize(
    ("action", "kind", "verb"),
    [
        (DecisionAction.RETURN, NotificationKind.RETURNED, "returned it for rework"),
        (DecisionAction.REJECT, NotificationKind.REJECTED, "rejected it"),
    ],
    ids=["returned", "rejected"],
)
def test_returning_or_rejecting_notifies_the_starter_with_the_comment(
    world, facts, route, django_capture_on_commit_callbacks, action, kind, verb
):
    run = start(world, route, django_capture_on_commit_callbacks)

    decide(world, run, "unit_head", django_capture_on_commit_callbacks, action=action, comment="Hours are missing")

    assert rows() == [("unit_head", NotificationKind.WAITING_FOR_DECISION), ("employee", kind)]
    message = render(Notification.objects.order_by("id").last(), "en")
    head = world.people["d1_2"].short_name
    assert message.body == (
        f"{head} {verb} at the step “Head of the unit” of the approval route “Schedule route”. "
        "Comment: Hours are missing"
    )


def test_every_holder_of_the_step_is_notified_in_force_and_active_only(
    world, facts, route, django_capture_on_commit_callbacks
):
    uni = world.orgs["uni"]
    route = make_route(uni, Decider.HR)
    second = UserFactory(username="hr2")
    RoleGrantFactory(user=second, role=Role.HR_OFFICER, organisation=uni)
    expired = UserFactory(username="hr_expired")
    RoleGrantFactory(user=expired, role=Role.HR_OFFICER, organisation=uni, valid_to=dt.date(2020, 1, 1))
    inactive = UserFactory(username="hr_inactive", is_active=False)
    RoleGrantFactory(user=inactive, role=Role.HR_OFFICER, organisation=uni)

    start(world, route, django_capture_on_commit_callbacks)

    assert sorted(u for u, _kind in rows()) == ["hr2", "hr_officer"]


@pytest.mark.parametrize(
    ("decider", "role"),
    [
        (Decider.UNIT_HEAD, "unit_head"),
        (Decider.INSTITUTE_DIRECTOR, "institute_director"),
        (Decider.HR, "hr_officer"),
        (Decider.PD_CENTRE, "pd_officer"),
        (Decider.FINANCE, "finance_officer"),
        (Decider.FIRST_HEAD, "first_head"),
        (Decider.MANAGEMENT_OFFICE, "first_head"),
    ],
    ids=lambda v: str(v),
)
def test_the_deciders_notified_are_those_the_engine_accepts(
    world, facts, django_capture_on_commit_callbacks, decider, role
):
    route = make_route(world.orgs["uni"], decider)

    start(world, route, django_capture_on_commit_callbacks)

    assert rows() == [(role, NotificationKind.WAITING_FOR_DECISION)]


def test_a_skipped_step_notifies_nobody_and_the_next_applicable_one_is_notified(
    world, facts, django_capture_on_commit_callbacks
):
    route = make_route(world.orgs["uni"], step(Decider.FINANCE, condition="requires_payment"), step(Decider.FIRST_HEAD))

    start(world, route, django_capture_on_commit_callbacks)

    assert rows() == [("first_head", NotificationKind.WAITING_FOR_DECISION)]


def test_a_cancelled_run_notifies_nobody_more(world, facts, route, django_capture_on_commit_callbacks):
    run = start(world, route, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        run_cancel(actor=world.user("employee"), run=run, comment="Sent by mistake")

    assert rows() == [("unit_head", NotificationKind.WAITING_FOR_DECISION)]


def test_a_run_approved_at_once_does_not_notify_its_own_starter(world, facts, django_capture_on_commit_callbacks):
    route = make_route(world.orgs["uni"], step(Decider.FINANCE, condition="requires_payment"))

    start(world, route, django_capture_on_commit_callbacks)

    assert rows() == []


def test_nothing_is_made_before_the_commit(world, facts, route, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    assert rows() == []

    for callback in callbacks:
        callback()

    assert rows() == [("unit_head", NotificationKind.WAITING_FOR_DECISION)]


def test_notifying_many_deciders_costs_the_same_as_notifying_one(
    world, facts, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    uni = world.orgs["uni"]
    counts = []
    for extra in (0, 20):
        for n in range(extra):
            RoleGrantFactory(user=UserFactory(username=f"pd{n}"), role=Role.PD_OFFICER, organisation=uni)
        route = make_route(uni, Decider.PD_CENTRE)
        Notification.objects.all().delete()
        # a fresh actor each time, so that no instance cached by the first round saves a query
        actor = type(world.user("employee")).objects.get(pk=world.user("employee").pk)
        with django_capture_on_commit_callbacks() as callbacks:
            run_start(actor=actor, obj=world.units["d2" if extra else "d1"], route=route)
        with django_assert_max_num_queries(10) as queries:
            for callback in callbacks:
                callback()
        assert Notification.objects.count() == extra + 1
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
