"""Import of PD history: checked row by row, written all or nothing, re-import updates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from biliktilik.core.audit import audit_trail
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger.enums import PDForm, RecordOrigin, RecordStatus
from biliktilik.ledger.importing import COLUMN_NAMES, import_pd_records
from biliktilik.ledger.models import PDRecord
from biliktilik.people.iin import make_iin
from biliktilik.people.models import Person

from .conftest import make_record
from .roles import ALL_ROLES, ANONYMOUS, MANAGERS

HEADER = ["person_iin", "form", "title", "start_date", "end_date", "hours", "external_id"]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, header=HEADER, delimiter=";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def run(world, content, filename="history.xlsx", role="hr_officer", dry_run=False, organisation="uni"):
    return import_pd_records(
        actor=world.user(role),
        organisation=world.orgs[organisation],
        content=content,
        filename=filename,
        dry_run=dry_run,
    )


def iin(world, key):
    return world.people[key].iin


def problems(report):
    return [(p.row, p.column) for p in report.problems]


# --- a good file --------------------------------------------------------------------------------


@pytest.mark.req("LED-01")
def test_hr_imports_history_verified_by_default(world):
    content = xlsx(
        [
            [iin(world, "d1_1"), "course_short", "Digital tools", dt.date(2019, 2, 4), dt.date(2019, 2, 15), 72, "A-1"],
            [iin(world, "d2_1"), "seminar", "Assessment", "01.03.2020", "02.03.2020", "16,5", ""],
        ]
    )
    report = run(world, content)
    assert report.problems == []
    assert (report.summary.created, report.summary.updated, report.summary.unchanged) == (2, 0, 0)
    first, second = PDRecord.objects.order_by("end_date")
    assert (first.person, first.title, first.hours, first.external_id) == (
        world.people["d1_1"],
        "Digital tools",
        Decimal("72.0"),
        "A-1",
    )
    assert (second.person, second.form, second.hours, second.start_date) == (
        world.people["d2_1"],
        PDForm.SEMINAR,
        Decimal("16.5"),
        dt.date(2020, 3, 1),
    )
    for record in (first, second):
        assert (record.status, record.origin, record.organisation) == (
            RecordStatus.VERIFIED,
            RecordOrigin.IMPORT,
            world.orgs["uni"],
        )
        assert record.verified_by == world.user("hr_officer")
        assert audit_trail(record).get().action == "record.create"


def test_every_column_is_read(world):
    header = COLUMN_NAMES
    row = {
        "person_iin": iin(world, "d1_1"),
        "person_external_id": "",
        "form": "other",
        "title": "Mentoring school",
        "provider_name": "Anadolu University",
        "is_foreign": "да",
        "country": "tr",
        "city": "Eskişehir",
        "start_date": "2021-05-03",
        "end_date": "2021-05-28",
        "hours": "108",
        "delivery_mode": "abroad_with_leave",
        "is_distance": "жоқ",
        "funding_source": "grant",
        "cost": "350 000,00",
        "in_profile": "yes",
        "management_topic": "1",
        "initiative": "management",
        "justification": "Approved by the department",
        "status": "pending",
        "external_id": "X-9",
    }
    report = run(world, csv_bytes([[row[name] for name in header]], header=header), filename="h.csv")
    assert report.problems == []
    record = PDRecord.objects.get()
    assert (record.form, record.provider_name, record.is_foreign, record.country, record.city) == (
        "other",
        "Anadolu University",
        True,
        "TR",
        "Eskişehir",
    )
    assert (record.delivery_mode, record.is_distance, record.funding_source, record.cost) == (
        "abroad_with_leave",
        False,
        "grant",
        Decimal("350000.00"),
    )
    assert (record.in_profile, record.management_topic, record.initiative) == (True, True, "management")
    assert (record.justification, record.status, record.verified_by) == (
        "Approved by the department",
        RecordStatus.PENDING,
        None,
    )


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_form_may_be_given_by_its_title(world, language):
    with translation.override(language):
        title = str(PDForm.MASTER_CLASS.label)
    content = xlsx([[iin(world, "d1_1"), title.upper(), "Master class", "2022-01-10", "2022-01-10", 4, ""]])
    report = run(world, content)
    assert report.problems == []
    assert PDRecord.objects.get().form == PDForm.MASTER_CLASS


def test_person_by_external_id_and_a_numeric_iin_cell(world):
    person = world.people["d1_1"]
    Person.objects.filter(pk=person.pk).update(external_id="EMP-7")
    header = ["person_external_id", "form", "title", "start_date", "end_date", "hours"]
    report = run(world, xlsx([["EMP-7", "training", "Soft skills", "2022-02-01", "2022-02-02", 12]], header=header))
    assert report.problems == []
    assert PDRecord.objects.get().person == person
    # An IIN that starts with 0 loses the zero when a spreadsheet keeps it as a number.
    young = Person.objects.create(last_name="Young", first_name="Aru", iin=make_iin(dt.date(2001, 4, 5), 17))
    assert young.iin.startswith("0")
    world.people["d1_1"].employments.first().__class__.objects.create(
        person=young,
        organisation=world.orgs["uni"],
        unit=world.units["d1"],
        position=world.people["d1_1"].employments.first().position,
        category="faculty",
        start_date=dt.date(2023, 9, 1),
    )
    report = run(world, xlsx([[int(young.iin), "training", "Soft skills", "2024-02-01", "2024-02-02", 12, ""]]))
    assert report.problems == []
    assert PDRecord.objects.filter(person=young).count() == 1


# --- all or nothing -----------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["history.xlsx", "history.csv"])
def test_one_bad_row_imports_nothing_and_every_problem_is_listed(world, filename):
    rows = [
        [iin(world, "d1_1"), "course_short", "Good row", "2019-02-04", "2019-02-15", "72", ""],
        [iin(world, "d1_2"), "course_short", "Bad date", "31.02.2019", "2019-02-15", "72", ""],
        [iin(world, "other_1"), "course_short", "Elsewhere", "2019-02-04", "2019-02-15", "72", ""],
        [iin(world, "d2_1"), "course_short", "Negative", "2019-02-04", "2019-02-15", "-3", ""],
        [iin(world, "d2_2"), "course_short", "Backwards", "2019-02-15", "2019-02-04", "72", ""],
        [iin(world, "d3_1"), "lecture", "Unknown form", "2019-02-04", "2019-02-15", "72", ""],
        [iin(world, "d3_2"), "other", "No justification", "2019-02-04", "2019-02-15", "72", ""],
        ["123", "course_short", "Bad IIN", "2019-02-04", "2019-02-15", "72", ""],
    ]
    content = xlsx(rows) if filename.endswith("xlsx") else csv_bytes(rows)
    report = run(world, content, filename=filename)
    assert problems(report) == [
        (3, "start_date"),
        (4, "person_iin"),
        (5, "hours"),
        (6, "end_date"),
        (7, "form"),
        (8, "justification"),
        (9, "person_iin"),
    ]
    assert report.summary is None
    assert not PDRecord.objects.exists()


def test_problems_are_translated(world):
    content = xlsx([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", "-1", ""]])
    with translation.override("en"):
        english = run(world, content).problems[0].message
    with translation.override("ru"):
        russian = run(world, content).problems[0].message
        expected_russian = translation.gettext("Hours cannot be negative.")
    assert english == "Hours cannot be negative."
    assert russian == expected_russian


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param([*HEADER, "colour"], [(1, "colour")], id="unknown-column"),
        pytest.param([h for h in HEADER if h != "hours"], [(1, "hours")], id="missing-column"),
        pytest.param([h for h in HEADER if h != "person_iin"], [(1, "person_iin")], id="no-person-column"),
        pytest.param([*HEADER, "title"], [(1, "title")], id="repeated-column"),
    ],
)
def test_header_problems(world, header, expected):
    report = run(world, xlsx([], header=header))
    assert problems(report) == expected
    assert not PDRecord.objects.exists()


def test_a_repeated_row_is_refused(world):
    row = [iin(world, "d1_1"), "course_short", "Digital tools", "2019-02-04", "2019-02-15", "72", ""]
    report = run(world, xlsx([row, row]))
    assert problems(report) == [(3, "title")]
    assert "row 2" in report.problems[0].message
    assert not PDRecord.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(world):
    with pytest.raises(ApplicationError) as info:
        run(world, b"not a zip", filename="history.xlsx")
    assert (info.value.code, info.value.field) == (ErrorCode.IMPORT_FAILED, "file")
    with pytest.raises(ApplicationError) as info:
        run(world, b"a,b", filename="history.txt")
    assert info.value.field == "file"


def test_empty_file(world):
    with translation.override("en"), pytest.raises(ApplicationError) as info:
        run(world, xlsx([]))
    assert (info.value.code, info.value.field) == (ErrorCode.IMPORT_FAILED, "file")
    assert str(info.value.message) == "The file has no rows below the header."


# --- re-import ----------------------------------------------------------------------------------


def test_reimport_by_external_id_updates_instead_of_duplicating(world):
    row = [iin(world, "d1_1"), "course_short", "Digital tools", "2019-02-04", "2019-02-15", "72", "A-1"]
    run(world, xlsx([row]))
    record = PDRecord.objects.get()
    again = run(world, xlsx([row]))
    assert (again.summary.created, again.summary.updated, again.summary.unchanged) == (0, 0, 1)
    changed = run(world, xlsx([[*row[:2], "Digital tools, part 1", *row[3:5], "80", "A-1"]]))
    assert (changed.summary.created, changed.summary.updated) == (0, 1)
    record.refresh_from_db()
    assert (PDRecord.objects.count(), record.title, record.hours) == (1, "Digital tools, part 1", Decimal("80.0"))
    event = audit_trail(record).filter(action="record.import_update").get()
    assert event.changes == {"hours": ["72.0", "80.0"], "title": ["Digital tools", "Digital tools, part 1"]}


def test_reimport_without_external_id_matches_person_title_date_and_hours(world):
    existing = make_record(world, title="Digital tools", hours=72, status=RecordStatus.PENDING)
    row = [iin(world, "d1_1"), "course_short", "Digital tools", "2024-02-05", "2024-02-16", "72.0", ""]
    report = run(world, xlsx([row]))
    assert (report.summary.created, report.summary.updated) == (0, 1)
    existing.refresh_from_db()
    assert (PDRecord.objects.count(), existing.status, existing.verified_by) == (
        1,
        RecordStatus.VERIFIED,
        world.user("hr_officer"),
    )
    # A first external id given later is set on the matched record.
    run(world, xlsx([[*row[:6], "A-7"]]))
    existing.refresh_from_db()
    assert (PDRecord.objects.count(), existing.external_id) == (1, "A-7")


def test_columns_left_out_of_a_reimport_keep_their_values(world):
    existing = make_record(world, title="Digital tools", hours=72, city="Almaty", external_id="A-1")
    run(world, xlsx([[iin(world, "d1_1"), "course_short", "Digital tools", "2024-02-05", "2024-02-16", 72, "A-1"]]))
    existing.refresh_from_db()
    assert existing.city == "Almaty"


def test_an_external_id_of_another_persons_record_is_refused(world):
    make_record(world, "d1_2", external_id="A-1")
    row = [iin(world, "d1_1"), "course_short", "Digital tools", "2024-02-05", "2024-02-16", 72, "A-1"]
    assert problems(run(world, xlsx([row]))) == [(2, "external_id")]


# --- dry run, rights, page, command --------------------------------------------------------------


def test_dry_run_counts_and_writes_nothing(world):
    make_record(world, title="Digital tools", hours=72, external_id="A-1")
    rows = [
        [iin(world, "d1_1"), "course_short", "Digital tools", "2024-02-05", "2024-02-16", 80, "A-1"],
        [iin(world, "d1_2"), "seminar", "Assessment", "2024-03-01", "2024-03-01", 8, ""],
    ]
    report = run(world, xlsx(rows), dry_run=True)
    assert (report.summary.created, report.summary.updated, report.summary.dry_run) == (1, 1, True)
    assert PDRecord.objects.count() == 1
    assert PDRecord.objects.get().hours == Decimal("72.0")


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - MANAGERS))
def test_only_hr_or_the_pd_centre_may_import(world, role):
    content = xlsx([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", 72, ""]])
    with pytest.raises(ApplicationError) as info:
        run(world, content, role=role)
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    assert not PDRecord.objects.exists()


def test_hr_imports_only_into_its_own_organisation(world):
    content = xlsx([[iin(world, "other_1"), "course_short", "T", "2019-02-04", "2019-02-15", 72, ""]])
    with pytest.raises(ApplicationError) as info:
        run(world, content, organisation="uni2")
    assert info.value.code == ErrorCode.PERMISSION_DENIED


@pytest.mark.parametrize("role", [*ALL_ROLES, ANONYMOUS])
def test_import_page_for_every_role(world, page_client, role):
    content = xlsx([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", 72, ""]])
    data = {"organisation": world.orgs["uni"].pk, "file": SimpleUploadedFile("history.xlsx", content)}
    response = page_client(role).post(reverse("ledger:import"), data)
    if role == ANONYMOUS:
        assert response.status_code == 302
    elif role == "pd_officer":
        # a PD-centre officer sees IINs masked, so the IIN finds nobody for them (SEC-03)
        assert response.status_code == 400
        assert problems(response.context["report"]) == [(2, "person_iin")]
    elif role in MANAGERS:
        assert response.status_code == 200
        assert response.context["report"].summary.created == 1
    else:
        assert response.status_code == 403
    assert PDRecord.objects.count() == (1 if role in MANAGERS and role != "pd_officer" else 0)


@pytest.mark.req("SEC-03")
def test_guessed_iins_tell_a_pd_officer_nothing(world):
    # given a PD-centre officer, who sees the IIN of d1_1 masked, and a file of candidate IINs:
    # the right one, an IIN nobody has, and the IIN of a person of another university
    person = world.people["d1_1"]
    candidates = [person.iin, make_iin(dt.date(1980, 1, 1), 4242), iin(world, "other_1")]
    rows = [[candidate, "course_short", "T", "2019-02-04", "2019-02-15", 72, ""] for candidate in candidates]

    # when they run the check
    report = run(world, xlsx(rows), role="pd_officer", dry_run=True)

    # then every row gets the same answer, pointing to the external id, and nothing is written
    assert problems(report) == [(2, "person_iin"), (3, "person_iin"), (4, "person_iin")]
    assert len({p.message for p in report.problems}) == 1
    assert "external id" in report.problems[0].message
    assert PDRecord.objects.count() == 0


def test_a_pd_officer_imports_by_the_external_id(world):
    person = world.people["d1_1"]
    person.external_id = "HR-0042"
    person.save(update_fields=["external_id"])
    header = ["person_external_id", "form", "title", "start_date", "end_date", "hours", "external_id"]
    content = xlsx([["HR-0042", "course_short", "T", "2019-02-04", "2019-02-15", 72, ""]], header=header)

    report = run(world, content, role="pd_officer")

    assert report.problems == []
    assert PDRecord.objects.get().person == person


def test_import_page_lists_problems_with_row_and_column(world, page_client):
    content = xlsx([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", -1, ""]])
    data = {"organisation": world.orgs["uni"].pk, "file": SimpleUploadedFile("history.xlsx", content)}
    response = page_client("hr_officer").post(reverse("ledger:import"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="import-problems"' in html
    assert "<td>2</td><td><code>hours</code></td>" in html


def test_the_template_has_every_column(world, page_client):
    client = page_client("pd_officer")
    workbook = load_workbook(io.BytesIO(client.get(reverse("ledger:import_template", args=["xlsx"])).content))
    assert [c.value for c in workbook.worksheets[0][1]] == COLUMN_NAMES
    codes = {row[1] for row in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert set(PDForm.values) <= codes
    text = client.get(reverse("ledger:import_template", args=["csv"])).content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(COLUMN_NAMES)


def test_the_filled_template_imports(world):
    from biliktilik.ledger.importing import template_csv

    text = template_csv().decode("utf-8-sig").replace("\r\n", "\n").splitlines()
    example = text[1].split(";")
    example[0] = iin(world, "d1_1")
    report = run(world, ("\n".join([text[0], ";".join(example)])).encode(), filename="t.csv")
    assert report.problems == []
    assert PDRecord.objects.get().title == "Digital tools in teaching"


def test_command_imports_and_reports(world, tmp_path, capsys):
    path = tmp_path / "history.xlsx"
    path.write_bytes(xlsx([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", 72, "A-1"]]))
    with translation.override("en"):
        call_command("import_pd_records", str(path), "--organisation", "uni", "--dry-run")
        assert not PDRecord.objects.exists()
        assert (
            capsys.readouterr()
            .out.strip()
            .endswith("Check only, nothing saved. New records: 1; updated: 0; unchanged: 0.")
        )
        call_command("import_pd_records", str(path), "--organisation", "uni")
    record = PDRecord.objects.get()
    assert (record.origin, record.status, record.verified_by) == (RecordOrigin.IMPORT, RecordStatus.VERIFIED, None)
    assert audit_trail(record).get().actor is None
    assert capsys.readouterr().out.strip().endswith("New records: 1; updated: 0; unchanged: 0.")


def test_command_fails_on_problems_and_saves_nothing(world, tmp_path, capsys):
    path = tmp_path / "history.csv"
    path.write_bytes(csv_bytes([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", "-1", ""]]))
    with pytest.raises(CommandError) as info:
        call_command("import_pd_records", str(path), "--organisation", "uni")
    assert info.value.returncode == 1
    assert "row 2, column hours: " in capsys.readouterr().err
    assert not PDRecord.objects.exists()


def test_command_as_a_user_uses_their_rights(world, tmp_path):
    path = tmp_path / "history.xlsx"
    path.write_bytes(xlsx([[iin(world, "d1_1"), "course_short", "T", "2019-02-04", "2019-02-15", 72, ""]]))
    with pytest.raises(CommandError):
        call_command("import_pd_records", str(path), "--organisation", "uni", "--as-user", "auditor")
    call_command("import_pd_records", str(path), "--organisation", "uni", "--as-user", "hr_officer")
    assert PDRecord.objects.get().verified_by == world.user("hr_officer")


def test_an_empty_required_cell_is_a_problem(world):
    report = run(world, xlsx([[iin(world, "d1_1"), "course_short", "", "2019-02-04", "2019-02-15", None, ""]]))
    assert problems(report) == [(2, "title"), (2, "hours")]
    assert not PDRecord.objects.exists()


def test_empty_cells_of_a_reimport_keep_the_stored_values(world):
    existing = make_record(world, title="Digital tools", hours=72, city="Almaty", cost=5000, external_id="A-1")
    header = [*HEADER, "city", "cost"]
    row = [iin(world, "d1_1"), "course_short", "Digital tools", "2024-02-05", "2024-02-16", 72, "A-1", "", ""]
    report = run(world, xlsx([row], header=header))
    assert report.problems == []
    existing.refresh_from_db()
    assert (existing.city, existing.cost) == ("Almaty", Decimal("5000.00"))
