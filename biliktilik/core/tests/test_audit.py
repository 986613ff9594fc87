"""The audit log: snapshots, detecting real changes, and the recorded events (SEC-02)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from biliktilik.core.audit import apply_changes, audit_record, audit_trail, snapshot
from biliktilik.core.models import AuditEvent
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_snapshot_gives_plain_values():
    # given an employment with a foreign key, a date, a decimal and a UUID
    employment = EmploymentFactory(rate=Decimal("0.50"), start_date=dt.date(2024, 9, 2))
    employment.refresh_from_db()
    # when
    values = snapshot(employment, ["person", "unit", "rate", "start_date", "end_date", "public_id", "is_primary"])
    # then
    assert values == {
        "person": employment.person_id,
        "unit": employment.unit_id,
        "rate": "0.50",
        "start_date": "2024-09-02",
        "end_date": None,
        "public_id": str(employment.public_id),
        "is_primary": True,
    }


def test_apply_changes_sets_and_returns_only_what_changed():
    # given
    person = PersonFactory(last_name="Серікбаева", first_name="Гүлнұр", email="")
    # when the same last name, a new first name and a new e-mail are applied
    changed = apply_changes(person, {"last_name": "Серікбаева", "first_name": "Айгүл", "email": "a@example.kz"})
    # then
    assert changed == {"first_name": ("Гүлнұр", "Айгүл"), "email": ("", "a@example.kz")}
    assert (person.last_name, person.first_name, person.email) == ("Серікбаева", "Айгүл", "a@example.kz")


def test_apply_changes_compares_foreign_keys_by_id_and_dates_by_value():
    # given
    employment = EmploymentFactory(start_date=dt.date(2020, 9, 1))
    same_unit = type(employment.unit).objects.get(pk=employment.unit_id)
    other_unit = UnitFactory(organisation=employment.organisation)
    # when the same unit (another instance) and the same date are applied: nothing changes
    assert apply_changes(employment, {"unit": same_unit, "start_date": dt.date(2020, 9, 1)}) == {}
    # when another unit is applied
    changed = apply_changes(employment, {"unit": other_unit})
    # then the old value is the old id and the new one the new unit
    assert changed == {"unit": (same_unit.pk, other_unit)}
    assert employment.unit_id == other_unit.pk


def test_apply_changes_with_nothing_new_returns_nothing():
    person = PersonFactory(first_name="Асқар")
    assert apply_changes(person, {}) == {}
    assert apply_changes(person, {"first_name": "Асқар"}) == {}


def test_audit_record_keeps_who_what_and_old_and_new_values():
    # given
    actor = UserFactory()
    person = PersonFactory()
    # when
    event = audit_record(
        actor=actor,
        action="person.update",
        obj=person,
        changes={"birth_date": (None, dt.date(1980, 5, 17)), "first_name": ("Асқар", "Ерлан")},
        organisation_id=42,
    )
    # then
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor == actor
    assert event.action == "person.update"
    assert event.object_type == "people.person"
    assert event.object_id == str(person.pk)
    assert event.object_repr == person.full_name
    assert event.organisation_id == 42
    assert event.changes == {"birth_date": [None, "1980-05-17"], "first_name": ["Асқар", "Ерлан"]}
    assert event.changed_fields() == [("birth_date", None, "1980-05-17"), ("first_name", "Асқар", "Ерлан")]
    assert event.created_at is not None


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_audit_record_without_a_logged_in_actor_stores_no_actor(actor):
    person = PersonFactory()
    event = audit_record(actor=actor, action="person.create", obj=person)
    assert event.actor is None
    assert event.changes == {}


def test_audit_record_stores_a_model_instance_as_its_id():
    employment = EmploymentFactory()
    other_unit = UnitFactory(organisation=employment.organisation)
    event = audit_record(
        actor=None, action="employment.update", obj=employment, changes={"unit": (employment.unit, other_unit)}
    )
    assert AuditEvent.objects.get(pk=event.pk).changes == {"unit": [employment.unit_id, other_unit.pk]}


def test_audit_trail_lists_the_events_of_one_object_newest_first():
    # given two events for one person and one for another
    person, other = PersonFactory(), PersonFactory()
    first = audit_record(actor=None, action="person.create", obj=person)
    audit_record(actor=None, action="person.create", obj=other)
    second = audit_record(actor=None, action="person.update", obj=person)
    # then
    assert list(audit_trail(person)) == [second, first]
