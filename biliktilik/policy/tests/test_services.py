"""Rule sets are written as drafts, published, versioned and adopted; each change is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.policy.enums import RuleSetStatus
from biliktilik.policy.models import Rule, RuleSet
from biliktilik.policy.selectors import rule_context
from biliktilik.policy.services import (
    rule_create,
    rule_publish_new_version,
    rule_set_adopt,
    rule_set_close,
    rule_set_create,
    rule_set_publish,
    rule_update,
)
from conftest import ALL_ROLES

D = dt.date


@pytest.fixture
def root(django_user_model: Any) -> Any:
    return django_user_model.objects.create_superuser("root", password="x")


def draft(root: Any, owner: Any = None, code: str = "own") -> RuleSet:
    rs = rule_set_create(
        actor=root, owner=owner, code=code, title_kk="Өз", source_document="Own", effective_from=D(2024, 1, 1)
    )
    rule_create(
        actor=root,
        rule_set=rs,
        kind="periodic_requirement",
        code="hours",
        title_kk="Сағат",
        params={"period_years": 3, "min_hours": 72},
        citation_document="OWN",
        citation_clause="1.1",
    )
    return rs


@pytest.mark.django_db
def test_a_draft_rule_may_be_corrected_then_publishing_freezes_it(root: Any) -> None:
    rs = draft(root)
    rule = rs.rules.get()
    rule_update(actor=root, rule=rule, params={"period_years": 3, "min_hours": 36})
    assert Rule.objects.get(pk=rule.pk).params["min_hours"] == 36
    rule_set_publish(actor=root, rule_set=rs)
    rule.refresh_from_db()
    assert rule.published_at is not None
    assert RuleSet.objects.get(pk=rs.pk).status == RuleSetStatus.PUBLISHED
    with pytest.raises(ApplicationError) as info:
        rule_update(actor=root, rule=rule, params={"period_years": 3, "min_hours": 48})
    assert info.value.code == ErrorCode.INVALID_STATE
    assert Rule.objects.get(pk=rule.pk).params["min_hours"] == 36
    assert list(
        AuditEvent.objects.filter(object_type="policy.rule", object_id=str(rule.pk)).values_list("action", flat=True)
    ) == ["rule.update", "rule.create"]


@pytest.mark.django_db
@pytest.mark.req("POL-07")
def test_publishing_a_new_version_closes_the_old_one_and_keeps_it(root: Any) -> None:
    # given a published rule
    rs = draft(root)
    rule_set_publish(actor=root, rule_set=rs)
    old = rs.rules.get()
    # when a new version is published from 2026
    new = rule_publish_new_version(
        actor=root, rule=old, effective_from=D(2026, 1, 1), params={"period_years": 3, "min_hours": 80}
    )
    # then the old version ends the day the new one starts, and both are kept
    old.refresh_from_db()
    assert (old.version, old.effective_from, old.effective_to, old.params["min_hours"]) == (
        1,
        D(2024, 1, 1),
        D(2026, 1, 1),
        72,
    )
    assert (new.version, new.effective_from, new.effective_to, new.params["min_hours"]) == (2, D(2026, 1, 1), None, 80)
    assert new.supersedes == old
    assert new.code == old.code
    assert new.citation == "OWN 1.1"
    assert new.published_at is not None
    assert AuditEvent.objects.filter(action="rule.publish_version", object_id=str(new.pk)).count() == 1
    assert AuditEvent.objects.get(action="rule.close", object_id=str(old.pk)).changes == {
        "effective_to": [None, "2026-01-01"]
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param({"effective_from": D(2023, 1, 1)}, "effective_from", id="before-current"),
        pytest.param(
            {"effective_from": D(2026, 1, 1), "params": {"period_years": 0, "min_hours": 1}},
            "params.period_years",
            id="broken-params",
        ),
        pytest.param({"effective_from": D(2026, 1, 1)}, "params", id="nothing-changed"),
    ],
)
def test_a_bad_new_version_is_refused_and_the_old_one_stays_open(root: Any, kwargs: dict, field: str) -> None:
    rs = draft(root)
    rule_set_publish(actor=root, rule_set=rs)
    old = rs.rules.get()
    with pytest.raises(ApplicationError) as info:
        rule_publish_new_version(actor=root, rule=old, **kwargs)
    assert info.value.field == field
    old.refresh_from_db()
    assert old.effective_to is None
    assert Rule.objects.filter(rule_set=rs).count() == 1


@pytest.mark.django_db
def test_only_the_latest_version_can_be_superseded(root: Any) -> None:
    rs = draft(root)
    rule_set_publish(actor=root, rule_set=rs)
    old = rs.rules.get()
    rule_publish_new_version(
        actor=root, rule=old, effective_from=D(2025, 1, 1), params={"period_years": 2, "min_hours": 72}
    )
    with pytest.raises(ApplicationError) as info:
        rule_publish_new_version(
            actor=root, rule=old, effective_from=D(2026, 1, 1), params={"period_years": 1, "min_hours": 72}
        )
    assert info.value.code == ErrorCode.INVALID_STATE


@pytest.mark.django_db
def test_a_draft_rule_has_no_versions_and_an_empty_set_cannot_be_published(root: Any) -> None:
    rs = draft(root)
    with pytest.raises(ApplicationError) as info:
        rule_publish_new_version(actor=root, rule=rs.rules.get(), effective_from=D(2026, 1, 1))
    assert info.value.code == ErrorCode.INVALID_STATE
    empty = rule_set_create(
        actor=root, owner=None, code="e", title_kk="E", source_document="E", effective_from=D(2024, 1, 1)
    )
    with pytest.raises(ApplicationError) as info:
        rule_set_publish(actor=root, rule_set=empty)
    assert info.value.field == "rules"


@pytest.mark.django_db
@pytest.mark.req("POL-01")
def test_adopting_a_template_copies_its_rules_with_their_citations(world: Any) -> None:
    uni = world.orgs["uni"]
    rs = rule_set_adopt(actor=world.user("hr_officer"), organisation=uni, template_code="skma-464")
    template = RuleSet.objects.get(code="skma-464", owner__isnull=True)
    assert (rs.owner, rs.template, rs.status, rs.effective_from) == (
        uni,
        template,
        RuleSetStatus.PUBLISHED,
        D(2025, 1, 1),
    )
    copied = {r.code: r.citation for r in rs.rules.all()}
    assert copied == {r.code: r.citation for r in template.rules.all()}
    assert copied["skma-464-faculty-72h"] == "SKMA-464 4.3"
    assert AuditEvent.objects.filter(action="rule_set.adopt", organisation_id=uni.pk).count() == 1
    with pytest.raises(ApplicationError) as info:
        rule_set_adopt(actor=world.user("hr_officer"), organisation=uni, template_code="skma-464")
    assert info.value.code == ErrorCode.DUPLICATE
    with pytest.raises(ApplicationError) as info:
        rule_set_adopt(actor=world.user("hr_officer"), organisation=uni, template_code="no-such")
    assert info.value.code == ErrorCode.NOT_FOUND


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_adopt_a_template_for_the_university(world: Any, role: str) -> None:
    uni = world.orgs["uni"]
    allowed = role in {"hr_officer", "pd_officer", "sysadmin"}
    if allowed:
        rule_set_adopt(actor=world.user(role), organisation=uni, template_code="kafu-2025")
        assert RuleSet.objects.filter(owner=uni, code="kafu-2025").count() == 1
    else:
        with pytest.raises(ApplicationError) as info:
            rule_set_adopt(actor=world.user(role), organisation=uni, template_code="kafu-2025")
        assert info.value.code == ErrorCode.PERMISSION_DENIED
        assert not RuleSet.objects.filter(owner=uni).exists()
        assert not AuditEvent.objects.filter(action="rule_set.adopt").exists()


@pytest.mark.django_db
def test_an_authority_officer_adopts_for_their_authority(world: Any) -> None:
    region = world.orgs["region"]
    rs = rule_set_adopt(actor=world.user("authority_officer"), organisation=region, template_code="preschool-rules")
    assert rs.owner == region
    # and the pre-school below the district below the region inherits it
    rules = rule_context(world.orgs["preschool"]).in_force(D(2025, 6, 1))
    assert "preschool-pass" in {r.code for r in rules}
    assert {r.rule_set.owner_id for r in rules if r.code == "preschool-pass"} == {region.pk}
    with pytest.raises(ApplicationError):
        rule_set_adopt(actor=world.user("hr_officer"), organisation=region, template_code="kafu-2025")


@pytest.mark.django_db
def test_templates_apply_to_nobody_until_adopted(world: Any) -> None:
    assert {r.code for r in rule_context(world.orgs["uni"]).in_force(D(2025, 6, 1))} == set()
    assert {r.code for r in rule_context(world.orgs["uni"]).in_force(D(2010, 6, 1))} == {
        "moes-1211-every-5-years",
        "moes-1211-duration-classes",
        "moes-1211-retraining",
        "moes-1211-second-higher",
        "moes-1211-documents",
        "moes-1211-forms",
    }


@pytest.mark.django_db
@pytest.mark.req("POL-07")
def test_closing_a_rule_set_records_the_repeal(root: Any) -> None:
    rs = draft(root)
    rule_set_publish(actor=root, rule_set=rs)
    rule_set_close(actor=root, rule_set=rs, effective_to=D(2027, 1, 1), repeal_citation="Order No. 1 of 01.01.2027")
    rs.refresh_from_db()
    assert (rs.effective_to, rs.repeal_citation) == (D(2027, 1, 1), "Order No. 1 of 01.01.2027")
    with pytest.raises(ApplicationError) as info:
        rule_set_close(actor=root, rule_set=rs, effective_to=D(2028, 1, 1))
    assert info.value.code == ErrorCode.INVALID_STATE


@pytest.mark.django_db
def test_only_a_system_administrator_writes_national_rule_sets_and_templates(world: Any) -> None:
    with pytest.raises(ApplicationError) as info:
        rule_set_create(
            actor=world.user("hr_officer"),
            owner=None,
            code="n",
            title_kk="N",
            source_document="N",
            effective_from=D(2024, 1, 1),
        )
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    rs = rule_set_create(
        actor=world.user("sysadmin"),
        owner=None,
        code="n",
        title_kk="N",
        source_document="N",
        effective_from=D(2024, 1, 1),
    )
    assert rs.is_national
