"""The demo is current on the day it is loaded: the same people and the same statuses whatever
the reference day, and this year's participation is never empty (CMP-01, CMP-02, CMP-05)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from biliktilik.compliance.enums import ComplianceStatus
from biliktilik.compliance.selectors import organisation_compliance, participation_by_category
from biliktilik.core.errors import ApplicationError
from biliktilik.demo.planner import REFERENCE_DATE, add_years, build_plan
from biliktilik.demo.planning_cycle import default_year
from biliktilik.demo.reference import ReferenceDay, reference_day
from biliktilik.demo.services import demo_load
from biliktilik.demo.structure import TECH
from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import PDRecord
from biliktilik.org.models import Organisation
from biliktilik.people.iin import birth_date, is_valid_iin
from biliktilik.people.models import Employment, Person

SMALL = 60
# A day in January (this year has a fortnight) and a 29 February, against the base day.
OTHER_DAYS = (dt.date(2026, 1, 15), dt.date(2028, 2, 29))


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _as_if_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """The local date is ``day``: the demo is loaded on that day."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def _snapshot(day: dt.date) -> dict[str, Any]:
    tech = Organisation.objects.get(code=TECH.code)
    report = organisation_compliance(tech, day)
    external = dict(Person.objects.values_list("pk", "external_id"))
    rows = [r for r in report.rows if r.status != ComplianceStatus.NOT_APPLICABLE]
    participation = participation_by_category(tech, start=day.replace(month=1, day=1), end=day)
    records = PDRecord.objects.all()
    return {
        "counts": Counter(str(r.status) for r in rows),
        "people": sorted((external[r.person_id], r.requirement.rule.code, str(r.status)) for r in rows),
        "participants": sum(row.participants for row in participation),
        "staff": sum(row.staff for row in participation),
        "latest": records.order_by("-end_date").values_list("end_date", flat=True).first(),
        "records": records.count(),
        "this_year": records.filter(status=RecordStatus.VERIFIED, end_date__year=day.year).count(),
    }


def _load_on(day: dt.date) -> dict[str, Any]:
    assert not Organisation.objects.exists()
    sid = transaction.savepoint()
    demo_load(staff=SMALL, today=day)
    snapshot = _snapshot(day)
    transaction.savepoint_rollback(sid)
    return snapshot


@pytest.mark.req("CMP-01")
@pytest.mark.req("CMP-02")
@pytest.mark.req("CMP-05")
def test_the_same_statuses_and_participation_on_other_reference_days(
    db: Any, media: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the demo loaded on its base day
    base = _load_on(REFERENCE_DATE)
    assert base["counts"][ComplianceStatus.COMPLIANT] > base["counts"][ComplianceStatus.OVERDUE] > 0
    assert base["counts"][ComplianceStatus.DUE_SOON] > 0
    for day in OTHER_DAYS:
        # When it is loaded on another day
        _as_if_today(monkeypatch, day)
        other = _load_on(day)
        # Then the technical university shows the same statuses, person by person
        assert other["counts"] == base["counts"], day
        assert other["people"] == base["people"], day
        # And the same number of records, none after the reference day
        assert other["records"] == base["records"], day
        assert other["latest"] <= day
        # And some verified PD falls in this calendar year, even in January
        assert other["this_year"] > 0, day
        assert 0 < other["participants"] < other["staff"], day


@pytest.mark.req("CMP-05")
def test_participation_of_the_base_day_is_not_empty(db: Any, media: Any) -> None:
    snapshot = _load_on(REFERENCE_DATE)
    assert 0 < snapshot["participants"] < snapshot["staff"]


def test_people_keep_their_age_and_service_and_valid_iins() -> None:
    base = build_plan(SMALL)
    day = ReferenceDay(dt.date(2028, 2, 29))
    moved = build_plan(SMALL, day=day)
    assert [p.last_name for p in moved.people] == [p.last_name for p in base.people]
    for before, after in zip(base.people, moved.people, strict=True):
        # Every date moved by the same number of days
        assert after.birth_date - before.birth_date == day.offset
        assert [j.start - i.start for i, j in zip(before.employments, after.employments, strict=True)] == [
            day.offset
        ] * len(before.employments)
        # And the IIN follows the birth date
        assert is_valid_iin(after.iin)
        assert birth_date(after.iin) == after.birth_date
        assert all(year <= day.today.year for _org, year, _p, _l in after.graduations)
    assert len({p.iin for p in moved.people}) == len(moved.people)


def test_moving_by_days_meets_no_29_february_problem() -> None:
    day = ReferenceDay(dt.date(2028, 2, 29))
    assert day.shift(REFERENCE_DATE) == day.today
    assert day.back(day.today) == REFERENCE_DATE
    assert add_years(day.today, -3) == dt.date(2025, 2, 28)
    # A graduation in the summer of 2025 (base day) is one of the summer of 2027 (2028-02-29)
    assert day.shift_year(2025) == 2027


def test_the_reference_day_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    _as_if_today(monkeypatch, dt.date(2026, 5, 4))
    assert reference_day().today == dt.date(2026, 5, 4)
    assert reference_day(REFERENCE_DATE).today == REFERENCE_DATE
    for wrong in (dt.date(2025, 8, 31), dt.date(2026, 5, 5)):
        with pytest.raises(ApplicationError) as caught:
            reference_day(wrong)
        assert caught.value.field == "today"


def test_load_demo_refuses_a_bad_today(db: Any) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("load_demo", "--staff", str(SMALL), "--today", "2026-02-30", stdout=io.StringIO())
    with pytest.raises(CommandError, match="reference day"):
        call_command("load_demo", "--staff", str(SMALL), "--today", "2020-01-01", stdout=io.StringIO())
    assert not Organisation.objects.exists()
    assert not Employment.objects.exists()


def test_the_default_year_planned_is_the_one_after_the_reference_day(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_year(REFERENCE_DATE) == 2026
    _as_if_today(monkeypatch, dt.date(2026, 12, 31))
    assert default_year() == 2027
