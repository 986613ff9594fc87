"""``manage.py import_staff``: the same import from the command line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from biliktilik.core.models import AuditEvent
from biliktilik.people.models import Employment, Person
from biliktilik.people.tests.test_import_reading import file_of, iin_for, staff_row

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, rows: list[dict[str, Any]], kind: str = "xlsx") -> Path:
    path = tmp_path / f"staff.{kind}"
    path.write_bytes(file_of(rows, kind))
    return path


def command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import_staff", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_command_imports_as_the_system(world: Any, tmp_path: Path, kind: str) -> None:
    users_before = get_user_model().objects.count()
    path = write(tmp_path, [staff_row(1, unit="X1"), staff_row(2, unit="X1")], kind)

    out, err = command(str(path), "--organisation", "uni2")

    assert err == ""
    assert out.splitlines() == [
        "Imported 2 rows.",
        "People: 2 created, 0 updated, 0 unchanged.",
        "Employments: 2 created, 0 updated, 0 unchanged.",
    ]
    assert sorted(
        Employment.objects.filter(person__iin__in=[iin_for(1), iin_for(2)]).values_list("organisation__code", flat=True)
    ) == ["uni2", "uni2"]
    events = AuditEvent.objects.filter(action__in=["person.create", "employment.create", "staff.import"])
    assert events.count() == 5
    assert set(events.values_list("actor", flat=True)) == {None}
    assert get_user_model().objects.count() == users_before


def test_the_command_acts_as_the_user_given(world: Any, tmp_path: Path) -> None:
    path = write(tmp_path, [staff_row(1)])

    command(str(path), "--organisation", "uni", "--as-user", "hr_officer")

    assert AuditEvent.objects.get(action="staff.import").actor == world.user("hr_officer")
    assert AuditEvent.objects.get(action="person.create").actor == world.user("hr_officer")


def test_the_command_refuses_a_user_without_the_right(world: Any, tmp_path: Path) -> None:
    path = write(tmp_path, [staff_row(1)])

    with pytest.raises(CommandError) as caught:
        command(str(path), "--organisation", "uni", "--as-user", "employee")

    assert str(caught.value) == "You may not import staff records."
    assert not Person.objects.filter(iin=iin_for(1)).exists()


def test_a_dry_run_prints_the_counts_and_saves_nothing(world: Any, tmp_path: Path) -> None:
    path = write(tmp_path, [staff_row(1), staff_row(1, unit="D2")])
    before = (Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count())

    out, _err = command(str(path), "--organisation", "uni", "--dry-run")

    assert out.splitlines() == [
        "Checked 2 rows: no problems. Nothing was saved.",
        "People: 1 created, 0 updated, 0 unchanged.",
        "Employments: 2 created, 0 updated, 0 unchanged.",
    ]
    assert (Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{dir}/missing.xlsx"], "No such file: {dir}/missing.xlsx"),
        (["{dir}/staff.xlsx", "--organisation", "nowhere"], "Unknown organisation code “nowhere”."),
        (["{dir}/staff.xlsx", "--as-user", "nobody"], "No active user “nobody”."),
        (["{dir}/staff.ods"], "Unknown file type “.ods”: import an Excel workbook (.xlsx) or a CSV file (.csv)."),
    ],
    ids=["missing-file", "unknown-organisation", "unknown-user", "unknown-type"],
)
def test_the_command_refuses_bad_arguments(world: Any, tmp_path: Path, args: list[str], message: str) -> None:
    write(tmp_path, [staff_row(1)])
    (tmp_path / "staff.ods").write_bytes(b"PK")

    with pytest.raises(CommandError) as caught:
        command(*[a.format(dir=tmp_path) for a in args])

    assert str(caught.value) == message.format(dir=tmp_path)


def test_the_command_reports_rows_and_exits_non_zero_on_errors(world: Any, tmp_path: Path) -> None:
    before = (Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count())
    path = write(tmp_path, [staff_row(1), staff_row(2, unit="NOPE"), staff_row(3, iin="123456789012")])

    with pytest.raises(CommandError) as caught:
        command(str(path), "--organisation", "uni")

    assert caught.value.returncode == 1
    assert str(caught.value) == "Nothing was saved: the file has 2 problems."
    assert (Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()) == before


def test_the_command_prints_each_problem_with_row_and_column(world: Any, tmp_path: Path) -> None:
    path = write(tmp_path, [staff_row(1), staff_row(2, unit="NOPE"), staff_row(3, iin="123456789012")])
    err = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_staff", str(path), "--organisation", "uni", stdout=io.StringIO(), stderr=err)

    uni = world.orgs["uni"].name_en
    assert err.getvalue().splitlines() == [
        f"row 3, column unit_code: No unit with the code “NOPE” in “{uni}”.",
        "row 4, column iin: IIN must be 12 digits with a correct check digit.",
    ]


def test_the_process_exit_status_is_one_on_errors(
    world: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import ManagementUtility

    path = write(tmp_path, [staff_row(1, unit="NOPE")])

    with translation.override("en"), pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_staff", str(path), "--organisation", "uni"]).execute()

    assert exited.value.code == 1
    assert "row 2, column unit_code:" in capsys.readouterr().err
