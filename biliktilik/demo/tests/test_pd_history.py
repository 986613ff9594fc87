"""load_demo's rule sets and PD history: every organisation adopts its rules, the compliance
engine sees a realistic mix, HR has work in its queue, and the history is deterministic."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from biliktilik.accounts.models import User
from biliktilik.compliance.enums import ComplianceStatus, CountReason
from biliktilik.compliance.selectors import evaluate_person, organisation_compliance
from biliktilik.core.models import AuditEvent
from biliktilik.demo.pd_history import (
    ADOPTIONS,
    EDGE,
    HISTORY_START,
    OLD,
    RECENT,
    WINDOW_START,
)
from biliktilik.demo.pd_writer import certificate_pdf, pd_fingerprint
from biliktilik.demo.planner import REFERENCE_DATE, add_years
from biliktilik.demo.services import demo_load
from biliktilik.demo.structure import BY_KEY
from biliktilik.ledger.enums import EvidenceStatus, Initiative, PDForm, RecordStatus
from biliktilik.ledger.models import Evidence, PDRecord
from biliktilik.ledger.selectors import verification_queue
from biliktilik.ledger.services import check_evidence_file, record_verify
from biliktilik.org.models import Organisation
from biliktilik.people.models import Employment
from biliktilik.policy.models import RuleSet

SMALL = 60
ON = REFERENCE_DATE


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(db: Any, media: Any) -> None:
    call_command("load_demo", staff=SMALL, today=ON, stdout=io.StringIO())


def org(key: str) -> Organisation:
    return Organisation.objects.get(code=BY_KEY[key].code)


def statuses(key: str) -> Counter[str]:
    report = organisation_compliance(org(key), ON)
    return Counter(row.status for row in report.rows)


# --- rule sets ------------------------------------------------------------------------------------


@pytest.mark.req("POL-01")
def test_every_demo_organisation_adopts_the_rule_sets_of_its_source(demo: None) -> None:
    adopted = {
        code: sorted(RuleSet.objects.filter(owner__code=code).values_list("code", "template__code", "status"))
        for code in Organisation.objects.filter(kind__in=["university", "college", "preschool", "provider"])
        .order_by("code")
        .values_list("code", flat=True)
    }
    assert adopted == {
        "alatau-tech": [("kaznrtu-602", "kaznrtu-602", "published"), ("skma-464", "skma-464", "published")],
        "karatau-medical": [("skma-464", "skma-464", "published")],
        "irtysh-free": [("kafu-2025", "kafu-2025", "published"), ("skma-464", "skma-464", "published")],
        "qonaev-college": [("skma-464", "skma-464", "published")],
        "balbobek": [("preschool-rules", "preschool-rules", "published")],
        "iecd": [("preschool-rules", "preschool-rules", "published")],
    }
    # And the authorities adopt nothing: only the national MOES-1211 stands above everyone
    assert not RuleSet.objects.filter(owner__code__in=["ministry", "almaty-region", "ile-district"]).exists()
    # And each adoption went through the policy service, with its audit event
    assert AuditEvent.objects.filter(action="rule_set.adopt").count() == sum(len(c) for _k, c in ADOPTIONS)


@pytest.mark.req("POL-02")
def test_the_periodic_requirements_of_skma_464_apply_to_the_universities_and_the_college(demo: None) -> None:
    expected = {
        "skma-464/skma-464-every-employee",
        "skma-464/skma-464-faculty-72h",
        "skma-464/skma-464-college-faculty-36h",
        "skma-464/skma-464-management",
    }
    for key in ("tech", "medical", "free", "college"):
        report = organisation_compliance(org(key), ON)
        assert {r.key for r in report.requirements} == expected, key
        applicable = {row.requirement.rule.code for row in report.rows if row.applicable}
        assert "skma-464-every-employee" in applicable, key
    # College faculty fall under 4.4, university faculty under 4.3
    college = organisation_compliance(org("college"), ON)
    assert {row.requirement.rule.code for row in college.rows if row.applicable} >= {"skma-464-college-faculty-36h"}
    # The kindergarten's PRESCHOOL-RULES carry no periodic requirement
    assert organisation_compliance(org("kindergarten"), ON).requirements == []


# --- compliance ----------------------------------------------------------------------------------


@pytest.mark.req("CMP-01")
def test_the_technical_university_shows_a_mix_of_statuses(demo: None) -> None:
    counts = statuses("tech")
    assert counts[ComplianceStatus.COMPLIANT] >= 1
    assert counts[ComplianceStatus.OVERDUE] >= 1
    assert counts[ComplianceStatus.DUE_SOON] >= 1
    # Most applicable rows are met; overdue stays a minority
    applicable = sum(n for status, n in counts.items() if status != ComplianceStatus.NOT_APPLICABLE)
    assert counts[ComplianceStatus.COMPLIANT] > applicable / 2
    assert counts[ComplianceStatus.OVERDUE] < applicable / 3


@pytest.mark.req("CMP-01")
def test_heads_with_and_without_management_training(demo: None) -> None:
    report = organisation_compliance(org("tech"), ON)
    management = Counter(
        row.status for row in report.rows if row.applicable and row.requirement.rule.code == "skma-464-management"
    )
    assert management[ComplianceStatus.COMPLIANT] >= 1
    assert management[ComplianceStatus.OVERDUE] >= 1
    # The rector has had management training in the window
    rector = _result(evaluate_person(User.objects.get(username="rector").person, ON), "skma-464-management")
    assert (rector.status, rector.counted_units) == (ComplianceStatus.COMPLIANT, 1)
    # The head of the audit service, hired in November 2022, has none: due three years after hiring
    auditor = _result(evaluate_person(User.objects.get(username="auditor").person, ON), "skma-464-management")
    assert (auditor.status, auditor.counted_units, auditor.due_basis) == (ComplianceStatus.DUE_SOON, 0, "hiring")
    assert auditor.due_date == dt.date(2025, 11, 5)


def _result(compliance: Any, code: str) -> Any:
    return next(r for r in compliance.results if r.rule.code == code)


def _status(compliance: Any, code: str) -> str:
    return str(_result(compliance, code).status)


@pytest.mark.req("CMP-01")
@pytest.mark.req("LED-01")
def test_the_employee_card_has_one_requirement_met_and_one_due_soon(demo: None) -> None:
    employee = User.objects.get(username="employee")
    records = PDRecord.objects.filter(person=employee.person)
    assert Counter(records.values_list("status", flat=True)) == Counter(
        {RecordStatus.VERIFIED: 4, RecordStatus.PENDING: 1, RecordStatus.RETURNED: 1}
    )
    card = evaluate_person(employee.person, ON)
    every = next(r for r in card.results if r.rule.code == "skma-464-every-employee")
    faculty = next(r for r in card.results if r.rule.code == "skma-464-faculty-72h")
    assert (every.status, every.due_date) == (ComplianceStatus.COMPLIANT, dt.date(2028, 3, 14))
    assert (faculty.status, faculty.due_date) == (ComplianceStatus.DUE_SOON, dt.date(2025, 11, 25))
    assert faculty.amount_counted == Decimal("108.0")
    reasons = Counter(line.reason for line in [*faculty.counted, *faculty.not_counted])
    assert reasons[CountReason.PENDING] == 1
    assert reasons[CountReason.RETURNED] == 1
    assert _status(card, "skma-464-management") == ComplianceStatus.NOT_APPLICABLE
    # When HR verifies the waiting online course, 4.3 is reached in 2024 and becomes compliant
    pending = records.get(status=RecordStatus.PENDING)
    record_verify(actor=User.objects.get(username="hr"), record=pending)
    again = evaluate_person(employee.person, ON)
    assert _status(again, "skma-464-faculty-72h") == ComplianceStatus.COMPLIANT


# --- the ledger -----------------------------------------------------------------------------------


@pytest.mark.req("LED-01")
def test_hr_of_the_technical_university_has_records_and_documents_to_verify(demo: None) -> None:
    queue = verification_queue(User.objects.get(username="hr"))
    tech = org("tech")
    assert queue.records.exists()
    assert set(queue.records.values_list("organisation_id", flat=True)) == {tech.pk}
    assert [e.status for e in queue.evidence] == [EvidenceStatus.PENDING]
    # Returned records carry the reason HR gave
    returned = PDRecord.objects.filter(status=RecordStatus.RETURNED)
    assert returned.exists()
    assert not returned.filter(status_reason="").exists()
    assert not PDRecord.objects.exclude(status=RecordStatus.RETURNED).exclude(status_reason="").exists()


@pytest.mark.req("LED-01")
def test_the_records_are_complete_and_plausible(demo: None) -> None:
    records = PDRecord.objects.all()
    # Over the six years before the reference date, never later
    assert records.filter(end_date__gte=HISTORY_START).count() > 0.9 * records.count()
    assert not records.filter(end_date__gt=ON).exists()
    # Only current staff, on the books of their main employer
    for person_id, organisation_id in records.values_list("person_id", "organisation_id").distinct():
        assert Employment.objects.filter(
            person_id=person_id, organisation_id=organisation_id, is_primary=True, end_date__isnull=True
        ).exists()
    # Verified records carry the time of their verification; the others do not
    assert not records.filter(status=RecordStatus.VERIFIED, verified_at__isnull=True).exists()
    assert not records.exclude(status=RecordStatus.VERIFIED).filter(verified_at__isnull=False).exists()
    # A mix of forms, providers (the demo provider for pre-school staff), flags and initiatives
    forms = set(records.values_list("form", flat=True))
    assert {PDForm.COURSE_SHORT, PDForm.SEMINAR, PDForm.CONFERENCE} <= forms
    assert records.filter(provider__code="iecd", person__employments__organisation__code="balbobek").exists()
    assert records.filter(is_foreign=True).exclude(country="KZ").exists()
    assert records.filter(in_profile=True).exists()
    assert records.filter(management_topic=True).exists()
    assert records.exclude(initiative=Initiative.PLANNED).exists()
    assert records.filter(cost__gt=0).exists()
    assert records.filter(hours__in=[18, 24, 36, 72, 108, 144]).exists()


def test_the_history_periods_fit_the_window() -> None:
    # Reached in EDGE: due within six months after the reference date; in RECENT: later; OLD: gone
    assert WINDOW_START == dt.date(2022, 9, 1)
    assert WINDOW_START < EDGE[0] < EDGE[1] < RECENT[0] < RECENT[1] < ON
    assert ON < add_years(EDGE[0], 3) < add_years(EDGE[1], 3) <= dt.date(2026, 3, 1)
    assert add_years(RECENT[0], 3) > dt.date(2026, 3, 1)
    assert OLD[1] < WINDOW_START


@pytest.mark.req("LED-01")
def test_a_few_records_of_the_login_people_have_a_pdf_certificate(demo: None, media: Any) -> None:
    files = list(Evidence.objects.select_related("record__person"))
    owners = dict(User.objects.filter(username__in=["employee", "unit_head"]).values_list("person_id", "username"))
    by_owner = sorted((owners.get(e.record.person_id, ""), e.kind, e.record.status, e.status) for e in files)
    # The employee's certificates: one of a verified course (accepted), one of the course waiting
    # for verification (waiting too); the unit head's latest course has one
    assert by_owner[:2] == [
        ("employee", "certificate", RecordStatus.PENDING, EvidenceStatus.PENDING),
        ("employee", "certificate", RecordStatus.VERIFIED, EvidenceStatus.ACCEPTED),
    ]
    assert [row[:2] for row in by_owner[2:]] == [("unit_head", "certificate")]
    for evidence in files:
        with default_storage.open(evidence.file.name, "rb") as stored:
            content = stored.read()
        assert content.startswith(b"%PDF-1.4")
        assert len(content) == evidence.size
        assert evidence.content_type == "application/pdf"
    # Only they: the bulk of the records has no file
    assert {e.record.person_id for e in files} <= set(User.objects.values_list("person_id", flat=True))


def test_the_generated_certificate_is_a_well_formed_pdf() -> None:
    content = certificate_pdf(["CERTIFICATE (demo)", "No. 1"])
    # Every xref offset points at its object
    xref_at = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref_at:].startswith(b"xref\n0 6\n")
    offsets = [int(line[:10]) for line in content[xref_at:].split(b"\n")[3:8]]
    assert [content[o:].split(b"\n")[0] for o in offsets] == [f"{n} 0 obj".encode() for n in range(1, 6)]
    assert b"(CERTIFICATE \\(demo\\)) Tj" in content
    # And the ledger accepts it as a PDF
    assert check_evidence_file(ContentFile(content, name="c.pdf")).kind == "pdf"


# --- determinism ----------------------------------------------------------------------------------


def _fingerprint_of_a_fresh_load(staff: int) -> str:
    assert not Organisation.objects.exists()
    sid = transaction.savepoint()
    demo_load(staff=staff, today=ON)
    fingerprint = pd_fingerprint()
    transaction.savepoint_rollback(sid)
    return fingerprint


def test_two_loads_into_fresh_databases_give_the_same_history(db: Any, media: Any) -> None:
    first = _fingerprint_of_a_fresh_load(SMALL)
    assert _fingerprint_of_a_fresh_load(SMALL) == first
    # And the fingerprint sees the history: another size gives another one
    assert _fingerprint_of_a_fresh_load(200) != first
