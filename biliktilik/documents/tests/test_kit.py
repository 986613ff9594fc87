"""The document kit on planning's types: transitions, amendments as new versions, comparison,
and the decision moving the document in the same transaction."""

from __future__ import annotations

from typing import Any

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.documents.enums import DocumentStatus
from biliktilik.documents.registry import DocumentType, document_type_of, document_types
from biliktilik.documents.services import document_amend, document_compare, document_submit
from biliktilik.planning import services
from biliktilik.planning.models import ConsolidatedSchedule, IndividualPlan, UnitSchedule
from biliktilik.planning.tests.conftest import make_plan
from biliktilik.workflows.hooks import hooks_for
from biliktilik.workflows.registry import is_purpose


def approved_plan(world: Any) -> IndividualPlan:
    plan = make_plan(world)
    services.plan_submit(actor=world.user("hr_officer"), plan=plan)  # no route: goes up, waits for its unit
    IndividualPlan.objects.filter(pk=plan.pk).update(status=DocumentStatus.APPROVED)
    plan.refresh_from_db()
    return plan


def test_planning_declares_its_three_types_with_purposes_and_hooks() -> None:
    models = {t.model for t in document_types()}
    assert {IndividualPlan, UnitSchedule, ConsolidatedSchedule} <= models
    for model in (IndividualPlan, UnitSchedule, ConsolidatedSchedule):
        kind = document_type_of(model)
        assert is_purpose(kind.purpose)
        assert is_purpose(kind.amendment_purpose)
        assert hooks_for(model) is not None
    with pytest.raises(LookupError):
        document_type_of(AuditEvent)


def test_the_transitions_table_says_what_may_follow_what() -> None:
    kind = DocumentType(code="x", model=IndividualPlan, purpose="other")
    assert kind.allows(DocumentStatus.DRAFT, DocumentStatus.SUBMITTED)
    assert kind.allows(DocumentStatus.RETURNED, DocumentStatus.SUBMITTED)
    assert kind.allows(DocumentStatus.SUBMITTED, DocumentStatus.APPROVED)
    assert not kind.allows(DocumentStatus.DRAFT, DocumentStatus.APPROVED)
    assert not kind.allows(DocumentStatus.REJECTED, DocumentStatus.SUBMITTED)
    assert not kind.allows(DocumentStatus.APPROVED, DocumentStatus.SUBMITTED)


@pytest.mark.req("PLN-06")
def test_an_amendment_is_a_new_version_and_the_previous_is_kept(world: Any) -> None:
    plan = approved_plan(world)
    new = document_amend(actor=world.user("hr_officer"), document=plan, reason="New course dates")
    plan.refresh_from_db()
    assert (new.version, new.previous_id, new.status, new.amendment_reason) == (
        2,
        plan.pk,
        DocumentStatus.DRAFT,
        "New course dates",
    )
    assert plan.status == DocumentStatus.APPROVED  # kept until the amendment is approved
    assert [i.source_id for i in new.items.all()] == [i.pk for i in plan.items.all()]
    assert AuditEvent.objects.filter(action="planning.individualplan.amend").count() == 1
    with pytest.raises(ApplicationError) as again:
        document_amend(actor=world.user("hr_officer"), document=plan, reason="Twice")
    assert again.value.code == ErrorCode.CONFLICT


@pytest.mark.parametrize(("reason", "field"), [("", "amendment_reason"), ("   ", "amendment_reason")])
def test_an_amendment_must_say_why(world: Any, reason: str, field: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        document_amend(actor=world.user("hr_officer"), document=approved_plan(world), reason=reason)
    assert refused.value.field == field


def test_only_an_approved_version_is_amended_and_only_a_draft_is_submitted(world: Any) -> None:
    plan = make_plan(world)
    with pytest.raises(ApplicationError) as refused:
        document_amend(actor=world.user("hr_officer"), document=plan, reason="Why")
    assert refused.value.code == ErrorCode.INVALID_STATE
    services.plan_submit(actor=world.user("hr_officer"), plan=plan)
    plan.refresh_from_db()
    with pytest.raises(ApplicationError) as twice:
        document_submit(actor=world.user("hr_officer"), document=plan)
    assert twice.value.code == ErrorCode.INVALID_STATE


def test_a_schedule_without_a_route_is_refused(world: Any) -> None:
    head = world.user("unit_head")
    schedule = services.unit_schedule_create(actor=head, unit=world.units["d1"], year=2031)
    with pytest.raises(ApplicationError) as refused:
        document_submit(actor=head, document=schedule)
    assert refused.value.code == ErrorCode.INVALID_STATE


@pytest.mark.req("PLN-06")
def test_compare_shows_the_changed_added_and_removed_lines(world: Any) -> None:
    plan = approved_plan(world)
    new = document_amend(actor=world.user("hr_officer"), document=plan, reason="Change")
    first = new.items.get()
    services.plan_item_update(actor=world.user("hr_officer"), item=first, hours="36")
    added = services.plan_item_add(
        actor=world.user("hr_officer"),
        plan=new,
        topic="Inclusive education",
        form=first.form,
        start_date=first.start_date,
        end_date=first.end_date,
        hours="16",
        funding_source=first.funding_source,
    )
    diff = document_compare(plan, new)
    assert diff.has_changes
    assert [(old.pk, item.pk, set(changes)) for old, item, changes in diff.changed] == [
        (plan.items.get().pk, first.pk, {"hours"})
    ]
    assert [i.pk for i in diff.added] == [added.pk]
    assert diff.removed == []
    services.plan_item_remove(actor=world.user("hr_officer"), item=first)
    diff = document_compare(plan, new)
    assert [i.pk for i in diff.removed] == [plan.items.get().pk]
    assert not document_compare(plan, plan).has_changes
