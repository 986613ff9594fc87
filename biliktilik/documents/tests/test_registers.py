"""Numbered registers: gap-free numbers per (organisation, document type, year), formats as data,
cancellations that keep their number."""

from __future__ import annotations

import pytest
from django.db import transaction

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.documents.models import Register, RegisterEntry
from biliktilik.documents.registers import register_cancel, register_configure, register_entries, register_next


def take(world, *, org="uni", doc_type="order", year=2031, obj=None):
    return register_next(
        actor=world.user("hr_officer"), organisation=world.orgs[org], doc_type=doc_type, year=year, obj=obj
    )


def test_numbers_follow_one_another_per_organisation_type_and_year(world):
    register_configure(
        actor=world.user("hr_officer"), organisation=world.orgs["uni"], doc_type="order", year=2031, prefix="ORD"
    )
    assert [take(world).label for _ in range(3)] == ["ORD-0001/31", "ORD-0002/31", "ORD-0003/31"]
    assert take(world, year=2032).number == 1
    assert take(world, doc_type="certificate").number == 1
    assert take(world, org="uni2").number == 1
    entry = take(world, obj=world.units["d1"])
    assert (entry.number, entry.content_object) == (4, world.units["d1"])
    assert AuditEvent.objects.filter(action="documents.register.next").count() == 7


def test_the_format_is_data(world):
    register_configure(
        actor=world.user("pd_officer"),
        organisation=world.orgs["uni"],
        doc_type="certificate",
        year=2031,
        prefix="PD",
        number_format="{yyyy}/{prefix}/{n}",
    )
    assert take(world, doc_type="certificate").label == "2031/PD/1"


@pytest.mark.parametrize(
    ("number_format", "field"),
    [("{prefix}-{yy}", "number_format"), ("{n}-{unknown}", "number_format"), ("{n:zz}", "number_format")],
)
def test_a_bad_format_is_refused_naming_the_field(world, number_format, field):
    with pytest.raises(ApplicationError) as refused:
        register_configure(
            actor=world.user("hr_officer"),
            organisation=world.orgs["uni"],
            doc_type="order",
            year=2031,
            number_format=number_format,
        )
    assert refused.value.field == field


@pytest.mark.parametrize("role", ["employee", "unit_head", "finance_officer", "auditor", "authority_officer"])
def test_only_hr_pd_officers_and_sysadmins_configure_and_cancel(world, role):
    entry = take(world)
    with pytest.raises(ApplicationError) as refused:
        register_configure(actor=world.user(role), organisation=world.orgs["uni"], doc_type="order", year=2031)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    with pytest.raises(ApplicationError) as refused:
        register_cancel(actor=world.user(role), entry=entry, reason="Mistake")
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    entry.refresh_from_db()
    assert not entry.is_cancelled


def test_a_cancelled_entry_keeps_its_number_and_the_number_is_not_given_again(world):
    first, second = take(world), take(world)
    cancelled = register_cancel(actor=world.user("hr_officer"), entry=first, reason="Issued by mistake")
    assert (cancelled.number, cancelled.is_cancelled, cancelled.cancel_reason) == (1, True, "Issued by mistake")
    assert take(world).number == 3
    register = Register.objects.get()
    assert [(e.number, e.is_cancelled) for e in register_entries(register)] == [(1, True), (2, False), (3, False)]
    with pytest.raises(ApplicationError) as again:
        register_cancel(actor=world.user("hr_officer"), entry=first, reason="Twice")
    assert again.value.code == ErrorCode.INVALID_STATE
    with pytest.raises(ApplicationError) as no_reason:
        register_cancel(actor=world.user("sysadmin"), entry=second, reason=" ")
    assert no_reason.value.field == "reason"
    assert AuditEvent.objects.filter(action="documents.register.cancel").count() == 1


def test_a_number_taken_in_a_transaction_that_fails_is_not_lost(world):
    take(world)

    def register_then_fail() -> None:
        with transaction.atomic():
            take(world)
            raise RuntimeError("the document could not be saved")

    with pytest.raises(RuntimeError):
        register_then_fail()
    assert take(world).number == 2
    assert list(RegisterEntry.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize(("values", "field"), [({"year": 1999}, "year"), ({"doc_type": " "}, "doc_type")])
def test_bad_input_names_the_field(world, values, field):
    with pytest.raises(ApplicationError) as refused:
        take(world, **values)
    assert refused.value.field == field
