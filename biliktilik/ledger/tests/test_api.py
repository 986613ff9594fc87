"""The ledger API: every role (and anonymous) on every endpoint; denied writes change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.settings import api_settings

from biliktilik.core.audit import audit_trail
from biliktilik.ledger import selectors
from biliktilik.ledger.enums import EvidenceStatus, PDForm, RecordStatus
from biliktilik.ledger.models import Evidence, PDRecord
from biliktilik.people.selectors import persons_visible_to

from .conftest import EXE, PDF, make_evidence, make_record, upload
from .roles import ALL_ROLES, ANONYMOUS, APPROVERS, EDITORS, MANAGERS, VIEWERS

pytestmark = pytest.mark.urls("biliktilik.ledger.tests.urls")

EVERYONE = [*ALL_ROLES, ANONYMOUS]
BASE = "/api/v1/ledger"


def _anonymous_status() -> int:
    """401 when the first authentication class asks for credentials (a token), else DRF's 403."""
    first = api_settings.DEFAULT_AUTHENTICATION_CLASSES[0]()
    return 401 if first.authenticate_header(None) else 403


def _status(role: str, allowed: frozenset[str], ok: int = 200) -> int:
    if role == ANONYMOUS:
        return _anonymous_status()
    if role in allowed:
        return ok
    return 403 if role in VIEWERS else 404


def _body(**overrides):
    body = {
        "form": "course_short",
        "title": "Digital tools in teaching",
        "start_date": "2024-02-05",
        "end_date": "2024-02-16",
        "hours": "72",
    }
    body.update(overrides)
    return body


# --- records --------------------------------------------------------------------------------------


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", EVERYONE)
def test_list_shows_exactly_the_visible_records(world, api_client, role):
    mine = make_record(world)
    make_record(world, "d3_1")
    make_record(world, "pv_1", organisation_key="provider")
    response = api_client(role).get(f"{BASE}/records/", {"page_size": 500})
    if role == ANONYMOUS:
        assert response.status_code == _anonymous_status()
        assert response.json()["code"] == "not_authenticated"
        return
    assert response.status_code == 200
    listed = {row["public_id"] for row in response.json()["results"]}
    assert listed == {str(r.public_id) for r in selectors.records_visible_to(world.user(role))}
    if role in VIEWERS:
        assert str(mine.public_id) in listed


@pytest.mark.req("LED-01")
def test_a_record_in_full(world, api_client):
    record = make_record(world, status=RecordStatus.VERIFIED, provider=world.orgs["provider"], city="Almaty")
    make_evidence(world, record)
    row = api_client("hr_officer").get(f"{BASE}/records/{record.public_id}/").json()
    assert row["person"] == {
        "public_id": str(world.people["d1_1"].public_id),
        "full_name": world.people["d1_1"].full_name,
    }
    assert row["provider"]["public_id"] == str(world.orgs["provider"].public_id)
    assert (row["form"], row["hours"], row["status"], row["city"]) == ("course_short", "72.0", "verified", "Almaty")
    assert (row["evidence_count"], row["counts"], row["trainers"]) == (1, True, [])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"status": "verified"}, {"verified"}, id="status"),
        pytest.param({"form": "seminar"}, {"seminar"}, id="form"),
        pytest.param({"date_from": "2024-01-01", "date_to": "2024-12-31"}, {"seminar", "verified"}, id="date-range"),
        pytest.param({"date_to": "2023-12-31"}, {"old"}, id="date-to"),
        pytest.param({"search": "assessment"}, {"seminar"}, id="search"),
    ],
)
def test_list_filters(world, api_client, params, expected):
    records = {
        "verified": make_record(world, status=RecordStatus.VERIFIED),
        "seminar": make_record(world, "d2_1", form=PDForm.SEMINAR, title="Assessment seminar"),
        "old": make_record(world, "d3_1", start_date=dt.date(2023, 1, 10), end_date=dt.date(2023, 1, 20)),
    }
    rows = api_client("hr_officer").get(f"{BASE}/records/", params).json()["results"]
    assert {row["public_id"] for row in rows} == {str(records[key].public_id) for key in expected}


def test_list_filters_by_person_and_organisation(world, api_client):
    first = make_record(world)
    second = make_record(world, "d1_2")
    client = api_client("sysadmin")
    rows = client.get(f"{BASE}/records/", {"person": world.people["d1_2"].public_id}).json()["results"]
    assert [row["public_id"] for row in rows] == [str(second.public_id)]
    rows = client.get(f"{BASE}/records/", {"organisation": world.orgs["uni"].public_id}).json()["results"]
    assert {row["public_id"] for row in rows} == {str(first.public_id), str(second.public_id)}
    assert client.get(f"{BASE}/records/", {"organisation": world.orgs["uni2"].public_id}).json()["results"] == []


@pytest.mark.parametrize("rows", [2, 30])
def test_list_costs_a_fixed_number_of_queries(world, api_client, rows, django_assert_max_num_queries):
    for n in range(rows):
        record = make_record(world, form=PDForm.CORPORATE, title=f"Course {n}")
        if n < 2:
            make_evidence(world, record)
    client = api_client("hr_officer")
    with django_assert_max_num_queries(10):
        response = client.get(f"{BASE}/records/", {"page_size": 100})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("role", EVERYONE)
def test_retrieve(world, record, api_client, role):
    response = api_client(role).get(f"{BASE}/records/{record.public_id}/")
    assert response.status_code == _status(role, VIEWERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_create_a_record_for_the_employee(world, api_client, role):
    body = _body(person=str(world.people["d1_1"].public_id), organisation=str(world.orgs["uni"].public_id))
    response = api_client(role).post(f"{BASE}/records/", body, format="json")
    if role in EDITORS:
        assert response.status_code == 201
        record = PDRecord.objects.get()
        assert response.json()["public_id"] == str(record.public_id)
        assert response.json()["status"] == "pending"
    elif role != ANONYMOUS and world.user(role).person_id is None and role not in MANAGERS:
        # Neither records of one's own nor an organisation whose records one keeps: refused before
        # the input is read (SEC-01)
        assert response.status_code == 403
        assert not PDRecord.objects.exists()
    elif role != ANONYMOUS and not persons_visible_to(world.user(role)).filter(pk=world.people["d1_1"].pk).exists():
        # A person the user cannot see is answered like an unknown id (SEC-01)
        assert response.status_code == 400
        assert "person" in response.json()["extra"]["fields"]
        assert not PDRecord.objects.exists()
    else:
        assert response.status_code == (_anonymous_status() if role == ANONYMOUS else 403)
        assert not PDRecord.objects.exists()


def test_hr_creates_a_verified_record_with_trainers(world, api_client):
    body = _body(
        person=str(world.people["d2_1"].public_id),
        form="corporate",
        status="verified",
        trainers=[{"name": "A. Pedagogue", "category": "pedagogue"}],
    )
    response = api_client("pd_officer").post(f"{BASE}/records/", body, format="json")
    assert response.status_code == 201
    row = response.json()
    assert (row["status"], row["organisation"]["public_id"]) == ("verified", str(world.orgs["uni"].public_id))
    assert row["trainers"] == [{"name": "A. Pedagogue", "category": "pedagogue"}]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"hours": "-4"}, "hours", id="negative-hours"),
        pytest.param({"end_date": "2024-01-01"}, "end_date", id="end-before-start"),
        pytest.param({"form": "other"}, "justification", id="other-without-justification"),
    ],
)
def test_create_errors_name_the_field(world, api_client, overrides, field):
    body = _body(person=str(world.people["d1_1"].public_id), **overrides)
    response = api_client("employee").post(f"{BASE}/records/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation"
    assert response.json()["extra"]["field"] == field
    assert not PDRecord.objects.exists()


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_update(world, record, api_client, role):
    response = api_client(role).patch(f"{BASE}/records/{record.public_id}/", {"hours": "80"}, format="json")
    assert response.status_code == _status(role, EDITORS)
    record.refresh_from_db()
    if role in EDITORS:
        assert response.json()["hours"] == "80.0"
        assert record.hours == 80
    else:
        assert record.hours == 72
        assert not audit_trail(record).filter(action="record.update").exists()


def test_update_of_a_verified_record_is_a_conflict(world, api_client):
    record = make_record(world, status=RecordStatus.VERIFIED)
    response = api_client("employee").patch(f"{BASE}/records/{record.public_id}/", {"hours": "80"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_verify(world, record, api_client, role):
    response = api_client(role).post(f"{BASE}/records/{record.public_id}/verify/")
    assert response.status_code == _status(role, MANAGERS)
    record.refresh_from_db()
    assert record.status == (RecordStatus.VERIFIED if role in MANAGERS else RecordStatus.PENDING)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_return(world, record, api_client, role):
    response = api_client(role).post(f"{BASE}/records/{record.public_id}/return/", {"reason": "Hours"}, format="json")
    assert response.status_code == _status(role, MANAGERS)
    record.refresh_from_db()
    assert record.status == (RecordStatus.RETURNED if role in MANAGERS else RecordStatus.PENDING)
    if role in MANAGERS:
        assert response.json()["status_reason"] == "Hours"


def test_return_needs_a_reason(world, record, api_client):
    response = api_client("hr_officer").post(
        f"{BASE}/records/{record.public_id}/return/", {"reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "reason"


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_approve_a_justification(world, api_client, role):
    record = make_record(world, form=PDForm.OTHER, justification="Mentoring")
    response = api_client(role).post(f"{BASE}/records/{record.public_id}/approve-justification/")
    assert response.status_code == _status(role, APPROVERS)
    record.refresh_from_db()
    assert (record.justification_approved_by_id is not None) == (role in APPROVERS)


# --- evidence -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EVERYONE)
def test_evidence_list(world, evidence, api_client, role):
    response = api_client(role).get(f"{BASE}/records/{evidence.record.public_id}/evidence/")
    assert response.status_code == _status(role, VIEWERS)
    if role in VIEWERS:
        (row,) = response.json()
        assert (row["public_id"], row["original_name"], row["size"]) == (
            str(evidence.public_id),
            "certificate.pdf",
            len(PDF),
        )
        assert row["download_url"].endswith(f"{BASE}/evidence/{evidence.public_id}/download/")


@pytest.mark.req("LED-05")
@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_upload(world, record, api_client, role):
    response = api_client(role).post(
        f"{BASE}/records/{record.public_id}/evidence/",
        {"file": upload(), "kind": "certificate", "number": "C-1"},
        format="multipart",
    )
    assert response.status_code == _status(role, EDITORS, ok=201)
    assert Evidence.objects.filter(record=record).count() == (1 if role in EDITORS else 0)


@pytest.mark.req("LED-05")
def test_upload_of_a_renamed_exe_is_refused(world, record, api_client):
    response = api_client("employee").post(
        f"{BASE}/records/{record.public_id}/evidence/",
        {"file": upload("certificate.pdf", EXE), "kind": "certificate"},
        format="multipart",
    )
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["extra"]["field"]) == ("validation", "file")
    assert not Evidence.objects.exists()


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", EVERYONE)
def test_download(world, evidence, api_client, role):
    response = api_client(role).get(f"{BASE}/evidence/{evidence.public_id}/download/")
    if role in VIEWERS:
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
        assert b"".join(response.streaming_content) == PDF
    else:
        assert response.status_code == (_anonymous_status() if role == ANONYMOUS else 404)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_accept_a_document(world, evidence, api_client, role):
    response = api_client(role).post(f"{BASE}/evidence/{evidence.public_id}/accept/")
    assert response.status_code == _status(role, MANAGERS)
    evidence.refresh_from_db()
    assert evidence.status == (EvidenceStatus.ACCEPTED if role in MANAGERS else EvidenceStatus.PENDING)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_return_a_document(world, evidence, api_client, role):
    response = api_client(role).post(
        f"{BASE}/evidence/{evidence.public_id}/return/", {"reason": "Blurred"}, format="json"
    )
    assert response.status_code == _status(role, MANAGERS)
    evidence.refresh_from_db()
    assert evidence.status == (EvidenceStatus.RETURNED if role in MANAGERS else EvidenceStatus.PENDING)


def test_the_schema_describes_the_ledger(world, api_client):
    response = api_client("sysadmin").get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "multipart/form-data" in paths[f"{BASE}/records/{{public_id}}/evidence/"]["post"]["requestBody"]["content"]
    assert {"get", "post"} <= set(paths[f"{BASE}/records/"])
    assert "patch" in paths[f"{BASE}/records/{{public_id}}/"]
