"""The pages: routes (list, detail, create, edit), waiting for my decision, a run and deciding it."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from biliktilik.core.models import AuditEvent
from biliktilik.workflows.enums import Decider, RunStatus
from biliktilik.workflows.models import Decision, Route, Run
from biliktilik.workflows.services import run_start
from conftest import ALL_ROLES
from tests.factories import OrganisationFactory, UnitFactory

from .helpers import make_route, state, step

# Roles of the world that see the routes of the university (they work there or see it whole).
SEES_UNI = {
    "employee",
    "unit_head",
    "institute_director",
    "hr_officer",
    "pd_officer",
    "finance_officer",
    "first_head",
    "auditor",
    "sysadmin",
}
# Roles that see a run of D1 started by the employee.
SEES_D1_RUN = SEES_UNI
MANAGERS = {"hr_officer", "pd_officer", "sysadmin"}


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so the assertions read the msgids whatever catalogs are compiled."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def route(world):
    return make_route(world.orgs["uni"], Decider.UNIT_HEAD, Decider.HR, code="unit-schedule")


@pytest.fixture
def run(world, facts, route):
    return run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)


def step_form(prefix_total, steps, *, initial=0):
    """POST data of the steps formset: each step a dict of its fields."""
    data = {
        "steps-TOTAL_FORMS": str(prefix_total),
        "steps-INITIAL_FORMS": str(initial),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "20",
    }
    for n, values in enumerate(steps):
        for key, value in values.items():
            data[f"steps-{n}-{key}"] = value
    for n in range(len(steps), prefix_total):
        # an untouched empty row, as a browser sends it: the decisions are ticked by default
        data[f"steps-{n}-actions"] = ["approve", "return", "reject"]
    return data


def route_post(**overrides):
    data = {
        "organisation": "",
        "code": "new-route",
        "title_kk": "Жаңа маршрут",
        "title_ru": "",
        "title_en": "New route",
        "purpose": "unit_schedule",
        "notes": "KazNRTU-602 7.4",
        "is_active": "on",
    }
    data.update(overrides)
    return data


# --- anonymous ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["route_list", "route_create", "waiting"])
def test_anonymous_is_sent_to_login(client, world, name):
    target = reverse(f"workflows:{name}")
    response = client.get(target)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={target}"


def test_anonymous_cannot_decide(client, world, run):
    before = state()
    response = client.post(
        reverse("workflows:run_decide", kwargs={"public_id": run.public_id}),
        {"action": "approve", "expected_step": run.current_step_id},
    )
    assert response.status_code == 302
    assert state() == before


# --- routes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_list_for_each_role(client, world, route, role):
    client.force_login(world.user(role))
    response = client.get(reverse("workflows:route_list"))
    assert response.status_code == 200
    body = response.content.decode()
    detail = reverse("workflows:route_detail", kwargs={"public_id": route.public_id})
    assert (detail in body) is (role in SEES_UNI)
    assert ("New route" in body) is (role in MANAGERS)
    assert (reverse("workflows:route_edit", kwargs={"public_id": route.public_id}) in body) is (role in MANAGERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_detail_for_each_role(client, world, route, role):
    client.force_login(world.user(role))
    response = client.get(reverse("workflows:route_detail", kwargs={"public_id": route.public_id}))
    assert response.status_code == (200 if role in SEES_UNI else 404)
    if role in SEES_UNI:
        body = response.content.decode()
        assert "Head of the object&#x27;s unit" in body
        assert "HR service" in body


def test_route_list_costs_the_same_for_2_or_30_routes(client, world, django_assert_max_num_queries):
    client.force_login(world.user("hr_officer"))
    for _ in range(2):
        make_route(world.orgs["uni"], Decider.HR)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("workflows:route_list"))
    for _ in range(28):
        make_route(world.orgs["uni"], Decider.HR)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("workflows:route_list"))
    assert len(response.context["routes"]) == 30


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_create_page_for_each_role(client, world, role):
    client.force_login(world.user(role))
    response = client.get(reverse("workflows:route_create"))
    assert response.status_code == (200 if role in MANAGERS else 403)


@pytest.mark.req("SEC-02")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_creating_a_route_for_each_role(client, world, role):
    client.force_login(world.user(role))
    before = state()
    data = route_post(organisation=str(world.orgs["uni"].pk))
    data.update(
        step_form(
            3,
            [
                {
                    "title_kk": "Кафедра",
                    "decider": "unit_head",
                    "condition": "",
                    "actions": ["approve", "return"],
                    "ORDER": "1",
                },
                {
                    "title_kk": "Қаржы",
                    "decider": "finance",
                    "condition": "requires_payment",
                    "actions": ["approve", "return", "reject"],
                    "ORDER": "2",
                },
            ],
        )
    )
    response = client.post(reverse("workflows:route_create"), data)
    if role in MANAGERS:
        created = Route.objects.get(code="new-route")
        assert response.status_code == 302
        assert response.url == reverse("workflows:route_detail", kwargs={"public_id": created.public_id})
        assert list(created.steps.values_list("order", "decider", "condition", "actions")) == [
            (1, "unit_head", "", ["approve", "return"]),
            (2, "finance", "requires_payment", ["approve", "return", "reject"]),
        ]
        assert AuditEvent.objects.filter(action="workflow_route.create", actor=world.user(role)).count() == 1
    else:
        assert response.status_code == 403
        assert state() == before


def test_a_route_without_steps_is_shown_again_with_the_reason(client, world):
    client.force_login(world.user("hr_officer"))
    data = route_post(organisation=str(world.orgs["uni"].pk))
    data.update(step_form(2, []))
    response = client.post(reverse("workflows:route_create"), data)
    assert response.status_code == 200
    assert "A route needs at least one step." in response.content.decode()
    assert not Route.objects.exists()


@pytest.mark.req("SEC-01")
def test_a_deciding_organisation_is_chosen_among_those_the_author_sees(client, world):
    # given uni's HR officer, who does not see uni2, naming uni2's HR office as a step's decider
    client.force_login(world.user("hr_officer"))
    data = route_post(organisation=str(world.orgs["uni"].pk))
    step = {
        "title_kk": "Серіктес HR",
        "decider": "other_organisation",
        "decider_organisation": str(world.orgs["uni2"].pk),
        "decider_office": "hr",
        "actions": ["approve"],
        "ORDER": "1",
    }
    data.update(step_form(1, [step]))

    response = client.post(reverse("workflows:route_create"), data)

    # then the form refuses the choice like an unknown one, and no route is made
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["decider_organisation"]
    assert world.orgs["uni2"] not in response.context["formset"].forms[0].fields["decider_organisation"].queryset
    assert not Route.objects.exists()


def test_an_hr_officer_cannot_pick_another_organisation(client, world):
    client.force_login(world.user("hr_officer"))
    data = route_post(organisation=str(world.orgs["uni2"].pk))
    data.update(step_form(1, [{"title_kk": "HR", "decider": "hr", "actions": ["approve"], "ORDER": "1"}]))
    response = client.post(reverse("workflows:route_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert not Route.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_edit_page_for_each_role(client, world, route, role):
    client.force_login(world.user(role))
    response = client.get(reverse("workflows:route_edit", kwargs={"public_id": route.public_id}))
    expected = 200 if role in MANAGERS else (403 if role in SEES_UNI else 404)
    assert response.status_code == expected


def _edit_data(route, steps):
    data = route_post(title_kk=route.title_kk, title_en="Edited")
    del data["organisation"], data["code"]
    data.update(step_form(len(steps), steps, initial=route.steps.count()))
    return data


@pytest.mark.parametrize("role", ALL_ROLES)
def test_editing_a_route_for_each_role_reorders_and_removes_steps(client, world, route, role):
    client.force_login(world.user(role))
    before = state()
    # the unit head's step removed, a PD-centre step added and put first, HR second
    data = _edit_data(
        route,
        [
            {"title_kk": "Бөлім басшысы", "decider": "unit_head", "actions": ["approve"], "ORDER": "1", "DELETE": "on"},
            {"title_kk": "HR", "decider": "hr", "actions": ["approve", "return"], "ORDER": "2"},
            {"title_kk": "ҚжҚКББ", "decider": "pd_centre", "actions": ["approve"], "ORDER": "1"},
        ],
    )
    response = client.post(reverse("workflows:route_edit", kwargs={"public_id": route.public_id}), data)
    if role in MANAGERS:
        assert response.status_code == 302
        route.refresh_from_db()
        assert route.title_en == "Edited"
        assert list(route.steps.values_list("order", "decider")) == [(1, "pd_centre"), (2, "hr")]
    else:
        assert response.status_code == (403 if role in SEES_UNI else 404)
        assert state() == before


@pytest.mark.req("SEC-02")
def test_saving_a_route_that_has_runs_makes_a_new_version(client, world, route, run):
    client.force_login(world.user("pd_officer"))
    data = _edit_data(route, [{"title_kk": "HR", "decider": "hr", "actions": ["approve"], "ORDER": "1"}])
    response = client.post(reverse("workflows:route_edit", kwargs={"public_id": route.public_id}), data)
    new = Route.objects.get(code=route.code, is_current=True)
    assert (new.version, new.previous_id) == (2, route.pk)
    assert response.url == reverse("workflows:route_detail", kwargs={"public_id": new.public_id})
    run.refresh_from_db()
    assert run.route_id == route.pk
    # the old version's page says so and offers no edit
    old_page = client.get(reverse("workflows:route_detail", kwargs={"public_id": route.public_id})).content.decode()
    assert "old version" in old_page
    assert reverse("workflows:route_edit", kwargs={"public_id": route.public_id}) not in old_page


# --- waiting for my decision ----------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_waiting_page_lists_only_what_the_user_may_decide(client, world, facts, role):
    uni = world.orgs["uni"]
    at_head = run_start(actor=world.user("employee"), obj=world.units["d1"], route=make_route(uni, Decider.UNIT_HEAD))
    at_hr = run_start(actor=world.user("employee"), obj=world.units["d2"], route=make_route(uni, Decider.HR))
    at_director = run_start(
        actor=world.user("employee"), obj=world.units["d3"], route=make_route(uni, Decider.INSTITUTE_DIRECTOR)
    )
    client.force_login(world.user(role))
    response = client.get(reverse("workflows:waiting"))
    assert response.status_code == 200
    expected = {"unit_head": {at_head.pk}, "hr_officer": {at_hr.pk}}.get(role, set())
    assert {r.pk for r in response.context["runs"]} == expected
    # nobody directs I2, so the run of D3 waits for nobody
    assert at_director.pk not in {r.pk for r in response.context["runs"]}


def test_waiting_page_costs_the_same_for_2_or_30_runs(client, world, facts, django_assert_max_num_queries):
    uni = world.orgs["uni"]
    route = make_route(uni, Decider.UNIT_HEAD)
    units = [UnitFactory(parent=world.units["d1"]) for _ in range(30)]
    client.force_login(world.user("unit_head"))
    for unit in units[:2]:
        run_start(actor=world.user("employee"), obj=unit, route=route)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("workflows:waiting"))
    for unit in units[2:]:
        run_start(actor=world.user("employee"), obj=unit, route=route)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("workflows:waiting"))
    assert len(response.context["runs"]) == 30


# --- a run and its decisions ----------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_run_page_for_each_role(client, world, run, role):
    client.force_login(world.user(role))
    response = client.get(reverse("workflows:run_detail", kwargs={"public_id": run.public_id}))
    assert response.status_code == (200 if role in SEES_D1_RUN else 404)
    if role in SEES_D1_RUN:
        body = response.content.decode()
        assert ('name="action" value="approve"' in body) is (role == "unit_head")
        assert "Waiting for a decision" in body


@pytest.mark.req("PLN-03")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_deciding_from_the_page_for_each_role(client, world, run, role):
    client.force_login(world.user(role))
    before = state()
    response = client.post(
        reverse("workflows:run_decide", kwargs={"public_id": run.public_id}),
        {"action": "approve", "comment": "", "expected_step": run.current_step_id},
    )
    run.refresh_from_db()
    if role == "unit_head":
        assert response.status_code == 302
        assert response.url == reverse("workflows:run_detail", kwargs={"public_id": run.public_id})
        assert run.current_step.decider == Decider.HR
        assert Decision.objects.get(run=run).actor == world.user("unit_head")
    else:
        assert response.status_code == (403 if role in SEES_D1_RUN else 404)
        assert state() == before


def test_deciding_under_htmx_returns_the_partial_with_the_next_step(client, world, run):
    client.force_login(world.user("unit_head"))
    response = client.post(
        reverse("workflows:run_decide", kwargs={"public_id": run.public_id}),
        {"action": "approve", "expected_step": run.current_step_id},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "workflows:run-changed"
    assert body.lstrip().startswith(f'<div id="run-{run.public_id}"')
    assert "<html" not in body
    assert 'name="action"' not in body  # the unit head may not decide the HR step
    assert 'data-state="decided"' in body
    assert 'data-state="current"' in body


def test_a_stale_page_is_told_the_run_moved_on(client, world, run):
    client.force_login(world.user("unit_head"))
    first_step = run.current_step_id
    url = reverse("workflows:run_decide", kwargs={"public_id": run.public_id})
    client.post(url, {"action": "approve", "expected_step": first_step})
    before = state()

    response = client.post(url, {"action": "approve", "expected_step": first_step}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "The approval has moved on since you opened it" in response.content.decode()
    assert state() == before


def test_returning_without_a_comment_is_refused_on_the_page(client, world, run):
    client.force_login(world.user("unit_head"))
    before = state()
    response = client.post(
        reverse("workflows:run_decide", kwargs={"public_id": run.public_id}),
        {"action": "return", "comment": "", "expected_step": run.current_step_id},
    )
    assert response.status_code == 400
    assert "Say why: a comment is required." in response.content.decode()
    assert state() == before


def test_a_plain_decision_goes_back_to_a_safe_next_page_only(client, world, facts):
    uni = world.orgs["uni"]
    route = make_route(uni, Decider.HR, Decider.FIRST_HEAD)
    client.force_login(world.user("hr_officer"))
    first = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    second = run_start(actor=world.user("employee"), obj=world.units["d2"], route=route)
    url = reverse("workflows:run_decide", kwargs={"public_id": first.public_id})
    response = client.post(
        url, {"action": "approve", "expected_step": first.current_step_id, "next": "/routes/waiting/"}
    )
    assert response.url == "/routes/waiting/"
    url = reverse("workflows:run_decide", kwargs={"public_id": second.public_id})
    response = client.post(
        url, {"action": "approve", "expected_step": second.current_step_id, "next": "https://evil.example/"}
    )
    assert response.url == reverse("workflows:run_detail", kwargs={"public_id": second.public_id})


def test_the_partial_shows_who_decided_what_when_and_skipped_steps(client, world, facts):
    route = make_route(
        world.orgs["uni"],
        step(Decider.UNIT_HEAD, title="Unit meeting"),
        step(Decider.FINANCE, condition="requires_payment", title="Budget"),
        step(Decider.HR, title="HR consolidation"),
    )
    run = run_start(actor=world.user("employee"), obj=world.units["d1"], route=route)
    client.force_login(world.user("unit_head"))
    client.post(
        reverse("workflows:run_decide", kwargs={"public_id": run.public_id}),
        {"action": "approve", "comment": "Discussed on 12 May", "expected_step": run.current_step_id},
    )
    client.force_login(world.user("hr_officer"))
    body = client.get(reverse("workflows:run_detail", kwargs={"public_id": run.public_id})).content.decode()
    assert "Discussed on 12 May" in body
    assert world.people["d1_2"].short_name in body  # the unit head is a person of D1
    assert "Skipped: does not apply" in body
    assert 'name="action" value="return"' in body


def test_the_template_tag_renders_the_partial_for_the_current_user(world, run):
    request = RequestFactory().get("/")
    request.user = world.user("unit_head")
    html = Template("{% load workflows %}{% workflow_run run '/plans/1/' %}").render(
        Context({"request": request, "run": run, "csrf_token": "token"})
    )
    assert f'id="run-{run.public_id}"' in html
    assert 'name="next" value="/plans/1/"' in html
    assert 'name="action" value="approve"' in html


def test_a_run_of_another_organisation_is_not_found(client, world, facts):
    org = OrganisationFactory(code="elsewhere")
    unit = UnitFactory(organisation=org)
    route = make_route(org, Decider.UNIT_HEAD)
    run = run_start(actor=world.user("sysadmin"), obj=unit, route=route)
    client.force_login(world.user("hr_officer"))
    assert client.get(reverse("workflows:run_detail", kwargs={"public_id": run.public_id})).status_code == 404
    response = client.post(
        reverse("workflows:run_decide", kwargs={"public_id": run.public_id}),
        {"action": "approve", "expected_step": run.current_step_id},
    )
    assert response.status_code == 404
    assert Run.objects.get(pk=run.pk).status == RunStatus.IN_PROGRESS


def test_route_list_shows_one_organisation_when_asked(client, world, route):
    other = make_route(world.orgs["uni2"], Decider.HR, code="uni2-route")
    client.force_login(world.user("sysadmin"))
    url = reverse("workflows:route_list")
    both = client.get(url)
    only_uni = client.get(url, {"organisation": str(world.orgs["uni"].public_id)})
    assert {r.pk for r in both.context["routes"]} == {route.pk, other.pk}
    assert [r.pk for r in only_uni.context["routes"]] == [route.pk]
    # an organisation the user does not see is not found; a value that is no id is a 400
    client.force_login(world.user("hr_officer"))
    assert client.get(url, {"organisation": str(world.orgs["uni2"].public_id)}).status_code == 404
    assert client.get(url, {"organisation": "not-a-uuid"}).status_code == 400
