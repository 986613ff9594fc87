"""The admin site is for system administrators only (superusers and sysadmin grants)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from biliktilik.accounts.models import RoleGrant
from biliktilik.core.roles import Role
from conftest import ALL_ROLES
from tests.factories import UserFactory

ADMIN = reverse("admin:index")
CHANGELISTS = [
    "admin:org_organisation_changelist",
    "admin:org_unit_changelist",
    "admin:org_office_changelist",
    "admin:people_person_changelist",
    "admin:people_employment_changelist",
    "admin:people_position_changelist",
    "admin:people_discipline_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_rolegrant_changelist",
]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_a_sysadmin_enters_even_when_marked_staff(client, world, role):
    client.force_login(staff(world.user(role)))

    response = client.get(ADMIN)

    assert response.status_code == (200 if role == "sysadmin" else 302)


def test_a_sysadmin_not_marked_staff_stays_out(client, world):
    client.force_login(world.user("sysadmin"))

    assert client.get(ADMIN).status_code == 302


def test_a_superuser_enters(client, world):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))

    assert client.get(ADMIN).status_code == 200


@pytest.mark.parametrize("name", CHANGELISTS)
def test_a_sysadmin_without_django_permissions_uses_every_page(client, world, name):
    user = staff(world.user("sysadmin"))
    assert not user.is_superuser
    client.force_login(user)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_a_staff_user_with_django_permissions_but_no_grant_is_refused(client, world):
    user = staff(world.user("hr_officer"))
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["people", "org"]))
    client.force_login(user)

    response = client.get(reverse("admin:people_person_changelist"))

    assert response.status_code == 302


def test_granting_and_ending_sysadmin_sets_and_clears_is_staff(client, world):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    target = world.user("auditor")

    client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": target.pk, "role": Role.SYSADMIN, "organisation": world.orgs["ab"].pk, "unit": ""},
    )
    target.refresh_from_db()
    granted = target.is_staff
    grant = RoleGrant.objects.get(user=target, role=Role.SYSADMIN)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    client.post(reverse("admin:accounts_rolegrant_change", args=[grant.pk]), {"valid_to": yesterday.isoformat()})
    target.refresh_from_db()
    grant.refresh_from_db()

    assert granted is True
    assert grant.valid_to == yesterday
    assert target.is_staff is False
