"""Role grants are changed only by the services: checked, locked, audited, never deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from biliktilik.accounts.models import RoleGrant
from biliktilik.accounts.scoping import compute_scope
from biliktilik.accounts.services import grant_create, grant_end
from biliktilik.core.access import SYSTEM, forget_scope, scope_of
from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.people.selectors import persons_visible_to
from tests.factories import UserFactory

TODAY = dt.date.today


def _grant(world, **overrides):
    values = {
        "actor": world.user("sysadmin"),
        "user": UserFactory(username="newcomer"),
        "role": Role.HR_OFFICER,
        "organisation": world.orgs["uni2"],
    }
    values.update(overrides)
    return grant_create(**values)


@pytest.mark.req("SEC-02")
def test_a_sysadmin_grants_a_role_and_the_grant_is_audited(world):
    grant = _grant(world)

    event = audit_trail(grant).get()
    assert event.action == "grant.create"
    assert event.actor == world.user("sysadmin")
    assert event.changes["role"] == [None, Role.HR_OFFICER]
    assert event.changes["organisation"] == [None, world.orgs["uni2"].pk]
    assert scope_of(grant.user).sees_organisation_whole(world.orgs["uni2"].pk)


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SYSADMIN])
def test_nobody_but_a_sysadmin_grants(world, role):
    with pytest.raises(ApplicationError) as caught:
        _grant(world, actor=world.user(role))

    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert not RoleGrant.objects.filter(user__username="newcomer").exists()


def test_the_system_actor_grants(world):
    assert _grant(world, actor=SYSTEM).pk


def test_a_unit_role_needs_a_unit(world):
    with pytest.raises(ApplicationError) as caught:
        _grant(world, role=Role.UNIT_HEAD, organisation=world.orgs["uni"])

    assert caught.value.field == "unit"


def test_the_unit_belongs_to_the_organisation(world):
    with pytest.raises(ApplicationError) as caught:
        _grant(world, role=Role.UNIT_HEAD, organisation=world.orgs["uni2"], unit=world.units["d1"])

    assert caught.value.field == "unit"


def test_an_end_before_the_start_is_refused(world):
    with pytest.raises(ApplicationError) as caught:
        _grant(world, valid_from=TODAY(), valid_to=TODAY() - dt.timedelta(days=2))

    assert caught.value.field == "valid_to"


def test_an_overlapping_grant_is_refused_and_an_ended_one_may_be_granted_again(world):
    actor = world.user("sysadmin")
    first = _grant(world)
    with pytest.raises(ApplicationError) as caught:
        _grant(world, user=first.user)
    assert caught.value.code == ErrorCode.DUPLICATE

    grant_end(actor=actor, grant=first)
    again = _grant(world, user=first.user, valid_from=TODAY())

    assert again.pk != first.pk
    assert RoleGrant.objects.filter(user=first.user).count() == 2


@pytest.mark.req("SEC-02")
def test_ending_a_grant_keeps_it_and_audits_old_to_new(world):
    grant = _grant(world)

    grant_end(actor=world.user("sysadmin"), grant=grant)

    grant.refresh_from_db()
    yesterday = TODAY() - dt.timedelta(days=1)
    assert grant.valid_to == yesterday
    event = audit_trail(grant).filter(action="grant.end").get()
    assert event.changes == {"valid_to": [None, yesterday.isoformat()]}


@pytest.mark.req("SEC-01")
def test_a_grant_ended_yesterday_gives_nothing_today(world):
    user = world.user("hr_officer")
    grant = RoleGrant.objects.get(user=user, role=Role.HR_OFFICER)
    assert persons_visible_to(user).filter(pk=world.people["d3_1"].pk).exists()

    grant_end(actor=world.user("sysadmin"), grant=grant, on=TODAY() - dt.timedelta(days=1))
    forget_scope(user)

    scope = compute_scope(user)
    assert scope.organisation_ids == frozenset()
    assert not scope.has_role(Role.HR_OFFICER)
    assert not persons_visible_to(user).filter(pk=world.people["d3_1"].pk).exists()


def test_a_grant_that_starts_tomorrow_gives_nothing_today(world):
    grant = _grant(world, valid_from=TODAY() + dt.timedelta(days=1))

    assert not compute_scope(grant.user).has_role(Role.HR_OFFICER)


def test_a_grant_already_ended_cannot_end_again(world):
    grant = _grant(world)
    grant_end(actor=world.user("sysadmin"), grant=grant)

    with pytest.raises(ApplicationError) as caught:
        grant_end(actor=world.user("sysadmin"), grant=grant)

    assert caught.value.code == ErrorCode.INVALID_STATE
    assert audit_trail(grant).filter(action="grant.end").count() == 1


def test_only_a_sysadmin_ends_a_grant(world):
    grant = RoleGrant.objects.get(user=world.user("auditor"))

    with pytest.raises(ApplicationError) as caught:
        grant_end(actor=world.user("hr_officer"), grant=grant)

    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    grant.refresh_from_db()
    assert grant.valid_to is None


def test_a_sysadmin_grant_sets_is_staff_and_ending_it_clears_it(world):
    target = world.user("auditor")

    grant = _grant(world, user=target, role=Role.SYSADMIN, organisation=world.orgs["ab"])
    target.refresh_from_db()
    granted = target.is_staff
    grant_end(actor=world.user("sysadmin"), grant=grant, on=timezone.localdate() - dt.timedelta(days=1))
    target.refresh_from_db()

    assert granted is True
    assert target.is_staff is False
