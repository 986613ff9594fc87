"""The set-based organisation query and the per-person evaluation agree on random histories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biliktilik.compliance.selectors import evaluate_person, organisation_compliance
from biliktilik.ledger.enums import DeliveryMode, PDForm, RecordStatus
from biliktilik.policy.evaluators import add_years
from biliktilik.policy.models import Rule
from biliktilik.policy.services import rule_publish_new_version

from .factories import PDRecordFactory

POSITIONS = ["lecturer", "specialist", "division_head", "deputy_director", "college_teacher"]
FORMS = [
    PDForm.COURSE_SHORT,
    PDForm.COURSE_LONG,
    PDForm.SEMINAR,
    PDForm.MOOC,
    PDForm.DISSERTATION,
    PDForm.OTHER,
    PDForm.CORPORATE,
]

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2028, 12, 31))


def near(on: dt.date) -> st.SearchStrategy[dt.date]:
    """Any day, or a day on a boundary that matters on ``on``: window starts, due dates."""
    edges = [
        add_years(on, -years) + dt.timedelta(days=shift)
        for years in (0, 3, 5, 6)
        for shift in (-1, 0, 1)
        if add_years(on, -years) + dt.timedelta(days=shift) >= dt.date(2000, 1, 1)
    ]
    return st.one_of(days, st.sampled_from(edges), st.sampled_from(edges))


def history_for(on: dt.date) -> st.SearchStrategy[list[dict[str, Any]]]:
    records = st.lists(
        st.fixed_dictionaries(
            {
                "end_date": near(on),
                "hours": st.integers(min_value=0, max_value=300).map(lambda n: Decimal(n) / 2),
                "form": st.sampled_from(FORMS),
                "status": st.sampled_from([RecordStatus.VERIFIED, RecordStatus.VERIFIED, RecordStatus.PENDING]),
                "in_profile": st.booleans(),
                "management_topic": st.booleans(),
                "delivery_mode": st.sampled_from([DeliveryMode.WITH_LEAVE, DeliveryMode.WITHOUT_LEAVE]),
                "approved": st.booleans(),
            }
        ),
        max_size=8,
    )
    return st.lists(
        st.fixed_dictionaries(
            {
                "position": st.sampled_from(POSITIONS),
                "start": near(on),
                "left_after_days": st.one_of(st.none(), st.integers(min_value=0, max_value=4000)),
                "second": st.one_of(st.none(), st.sampled_from(POSITIONS)),
                "records": records,
            }
        ),
        min_size=1,
        max_size=5,
    )


@pytest.mark.req("CMP-01")
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_organisation_query_equals_evaluate_person_for_every_person(campus: Any, data: st.DataObject) -> None:
    on = data.draw(
        st.one_of(
            st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
            st.dates(min_value=dt.date(2003, 1, 1), max_value=dt.date(2013, 9, 12)),
        ),
        label="on",
    )
    history = data.draw(history_for(on), label="history")
    # A rule with two versions, explicit forms counted three ways, to exercise every judgement.
    rule = Rule.objects.get(rule_set=campus.rule_set, code="skma-464-faculty-72h", effective_to__isnull=True)
    if rule.version == 1:
        rule_publish_new_version(
            actor=campus.admin,
            rule=rule,
            effective_from=dt.date(2026, 1, 1),
            params={
                "period_years": 3,
                "min_hours": 60,
                "forms": {"course_short": "hours", "dissertation": "once", "other": "needs_justification"},
            },
        )
    with transaction.atomic():
        for item in history:
            left = item["left_after_days"]
            end = item["start"] + dt.timedelta(days=left) if left is not None else None
            person = campus.hire(position=item["position"], start=item["start"], end=end)
            if item["second"]:
                campus.hire(position=item["second"], start=item["start"] + dt.timedelta(days=30), person=person)
            for rec in item["records"]:
                PDRecordFactory(
                    person=person,
                    organisation=campus.organisation,
                    end_date=rec["end_date"],
                    hours=rec["hours"],
                    form=rec["form"],
                    status=rec["status"],
                    in_profile=rec["in_profile"],
                    management_topic=rec["management_topic"],
                    delivery_mode=rec["delivery_mode"],
                    justification_approved_by=campus.admin if rec["approved"] else None,
                )

        report = organisation_compliance(campus.organisation, on)
        from_sql = {
            (row.person_id, row.requirement.key): (
                row.applicable,
                row.status,
                row.counted_units,
                row.due_date,
                row.due_basis,
                row.threshold,
            )
            for row in report.rows
        }
        from_python: dict[tuple[int, str], tuple] = {}
        for person_id in {p for p, _key in from_sql} | _current_staff(campus, on):
            person = _person(person_id)
            for org in evaluate_person(person, on).organisations:
                if org.organisation.pk != campus.organisation.pk:
                    continue
                for res in org.results:
                    from_python[(person_id, res.requirement.key)] = (
                        res.applicable,
                        res.status,
                        res.counted_units,
                        res.due_date,
                        res.due_basis,
                        res.threshold,
                    )
        assert from_sql == from_python
        transaction.set_rollback(True)


def _person(person_id: int) -> Any:
    from biliktilik.people.models import Person

    return Person.objects.get(pk=person_id)


def _current_staff(campus: Any, on: dt.date) -> set[int]:
    from biliktilik.people.models import Employment
    from biliktilik.people.selectors import current_q

    return set(
        Employment.objects.filter(current_q(on=on), organisation=campus.organisation).values_list(
            "person_id", flat=True
        )
    )
