"""Compliance pages for every role of the world fixture, with constant query counts (SEC-01)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from biliktilik.compliance.enums import ComplianceStatus
from biliktilik.people.models import Person
from biliktilik.policy.services import rule_set_adopt
from conftest import ALL_ROLES
from tests.factories import EmploymentFactory, PositionFactory

from .factories import PDRecordFactory

ON = "2025-06-01"
WHOLE_UNI = {"hr_officer", "pd_officer", "finance_officer", "first_head", "auditor", "sysadmin"}


@pytest.fixture
def uni_world(world: Any) -> Any:
    """The world with SKMA-464 adopted by the university and a few PD records."""
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="skma-464")
    uni = world.orgs["uni"]
    PDRecordFactory(person=world.people["d1_1"], organisation=uni, end_date=dt.date(2024, 3, 1), hours=Decimal(72))
    PDRecordFactory(person=world.people["d2_1"], organisation=uni, end_date=dt.date(2022, 9, 1), hours=Decimal(72))
    return world


def client_for(world: Any, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


def area(world: Any, org: str = "uni", **extra: str) -> dict[str, str]:
    return {"organisation": str(world.orgs[org].public_id), "on": ON, **extra}


PAGES = [
    "compliance:dashboard",
    "compliance:list",
    "compliance:overdue",
    "compliance:next_year",
    "compliance:participation",
    "compliance:export_csv",
    "compliance:export_xlsx",
]


@pytest.mark.django_db
@pytest.mark.req("CMP-02")
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_who_sees_the_university_compliance_pages(uni_world: Any, page: str, role: str | None) -> None:
    response = client_for(uni_world, role).get(reverse(page), area(uni_world))
    if role is None:
        assert response.status_code == 302
        assert "/login" in response["Location"] or "login" in response["Location"]
    elif role in WHOLE_UNI | {"unit_head", "institute_director"}:
        assert response.status_code == 200
    elif role == "employee":
        assert response.status_code == 403  # a member of the university, but no monitoring role
    else:
        assert response.status_code == 404  # authority of another branch, provider, trainer


@pytest.mark.django_db
def test_a_unit_head_is_kept_inside_their_unit(uni_world: Any) -> None:
    client = client_for(uni_world, "unit_head")
    response = client.get(reverse("compliance:list"), area(uni_world))
    names = {item.person.pk for item in response.context["items"]}
    assert names == {uni_world.people["d1_1"].pk, uni_world.people["d1_2"].pk}
    other = client.get(reverse("compliance:list"), area(uni_world, unit=str(uni_world.units["d2"].public_id)))
    assert other.status_code == 403
    director = client_for(uni_world, "institute_director").get(reverse("compliance:list"), area(uni_world))
    assert {i.person.pk for i in director.context["items"]} == {
        uni_world.people[k].pk for k in ("d1_1", "d1_2", "d2_1", "d2_2")
    }


@pytest.mark.django_db
@pytest.mark.req("CMP-02")
def test_the_dashboard_counts_people_by_status_and_category(uni_world: Any) -> None:
    response = client_for(uni_world, "hr_officer").get(reverse("compliance:dashboard"), area(uni_world))
    d = response.context["dashboard"]
    # 8 staff of the university (d1, d2, d3, hr: two each), lecturers hired 01.09.2019
    assert d.people == 8
    # d1_1 has 72 h from 2024 (compliant); d2_1 reached 72 h on 01.09.2022, due 01.09.2025 (due soon);
    # the others never did PD and were hired more than 3 years ago: overdue.
    assert d.people_by_worst == {"overdue": 6, "due_soon": 1, "compliant": 1, "not_applicable": 0}
    by_req = {req.rule.code: counts for req, counts in d.by_requirement}
    assert by_req["skma-464-faculty-72h"] == {"overdue": 6, "due_soon": 1, "compliant": 1, "not_applicable": 0}
    assert by_req["skma-464-management"] == {"overdue": 0, "due_soon": 0, "compliant": 0, "not_applicable": 8}
    # two requirements apply to lecturers (3.4 and 4.3): 6 overdue people make 12 overdue rows
    assert [(code, counts["overdue"]) for code, _label, counts in d.by_category] == [("faculty", 12)]
    html = response.content.decode()
    assert "SKMA-464 4.3" in html
    # the columns of the tables follow the same order as the counts
    assert [code for code, _label in response.context["statuses"]] == list(by_req["skma-464-faculty-72h"])
    assert 'requirement=skma-464/skma-464-faculty-72h&amp;status=overdue">6</a>' in html


@pytest.mark.django_db
@pytest.mark.req("CMP-02")
def test_the_overdue_and_next_year_lists(uni_world: Any) -> None:
    client = client_for(uni_world, "hr_officer")
    overdue = client.get(reverse("compliance:overdue"), area(uni_world, requirement="skma-464/skma-464-faculty-72h"))
    assert {i.person.pk for i in overdue.context["items"]} == {
        uni_world.people[k].pk for k in ("d1_2", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2")
    }
    assert {i.row.status for i in overdue.context["items"]} == {ComplianceStatus.OVERDUE}
    # d2_2 completes 72 h on 15.04.2023: both of their requirements fall due in 2026, next calendar year;
    # d2_1 is due 01.09.2025 (this year) and d1_1 on 01.03.2027
    d2_2 = uni_world.people["d2_2"]
    PDRecordFactory(person=d2_2, organisation=uni_world.orgs["uni"], end_date=dt.date(2023, 4, 15), hours=Decimal(72))
    nxt = client.get(reverse("compliance:next_year"), area(uni_world))
    assert [(i.person.pk, i.row.requirement.rule.citation, i.row.due_date) for i in nxt.context["items"]] == [
        (d2_2.pk, "SKMA-464 3.4", dt.date(2026, 4, 15)),
        (d2_2.pk, "SKMA-464 4.3", dt.date(2026, 4, 15)),
    ]


@pytest.mark.django_db
@pytest.mark.req("CMP-05")
def test_participation_by_category(uni_world: Any) -> None:
    admin_position = PositionFactory(code="clerk", category="admin")
    clerk = EmploymentFactory(
        unit=uni_world.units["hr"], position=admin_position, category="admin", start_date=dt.date(2020, 1, 1)
    ).person
    PDRecordFactory(person=clerk, organisation=uni_world.orgs["uni"], end_date=dt.date(2024, 6, 1), hours=Decimal(16))
    PDRecordFactory(
        person=uni_world.people["d1_1"],
        organisation=uni_world.orgs["uni"],
        end_date=dt.date(2024, 10, 1),
        hours=Decimal("8.5"),
    )
    response = client_for(uni_world, "hr_officer").get(
        reverse("compliance:participation"), {**area(uni_world), "year": "2024"}
    )
    rows = {r.category: (r.staff, r.participants, r.records, r.hours, r.share) for r in response.context["rows"]}
    assert rows == {
        "admin": (1, 1, 1, Decimal("16.0"), Decimal("100.0")),
        "faculty": (8, 1, 2, Decimal("80.5"), Decimal("12.5")),
    }


@pytest.mark.django_db
def test_csv_export_streams_one_row_per_person_and_requirement(uni_world: Any) -> None:
    response = client_for(uni_world, "hr_officer").get(
        reverse("compliance:export_csv"), area(uni_world), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Person id", "IIN", "Last name"]
    assert len(rows) == 1 + 8 * 4  # 8 staff, 4 periodic requirements of SKMA-464
    d1 = uni_world.people["d1_1"]
    line = next(r for r in rows if r[0] == str(d1.public_id) and r[7].endswith("faculty-72h"))
    assert line[1] == d1.iin
    assert line[8:] == [
        "SKMA-464 4.3",
        "Compliant",
        "hours",
        "72",
        "72",
        "0",
        "01.03.2027",
        "Period after the record at which the requirement was reached",
    ]


@pytest.mark.django_db
def test_exports_mask_the_iin_for_everyone_but_hr(uni_world: Any) -> None:
    response = client_for(uni_world, "pd_officer").get(reverse("compliance:export_csv"), area(uni_world))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    # The one mask of people.privacy: the first six digits, never the last ones (SEC-03)
    iins = {str(p.public_id): p.iin for p in uni_world.people.values()}
    assert all(r[1] == iins[r[0]][:6] + "******" for r in rows[1:])


@pytest.mark.django_db
def test_xlsx_export(uni_world: Any) -> None:
    response = client_for(uni_world, "hr_officer").get(
        reverse("compliance:export_xlsx"), area(uni_world, list="overdue"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Person id"
    assert len(rows) == 1 + 12  # six people overdue on two requirements each
    assert {r[9] for r in rows[1:]} == {"Overdue"}


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]


def _poison_names(world: Any) -> None:
    """People and a unit whose names start like spreadsheet formulas."""
    for key, text in zip(("d1_1", "d2_1"), FORMULAS[:2], strict=True):
        Person.objects.filter(pk=world.people[key].pk).update(last_name=text, first_name=FORMULAS[2])
    Person.objects.filter(pk=world.people["d1_1"].pk).update(middle_name=FORMULAS[3])
    unit = world.units["d1"]
    type(unit).objects.filter(pk=unit.pk).update(name_kk=FORMULAS[3], name_ru=FORMULAS[3], name_en=FORMULAS[3])


@pytest.mark.django_db
@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_neutralise_formulas_in_every_text_cell(uni_world: Any, fmt: str) -> None:
    _poison_names(uni_world)
    response = client_for(uni_world, "hr_officer").get(
        reverse(f"compliance:export_{fmt}"), area(uni_world), HTTP_ACCEPT_LANGUAGE="ru"
    )
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    else:
        assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
        rows = [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]
    texts = {v for r in rows[1:] for v in r if isinstance(v, str)}
    assert {"'" + f for f in FORMULAS} <= texts
    assert not [v for v in texts if v and v[0] in "=+-@"]  # nothing left that a spreadsheet would run
    line = next(r for r in rows[1:] if r[2] == "'" + FORMULAS[0] and str(r[7]).endswith("faculty-72h"))
    if fmt == "csv":
        assert line[11:15] == ["72", "72", "0", "01.03.2027"]  # Russian: semicolons, dd.mm.yyyy
    else:
        assert line[11:14] == [72, 72, 0]  # numbers stay numbers
        assert line[14] == dt.datetime(2027, 3, 1)


@pytest.mark.django_db
def test_csv_export_is_streamed_in_kazakh_with_a_bom_and_semicolons(uni_world: Any) -> None:
    response = client_for(uni_world, "hr_officer").get(
        reverse("compliance:export_csv"), area(uni_world), HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert isinstance(response, StreamingHttpResponse)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="compliance-')
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    head = content.decode("utf-8-sig").splitlines()[0]
    assert head.count(";") == 15


def _grow(world: Any, n: int) -> None:
    position = PositionFactory()
    for i in range(n):
        person = EmploymentFactory(unit=world.units["d3"], position=position, start_date=dt.date(2019, 1, 1)).person
        PDRecordFactory(person=person, organisation=world.orgs["uni"], end_date=dt.date(2024, 1, 1 + i % 28))


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_pages_cost_the_same_queries_for_2_or_30_more_people(
    uni_world: Any, page: str, django_assert_max_num_queries: Any
) -> None:
    client = client_for(uni_world, "hr_officer")
    _grow(uni_world, 2)
    client.get(reverse(page), area(uni_world))  # warm the session
    # 15, and two for the IIN: whose IIN is open to the reader, and the log of the full reads
    with django_assert_max_num_queries(17) as small:
        r = client.get(reverse(page), area(uni_world))
        if getattr(r, "streaming", False):
            b"".join(r.streaming_content)
    _grow(uni_world, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = client.get(reverse(page), area(uni_world))
        if getattr(r, "streaming", False):
            b"".join(r.streaming_content)


@pytest.mark.django_db
@pytest.mark.req("CMP-01")
@pytest.mark.parametrize("role", [*ALL_ROLES, None])
def test_who_sees_the_compliance_card_of_a_lecturer_of_d1(uni_world: Any, role: str | None) -> None:
    person = uni_world.people["d1_1"]
    response = client_for(uni_world, role).get(reverse("compliance:person", args=[person.public_id]), {"on": ON})
    if role is None:
        assert response.status_code == 302
    elif role in WHOLE_UNI | {"unit_head", "institute_director", "employee"}:
        assert response.status_code == 200
        assert "SKMA-464 4.3" in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_the_card_alone_for_htmx_and_its_query_count(uni_world: Any, django_assert_max_num_queries: Any) -> None:
    person = uni_world.people["d1_1"]
    client = client_for(uni_world, "hr_officer")
    url = reverse("compliance:person", args=[person.public_id])
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url, {"on": ON}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("<section")
    assert 'data-rule="skma-464-faculty-72h"' in html
    assert "<html" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "org", "status"),
    [
        pytest.param("authority_officer", "preschool", 200, id="region-officer-sees-a-preschool-below"),
        pytest.param("authority_officer", "uni2", 404, id="region-officer-not-another-branch"),
        pytest.param("provider_admin", "provider", 200, id="provider-admin-own-provider"),
        pytest.param("trainer", "provider", 403, id="trainer-member-without-monitoring-role"),
        pytest.param("hr_officer", "uni2", 404, id="hr-not-another-university"),
    ],
)
def test_organisations_beyond_the_university(uni_world: Any, role: str, org: str, status: int) -> None:
    response = client_for(uni_world, role).get(reverse("compliance:dashboard"), area(uni_world, org))
    assert response.status_code == status


@pytest.mark.django_db
def test_without_an_organisation_the_first_one_the_user_monitors_is_shown(uni_world: Any) -> None:
    response = client_for(uni_world, "hr_officer").get(reverse("compliance:dashboard"))
    assert response.status_code == 200
    assert response.context["area"].organisation == uni_world.orgs["uni"]
    assert client_for(uni_world, "employee").get(reverse("compliance:dashboard")).status_code == 403
