"""Services of the ledger: who may write, what is valid, which transitions exist, and the audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger import services
from biliktilik.ledger.enums import (
    DeliveryMode,
    FundingSource,
    Initiative,
    PDForm,
    RecordOrigin,
    RecordStatus,
    TrainerCategory,
)
from biliktilik.ledger.models import PDRecord, RecordTrainer
from biliktilik.ledger.selectors import record_counts

from .conftest import make_record, record_values
from .roles import ALL_ROLES, APPROVERS, EDITORS, MANAGERS


def _create(world, role, person_key="d1_1", **overrides):
    return services.record_create(
        actor=world.user(role),
        person=world.people[person_key],
        organisation=overrides.pop("organisation", world.orgs["uni"]),
        **record_values(**overrides),
    )


# --- record_create --------------------------------------------------------------------------------


@pytest.mark.req("LED-01")
def test_employee_enters_own_record_pending_with_every_field(world):
    # Given the employee, when they enter a record with every field of LED-01
    record = services.record_create(
        actor=world.user("employee"),
        person=world.people["d1_1"],
        form=PDForm.INTERNSHIP,
        title="  Internship at KazNU  ",
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2024, 3, 14),
        hours="36.5",
        provider=world.orgs["provider"],
        provider_name="KazNU",
        is_foreign=True,
        country="tr",
        city="Ankara",
        delivery_mode=DeliveryMode.ABROAD_WITH_LEAVE,
        is_distance=False,
        funding_source=FundingSource.GRANT,
        cost="150000.50",
        in_profile=True,
        management_topic=True,
        initiative=Initiative.EMPLOYEE,
    )
    # Then it waits for verification, is kept by their employer and every value is stored
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING
    assert record.origin == RecordOrigin.EMPLOYEE
    assert record.organisation == world.orgs["uni"]
    assert record.verified_by is None
    assert (record.title, record.country, record.city) == ("Internship at KazNU", "TR", "Ankara")
    assert (record.hours, record.cost) == (Decimal("36.5"), Decimal("150000.50"))
    assert record.provider == world.orgs["provider"]
    assert (record.is_foreign, record.in_profile, record.management_topic) == (True, True, True)
    assert (record.delivery_mode, record.funding_source) == (DeliveryMode.ABROAD_WITH_LEAVE, FundingSource.GRANT)
    assert record.initiative == Initiative.EMPLOYEE


def test_employee_cannot_enter_own_record_verified(world):
    with pytest.raises(ApplicationError) as info:
        _create(world, "employee", status=RecordStatus.VERIFIED)
    assert (info.value.code, info.value.field) == (ErrorCode.PERMISSION_DENIED, "status")
    assert PDRecord.objects.count() == 0


@pytest.mark.parametrize("role", ["hr_officer", "pd_officer"])
def test_hr_enters_a_record_verified_directly(world, role):
    record = _create(world, role, status=RecordStatus.VERIFIED)
    assert record.status == RecordStatus.VERIFIED
    assert record.origin == RecordOrigin.HR
    assert record.verified_by == world.user(role)
    assert record.verified_at is not None


def test_hr_enters_own_record_as_an_employee(world):
    # HR officer hr_1 entering their own record follows the employee path: it waits.
    record = _create(world, "hr_officer", person_key="hr_1")
    assert (record.status, record.origin) == (RecordStatus.PENDING, RecordOrigin.EMPLOYEE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_enter_a_record_for_the_employee(world, role):
    allowed = role in EDITORS
    if allowed:
        record = _create(world, role)
        assert record.person == world.people["d1_1"]
        assert PDRecord.objects.count() == 1
    else:
        with pytest.raises(ApplicationError) as info:
            _create(world, role)
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        assert PDRecord.objects.count() == 0


def test_hr_cannot_enter_a_record_for_someone_of_another_organisation(world):
    with pytest.raises(ApplicationError) as info:
        _create(world, "hr_officer", person_key="other_1", organisation=world.orgs["uni"])
    assert (info.value.code, info.value.field) == (ErrorCode.VALIDATION, "person")
    with pytest.raises(ApplicationError) as info:
        _create(world, "hr_officer", person_key="other_1", organisation=world.orgs["uni2"])
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    assert PDRecord.objects.count() == 0


def test_employee_cannot_put_own_record_on_another_organisations_books(world):
    with pytest.raises(ApplicationError) as info:
        _create(world, "employee", organisation=world.orgs["uni2"])
    assert (info.value.code, info.value.field) == (ErrorCode.PERMISSION_DENIED, "organisation")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"end_date": dt.date(2024, 2, 1)}, "end_date", id="end-before-start"),
        pytest.param({"hours": Decimal("-1")}, "hours", id="negative-hours"),
        pytest.param({"hours": "72.25"}, "hours", id="hours-two-decimals"),
        pytest.param({"hours": "many"}, "hours", id="hours-not-a-number"),
        pytest.param({"cost": Decimal("-5")}, "cost", id="negative-cost"),
        pytest.param({"title": "   "}, "title", id="empty-title"),
        pytest.param({"form": "lecture"}, "form", id="unknown-form"),
        pytest.param({"form": PDForm.OTHER}, "justification", id="other-form-without-justification"),
        pytest.param({"country": "Kazakhstan"}, "country", id="country-not-iso"),
        pytest.param({"delivery_mode": "by-post"}, "delivery_mode", id="unknown-delivery-mode"),
        pytest.param({"funding_source": "lottery"}, "funding_source", id="unknown-funding-source"),
        pytest.param({"initiative": "whim"}, "initiative", id="unknown-initiative"),
        pytest.param({"start_date": None}, "start_date", id="no-start-date"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(world, overrides, field):
    with pytest.raises(ApplicationError) as info:
        _create(world, "hr_officer", **overrides)
    assert (info.value.code, info.value.field) == (ErrorCode.VALIDATION, field)
    assert info.value.extra["field"] == field
    assert PDRecord.objects.count() == 0


def test_external_id_is_unique_per_organisation(world):
    _create(world, "hr_officer", external_id="HR-1")
    with pytest.raises(ApplicationError) as info:
        _create(world, "hr_officer", person_key="d1_2", external_id="HR-1")
    assert (info.value.code, info.value.field) == (ErrorCode.DUPLICATE, "external_id")


@pytest.mark.req("SEC-02")
def test_create_is_audited_with_the_new_values(world):
    record = _create(world, "employee")
    event = audit_trail(record).get()
    assert event.action == "record.create"
    assert event.actor == world.user("employee")
    assert event.organisation_id == world.orgs["uni"].pk
    assert event.changes["title"] == [None, "Digital tools in teaching"]
    assert event.changes["hours"] == [None, "72.0"]
    assert event.changes["status"] == [None, "pending"]


@pytest.mark.req("CMP-04")
@pytest.mark.parametrize("initiative", [Initiative.MANAGEMENT, Initiative.EMPLOYEE], ids=["management", "employee"])
def test_extraordinary_pd_is_recorded_and_counts_once_verified(world, initiative):
    # Given an extraordinary PD on management's initiative or the employee's request
    record = _create(world, "employee", initiative=initiative)
    assert not record_counts(record)
    # When HR verifies it, then it counts like planned PD
    record = services.record_verify(actor=world.user("hr_officer"), record=record)
    assert record.initiative == initiative
    assert record_counts(record)


# --- record_update ------------------------------------------------------------------------------


@pytest.mark.req("SEC-02")
def test_update_keeps_old_and_new_values_in_the_audit(world, record):
    services.record_update(actor=world.user("employee"), record=record, hours=Decimal("80"), title="New title")
    record.refresh_from_db()
    assert (record.hours, record.title) == (Decimal("80.0"), "New title")
    event = audit_trail(record).filter(action="record.update").get()
    assert event.actor == world.user("employee")
    assert event.changes == {"hours": ["72.0", "80.0"], "title": ["Digital tools in teaching", "New title"]}


def test_update_without_a_change_writes_no_audit(world, record):
    services.record_update(actor=world.user("employee"), record=record, hours=Decimal("72.0"))
    assert not audit_trail(record).filter(action="record.update").exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_update_a_pending_record(world, record, role):
    if role in EDITORS:
        services.record_update(actor=world.user(role), record=record, city="Astana")
        record.refresh_from_db()
        assert record.city == "Astana"
    else:
        with pytest.raises(ApplicationError) as info:
            services.record_update(actor=world.user(role), record=record, city="Astana")
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        record.refresh_from_db()
        assert record.city == ""
        assert not audit_trail(record).filter(action="record.update").exists()


@pytest.mark.parametrize("role", ["employee", "hr_officer"])
def test_a_verified_record_cannot_be_changed(world, role):
    record = make_record(world, status=RecordStatus.VERIFIED)
    with pytest.raises(ApplicationError) as info:
        services.record_update(actor=world.user(role), record=record, hours=Decimal("10"))
    assert info.value.code == ErrorCode.INVALID_STATE
    record.refresh_from_db()
    assert record.hours == Decimal("72.0")


def test_correcting_a_returned_record_sends_it_back_for_verification(world):
    record = make_record(world, status=RecordStatus.RETURNED)
    services.record_update(actor=world.user("employee"), record=record, hours=Decimal("36"))
    record.refresh_from_db()
    assert (record.status, record.status_reason, record.hours) == (RecordStatus.PENDING, "", Decimal("36.0"))
    event = audit_trail(record).filter(action="record.update").get()
    assert event.changes["status"] == ["returned", "pending"]


def test_update_checks_rules_over_old_and_new_values(world, record):
    with pytest.raises(ApplicationError) as info:
        services.record_update(actor=world.user("employee"), record=record, start_date=dt.date(2024, 3, 1))
    assert info.value.field == "end_date"


def test_only_hr_changes_the_external_id(world, record):
    with pytest.raises(ApplicationError) as info:
        services.record_update(actor=world.user("employee"), record=record, external_id="X")
    assert (info.value.code, info.value.field) == (ErrorCode.PERMISSION_DENIED, "external_id")


# --- verify and return --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_verify(world, record, role):
    if role in MANAGERS:
        services.record_verify(actor=world.user(role), record=record)
        record.refresh_from_db()
        assert (record.status, record.verified_by) == (RecordStatus.VERIFIED, world.user(role))
    else:
        with pytest.raises(ApplicationError) as info:
            services.record_verify(actor=world.user(role), record=record)
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        record.refresh_from_db()
        assert (record.status, record.verified_by) == (RecordStatus.PENDING, None)


def test_nobody_verifies_their_own_record(world):
    record = make_record(world, "hr_1")
    with pytest.raises(ApplicationError) as info:
        services.record_verify(actor=world.user("hr_officer"), record=record)
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING


@pytest.mark.req("SEC-02")
def test_verify_is_audited(world, record):
    services.record_verify(actor=world.user("pd_officer"), record=record)
    event = audit_trail(record).filter(action="record.verify").get()
    assert event.actor == world.user("pd_officer")
    assert event.changes["status"] == ["pending", "verified"]
    assert event.changes["verified_by"] == [None, world.user("pd_officer").pk]


def test_verifying_twice_is_refused(world, record):
    services.record_verify(actor=world.user("hr_officer"), record=record)
    with pytest.raises(ApplicationError) as info:
        services.record_verify(actor=world.user("hr_officer"), record=record)
    assert info.value.code == ErrorCode.INVALID_STATE


@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_return_needs_a_reason(world, record, reason):
    with pytest.raises(ApplicationError) as info:
        services.record_return(actor=world.user("hr_officer"), record=record, reason=reason)
    assert (info.value.code, info.value.field) == (ErrorCode.VALIDATION, "reason")
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING


def test_return_keeps_the_reason_and_a_verified_record_may_be_returned(world):
    record = make_record(world, status=RecordStatus.VERIFIED)
    services.record_return(actor=world.user("hr_officer"), record=record, reason="The certificate is for 36 h")
    record.refresh_from_db()
    assert (record.status, record.status_reason) == (RecordStatus.RETURNED, "The certificate is for 36 h")
    assert (record.verified_by, record.verified_at) == (None, None)
    event = audit_trail(record).filter(action="record.return").get()
    assert event.changes["status"] == ["verified", "returned"]
    with pytest.raises(ApplicationError) as info:
        services.record_return(actor=world.user("hr_officer"), record=record, reason="again")
    assert info.value.code == ErrorCode.INVALID_STATE


# --- justification of another form --------------------------------------------------------------


def _other_form_record(world, person_key="d1_1"):
    return make_record(
        world, person_key, status=RecordStatus.VERIFIED, form=PDForm.OTHER, justification="Mentoring young staff"
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_approve_the_justification(world, role):
    record = _other_form_record(world)
    assert not record_counts(record)
    if role in APPROVERS:
        services.record_approve_justification(actor=world.user(role), record=record)
        record.refresh_from_db()
        assert record.justification_approved_by == world.user(role)
        assert record_counts(record)
    else:
        with pytest.raises(ApplicationError) as info:
            services.record_approve_justification(actor=world.user(role), record=record)
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        record.refresh_from_db()
        assert record.justification_approved_by is None
        assert not record_counts(record)


def test_the_head_of_another_unit_may_not_approve(world):
    record = _other_form_record(world, "d2_1")  # d2 is not below the unit head's d1
    with pytest.raises(ApplicationError) as info:
        services.record_approve_justification(actor=world.user("unit_head"), record=record)
    assert info.value.code == ErrorCode.PERMISSION_DENIED


def test_the_unit_head_does_not_approve_their_own_justification(world):
    record = _other_form_record(world, "d1_2")  # the unit head's own person
    with pytest.raises(ApplicationError) as info:
        services.record_approve_justification(actor=world.user("unit_head"), record=record)
    assert info.value.code == ErrorCode.PERMISSION_DENIED


def test_approval_is_only_for_the_other_form(world, record):
    with pytest.raises(ApplicationError) as info:
        services.record_approve_justification(actor=world.user("hr_officer"), record=record)
    assert (info.value.code, info.value.field) == (ErrorCode.INVALID_STATE, "form")


def test_changing_the_justification_withdraws_the_approval(world):
    record = make_record(world, form=PDForm.OTHER, justification="Mentoring")
    services.record_approve_justification(actor=world.user("unit_head"), record=record)
    services.record_update(actor=world.user("employee"), record=record, justification="Mentoring and reviewing")
    record.refresh_from_db()
    assert record.justification_approved_by is None
    event = audit_trail(record).filter(action="record.update").get()
    assert event.changes["justification_approved_by"] == [world.user("unit_head").pk, None]


# --- trainers -----------------------------------------------------------------------------------


@pytest.mark.req("LED-06")
def test_trainers_of_an_internal_course_by_category(world):
    trainers = [
        services.TrainerInput(name="A. Pedagogue", category=TrainerCategory.PEDAGOGUE),
        services.TrainerInput(name="B. Engineer", category=TrainerCategory.INDUSTRY),
        services.TrainerInput(name="C. Professor", category=TrainerCategory.UNIVERSITY_FACULTY),
        services.TrainerInput(name="D. Visiting scientist", category=TrainerCategory.FOREIGN_SCIENTIST),
    ]
    record = _create(world, "pd_officer", form=PDForm.CORPORATE, trainers=trainers)
    rows = list(record.trainers.order_by("id").values_list("name", "category"))
    assert rows == [(t.name, t.category) for t in trainers]
    event = audit_trail(record).get()
    assert event.changes["trainers"][1][0] == ["A. Pedagogue", "pedagogue", None]


@pytest.mark.req("LED-06")
def test_trainers_are_replaced_and_audited(world):
    record = make_record(world, provider=world.orgs["uni"])  # a course the university itself gives
    services.record_set_trainers(
        actor=world.user("hr_officer"),
        record=record,
        trainers=[services.TrainerInput(name="A. Pedagogue", category=TrainerCategory.PEDAGOGUE)],
    )
    services.record_set_trainers(
        actor=world.user("hr_officer"),
        record=record,
        trainers=[services.TrainerInput(name="B. Engineer", category=TrainerCategory.INDUSTRY)],
    )
    assert list(RecordTrainer.objects.filter(record=record).values_list("name", flat=True)) == ["B. Engineer"]
    event = audit_trail(record).filter(action="record.set_trainers").first()
    assert event.changes["trainers"] == [[["A. Pedagogue", "pedagogue", None]], [["B. Engineer", "industry", None]]]


def test_trainers_only_for_internal_courses(world, record):
    with pytest.raises(ApplicationError) as info:
        services.record_set_trainers(
            actor=world.user("hr_officer"),
            record=record,
            trainers=[services.TrainerInput(name="X", category=TrainerCategory.PEDAGOGUE)],
        )
    assert info.value.field == "trainers"
    assert not record.trainers.exists()


def test_a_trainer_needs_a_category(world):
    with pytest.raises(ApplicationError) as info:
        _create(world, "hr_officer", form=PDForm.CORPORATE, trainers=[services.TrainerInput(name="X", category="")])
    assert info.value.field == "trainers"
    assert PDRecord.objects.count() == 0


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - EDITORS))
def test_others_may_not_set_trainers(world, role):
    record = make_record(world, form=PDForm.CORPORATE)
    with pytest.raises(ApplicationError) as info:
        services.record_set_trainers(
            actor=world.user(role),
            record=record,
            trainers=[services.TrainerInput(name="X", category=TrainerCategory.PEDAGOGUE)],
        )
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    assert not record.trainers.exists()


# --- forms and delivery modes as data -----------------------------------------------------------


@pytest.mark.req("LED-02")
@pytest.mark.parametrize("form", [f for f in PDForm.values if f != PDForm.OTHER])
def test_every_form_of_pd_can_be_recorded(world, form):
    record = _create(world, "hr_officer", form=form)
    assert record.get_form_display() == PDForm(form).label


@pytest.mark.req("LED-03")
@pytest.mark.parametrize("mode", DeliveryMode.values)
def test_every_delivery_mode_can_be_recorded(world, mode):
    record = _create(world, "hr_officer", delivery_mode=mode, is_distance=True)
    assert (record.delivery_mode, record.is_distance) == (mode, True)


@pytest.mark.req("LED-04")
@pytest.mark.parametrize("source", FundingSource.values)
def test_every_funding_source_can_be_recorded(world, source):
    record = _create(world, "hr_officer", funding_source=source, cost=Decimal("1000"))
    assert (record.funding_source, record.cost) == (source, Decimal("1000.00"))
