"""Deciders outside the object's organisation (the authority above it, an office of another named
organisation), and the purposes and conditions registered by the apps that use the engine."""

from __future__ import annotations

import pytest
from django.urls import reverse

from biliktilik.accounts.models import User
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.org.enums import OrganisationKind
from biliktilik.workflows import registry
from biliktilik.workflows.adapters import subject_of
from biliktilik.workflows.enums import Decider, DecisionAction, RunStatus
from biliktilik.workflows.models import Route, Step
from biliktilik.workflows.resolvers import Place, step_holders
from biliktilik.workflows.selectors import can_decide, run_get, runs_waiting_for
from biliktilik.workflows.services import StepSpec, route_create, run_decide, run_start
from tests.factories import RoleGrantFactory, UserFactory

from .helpers import make_route, step


def names(ids) -> set[str]:
    return set(User.objects.filter(pk__in=ids).values_list("username", flat=True))


def authority_step(kind: str = "") -> Step:
    return Step(decider=Decider.AUTHORITY_ABOVE, authority_kind=kind)


def other_step(organisation, office: str) -> Step:
    return Step(decider=Decider.OTHER_ORGANISATION, decider_organisation_id=organisation.pk, decider_office=office)


@pytest.mark.req("PLN-03")
def test_the_nearest_authority_above_with_officers_decides(world):
    preschool = world.orgs["preschool"]  # preschool -> district (no officer) -> region (an officer) -> ab
    place = Place.of(preschool.pk, None)
    assert names(step_holders(authority_step(), place)) == {"authority_officer"}
    assert names(step_holders(authority_step(OrganisationKind.REGIONAL_DEPARTMENT), place)) == {"authority_officer"}
    assert names(step_holders(authority_step(OrganisationKind.DISTRICT_OFFICE), place)) == set()
    # the university stands right under the authorised body, which has no officer yet
    assert names(step_holders(authority_step(), Place.of(world.orgs["uni"].pk, None))) == set()
    ministry = UserFactory(username="ministry")
    RoleGrantFactory(user=ministry, role=Role.AUTHORITY_OFFICER, organisation=world.orgs["ab"])
    assert names(step_holders(authority_step(), Place.of(world.orgs["uni"].pk, None))) == {"ministry"}
    # an officer of the authority itself is not "above" it
    assert names(step_holders(authority_step(), Place.of(world.orgs["region"].pk, None))) == {"ministry"}


@pytest.mark.req("PLN-03")
def test_an_office_of_another_named_organisation_decides_and_not_the_objects_own(world):
    partner_hr = UserFactory(username="partner_hr")
    RoleGrantFactory(user=partner_hr, role=Role.HR_OFFICER, organisation=world.orgs["uni2"])
    place = Place.of(world.orgs["uni"].pk, world.units["d1"])
    assert names(step_holders(other_step(world.orgs["uni2"], Decider.HR), place)) == {"partner_hr"}
    assert names(step_holders(other_step(world.orgs["uni2"], Decider.FINANCE), place)) == set()
    # a bare code cannot say which organisation: nobody
    assert step_holders(Decider.OTHER_ORGANISATION, place) == frozenset()


@pytest.mark.req("PLN-03")
def test_a_run_goes_up_to_the_authority_above_and_it_decides(world, facts):
    route = make_route(world.orgs["preschool"], Decider.AUTHORITY_ABOVE)
    run = run_start(actor=world.user("sysadmin"), obj=world.units["kg"], route=route)
    officer = world.user("authority_officer")
    assert [r.pk for r in runs_waiting_for(officer)] == [run.pk]
    assert can_decide(officer, run)
    assert not can_decide(world.user("hr_officer"), run)
    run = run_decide(actor=officer, run=run, action=DecisionAction.APPROVE, expected_step_id=run.current_step_id)
    assert run.status == RunStatus.APPROVED


@pytest.mark.req("PLN-03")
def test_a_run_goes_to_another_organisations_office_which_sees_it_and_decides(world, facts):
    partner_hr = UserFactory(username="partner_hr")
    RoleGrantFactory(user=partner_hr, role=Role.HR_OFFICER, organisation=world.orgs["uni2"])
    route = make_route(
        world.orgs["uni"],
        StepSpec(
            title_kk="Серіктес университеттің HR қызметі",
            decider=Decider.OTHER_ORGANISATION,
            decider_organisation_id=world.orgs["uni2"].pk,
            decider_office=Decider.HR,
        ),
        Decider.FIRST_HEAD,
    )
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    assert [r.pk for r in runs_waiting_for(partner_hr)] == [run.pk]
    assert runs_waiting_for(world.user("hr_officer")) == []
    assert run_get(partner_hr, public_id=run.public_id) is not None
    with pytest.raises(ApplicationError) as refused:
        run_decide(
            actor=world.user("hr_officer"),
            run=run,
            action=DecisionAction.APPROVE,
            expected_step_id=run.current_step_id,
        )
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    run = run_decide(actor=partner_hr, run=run, action=DecisionAction.APPROVE, expected_step_id=run.current_step_id)
    assert (run.status, run.current_step.decider) == (RunStatus.IN_PROGRESS, Decider.FIRST_HEAD)


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        pytest.param(
            {"decider": Decider.OTHER_ORGANISATION, "decider_office": "hr"}, "decider_organisation", id="no-org"
        ),
        pytest.param(
            {"decider": Decider.OTHER_ORGANISATION, "decider_organisation_id": -1, "decider_office": "hr"},
            "decider_organisation",
            id="unknown-org",
        ),
        pytest.param(
            {"decider": Decider.OTHER_ORGANISATION, "decider_office": "unit_head"}, "decider_office", id="bad-office"
        ),
        pytest.param({"decider": Decider.AUTHORITY_ABOVE, "authority_kind": "university"}, "authority_kind", id="kind"),
    ],
)
def test_an_outside_decider_must_be_named_fully(world, spec, field):
    if spec.get("decider_office") and "decider_organisation_id" not in spec and field != "decider_organisation":
        spec = {**spec, "decider_organisation_id": world.orgs["uni2"].pk}
    with pytest.raises(ApplicationError) as refused:
        route_create(
            actor=world.user("hr_officer"),
            organisation=world.orgs["uni"],
            code="outside",
            title_kk="Маршрут",
            purpose="unit_schedule",
            steps=[StepSpec(title_kk="Қадам", **spec)],
        )
    assert refused.value.field == field
    assert not Route.objects.filter(code="outside").exists()


def test_a_purpose_must_be_registered_by_some_app(world):
    with pytest.raises(ApplicationError) as refused:
        make_route(world.orgs["uni"], Decider.HR, purpose="accreditation")
    assert refused.value.field == "purpose"
    registry.register_purpose("accreditation", "Accreditation")
    try:
        assert make_route(world.orgs["uni"], Decider.HR, purpose="accreditation").purpose == "accreditation"
        assert ("accreditation", "Accreditation") in registry.purpose_choices()
        assert registry.purpose_choices()[-1][0] == registry.OTHER
    finally:
        registry.unregister_purpose("accreditation")


def test_a_condition_must_be_registered_and_its_predicate_gives_the_fact(world, facts):
    with pytest.raises(ApplicationError) as refused:
        make_route(world.orgs["uni"], step(Decider.HR, condition="needs_visa"))
    assert refused.value.field == "steps"
    registry.register_condition("needs_visa", "Only abroad", lambda obj: getattr(obj, "code", "") == "D1")
    try:
        assert subject_of(world.units["d1"]).flags["needs_visa"] is True
        assert subject_of(world.units["d2"]).flags["needs_visa"] is False
        facts[world.units["d2"].pk] = {"needs_visa": True}  # the adapter's own fact wins
        assert subject_of(world.units["d2"]).flags["needs_visa"] is True
        route = make_route(world.orgs["uni"], step(Decider.HR, condition="needs_visa"), Decider.FIRST_HEAD)
        run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
        assert run.current_step.decider == Decider.HR
    finally:
        registry.unregister_condition("needs_visa")


@pytest.mark.urls("biliktilik.workflows.tests.urls")
def test_the_route_page_names_the_other_organisation_and_the_kind_of_authority(client, world):
    route = make_route(
        world.orgs["uni"],
        StepSpec(
            title_kk="Серіктес",
            decider=Decider.OTHER_ORGANISATION,
            decider_organisation_id=world.orgs["uni2"].pk,
            decider_office=Decider.HR,
        ),
        StepSpec(
            title_kk="Облыс", decider=Decider.AUTHORITY_ABOVE, authority_kind=OrganisationKind.REGIONAL_DEPARTMENT
        ),
    )
    client.force_login(world.user("hr_officer"))
    page = client.get(reverse("workflows:route_detail", kwargs={"public_id": route.public_id})).content.decode()
    assert f"{Decider.HR.label} — {world.orgs['uni2']}" in page
    assert str(OrganisationKind.REGIONAL_DEPARTMENT.label) in page
