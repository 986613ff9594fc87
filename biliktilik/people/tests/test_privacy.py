"""The one IIN rule of ``people.privacy`` on the people pages: the mask, who sees the full IIN,
search that reveals no hidden digit, and the log of full reads (SEC-01, SEC-03)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from biliktilik.core.access import SYSTEM
from biliktilik.people import privacy
from biliktilik.people.enums import ReadChannel
from biliktilik.people.iin import make_iin
from biliktilik.people.models import Person, PersonalDataRead
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory, OrganisationFactory, RoleGrantFactory, UnitFactory, UserFactory

DIRECTORY = reverse("people:directory")
# Who sees d1_1's file, and who of them sees the IIN in full (d1_1 is the employee's own person).
SEES_D1_1 = {"employee", "unit_head", "institute_director", "hr_officer", "pd_officer", "finance_officer"}
SEES_D1_1 |= {"first_head", "auditor", "sysadmin"}
FULL = {"employee", "hr_officer", "sysadmin"}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def distinctive_iin(person: Person) -> str:
    """Give ``person`` an IIN whose hidden digits appear nowhere else in the world."""
    value = make_iin(dt.date(1985, 7, 14), 8263)
    Person.objects.filter(pk=person.pk).update(iin=value)
    person.iin = value
    return value


def iin_cell(body: str) -> str:
    """The IIN as the personal file shows it (without the note for screen readers)."""
    match = re.search(r'<dd class="col-7" id="iin"><span class="font-monospace">(.*?)</span>', body, re.S)
    assert match is not None
    return match.group(1).strip()


# --- the mask and the rule --------------------------------------------------------------------


def test_one_mask_keeps_the_first_six_digits():
    assert privacy.mask_iin("850714382636") == "850714******"
    assert privacy.mask_iin("") == ""


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_rule_for_one_person_and_for_a_set_agree(world, role):
    user = world.user(role)
    people = list(Person.objects.all())
    one_by_one = {p.pk for p in people if privacy.may_see_full_iin(user, p)}
    assert privacy.open_person_ids(user, [p.pk for p in people]) == one_by_one
    annotated = Person.objects.annotate(iin_open=privacy.iin_open_annotation(user))
    assert {p.pk for p in annotated if p.iin_open} == one_by_one


def test_hr_of_a_former_employer_sees_the_full_iin(world):
    person = world.people["other_1"]  # works in uni2
    EmploymentFactory(
        person=person,
        unit=world.units["d3"],
        start_date=dt.date(2010, 9, 1),
        end_date=dt.date(2015, 6, 30),
        end_reason="voluntary",
    )
    assert privacy.may_see_full_iin(world.user("hr_officer"), person)
    assert not privacy.may_see_full_iin(world.user("pd_officer"), person)


# --- (a) the directory search is no oracle -----------------------------------------------------


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("digits", [7, 8, 11, 12])
def test_unit_head_cannot_recover_a_masked_iin_through_the_directory_search(client, world, digits):
    # Given d1_1 in the unit head's department, whose IIN the unit head sees masked
    target = world.people["d1_1"]
    iin = distinctive_iin(target)
    client.force_login(world.user("unit_head"))
    # When the unit head searches with the right first digits, and with a wrong last one
    right = client.get(DIRECTORY, {"q": iin[:digits]})
    wrong_digit = str((int(iin[digits - 1]) + 1) % 10)
    wrong = client.get(DIRECTORY, {"q": iin[: digits - 1] + wrong_digit})
    # Then both answers are the same: nobody found, so no digit is confirmed
    assert [e.person_id for e in right.context["page"].object_list] == []
    assert [e.person_id for e in wrong.context["page"].object_list] == []
    assert right.context["page"].paginator.count == wrong.context["page"].paginator.count == 0


@pytest.mark.req("SEC-03")
def test_the_six_visible_digits_still_find_a_person(client, world):
    target = world.people["d1_1"]
    iin = distinctive_iin(target)
    client.force_login(world.user("unit_head"))
    response = client.get(DIRECTORY, {"q": iin[:6]})
    assert {e.person_id for e in response.context["page"].object_list} == {target.pk}


@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ["hr_officer", "sysadmin"])
def test_who_sees_the_full_iin_finds_by_all_of_it(client, world, role):
    target = world.people["d1_1"]
    iin = distinctive_iin(target)
    client.force_login(world.user(role))
    response = client.get(DIRECTORY, {"q": iin})
    assert {e.person_id for e in response.context["page"].object_list} == {target.pk}


def test_the_directory_search_by_iin_logs_nothing(client, world):
    client.force_login(world.user("hr_officer"))
    client.get(DIRECTORY, {"q": world.people["d1_1"].iin})
    assert not PersonalDataRead.objects.exists()


# --- (b, c) the personal file, every role ------------------------------------------------------


@pytest.mark.req("SEC-01")
@pytest.mark.req("SEC-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_personal_file_shows_the_iin_by_the_rule_and_logs_a_full_read(client, world, role):
    target = world.people["d1_1"]
    iin = distinctive_iin(target)
    client.force_login(world.user(role))
    url = reverse("people:person_detail", args=[target.public_id])

    response = client.get(url)

    if role not in SEES_D1_1:
        assert response.status_code == 404
        assert not PersonalDataRead.objects.exists()
        return
    body = response.content.decode()
    if role in FULL:
        assert iin_cell(body) == iin
    else:
        # Never more than the one mask: no hidden digit, not the last four either
        assert iin_cell(body) == iin[:6] + "******"
        assert iin[6:] not in body
        assert iin[-4:] not in iin_cell(body)
        assert iin[:7] not in body
    reads = list(PersonalDataRead.objects.all())
    if role in FULL and role != "employee":
        # Then the full read is logged: who, whose, where
        assert [(r.actor_id, r.person_id, r.channel, r.source) for r in reads] == [
            (world.user(role).pk, target.pk, ReadChannel.PAGE, url)
        ]
        assert reads[0].actor_repr == world.user(role).username
    else:
        # Own read and masked reads are not logged
        assert reads == []


def test_the_edit_form_holds_the_full_iin_and_logs_it(client, world):
    target = world.people["d2_1"]
    client.force_login(world.user("hr_officer"))
    url = reverse("people:person_edit", args=[target.public_id])
    response = client.get(url)
    assert response.status_code == 200
    assert f'value="{target.iin}"' in response.content.decode()
    assert PersonalDataRead.objects.filter(person=target, channel=ReadChannel.PAGE, source=url).count() == 1


def test_history_shows_an_old_iin_only_masked_to_a_masked_viewer(client, world):
    target = world.people["d1_1"]
    old = target.iin
    from biliktilik.people import services

    services.person_update(actor=world.user("hr_officer"), person=target, iin=make_iin(dt.date(1970, 3, 3), 4321))
    client.force_login(world.user("auditor"))  # sees the history, the IIN masked
    body = client.get(reverse("people:person_detail", args=[target.public_id])).content.decode()
    assert old[:6] + "******" in body
    assert old not in body
    target.refresh_from_db()
    assert target.iin not in body


# --- (d) the log: own reads, several employers, the system actor -------------------------------


def test_hr_officer_reading_their_own_file_is_not_logged(client, world):
    own = world.people["hr_1"]
    client.force_login(world.user("hr_officer"))
    client.get(reverse("people:person_detail", args=[own.public_id]))
    assert not PersonalDataRead.objects.exists()


def test_hr_officer_of_a_second_employer_logs_a_read(client, world):
    person = world.people["d1_1"]
    uni2 = world.orgs["uni2"]
    EmploymentFactory(person=person, unit=world.units["other"], is_primary=False)
    hr2 = UserFactory(username="hr2")
    RoleGrantFactory(user=hr2, role="hr_officer", organisation=uni2)
    client.force_login(hr2)
    body = client.get(reverse("people:person_detail", args=[person.public_id])).content.decode()
    assert iin_cell(body) == person.iin
    assert PersonalDataRead.objects.get().actor_id == hr2.pk


def test_log_full_reads_is_one_insert_and_skips_own_and_empty(world):
    user = world.user("hr_officer")
    people = [world.people[k] for k in ("d1_1", "d1_2", "hr_1", "d2_1")]
    no_iin = EmploymentFactory(unit=world.units["d2"], person__iin="").person
    with CaptureQueriesContext(connection) as queries:
        written = privacy.log_full_reads(user, [*people, no_iin, people[0]], where=ReadChannel.API, source="/x/")
    assert written == 3  # hr_1 is the officer's own person; no IIN, no read; d1_1 once
    assert len(queries.captured_queries) == 1
    assert set(PersonalDataRead.objects.values_list("person_id", flat=True)) == {
        world.people[k].pk for k in ("d1_1", "d1_2", "d2_1")
    }


def test_the_system_actor_is_logged_without_a_user(world):
    privacy.log_full_reads(SYSTEM, [world.people["d1_1"]], where=ReadChannel.EXPORT, source="command")
    read = PersonalDataRead.objects.get()
    assert (read.actor_id, read.actor_repr) == (None, "system")


def test_a_user_of_another_organisation_sees_no_full_iin_of_a_stranger(world):
    stranger_org = OrganisationFactory()
    unit = UnitFactory(organisation=stranger_org)
    stranger = EmploymentFactory(unit=unit).person
    assert not privacy.may_see_full_iin(world.user("hr_officer"), stranger)
    assert privacy.iin_for(world.user("hr_officer"), stranger) == privacy.mask_iin(stranger.iin)
    assert not PersonalDataRead.objects.exists()


# --- the administration site ------------------------------------------------------------------


@pytest.mark.req("SEC-03")
def test_admin_lists_the_mask_and_logs_the_change_form(client, world):
    admin_user = world.user("sysadmin")
    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    client.force_login(admin_user)
    target = world.people["d1_1"]
    iin = distinctive_iin(target)

    listing = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert iin[:6] + "******" in listing
    assert iin not in listing
    assert not PersonalDataRead.objects.exists()

    url = reverse("admin:people_person_change", args=[target.pk])
    assert iin in client.get(url).content.decode()
    assert list(PersonalDataRead.objects.values_list("actor_id", "person_id", "source")) == [
        (admin_user.pk, target.pk, url)
    ]
    log = client.get(reverse("admin:people_personaldataread_changelist"))
    assert log.status_code == 200
    assert client.get(reverse("admin:people_personaldataread_add")).status_code == 403
