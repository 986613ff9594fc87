"""SEC-02: every edit in the administration site is audited; grants go through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from biliktilik.accounts.models import RoleGrant
from biliktilik.core.admin_rules import AuditedAdminMixin, SystemAdministratorAdmin
from biliktilik.core.audit import audit_trail
from biliktilik.core.models import AuditEvent
from biliktilik.core.roles import Role
from biliktilik.org.models import Office

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def sysadmin_client(client, world):
    user = world.user("sysadmin")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return client


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[m._meta.label for m, _ in REGISTERED])
def test_every_registered_admin_audits_and_admits_only_system_administrators(model, model_admin):
    assert isinstance(model_admin, AuditedAdminMixin)
    assert isinstance(model_admin, SystemAdministratorAdmin)


def _person_form(person, **changes):
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "iin": person.iin,
        "external_id": person.external_id,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "sex": person.sex,
        "email": person.email,
        "phone": person.phone,
        "academic_title": person.academic_title,
    }
    data.update(changes)
    return data


@pytest.mark.req("SEC-02")
def test_an_admin_edit_of_a_person_writes_old_to_new(sysadmin_client, world):
    person = world.people["d1_1"]
    old_name = person.last_name
    url = reverse("admin:people_person_change", args=[person.pk])
    page = sysadmin_client.get(url)
    data = _person_form(person, last_name="Жаңаұлы")
    for inline in page.context["inline_admin_formsets"]:
        # Keep the inline rows as they are (unchanged), so only the person's own field changes.
        formset = inline.formset
        data.update({f"{formset.prefix}-TOTAL_FORMS": "0", f"{formset.prefix}-INITIAL_FORMS": "0"})

    response = sysadmin_client.post(url, data)

    assert response.status_code == 302, response.content[:2000]
    event = audit_trail(person).get(action="admin.change")
    assert event.actor == world.user("sysadmin")
    assert event.changes == {"last_name": [old_name, "Жаңаұлы"]}


@pytest.mark.req("SEC-02")
def test_an_admin_add_and_delete_are_audited(sysadmin_client, world):
    uni = world.orgs["uni"]
    add = sysadmin_client.post(
        reverse("admin:org_office_add"),
        {"organisation": uni.pk, "kind": "finance", "unit": "", "title_kk": "Қаржы", "title_ru": "", "title_en": ""},
    )
    assert add.status_code == 302, add.content[:2000]
    office = Office.objects.get(organisation=uni, kind="finance")
    created = audit_trail(office).get(action="admin.add")

    sysadmin_client.post(reverse("admin:org_office_delete", args=[office.pk]), {"post": "yes"})

    deleted = AuditEvent.objects.get(action="admin.delete", object_type="org.office")
    assert created.changes["title_kk"] == [None, "Қаржы"]
    assert created.organisation_id == uni.pk
    assert deleted.changes["title_kk"] == ["Қаржы", None]
    assert not Office.objects.filter(pk=office.pk).exists()


def test_grants_are_added_through_the_service(sysadmin_client, world):
    target = world.user("auditor")

    response = sysadmin_client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": target.pk, "role": Role.HR_OFFICER, "organisation": world.orgs["uni2"].pk, "unit": ""},
    )

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=target, role=Role.HR_OFFICER)
    assert audit_trail(grant).get().action == "grant.create"


def test_a_unit_role_without_a_unit_is_refused_next_to_the_field(sysadmin_client, world):
    response = sysadmin_client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": world.user("auditor").pk, "role": Role.UNIT_HEAD, "organisation": world.orgs["uni"].pk, "unit": ""},
    )

    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert not RoleGrant.objects.filter(user=world.user("auditor"), role=Role.UNIT_HEAD).exists()


def test_a_grant_is_ended_through_the_service_and_never_deleted(sysadmin_client, world):
    grant = RoleGrant.objects.get(user=world.user("auditor"))
    yesterday = dt.date.today() - dt.timedelta(days=1)

    sysadmin_client.post(reverse("admin:accounts_rolegrant_change", args=[grant.pk]), {"valid_to": yesterday})
    deleted = sysadmin_client.post(reverse("admin:accounts_rolegrant_delete", args=[grant.pk]), {"post": "yes"})

    grant.refresh_from_db()
    assert grant.valid_to == yesterday
    assert audit_trail(grant).get().action == "grant.end"
    assert deleted.status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_an_ended_grant_cannot_be_ended_again_in_the_admin(sysadmin_client, world):
    grant = RoleGrant.objects.get(user=world.user("auditor"))
    grant.valid_to = dt.date.today() - dt.timedelta(days=3)
    grant.save()

    response = sysadmin_client.post(
        reverse("admin:accounts_rolegrant_change", args=[grant.pk]),
        {"valid_to": (dt.date.today() - dt.timedelta(days=4)).isoformat()},
    )

    assert response.status_code == 200
    assert "valid_to" in response.context["adminform"].form.errors


@pytest.mark.req("SEC-02")
def test_a_password_set_in_the_admin_is_audited_without_its_value(sysadmin_client, world):
    target = world.user("auditor")

    response = sysadmin_client.post(
        reverse("admin:auth_user_password_change", args=[target.pk]),
        {"password1": "A-long-new-pass-2026", "password2": "A-long-new-pass-2026", "usable_password": "true"},
    )

    assert response.status_code == 302
    event = audit_trail(target).get(action="admin.change")
    assert event.changes == {"password": ["***", "***"]}
    assert "A-long-new-pass-2026" not in str(event.changes)


def test_deleting_a_user_does_not_delete_their_grants(sysadmin_client, world):
    target = world.user("auditor")

    response = sysadmin_client.post(reverse("admin:accounts_user_delete", args=[target.pk]), {"post": "yes"})

    assert response.status_code == 200  # the page lists the protected grants instead
    assert RoleGrant.objects.filter(user=target).exists()
