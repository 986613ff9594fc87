"""The staff import service: all or nothing, matching on re-import, errors by row and column."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.people.importing import ImportReport, RowError, staff_import
from biliktilik.people.models import Employment, Person
from biliktilik.people.tests.test_import_reading import as_table, csv_bytes, file_of, iin_for, staff_row, xlsx_bytes
from tests.factories import PositionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def run(actor: Any, data: bytes, kind: str = "xlsx", language: str = "en", **kwargs: Any) -> ImportReport:
    with translation.override(language):
        return staff_import(actor=actor, file=io.BytesIO(data), filename=f"staff.{kind}", **kwargs)


def snapshot_counts() -> tuple[int, int, int]:
    return Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def hr(world: Any) -> Any:
    return world.user("hr_officer")


# --- a valid file ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_valid_file_creates_people_and_employments(world: Any, hr: Any, kind: str) -> None:
    rows = [staff_row(1), staff_row(2, unit="D3", rate="0,5", category="research")]

    report = run(hr, file_of(rows, kind), kind, organisation=world.orgs["uni"])

    assert report.errors == []
    assert report.counts() == {
        "persons_created": 2,
        "persons_updated": 0,
        "persons_unchanged": 0,
        "employments_created": 2,
        "employments_updated": 0,
        "employments_unchanged": 0,
    }
    second = Person.objects.get(iin=iin_for(2))
    assert (second.last_name, second.first_name, second.middle_name) == ("Тестов2", "Асқар", "Бекұлы")
    assert second.birth_date == dt.date(1980, 5, 17)  # from the IIN
    employment = second.employments.get()
    assert employment.organisation == world.orgs["uni"]
    assert employment.unit == world.units["d3"]
    assert employment.position.code == "lecturer"
    assert employment.rate == Decimal("0.50")
    assert employment.category == "research"
    assert employment.start_date == dt.date(2021, 9, 1)
    assert employment.is_primary is True
    assert Person.objects.get(iin=iin_for(1)).employments.get().category == "faculty"  # the position's


def test_every_documented_column_is_stored(world: Any, hr: Any) -> None:
    iin = iin_for(7, born=dt.date(1985, 3, 14), female=True)
    row = {
        "organisation_code": "uni",
        "external_id": "HR-7",
        "iin": iin,
        "last_name": "Серікбаева",
        "first_name": "Гүлнұр",
        "middle_name": "Маратқызы",
        "birth_date": dt.datetime(1985, 3, 14),  # noqa: DTZ001 - an Excel date cell
        "sex": "әйел",
        "email": "g.serikbayeva@example.kz",
        "phone": 77012345678,
        "unit_code": "d2",
        "position_code": "LECTURER",
        "category": "faculty",
        "rate": 0.75,
        "start_date": "2018-09-01",
        "end_date": "31.08.2021",
        "end_reason": "term_ended",
        "competition_date": dt.datetime(2018, 8, 25),  # noqa: DTZ001
        "competition_term_years": 3,
    }

    report = run(hr, xlsx_bytes(as_table([row])))

    assert report.errors == []
    person = Person.objects.get(iin=iin)
    assert (person.external_id, person.birth_date, person.sex) == ("HR-7", dt.date(1985, 3, 14), "f")
    assert (person.email, person.phone) == ("g.serikbayeva@example.kz", "77012345678")
    employment = person.employments.get()
    assert employment.unit == world.units["d2"]
    assert employment.rate == Decimal("0.75")
    assert (employment.start_date, employment.end_date) == (dt.date(2018, 9, 1), dt.date(2021, 8, 31))
    assert employment.end_reason == "term_ended"
    assert (employment.competition_date, employment.competition_term_years) == (dt.date(2018, 8, 25), 3)


def test_the_import_writes_one_audit_event_with_the_counts_besides_those_of_the_services(world: Any, hr: Any) -> None:
    report = run(hr, file_of([staff_row(1), staff_row(2)]), organisation=world.orgs["uni"])

    assert report.ok
    event = AuditEvent.objects.get(action="staff.import")
    assert event.actor == hr
    assert event.organisation_id == world.orgs["uni"].pk
    assert event.object_type == "org.organisation"
    assert event.changes == {
        "file": [None, "staff.xlsx"],
        "rows": [None, 2],
        "persons_created": [None, 2],
        "persons_updated": [None, 0],
        "persons_unchanged": [None, 0],
        "employments_created": [None, 2],
        "employments_updated": [None, 0],
        "employments_unchanged": [None, 0],
    }
    assert AuditEvent.objects.filter(action="person.create", actor=hr).count() == 2
    assert AuditEvent.objects.filter(action="employment.create", actor=hr).count() == 2


def test_rows_name_their_organisation_when_none_is_chosen(world: Any) -> None:
    sysadmin = world.user("sysadmin")
    rows = [staff_row(1, organisation_code="uni"), staff_row(2, organisation_code="uni2", unit="X1")]

    report = run(sysadmin, file_of(rows))

    assert report.errors == []
    assert Person.objects.get(iin=iin_for(2)).employments.get().organisation == world.orgs["uni2"]
    events = AuditEvent.objects.filter(action="staff.import").order_by("organisation_id")
    assert [e.organisation_id for e in events] == sorted([world.orgs["uni"].pk, world.orgs["uni2"].pk])
    assert [e.changes["employments_created"] for e in events] == [[None, 1], [None, 1]]


def test_without_a_chosen_organisation_the_column_is_needed(world: Any) -> None:
    report = run(world.user("sysadmin"), file_of([staff_row(1)]))

    assert report.errors == [
        RowError(1, "organisation_code", "The column is missing: add it, or choose the organisation of the import.")
    ]


# --- all or nothing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_one_bad_row_among_valid_ones_writes_nothing(world: Any, hr: Any, kind: str) -> None:
    before = snapshot_counts()
    rows = [staff_row(1), staff_row(2, unit="NOPE"), staff_row(3)]

    report = run(hr, file_of(rows, kind), kind, organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(3, "unit_code", f"No unit with the code “NOPE” in “{world.orgs['uni'].name_en}”.")
    ]
    assert report.counts() == dict.fromkeys(report.counts(), 0)
    assert snapshot_counts() == before


def test_every_row_is_checked_and_every_problem_reported(world: Any, hr: Any) -> None:
    rows = [
        staff_row(1, iin="123456789012"),
        staff_row(2, position="dean-of-nothing"),
        staff_row(3, last_name="", start_date="2021/09/01"),
        staff_row(4, end_date="01.09.2020", end_reason="retirement"),
        staff_row(5, rate="3"),
    ]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(2, "iin", "IIN must be 12 digits with a correct check digit."),
        RowError(
            3,
            "position_code",
            "No position with the code “dean-of-nothing” in the shared catalogue or in that of "
            f"“{world.orgs['uni'].name_en}”.",
        ),
        RowError(4, "last_name", "This field is required."),
        RowError(4, "start_date", "Enter a valid date."),
        RowError(5, "end_date", "The end date cannot be before the start date."),
        RowError(6, "rate", "The rate must be more than 0 and at most 2."),
    ]
    assert Person.objects.filter(last_name__startswith="Тестов").count() == 0


def test_errors_are_in_the_language_of_the_request(world: Any, hr: Any) -> None:
    rows = [staff_row(1, last_name="", start_date="вчера")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"], language="ru")

    assert report.errors == [
        RowError(2, "last_name", "Обязательное поле."),
        RowError(2, "start_date", "Введите правильную дату."),
    ]


def test_a_row_without_iin_or_external_id_cannot_be_matched_later(world: Any, hr: Any) -> None:
    report = run(hr, file_of([staff_row(1, iin="")]), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(2, "iin", "Give the IIN or the external id, so that the person can be found again.")
    ]


def test_birth_date_and_sex_must_agree_with_the_iin(world: Any, hr: Any) -> None:
    rows = [staff_row(1, birth_date="18.05.1980", sex="f")]  # the IIN says 17.05.1980, male

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(2, "birth_date", "The birth date does not agree with the IIN."),
        RowError(2, "sex", "The sex does not agree with the IIN."),
    ]


def test_a_service_refusal_during_the_writes_rolls_everything_back(
    world: Any, hr: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every rule of the services is checked before the writes; what is left is a change made by
    # someone else meanwhile, e.g. a unit moved to another organisation. Simulate it on row 3.
    from biliktilik.people.importing import service

    before = snapshot_counts()
    real_create = service.employment_create

    def create_refusing_the_second(**kwargs: Any) -> Any:
        if kwargs["person"].iin == iin_for(2):
            raise ApplicationError("The unit belongs to another organisation.", field="unit")
        return real_create(**kwargs)

    monkeypatch.setattr(service, "employment_create", create_refusing_the_second)

    report = run(hr, file_of([staff_row(1), staff_row(2)]), organisation=world.orgs["uni"])

    assert report.errors == [RowError(3, "unit_code", "The unit belongs to another organisation.")]
    assert report.counts() == dict.fromkeys(report.counts(), 0)
    assert snapshot_counts() == before


def test_an_external_id_of_a_person_of_another_organisation_is_not_taken_over(world: Any, hr: Any) -> None:
    # External ids come from each organisation's HR system; two systems may use the same number.
    other = world.people["other_1"]  # employed at uni2
    other.external_id, other.iin = "X-1", ""
    other.save()

    report = run(hr, file_of([staff_row(1), staff_row(2, external_id="X-1")]), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(3, "external_id", "This external id belongs to a person of another organisation.")
    ]


def test_an_external_id_held_by_a_person_with_another_iin_is_refused(world: Any, hr: Any) -> None:
    holder = world.people["d1_1"]
    holder.external_id = "E-1"
    holder.save()

    report = run(hr, file_of([staff_row(1, external_id="E-1")]), organisation=world.orgs["uni"])

    assert report.errors == [RowError(2, "iin", "The person with this external id has another IIN.")]


# --- matching on re-import ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_importing_the_same_file_again_changes_nothing(world: Any, hr: Any, kind: str) -> None:
    data = file_of([staff_row(1), staff_row(2)], kind)
    run(hr, data, kind, organisation=world.orgs["uni"])
    before = snapshot_counts()

    report = run(hr, data, kind, organisation=world.orgs["uni"])

    assert report.counts() == {
        "persons_created": 0,
        "persons_updated": 0,
        "persons_unchanged": 2,
        "employments_created": 0,
        "employments_updated": 0,
        "employments_unchanged": 2,
    }
    people, employments, events = snapshot_counts()
    assert (people, employments) == before[:2]
    assert events == before[2] + 1  # only the staff.import event


def test_a_corrected_file_updates_in_place(world: Any, hr: Any) -> None:
    run(hr, file_of([staff_row(1), staff_row(2)]), organisation=world.orgs["uni"])
    person = Person.objects.get(iin=iin_for(1))
    employment = person.employments.get()

    rows = [staff_row(1, last_name="Жаңатегі", rate="0,5", end_date="30.06.2024", end_reason="voluntary"), staff_row(2)]
    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.counts() == {
        "persons_created": 0,
        "persons_updated": 1,
        "persons_unchanged": 1,
        "employments_created": 0,
        "employments_updated": 1,
        "employments_unchanged": 1,
    }
    assert Person.objects.filter(iin=iin_for(1)).count() == 1
    person.refresh_from_db()
    employment.refresh_from_db()
    assert person.last_name == "Жаңатегі"
    assert (employment.rate, employment.end_date, employment.end_reason) == (
        Decimal("0.50"),
        dt.date(2024, 6, 30),
        "voluntary",
    )
    update = AuditEvent.objects.get(action="employment.update")
    assert update.changes["rate"] == ["1.00", "0.50"]


def test_empty_cells_leave_stored_values_as_they_are(world: Any, hr: Any) -> None:
    run(hr, file_of([staff_row(1, email="a@example.kz", rate="0,5")]), organisation=world.orgs["uni"])

    report = run(hr, file_of([staff_row(1, email="", rate="")]), organisation=world.orgs["uni"])

    assert report.persons_unchanged == 1
    assert report.employments_unchanged == 1
    person = Person.objects.get(iin=iin_for(1))
    assert person.email == "a@example.kz"
    assert person.employments.get().rate == Decimal("0.50")


def test_a_person_without_iin_is_found_again_by_external_id(world: Any, hr: Any) -> None:
    header = ["external_id", "last_name", "first_name", "unit_code", "position_code", "start_date"]
    first = {"external_id": "T-9", "last_name": "Ахметов", "first_name": "Ерлан", "unit_code": "D1"}
    first |= {"position_code": "lecturer", "start_date": "01.09.2020"}
    run(hr, file_of([first], header=header), organisation=world.orgs["uni"])

    report = run(hr, file_of([{**first, "first_name": "Ерлан-Ата"}], header=header), organisation=world.orgs["uni"])

    assert report.counts()["persons_updated"] == 1
    assert Person.objects.get(external_id="T-9").first_name == "Ерлан-Ата"


def test_an_existing_person_found_by_iin_gets_the_external_id(world: Any, hr: Any) -> None:
    person = world.people["d1_1"]
    row = staff_row(0, iin=person.iin, last_name=person.last_name, first_name=person.first_name)
    row |= {"middle_name": person.middle_name, "external_id": "E-100", "start_date": "01.09.2019"}

    report = run(hr, file_of([row]), organisation=world.orgs["uni"])

    assert report.counts()["persons_updated"] == 1
    assert report.counts()["employments_unchanged"] == 1  # the world's D1 lecturer employment
    person.refresh_from_db()
    assert person.external_id == "E-100"


# --- several employments of one person (PEO-01) ----------------------------------------------------


@pytest.mark.req("PEO-01")
def test_one_person_on_several_rows_holds_several_employments(world: Any, hr: Any) -> None:
    rows = [staff_row(1, unit="D1", rate="0,5"), staff_row(1, unit="D3", rate="0,25")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == []
    assert (report.persons_created, report.employments_created) == (1, 2)
    person = Person.objects.get(iin=iin_for(1))
    employments = sorted(person.employments.all(), key=lambda e: e.unit.code)
    assert [(e.unit.code, e.rate, e.is_primary) for e in employments] == [
        ("D1", Decimal("0.50"), True),
        ("D3", Decimal("0.25"), False),
    ]


@pytest.mark.req("PEO-01")
def test_an_existing_person_gets_a_further_employment(world: Any, hr: Any) -> None:
    person = world.people["d1_1"]
    row = staff_row(0, iin=person.iin, last_name=person.last_name, first_name=person.first_name)
    row |= {"middle_name": person.middle_name, "unit_code": "D2", "rate": "0,5", "start_date": "01.02.2024"}

    report = run(hr, file_of([row]), organisation=world.orgs["uni"])

    assert report.counts() == {
        "persons_created": 0,
        "persons_updated": 0,
        "persons_unchanged": 1,
        "employments_created": 1,
        "employments_updated": 0,
        "employments_unchanged": 0,
    }
    assert sorted(person.employments.values_list("unit__code", "is_primary")) == [("D1", True), ("D2", False)]


def test_a_person_moving_between_organisations_keeps_one_record(world: Any) -> None:
    person = world.people["other_1"]  # employed at uni2
    row = staff_row(0, iin=person.iin, last_name=person.last_name, first_name=person.first_name)
    row |= {"middle_name": person.middle_name, "start_date": "01.09.2024"}

    report = run(world.user("hr_officer"), file_of([row]), organisation=world.orgs["uni"])

    assert report.errors == []
    assert sorted(person.employments.values_list("organisation__code", flat=True)) == ["uni", "uni2"]


# --- duplicates inside the file -------------------------------------------------------------------------


def test_a_duplicate_iin_with_other_personal_data_names_both_rows(world: Any, hr: Any) -> None:
    rows = [staff_row(1), staff_row(2), staff_row(1, last_name="Басқа", unit="D2")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(4, "last_name", "This person is also in row 2, with another value in this column.")
    ]
    assert Person.objects.filter(iin=iin_for(1)).count() == 0


def test_the_same_employment_twice_names_both_rows(world: Any, hr: Any) -> None:
    rows = [staff_row(1), staff_row(1, rate="0,5")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(
            3,
            "start_date",
            "This employment is also in row 2: the same person, organisation, unit, position and start date.",
        )
    ]


def test_an_iin_and_external_id_of_two_different_rows_cannot_meet(world: Any, hr: Any) -> None:
    rows = [staff_row(1, external_id="A"), staff_row(2, external_id="B"), staff_row(1, external_id="B", unit="D2")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(4, "external_id", "The IIN and the external id name different people: those of rows 2, 3.")
    ]


def test_an_iin_already_held_with_another_external_id_is_refused(world: Any, hr: Any) -> None:
    holder = world.people["d1_1"]
    holder.external_id = "H-1"
    holder.save()
    other = world.people["d2_1"]
    row = staff_row(0, iin=other.iin, last_name=other.last_name, first_name=other.first_name, external_id="H-1")

    report = run(hr, file_of([row]), organisation=world.orgs["uni"])

    assert report.errors == [RowError(2, "external_id", "This external id belongs to another person.")]


# --- codes ------------------------------------------------------------------------------------------


def test_an_organisations_own_position_is_found_and_another_organisations_is_not(world: Any, hr: Any) -> None:
    PositionFactory(code="tutor-uni", organisation=world.orgs["uni"], name_kk="Тьютор")
    PositionFactory(code="tutor-uni2", organisation=world.orgs["uni2"], name_kk="Тьютор")
    rows = [staff_row(1, position="tutor-uni"), staff_row(2, position="tutor-uni2")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(
            3,
            "position_code",
            "No position with the code “tutor-uni2” in the shared catalogue or in that of "
            f"“{world.orgs['uni'].name_en}”.",
        )
    ]


def test_a_unit_code_of_another_organisation_is_unknown(world: Any, hr: Any) -> None:
    UnitFactory(organisation=world.orgs["uni2"], code="ONLY2")

    report = run(hr, file_of([staff_row(1, unit="ONLY2")]), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(2, "unit_code", f"No unit with the code “ONLY2” in “{world.orgs['uni'].name_en}”.")
    ]


def test_an_unknown_organisation_code_is_reported(world: Any) -> None:
    report = run(world.user("sysadmin"), file_of([staff_row(1, organisation_code="nowhere")]))

    assert report.errors == [RowError(2, "organisation_code", "Unknown organisation code “nowhere”.")]


# --- rights -------------------------------------------------------------------------------------------


def test_an_hr_officer_cannot_import_into_another_organisation_through_the_column(world: Any, hr: Any) -> None:
    before = snapshot_counts()
    rows = [staff_row(1), staff_row(2, organisation_code="uni2", unit="X1")]

    report = run(hr, file_of(rows), organisation=world.orgs["uni"])

    assert report.errors == [
        RowError(3, "organisation_code", "You may not change the staff records of this organisation.")
    ]
    assert snapshot_counts() == before


def test_an_hr_officer_cannot_choose_another_organisation(world: Any, hr: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        run(hr, file_of([staff_row(1)]), organisation=world.orgs["uni2"])

    assert caught.value.code == ErrorCode.PERMISSION_DENIED


@pytest.mark.parametrize("role", ["employee", "unit_head", "pd_officer", "first_head", "authority_officer"])
def test_other_roles_cannot_import(world: Any, role: str) -> None:
    before = snapshot_counts()

    with pytest.raises(ApplicationError) as caught:
        run(world.user(role), file_of([staff_row(1)]), organisation=world.orgs["uni"])

    assert caught.value.code == ErrorCode.PERMISSION_DENIED
    assert snapshot_counts() == before


def test_as_system_acts_with_every_right_and_names_no_actor(world: Any) -> None:
    users_before = get_user_model().objects.count()

    report = run(None, file_of([staff_row(1, organisation_code="uni2", unit="X1")]), as_system=True)

    assert report.errors == []
    assert AuditEvent.objects.filter(action__in=["person.create", "employment.create", "staff.import"]).count() == 3
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {None}
    assert get_user_model().objects.count() == users_before


# --- dry run and query counts ---------------------------------------------------------------------------


def test_a_dry_run_counts_but_saves_nothing(world: Any, hr: Any) -> None:
    before = snapshot_counts()

    report = run(hr, file_of([staff_row(1), staff_row(1, unit="D2")]), organisation=world.orgs["uni"], dry_run=True)

    assert report.ok
    assert report.dry_run is True
    assert (report.persons_created, report.employments_created) == (1, 2)
    assert snapshot_counts() == before


@pytest.mark.parametrize("count", [2, 30])
def test_checking_a_file_takes_the_same_number_of_queries_whatever_its_length(
    world: Any, hr: Any, count: int, django_assert_max_num_queries: Any
) -> None:
    rows = [staff_row(n, unit=("D1", "D2", "D3")[n % 3]) for n in range(1, count)] + [staff_row(99, unit="NOPE")]
    data = file_of(rows, "csv")

    with django_assert_max_num_queries(8):
        report = run(hr, data, "csv", organisation=world.orgs["uni"])

    assert [e.row for e in report.errors] == [count + 1]


def test_a_csv_file_with_a_bom_and_commas_is_read(world: Any, hr: Any) -> None:
    data = csv_bytes(as_table([staff_row(1)]), delimiter=",")

    report = run(hr, data, "csv", organisation=world.orgs["uni"])

    assert report.errors == []
    assert report.persons_created == 1
