"""The auditor answers "who changed this person's access, and when" from the personal file (SEC-02)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from biliktilik.accounts.services import grant_create, grant_end
from biliktilik.core.audit import audit_record
from biliktilik.core.roles import Role
from biliktilik.people.selectors import person_history
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.req("SEC-02")
def test_grants_of_a_persons_login_are_in_their_history(world: Any, client: Any) -> None:
    # given a login of d2_1 to which the administrator grants a role and later ends it
    person = world.people["d2_1"]
    login = UserFactory(username="d2-login", person=person)
    admin = world.user(Role.SYSADMIN)
    grant = grant_create(
        actor=admin, user=login, role=Role.UNIT_HEAD, organisation=world.orgs["uni"], unit=world.units["d2"]
    )
    grant_end(actor=admin, grant=grant, on=dt.date(2030, 1, 1))

    # then the person's history holds both changes, by the administrator
    events = [(e.action, e.actor_id) for e in person_history(person)]
    assert ("grant.create", admin.pk) in events
    assert ("grant.end", admin.pk) in events

    # and the auditor of the organisation reads them on the personal file
    client.force_login(world.user(Role.AUDITOR))
    response = client.get(reverse("people:person_detail", kwargs={"public_id": person.public_id}))
    assert response.status_code == 200
    shown = [entry.event.action for entry in response.context["history"]]
    assert "grant.create" in shown
    assert "grant.end" in shown


def test_sign_ins_are_not_changes_of_access(world: Any) -> None:
    person = world.people["d2_1"]
    login = UserFactory(username="d2-login", person=person)
    audit_record(actor=login, action="user.login", obj=login, changes={})

    assert [e.action for e in person_history(person)] == []
