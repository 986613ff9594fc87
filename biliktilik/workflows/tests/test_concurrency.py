"""Two people deciding the same step at the same moment: exactly one wins (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.workflows.enums import Decider, DecisionAction, RunStatus
from biliktilik.workflows.models import Decision, Run
from biliktilik.workflows.services import run_decide, run_start
from tests.factories import RoleGrantFactory, UserFactory

from .helpers import make_route

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SELECT ... FOR UPDATE row locks; set DATABASE_URL to a PostgreSQL database",
    ),
]


@pytest.mark.req("PLN-03")
def test_two_deciders_at_the_same_moment_exactly_one_wins(world, facts):
    # given a run waiting for HR, and two HR officers with the same page open
    second_hr = UserFactory(username="second_hr")
    RoleGrantFactory(user=second_hr, role=Role.HR_OFFICER, organisation=world.orgs["uni"])
    route = make_route(world.orgs["uni"], Decider.HR, Decider.FIRST_HEAD)
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    hr_step = run.current_step_id
    barrier = threading.Barrier(2, timeout=10)
    outcomes: dict[str, str] = {}

    def click(username: str) -> None:
        from biliktilik.accounts.models import User

        try:
            actor = User.objects.get(username=username)
            stale = Run.objects.get(pk=run.pk)
            barrier.wait()
            run_decide(actor=actor, run=stale, action=DecisionAction.APPROVE, expected_step_id=hr_step)
            outcomes[username] = "won"
        except ApplicationError as error:
            outcomes[username] = str(error.code)
        finally:
            connection.close()  # each thread has its own connection

    # when both approve at once
    threads = [threading.Thread(target=click, args=(name,)) for name in ("hr_officer", "second_hr")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then one wins, the other is told the run has moved on, and the run went one step only
    assert sorted(outcomes.values()) == sorted(["won", str(ErrorCode.INVALID_STATE)])
    run.refresh_from_db()
    assert (run.status, run.current_step.decider) == (RunStatus.IN_PROGRESS, Decider.FIRST_HEAD)
    winner = next(name for name, outcome in outcomes.items() if outcome == "won")
    assert list(Decision.objects.filter(run=run).values_list("actor__username", "action")) == [(winner, "approve")]
