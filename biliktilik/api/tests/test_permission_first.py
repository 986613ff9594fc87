"""A user who may not act is refused before the input is read (SEC-01).

The test walks the URL conf: every write operation of the API, as roles that may not act on the
object of the URL, with a body that is wrong in every field. The answer is 403 (404 when the
object is not visible at all, 409 when the object is in no state for anyone to act), never a
validation error, and nothing changes. A new endpoint is covered without a test of its own; one
whose object the walk cannot find fails until ``OBJECTS`` names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from biliktilik.core.access import SYSTEM
from biliktilik.core.roles import Role
from biliktilik.ledger import selectors as ledger_selectors
from biliktilik.ledger import services as ledger_services
from biliktilik.ledger.enums import EvidenceKind, PDForm
from biliktilik.ledger.models import Evidence
from biliktilik.notifications.enums import NotificationKind
from biliktilik.notifications.selectors import notifications_of
from biliktilik.notifications.services import notifications_create
from biliktilik.people.apis import PersonUpdateInputSerializer
from biliktilik.people.selectors import employments_visible_to, persons_visible_to
from biliktilik.planning import selectors as planning_selectors
from biliktilik.planning import services as planning_services
from biliktilik.planning.models import PlanItem
from biliktilik.planning.seeding import seed_consolidated_route
from biliktilik.workflows.apis import RouteInputSerializer
from biliktilik.workflows.enums import Decider
from biliktilik.workflows.seeding import seed_routes
from biliktilik.workflows.selectors import routes_visible_to, runs_visible_to
from biliktilik.workflows.tests.helpers import make_route
from tests.factories import EmploymentFactory, RoleGrantFactory

from .helpers import error

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Signing in and out is not an action on an object of the system.
NOT_ACTIONS = ("/api/v1/auth/",)
YEAR = 2026
# Every role but those who may do nearly everything (HR, the PD centre, the system administrator).
ROLES = [
    "employee",
    "auditor",
    "unit_head",
    "institute_director",
    "finance_officer",
    "first_head",
    "authority_officer",
    "provider_admin",
    "trainer",
]
# Who may act through an endpoint on what the walk finds there: a wrong body is then rightly
# answered by the validation. Users with a person of their own enter their own records and plans;
# the head of D1 draws up its schedule; the deciders of the unit schedule's route decide its steps;
# everyone reads their own notifications (the head of D1 has one).
OWN = {"employee", "unit_head", "trainer"}
DECIDERS = {"unit_head", "institute_director", "finance_officer", "first_head"}
MAY_ACT: dict[tuple[str, str], set[str]] = {
    ("POST", "/api/v1/ledger/records/"): OWN,
    ("PATCH", "/api/v1/ledger/records/{public_id}/"): {"employee"},
    ("POST", "/api/v1/ledger/records/{public_id}/evidence/"): {"employee"},
    ("POST", "/api/v1/planning/plans/"): OWN,
    ("POST", "/api/v1/planning/plans/{public_id}/items/"): {"employee"},
    ("PATCH", "/api/v1/planning/plans/{public_id}/items/{item_id}/"): {"employee"},
    ("DELETE", "/api/v1/planning/plans/{public_id}/items/{item_id}/"): {"employee"},
    ("POST", "/api/v1/planning/plans/{public_id}/submit/"): {"employee"},
    ("POST", "/api/v1/planning/plans/{public_id}/amend/"): {"employee"},
    ("POST", "/api/v1/planning/unit-schedules/"): {"unit_head"},
    ("POST", "/api/v1/planning/unit-schedules/{public_id}/minutes/"): {"unit_head"},
    ("POST", "/api/v1/planning/unit-schedules/{public_id}/decide/"): DECIDERS,
    ("POST", "/api/v1/workflows/runs/{public_id}/decide/"): DECIDERS,
    ("POST", "/api/v1/notifications/{public_id}/read/"): {"unit_head"},  # the recipient
    ("POST", "/api/v1/notifications/read-all/"): set(ROLES),
}


def may_act(role: str, method: str, path: str) -> bool:
    return role in MAY_ACT.get((method, path), set())


def _items_visible_to(user: Any) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(plan__in=planning_selectors.plans_visible_to(user))


def _evidence_visible_to(user: Any) -> QuerySet[Evidence]:
    return Evidence.objects.filter(record__in=ledger_selectors.records_visible_to(user))


# The objects a path names, by the beginning of the path: (parameter, the objects a user sees, field).
Finder = tuple[str, Callable[[Any], QuerySet[Any]], str]
OBJECTS: dict[str, list[Finder]] = {
    "/api/v1/persons/{public_id}/": [("public_id", persons_visible_to, "public_id")],
    "/api/v1/employments/{public_id}/": [("public_id", employments_visible_to, "public_id")],
    "/api/v1/ledger/records/{public_id}/": [("public_id", ledger_selectors.records_visible_to, "public_id")],
    "/api/v1/ledger/evidence/{public_id}/": [("public_id", _evidence_visible_to, "public_id")],
    "/api/v1/notifications/{public_id}/": [("public_id", notifications_of, "public_id")],
    "/api/v1/planning/plans/{public_id}/items/{item_id}/": [("item_id", _items_visible_to, "pk")],
    "/api/v1/planning/plans/{public_id}/": [("public_id", planning_selectors.plans_visible_to, "public_id")],
    "/api/v1/planning/unit-schedules/{public_id}/": [
        ("public_id", planning_selectors.unit_schedules_visible_to, "public_id")
    ],
    "/api/v1/planning/consolidated/{public_id}/": [
        ("public_id", planning_selectors.consolidated_visible_to, "public_id")
    ],
    "/api/v1/workflows/routes/{public_id}/": [("public_id", routes_visible_to, "public_id")],
    "/api/v1/workflows/runs/{public_id}/": [("public_id", runs_visible_to, "public_id")],
}


def write_operations() -> list[tuple[str, str, Any]]:
    """(path, method, input serializer or None) of every write operation of the API."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    found = []
    for path, _regex, method, view in generator._get_paths_and_endpoints():
        if method not in WRITE_METHODS or path.startswith(NOT_ACTIONS):
            continue
        request_serializer = view.schema.get_request_serializer()
        candidates = request_serializer.values() if isinstance(request_serializer, dict) else [request_serializer]
        serializer = next((c() if isinstance(c, type) else c for c in candidates if c is not None), None)
        found.append((path, method, serializer))
    return found


def wrong_body(serializer: Any) -> dict[str, Any]:
    """Every writable input field, given a value no field accepts (and an unknown one)."""
    fields = serializer.fields.items() if isinstance(serializer, serializers.BaseSerializer) else []
    body = {name: {"not": ["a", "value"]} for name, field in fields if not field.read_only}
    body["no_such_field"] = "x"
    return body


def _finders(path: str) -> list[Finder]:
    if "{" not in path:
        return []
    prefix = next((p for p in sorted(OBJECTS, key=len, reverse=True) if path.startswith(p)), None)
    assert prefix is not None, f"name the objects of {path} in OBJECTS"
    return OBJECTS[prefix]


def _urls(path: str, user: Any) -> list[tuple[str, bool]]:
    """The path filled (a) with an object the user sees and (b) with one the user does not see,
    when there are such objects; each with whether the user sees it."""
    finders = _finders(path)
    if not finders:
        return [(path, True)]
    urls = []
    for seen in (True, False):
        url = path
        for parameter, visible_to, field in finders:
            mine = visible_to(user)
            qs = mine if seen else mine.model._default_manager.exclude(pk__in=mine.values("pk"))
            obj = qs.order_by("pk").first()
            if obj is None:
                url = None
                break
            url = url.replace("{" + parameter + "}", str(getattr(obj, field)))
            if parameter == "item_id":  # the plan of the item
                url = url.replace("{public_id}", str(obj.plan.public_id))
        if url is not None:
            urls.append((url, seen))
    return urls


def _state() -> dict[str, int]:
    """The row count of every model of the project (the audit log among them)."""
    models = [m for m in apps.get_models() if m.__module__.startswith("biliktilik")]
    return {m._meta.label: m._default_manager.count() for m in models}


@pytest.fixture
def documents(world: Any, settings: Any, tmp_path: Any) -> Any:
    """Something of every kind for the URLs to name: records and evidence, plans with items, a unit
    schedule in approval (a run), a consolidated schedule, routes, a notification."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_routes(organisation=world.orgs["uni"], template="kaznrtu_602_7_4")
    seed_consolidated_route(organisation=world.orgs["uni"])
    for key in ("d1_1", "d1_2", "d3_1"):
        record = ledger_services.record_create(
            actor=SYSTEM,
            person=world.people[key],
            organisation=world.orgs["uni"],
            form=PDForm.COURSE_SHORT,
            title="Сандық сауаттылық",
            start_date=dt.date(2025, 3, 3),
            end_date=dt.date(2025, 3, 7),
            hours=Decimal(36),
        )
        ledger_services.evidence_add(
            actor=world.user("sysadmin"),
            record=record,
            file=SimpleUploadedFile("certificate.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
            kind=EvidenceKind.CERTIFICATE,
        )
    hr, head = world.user("hr_officer"), world.user("unit_head")
    for key in ("d1_1", "d1_2", "d3_1"):
        plan = planning_services.plan_create(
            actor=hr, person=world.people[key], organisation=world.orgs["uni"], year=YEAR
        )
        planning_services.plan_item_add(
            actor=hr,
            plan=plan,
            topic="Digital teaching tools",
            form=PDForm.COURSE_SHORT,
            start_date=dt.date(YEAR, 3, 1),
            end_date=dt.date(YEAR, 3, 10),
            hours=Decimal(72),
            funding_source="own",
            cost="1000",
            provider_name="Provider",
        )
        if key == "d1_2":
            planning_services.plan_submit(actor=hr, plan=plan)
    schedule = planning_services.unit_schedule_create(actor=head, unit=world.units["d1"], year=YEAR)
    planning_services.unit_schedule_assemble(actor=head, schedule=schedule)
    planning_services.unit_schedule_set_minutes(
        actor=head,
        schedule=schedule,
        meeting_date=dt.date(2024, 11, 1),
        meeting_number="2",
        meeting_present=9,
        meeting_decision="Agreed",
    )
    planning_services.unit_schedule_submit(actor=head, schedule=schedule)
    planning_services.consolidated_create(actor=hr, organisation=world.orgs["uni"], year=YEAR)
    notifications_create(recipient_ids=[head.pk], kind=NotificationKind.values[0], params={})
    return world


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize("role", ROLES)
def test_a_user_who_may_not_act_is_refused_before_the_input_is_read(documents, client_as, role):
    world = documents
    user = world.user(role)
    client = client_as(role)
    tried: list[str] = []
    wrong: list[str] = []
    for path, method, serializer in write_operations():
        if may_act(role, method, path):
            continue
        for url, seen in _urls(path, user):
            before = _state()
            # When the user sends a body that is wrong in every field
            response = getattr(client, method.lower())(url, wrong_body(serializer), format="json")
            # Then the user is refused as one who may not act (or may not see the object), not told
            # what is wrong with the input, and nothing changes
            wanted = {403, 409} if seen else {403, 404}
            if response.status_code not in wanted or "fields" in error(response)["extra"] or _state() != before:
                wrong.append(f"{method} {url} -> {response.status_code} {response.content[:200]!r}")
            tried.append(f"{method} {path}")
    assert wrong == [], "\n".join(wrong)
    # Every write operation was tried (with an object, when it names one).
    missing = {f"{m} {p}" for p, m, _s in write_operations() if not may_act(role, m, p)} - set(tried)
    assert missing == set(), missing


def test_the_walk_knows_the_writes_that_act_on_an_object(db):
    paths = {path for path, _method, _serializer in write_operations()}
    assert {
        "/api/v1/ledger/evidence/{public_id}/return/",
        "/api/v1/workflows/runs/{public_id}/decide/",
        "/api/v1/planning/plans/{public_id}/decide/",
        "/api/v1/planning/unit-schedules/{public_id}/decide/",
        "/api/v1/planning/consolidated/{public_id}/decide/",
        "/api/v1/planning/plans/{public_id}/items/{item_id}/",
    } <= paths
    assert not any(path.startswith(NOT_ACTIONS) for path in paths)


# --- seen, and yet not one's to change ------------------------------------------------------


@pytest.mark.req("SEC-01")
def test_hr_may_not_rewrite_a_person_another_employer_shares_whatever_the_input(world, client_as):
    # Given a lecturer of the university who also works at the second university
    person = world.people["d3_1"]
    EmploymentFactory(person=person, unit=world.units["other"], start_date=dt.date(2020, 9, 1))
    client = client_as("hr_officer")
    assert client.get(f"/api/v1/persons/{person.public_id}/").status_code == 200
    before = _state()
    # When HR of the first university sends a change that is wrong in every field
    body = wrong_body(PersonUpdateInputSerializer())
    response = client.patch(f"/api/v1/persons/{person.public_id}/", body, format="json")
    # Then it is refused as a change HR may not make, not answered field by field; nothing changes
    assert response.status_code == 403, response.content
    assert error(response)["code"] == "permission_denied"
    assert _state() == before


@pytest.mark.req("SEC-01")
def test_a_route_of_an_organisation_one_only_works_in_is_not_one_to_change(world, client_as):
    # Given HR of the university, who also holds an employee's role at the second university
    RoleGrantFactory(user=world.user("hr_officer"), role=Role.EMPLOYEE, organisation=world.orgs["uni2"])
    route = make_route(world.orgs["uni2"], Decider.HR, code="other-route")
    client = client_as("hr_officer")
    assert client.get(f"/api/v1/workflows/routes/{route.public_id}/").status_code == 200
    before = _state()
    # When HR changes the second university's route with a body that is wrong in every field
    body = wrong_body(RouteInputSerializer())
    response = client.put(f"/api/v1/workflows/routes/{route.public_id}/", body, format="json")
    # Then it is refused before the input is read, and nothing changes
    assert response.status_code == 403, response.content
    assert error(response)["code"] == "permission_denied"
    assert _state() == before


@pytest.mark.req("SEC-01")
def test_hr_may_not_return_its_own_record_whatever_the_input(world, client_as):
    # Given a record of the HR officer's own person, kept by the university
    record = ledger_services.record_create(
        actor=SYSTEM,
        person=world.people["hr_1"],
        organisation=world.orgs["uni"],
        form=PDForm.COURSE_SHORT,
        title="Кадр ісі",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 7),
        hours=Decimal(36),
    )
    before = _state()
    # When the officer returns it with a reason that is no text at all
    response = client_as("hr_officer").post(
        f"/api/v1/ledger/records/{record.public_id}/return/", {"reason": {"not": "text"}}, format="json"
    )
    # Then it is refused as one's own record, before the reason is read; nothing changes
    assert response.status_code == 403, response.content
    assert error(response)["code"] == "permission_denied"
    assert _state() == before


@pytest.mark.req("SEC-01")
def test_an_anonymous_user_is_refused_every_write_before_the_input_is_read(documents, client):
    users = list(documents.users.values())
    tried = 0
    for path, method, serializer in write_operations():
        # the path filled with an object somebody sees (a notification is seen by its recipient only)
        urls = next((found for user in users if (found := _urls(path, user))), [])
        for url, _seen in urls:
            before = _state()
            response = getattr(client, method.lower())(url, wrong_body(serializer), format="json")
            assert response.status_code in (401, 403), (method, url, response.content)
            assert "fields" not in error(response)["extra"], (method, url, response.content)
            assert _state() == before, (method, url)
            tried += 1
    assert tried >= len(write_operations())
