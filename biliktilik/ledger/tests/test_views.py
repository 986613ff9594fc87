"""Pages of the ledger: every role (and anonymous) on every page; denied writes change nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from biliktilik.core.audit import audit_trail
from biliktilik.ledger import selectors, services
from biliktilik.ledger.enums import EvidenceStatus, PDForm, RecordOrigin, RecordStatus
from biliktilik.ledger.exports import export_response
from biliktilik.ledger.models import Evidence, PDRecord

from .conftest import EXE, PDF, make_evidence, make_record, upload
from .roles import ALL_ROLES, ANONYMOUS, APPROVERS, EDITORS, MANAGERS, VIEWERS

EVERYONE = [*ALL_ROLES, ANONYMOUS]
# Roles whose user is linked to a person who works somewhere: they may enter their own records.
HAS_OWN_PERSON = {"employee", "unit_head", "hr_officer", "trainer"}


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _expected(role: str, allowed: set[str] | frozenset[str], visible: set[str] | frozenset[str] | None = None) -> int:
    """200 when allowed; 404 when the role cannot see the object; 403 when it sees but may not."""
    if role in allowed:
        return 200
    if visible is not None and role not in visible:
        return 404
    return 403


# --- reading pages ------------------------------------------------------------------------------

PAGE_CASES = [
    # (page id, url builder, roles allowed, roles that see the object or None)
    ("records", lambda w, r, e: reverse("ledger:records"), set(ALL_ROLES), None),
    ("my_records", lambda w, r, e: reverse("ledger:my_records"), set(ALL_ROLES), None),
    ("queue", lambda w, r, e: reverse("ledger:queue"), MANAGERS, None),
    (
        "person_records",
        lambda w, r, e: reverse("ledger:person_records", args=[w.people["d1_1"].public_id]),
        VIEWERS,
        VIEWERS,
    ),
    ("record_detail", lambda w, r, e: reverse("ledger:record_detail", args=[r.public_id]), VIEWERS, VIEWERS),
    ("record_update", lambda w, r, e: reverse("ledger:record_update", args=[r.public_id]), EDITORS, VIEWERS),
    (
        "record_create_for_employee",
        lambda w, r, e: reverse("ledger:record_create") + f"?person={w.people['d1_1'].public_id}",
        EDITORS,
        VIEWERS,
    ),
    ("record_create", lambda w, r, e: reverse("ledger:record_create"), MANAGERS | HAS_OWN_PERSON, None),
    ("import", lambda w, r, e: reverse("ledger:import"), MANAGERS, None),
    ("import_template_xlsx", lambda w, r, e: reverse("ledger:import_template", args=["xlsx"]), MANAGERS, None),
    ("import_template_csv", lambda w, r, e: reverse("ledger:import_template", args=["csv"]), MANAGERS, None),
    ("evidence_download", lambda w, r, e: reverse("ledger:evidence_download", args=[e.public_id]), VIEWERS, VIEWERS),
]


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize(("page", "url", "allowed", "visible"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_every_role_on_every_page(world, record, evidence, page_client, role, page, url, allowed, visible):
    response = page_client(role).get(url(world, record, evidence))
    if role == ANONYMOUS:
        assert _is_login_redirect(response)
    else:
        assert response.status_code == _expected(role, allowed, visible)


def test_record_detail_shows_the_record_its_documents_and_history(world, record, evidence, page_client):
    response = page_client("hr_officer").get(reverse("ledger:record_detail", args=[record.public_id]))
    html = response.content.decode()
    assert record.title in html
    assert reverse("ledger:evidence_download", args=[evidence.public_id]) in html
    assert reverse("ledger:record_verify", args=[record.public_id]) in html
    assert reverse("ledger:evidence_accept", args=[evidence.public_id]) in html
    assert "record.create" in html


def test_the_employee_sees_no_verification_buttons_on_their_record(world, record, evidence, page_client):
    html = page_client("employee").get(reverse("ledger:record_detail", args=[record.public_id])).content.decode()
    assert reverse("ledger:record_verify", args=[record.public_id]) not in html
    assert reverse("ledger:evidence_accept", args=[evidence.public_id]) not in html
    assert reverse("ledger:record_update", args=[record.public_id]) in html


def test_my_pd_lists_the_employees_own_records_only(world, page_client):
    mine = make_record(world, title="Mine")
    make_record(world, "d1_2", title="Colleague's")
    response = page_client("employee").get(reverse("ledger:my_records"))
    assert [r.pk for r in response.context["page"].object_list] == [mine.pk]


def test_record_list_filters(world, page_client):
    seminar = make_record(world, form=PDForm.SEMINAR, title="Seminar on assessment", end_date=dt.date(2024, 3, 1))
    make_record(world, "d2_1", title="Long course", start_date=dt.date(2023, 4, 1), end_date=dt.date(2023, 5, 1))
    client = page_client("hr_officer")
    response = client.get(reverse("ledger:records"), {"form": "seminar", "date_from": "2024-01-01", "q": "assessment"})
    assert [r.pk for r in response.context["page"].object_list] == [seminar.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"date_from": "2025-13-01"}, "date_from"),
        ({"date_to": "abc", "export": "csv"}, "date_to"),  # no export under a filter not understood
    ],
)
def test_a_bad_filter_is_an_error_at_the_field_and_no_records(world, page_client, params, field):
    make_record(world)
    response = page_client("hr_officer").get(reverse("ledger:records"), params)
    assert response.status_code == 400
    assert field in response.context["filter_form"].errors
    assert list(response.context["page"].object_list) == []


@pytest.mark.parametrize(("params", "field"), [({"export": "pdf"}, "export"), ({"page": "abc"}, "page")])
def test_a_bad_export_or_page_is_refused(world, page_client, params, field):
    response = page_client("hr_officer").get(reverse("ledger:records"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f"The parameter “{field}” must be" in response.content.decode()


# --- lists: constant queries and exports -------------------------------------------------------


def _query_count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


LIST_URLS = [
    ("records", lambda w: reverse("ledger:records")),
    ("person_records", lambda w: reverse("ledger:person_records", args=[w.people["d1_1"].public_id])),
    ("queue", lambda w: reverse("ledger:queue")),
    ("records_csv", lambda w: reverse("ledger:records") + "?export=csv"),
    ("records_xlsx", lambda w: reverse("ledger:records") + "?export=xlsx"),
]


@pytest.mark.parametrize(("name", "url"), LIST_URLS, ids=[u[0] for u in LIST_URLS])
def test_list_pages_cost_the_same_queries_for_2_or_30_rows(
    world, page_client, django_assert_max_num_queries, name, url
):
    client = page_client("hr_officer")
    counts = []
    for rows in (2, 30):
        PDRecord.objects.all().delete()
        for n in range(rows):
            record = make_record(world, title=f"Course {n}")
            if n < 2:
                make_evidence(world, record)
        response_url = url(world)
        counts.append(_query_count(client, response_url, django_assert_max_num_queries, 12))
    assert counts[0] == counts[1]


@pytest.mark.req("LED-01")
def test_csv_export_is_streamed_with_the_visible_records(world, page_client):
    make_record(world, title="Digital tools", hours=72)
    make_record(world, "other_1", organisation_key="uni2", title="Not seen by the university")
    response = page_client("hr_officer").get(reverse("ledger:records"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == "attachment; filename=\"pd-records.csv\"; filename*=UTF-8''pd-records.csv"
    assert response["Cache-Control"] == "no-store"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert "Digital tools" in lines[1]
    assert ";72,0;" in lines[1]  # Kazakh: semicolons and a decimal comma


@pytest.mark.req("I18N-01")
def test_csv_export_in_english_uses_commas_and_day_month_year(world, page_client):
    make_record(world, title="Digital tools", hours=72)
    response = page_client("hr_officer").get(reverse("ledger:records"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Person", "Organisation", "Form of PD"]
    assert rows[1][9:11] == ["16.02.2024", "72.0"]


def test_export_reads_the_records_with_an_iterator(world):
    make_record(world, title="Digital tools")
    records = selectors.record_list(world.user("hr_officer"), selectors.RecordFilters())
    response = export_response(records, "csv", "pd-records")
    assert b"Digital tools" in b"".join(response.streaming_content)
    assert records._result_cache is None  # never loaded as a whole list


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("start", ["=", "+", "-", "@"])  # the forms strip a leading tab or CR
def test_exports_neutralise_formulas(world, page_client, fmt, start):
    make_record(world, title=f"{start}HYPERLINK(1)", city=f"{start}1+1")
    response = page_client("hr_officer").get(reverse("ledger:my_records"), {"export": fmt})
    assert response.status_code == 200
    response = page_client("hr_officer").get(reverse("ledger:records"), {"export": fmt})
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        values = rows[1]
    else:
        values = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(min_row=2, values_only=True))[0]
        assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert values[3] == f"'{start}HYPERLINK(1)"
    assert values[7] == f"'{start}1+1"


def test_xlsx_export_of_a_persons_records(world, page_client):
    make_record(world, title="Digital tools", hours=72)
    url = reverse("ledger:person_records", args=[world.people["d1_1"].public_id])
    response = page_client("unit_head").get(url, {"export": "xlsx"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][3] == "Digital tools"
    assert rows[1][9].date() == dt.date(2024, 2, 16)
    assert rows[1][10] == 72


# --- entering records ---------------------------------------------------------------------------


def _form_data(**overrides):
    data = {
        "form": "course_short",
        "title": "Digital tools in teaching",
        "country": "KZ",
        "start_date": "2024-02-05",
        "end_date": "2024-02-16",
        "hours": "72",
        "delivery_mode": "without_leave",
        "funding_source": "organisation",
        "cost": "0",
        "initiative": "planned",
        "trainers-TOTAL_FORMS": "3",
        "trainers-INITIAL_FORMS": "0",
        "trainers-MIN_NUM_FORMS": "0",
        "trainers-MAX_NUM_FORMS": "30",
    }
    data.update(overrides)
    return data


@pytest.mark.req("LED-05")
def test_employee_enters_a_record_with_its_certificate_on_one_page(world, page_client):
    client = page_client("employee")
    data = _form_data(
        organisation=world.orgs["uni"].pk,
        evidence_file=upload("certificate.pdf", PDF),
        evidence_kind="certificate",
        evidence_number="C-77",
    )
    response = client.post(reverse("ledger:record_create"), data)
    record = PDRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ledger:record_detail", args=[record.public_id])
    assert (record.person, record.status, record.origin) == (
        world.people["d1_1"],
        RecordStatus.PENDING,
        RecordOrigin.EMPLOYEE,
    )
    assert list(record.evidence.values_list("original_name", "number")) == [("certificate.pdf", "C-77")]


def test_a_bad_file_on_the_entry_page_saves_nothing(world, page_client, media_root):
    data = _form_data(organisation=world.orgs["uni"].pk, evidence_file=upload("certificate.pdf", EXE))
    response = page_client("employee").post(reverse("ledger:record_create"), data)
    assert response.status_code == 200
    assert "evidence_file" in response.context["form"].errors
    assert not PDRecord.objects.exists()
    assert not Evidence.objects.exists()


def test_entry_page_shows_service_errors_next_to_the_field(world, page_client):
    response = page_client("employee").post(
        reverse("ledger:record_create"), _form_data(organisation=world.orgs["uni"].pk, end_date="2024-01-01")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["end_date"]
    assert not PDRecord.objects.exists()


def test_hr_enters_a_verified_record_for_a_staff_member_with_trainers(world, page_client):
    data = _form_data(
        person=world.people["d2_1"].pk,
        organisation=world.orgs["uni"].pk,
        form="corporate",
        status="verified",
        **{"trainers-0-name": "A. Pedagogue", "trainers-0-category": "pedagogue"},
    )
    response = page_client("hr_officer").post(reverse("ledger:record_create"), data)
    assert response.status_code == 302
    record = PDRecord.objects.get()
    assert (record.person, record.status, record.verified_by) == (
        world.people["d2_1"],
        RecordStatus.VERIFIED,
        world.user("hr_officer"),
    )
    assert list(record.trainers.values_list("name", "category")) == [("A. Pedagogue", "pedagogue")]


def test_hr_cannot_pick_someone_of_another_organisation(world, page_client):
    data = _form_data(person=world.people["other_1"].pk, organisation=world.orgs["uni"].pk)
    response = page_client("hr_officer").post(reverse("ledger:record_create"), data)
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not PDRecord.objects.exists()


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_post_a_record_for_the_employee(world, page_client, role):
    person = world.people["d1_1"]
    url = reverse("ledger:record_create") + f"?person={person.public_id}"
    response = page_client(role).post(url, _form_data(organisation=world.orgs["uni"].pk))
    if role in EDITORS:
        assert response.status_code == 302
        assert PDRecord.objects.get().person == person
    else:
        assert (
            _is_login_redirect(response)
            if role == ANONYMOUS
            else response.status_code == _expected(role, EDITORS, VIEWERS)
        )
        assert not PDRecord.objects.exists()


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_post_changes_to_a_record(world, record, page_client, role):
    url = reverse("ledger:record_update", args=[record.public_id])
    response = page_client(role).post(url, _form_data(hours="80"))
    record.refresh_from_db()
    if role in EDITORS:
        assert response.status_code == 302
        assert record.hours == 80
    else:
        assert (
            _is_login_redirect(response)
            if role == ANONYMOUS
            else response.status_code == _expected(role, EDITORS, VIEWERS)
        )
        assert record.hours == 72
        assert not audit_trail(record).filter(action="record.update").exists()


# --- verification actions -----------------------------------------------------------------------


def _post_status(response, role, allowed):
    if role == ANONYMOUS:
        return _is_login_redirect(response)
    if role in allowed:
        return response.status_code == 302
    return response.status_code == _expected(role, allowed, VIEWERS)


@pytest.mark.req("LED-05")
@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_verify_on_the_page(world, record, page_client, role):
    response = page_client(role).post(reverse("ledger:record_verify", args=[record.public_id]))
    assert _post_status(response, role, MANAGERS)
    record.refresh_from_db()
    assert record.status == (RecordStatus.VERIFIED if role in MANAGERS else RecordStatus.PENDING)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_return_on_the_page(world, record, page_client, role):
    response = page_client(role).post(reverse("ledger:record_return", args=[record.public_id]), {"reason": "Hours"})
    assert _post_status(response, role, MANAGERS)
    record.refresh_from_db()
    assert record.status == (RecordStatus.RETURNED if role in MANAGERS else RecordStatus.PENDING)


def test_return_without_a_reason_says_so_and_changes_nothing(world, record, page_client):
    url = reverse("ledger:record_return", args=[record.public_id])
    response = page_client("hr_officer").post(url, {"reason": ""}, follow=True)
    assert "Say why the record is returned." in response.content.decode()
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_approve_a_justification_on_the_page(world, page_client, role):
    record = make_record(world, form=PDForm.OTHER, justification="Mentoring")
    response = page_client(role).post(reverse("ledger:record_approve_justification", args=[record.public_id]))
    assert _post_status(response, role, APPROVERS)
    record.refresh_from_db()
    assert (record.justification_approved_by_id is not None) == (role in APPROVERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_upload_a_document_on_the_page(world, record, page_client, role, media_root):
    url = reverse("ledger:evidence_add", args=[record.public_id])
    response = page_client(role).post(url, {"file": upload(), "kind": "certificate"})
    assert _post_status(response, role, EDITORS)
    assert Evidence.objects.filter(record=record).count() == (1 if role in EDITORS else 0)


def test_a_renamed_exe_is_refused_on_the_detail_page(world, record, page_client):
    url = reverse("ledger:evidence_add", args=[record.public_id])
    response = page_client("employee").post(url, {"file": upload("certificate.pdf", EXE), "kind": "certificate"})
    assert response.status_code == 400
    assert list(response.context["evidence_form"].errors) == ["file"]
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_accept_a_document_on_the_page(world, evidence, page_client, role):
    response = page_client(role).post(reverse("ledger:evidence_accept", args=[evidence.public_id]))
    assert _post_status(response, role, MANAGERS)
    evidence.refresh_from_db()
    assert evidence.status == (EvidenceStatus.ACCEPTED if role in MANAGERS else EvidenceStatus.PENDING)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_return_a_document_on_the_page(world, evidence, page_client, role):
    url = reverse("ledger:evidence_return", args=[evidence.public_id])
    response = page_client(role).post(url, {"reason": "Blurred"})
    assert _post_status(response, role, MANAGERS)
    evidence.refresh_from_db()
    assert evidence.status == (EvidenceStatus.RETURNED if role in MANAGERS else EvidenceStatus.PENDING)


def test_htmx_accept_answers_with_the_row(world, evidence, page_client):
    url = reverse("ledger:evidence_accept", args=[evidence.public_id])
    response = page_client("hr_officer").post(url, {"in_queue": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.templates[0].name == "ledger/_evidence_row.html"
    html = response.content.decode()
    assert html.startswith(f'<tr id="evidence-{evidence.public_id}"')
    accept_url = reverse("ledger:evidence_accept", args=[evidence.public_id])
    assert f'action="{accept_url}"' not in html  # accepted now: no accept button
    assert f'action="{reverse("ledger:evidence_return", args=[evidence.public_id])}"' in html
    assert 'name="next" value="/ledger/evidence/' not in html  # the fallback goes back to a page


def test_htmx_return_without_reason_shows_the_error_in_the_row(world, evidence, page_client):
    url = reverse("ledger:evidence_return", args=[evidence.public_id])
    response = page_client("hr_officer").post(url, {"reason": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Say why the document is returned." in response.content.decode()


def test_htmx_verify_answers_with_the_actions_block(world, record, page_client):
    url = reverse("ledger:record_verify", args=[record.public_id])
    response = page_client("pd_officer").post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.templates[0].name == "ledger/_record_actions.html"
    record.refresh_from_db()
    assert record.status == RecordStatus.VERIFIED


def test_action_redirects_only_to_our_own_pages(world, record, page_client):
    url = reverse("ledger:record_verify", args=[record.public_id])
    response = page_client("hr_officer").post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("ledger:record_detail", args=[record.public_id])


# --- download -----------------------------------------------------------------------------------


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", EVERYONE)
def test_download_only_for_those_who_see_the_record(world, evidence, page_client, role):
    response = page_client(role).get(reverse("ledger:evidence_download", args=[evidence.public_id]))
    if role == ANONYMOUS:
        assert _is_login_redirect(response)
    elif role in VIEWERS:
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
    else:
        assert response.status_code == 404


def test_a_missing_file_is_a_404(world, evidence, page_client):
    evidence.file.delete(save=False)
    response = page_client("hr_officer").get(reverse("ledger:evidence_download", args=[evidence.public_id]))
    assert response.status_code == 404


# --- the queue page -----------------------------------------------------------------------------


def test_queue_page_lists_what_waits_without_actions_on_ones_own(world, page_client):
    theirs = make_record(world, title="Colleague's course")
    own = make_record(world, "hr_1", title="My own course")
    response = page_client("hr_officer").get(reverse("ledger:queue"))
    html = response.content.decode()
    assert {r.pk for r in response.context["page"].object_list} == {theirs.pk, own.pk}
    assert reverse("ledger:record_verify", args=[theirs.public_id]) in html
    assert reverse("ledger:record_verify", args=[own.public_id]) not in html


# --- the personal file card ---------------------------------------------------------------------


@pytest.mark.req("PEO-06")
def test_person_card_partial_lists_records_and_documents(world, page_client):
    record = make_record(world, status=RecordStatus.VERIFIED)
    evidence = make_evidence(world, record)
    request = RequestFactory().get("/")
    request.user = world.user("first_head")
    pd_file = selectors.person_file_records(world.user("first_head"), world.people["d1_1"])
    html = render_to_string("ledger/_person_records_card.html", {"pd_file": pd_file}, request=request)
    assert record.title in html
    assert reverse("ledger:evidence_download", args=[evidence.public_id]) in html
    assert reverse("ledger:person_records", args=[world.people["d1_1"].public_id]) in html


def test_the_entry_form_collects_every_field_of_a_record():
    from biliktilik.ledger.forms import RecordForm

    assert set(services.RECORD_FIELDS) <= set(RecordForm.base_fields)
