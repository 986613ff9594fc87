"""Which forms need a justification is read from the rule data (POL-04), not from one form."""

from __future__ import annotations

import datetime as dt

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.ledger import services
from biliktilik.ledger.enums import PDForm, RecordStatus
from biliktilik.ledger.justification import forms_needing_justification
from biliktilik.ledger.permissions import can_approve_justification
from biliktilik.ledger.selectors import record_counts
from biliktilik.policy.services import rule_create, rule_set_adopt, rule_set_create, rule_set_publish

from .conftest import make_record

FLAGS = {"counts": True, "needs_justification": False, "once_only": False}


def _own_forms(world, forms):
    own = rule_set_create(
        actor=world.user("sysadmin"),
        owner=world.orgs["uni"],
        code="own-forms",
        title_kk="Нысандар",
        source_document="Own procedure",
        effective_from=dt.date(2020, 1, 1),
    )
    rule_create(
        actor=world.user("sysadmin"),
        rule_set=own,
        kind="counted_forms",
        code="own-forms",
        title_kk="Нысандар",
        params={"forms": forms},
        citation_document="OWN",
        citation_clause="1",
    )
    rule_set_publish(actor=world.user("sysadmin"), rule_set=own)


@pytest.mark.req("POL-04")
def test_without_forms_rules_the_other_form_needs_a_justification(world):
    assert forms_needing_justification(world.orgs["uni"], dt.date(2024, 2, 16)) == {PDForm.OTHER}


@pytest.mark.req("POL-04")
def test_kaznrtu_602_marks_other_forms(world):
    rule_set_adopt(actor=world.user("sysadmin"), organisation=world.orgs["uni"], template_code="kaznrtu-602")
    assert forms_needing_justification(world.orgs["uni"], dt.date(2024, 2, 16)) == {PDForm.OTHER}


@pytest.mark.req("POL-04")
def test_a_form_the_rules_mark_needs_a_justification_and_the_other_form_then_does_not(world):
    # the organisation's rules say seminars need a justification and "other" counts by its hours
    _own_forms(world, {"seminar": {**FLAGS, "needs_justification": True}, "other": FLAGS})
    with pytest.raises(ApplicationError) as info:
        make_record(world, form=PDForm.SEMINAR)
    assert info.value.field == "justification"
    seminar = make_record(world, form=PDForm.SEMINAR, justification="Faculty seminar", status=RecordStatus.VERIFIED)
    assert not record_counts(seminar)
    assert can_approve_justification(world.user("unit_head"), seminar)
    services.record_approve_justification(actor=world.user("unit_head"), record=seminar)
    seminar.refresh_from_db()
    assert record_counts(seminar)
    # "other" needs nothing here: it counts once verified, and there is nothing to approve
    other = make_record(world, form=PDForm.OTHER, status=RecordStatus.VERIFIED, justification="Mentoring")
    assert record_counts(other)
    assert not can_approve_justification(world.user("unit_head"), other)
    with pytest.raises(ApplicationError) as info:
        services.record_approve_justification(actor=world.user("unit_head"), record=other)
    assert info.value.code == ErrorCode.INVALID_STATE


@pytest.mark.req("POL-04")
def test_without_forms_rules_the_installation_default_rule_set_says_it(world, settings):
    from biliktilik.policy.defaults import default_forms_versions

    (rule,) = default_forms_versions()  # the template named by the setting: KazNRTU-602 6.1
    assert (rule.rule_set.code, rule.citation_clause) == ("kaznrtu-602", "6.1")
    assert rule.params["forms"]["other"]["needs_justification"] is True
    settings.DEFAULT_FORMS_RULE_SET = ""  # no default rule set: no form needs one (none in code)
    assert forms_needing_justification(world.orgs["uni"], dt.date(2024, 2, 16)) == frozenset()
    cache: dict = {}
    settings.DEFAULT_FORMS_RULE_SET = "kaznrtu-602"
    assert forms_needing_justification(world.orgs["uni"], dt.date(2024, 2, 16), cache=cache) == {PDForm.OTHER}
    assert forms_needing_justification(world.orgs["uni"], dt.date(2019, 1, 1), cache=cache) == {PDForm.OTHER}
