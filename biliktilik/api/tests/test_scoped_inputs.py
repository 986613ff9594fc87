"""Every object an API write names is looked up among what the actor may see (SEC-01).

The tests walk the URL conf: every write operation, every field of its input that names another
object. A serializer that forgets to scope such a field fails here, without a test of its own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from biliktilik.core.access import SYSTEM
from biliktilik.core.api.fields import ScopedRelatedField, is_scoped
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.ledger import services as ledger_services
from biliktilik.people.models import Employment
from biliktilik.people.selectors import persons_visible_to
from biliktilik.people.services import employment_create

from .helpers import error

ALL_ROLES = [role.value for role in Role]  # as conftest.ALL_ROLES
WRITE_METHODS = {"POST", "PUT", "PATCH"}


# --- the walk --------------------------------------------------------------------------------


def write_operations() -> list[tuple[str, str, Any, serializers.Serializer]]:
    """(path, method, view, input serializer) of every write operation of the API."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    found = []
    for path, _regex, method, view in generator._get_paths_and_endpoints():
        if method not in WRITE_METHODS:
            continue
        request_serializer = view.schema.get_request_serializer()
        candidates = request_serializer.values() if isinstance(request_serializer, dict) else [request_serializer]
        for candidate in candidates:
            if candidate is None:
                continue
            serializer = candidate() if isinstance(candidate, type) else candidate
            if isinstance(serializer, serializers.BaseSerializer):
                found.append((path, method, view, serializer))
    return found


def input_fields(serializer: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every writable field, nested ones as ``outer.inner``."""
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, (serializers.BaseSerializer)):
            yield from input_fields(field, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", field


def names_an_object(field: Any) -> bool:
    return isinstance(field, (serializers.RelatedField, serializers.ManyRelatedField, serializers.UUIDField))


def test_the_walk_finds_the_writes_that_name_objects(db):
    scoped = {
        (path, method, name)
        for path, method, _view, serializer in write_operations()
        for name, field in input_fields(serializer)
        if is_scoped(field)
    }
    assert {
        ("/api/v1/employments/", "POST", "person"),
        ("/api/v1/employments/", "POST", "organisation"),
        ("/api/v1/employments/", "POST", "unit"),
        ("/api/v1/employments/", "POST", "position"),
        ("/api/v1/employments/{public_id}/", "PATCH", "unit"),
        ("/api/v1/persons/", "POST", "organisation"),
        ("/api/v1/ledger/records/", "POST", "person"),
        ("/api/v1/workflows/routes/", "POST", "organisation"),
        ("/api/v1/planning/plans/", "POST", "person"),
        ("/api/v1/planning/unit-schedules/", "POST", "unit"),
    } <= scoped


@pytest.mark.req("SEC-01")
def test_every_input_that_names_an_object_is_scoped(db):
    # When every writable input field of every write operation is inspected
    unscoped = [
        f"{method} {path}: {name} ({type(field).__name__})"
        for path, method, _view, serializer in write_operations()
        for name, field in input_fields(serializer)
        if names_an_object(field) and not is_scoped(field)
    ]
    # Then each one that names an object is a ScopedRelatedField
    assert unscoped == [], "use biliktilik.core.api.fields.ScopedRelatedField for these inputs"


# --- posting ids the actor cannot see -------------------------------------------------------


def _state() -> dict[str, int]:
    """The row count of every model of the project: a refused write changes none."""
    models = [m for m in apps.get_models() if m.__module__.startswith("biliktilik")]
    return {m._meta.label: m._default_manager.count() for m in models}


def _path_for(path: str, view_class: Any, user: Any) -> str | None:
    """The path with its parameters filled by an object the user may see, or None."""
    if "{" not in path:
        return path
    view = view_class()
    view.request = APIRequestFactory().get("/")
    view.request.user = user
    view.kwargs = {}
    view.format_kwarg = None
    if not hasattr(view, "get_queryset"):  # pragma: no cover - the walk says how to fill it
        pytest.fail(f"teach the walk how to find an object for {path}")
    obj = view.get_queryset().first()
    if obj is None:
        return None
    lookup = getattr(view, "lookup_field", "pk")
    return path.replace("{" + lookup + "}", str(getattr(obj, lookup)))


def _unknown_id(field: ScopedRelatedField) -> Any:
    return str(uuid.uuid4()) if field.slug_field == "public_id" else 10**9


def _messages(response: Any, name: str) -> list[str]:
    return error(response)["extra"].get("fields", {}).get(name, [])


@pytest.fixture
def record(world):
    return ledger_services.record_create(
        actor=SYSTEM,
        person=world.people["d1_1"],
        organisation=world.orgs["uni"],
        form="course_short",
        title="Сандық сауаттылық",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 7),
        hours=Decimal(36),
    )


@pytest.mark.req("SEC-01")
@pytest.mark.req("I18N-01")
@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_id_the_actor_cannot_see_is_answered_like_an_unknown_id(world, client_as, record, role):
    user = world.user(role)
    client = client_as(role)
    tried = 0
    for path, method, view, serializer in write_operations():
        scoped = [(name, field) for name, field in input_fields(serializer) if is_scoped(field) and "." not in name]
        url = _path_for(path, type(view), user) if scoped else None
        if url is None:
            continue
        for name, field in scoped:
            send = getattr(client, method.lower())
            unknown = _unknown_id(field)
            hidden = field.queryset.exclude(pk__in=field.visible_to(user).values("pk")).first()
            # Given an object of the installation the actor may not see (when there is one)
            for value in [unknown] if hidden is None else [unknown, getattr(hidden, field.slug_field)]:
                before = _state()
                # When the actor names it in the input
                response = send(url, {name: str(value)}, format="json", HTTP_ACCEPT_LANGUAGE="kk")
                # Then the write is refused and nothing changes
                assert response.status_code in (400, 403), (method, url, name, response.content)
                assert _state() == before, (method, url, name)
                if response.status_code == 400:
                    tried += 1
                    # ... naming the field, with the same words as for an id that does not exist
                    messages = _messages(response, name)
                    assert messages, (method, url, name, response.content)
                    assert [m.replace(str(value), "<id>") for m in messages] == [
                        f"{'<id>'} идентификаторы бар нысан жоқ, немесе оны көруге құқығыңыз жоқ."
                    ], messages
    if role in ("hr_officer", "sysadmin", "employee"):
        assert tried, "the walk tried no input at all"


# --- the employment takeover ----------------------------------------------------------------


@pytest.mark.req("SEC-01")
def test_hr_cannot_take_over_a_person_of_another_organisation_through_the_api(world, client_as):
    # Given a pre-school teacher, whom HR of the university cannot see
    teacher = world.people["kg_1"]
    hr = world.user("hr_officer")
    assert not persons_visible_to(hr).filter(pk=teacher.pk).exists()
    before = _state()
    # When HR of the university records an employment of the teacher at the university
    payload = {
        "person": str(teacher.public_id),
        "organisation": str(world.orgs["uni"].public_id),
        "unit": str(world.units["d3"].public_id),
        "position": world.people["d3_1"].employments.get().position_id,
        "start_date": "2025-09-01",
        "rate": "0.50",
    }
    response = client_as("hr_officer").post("/api/v1/employments/", payload, format="json")
    # Then it is refused like an unknown person, and the teacher stays out of HR's sight
    assert response.status_code == 400
    assert set(error(response)["extra"]["fields"]) == {"person"}
    assert _state() == before
    assert not persons_visible_to(hr).filter(pk=teacher.pk).exists()
    assert client_as("hr_officer").get(f"/api/v1/persons/{teacher.public_id}/").status_code == 404


@pytest.mark.req("SEC-01")
def test_the_service_refuses_an_employment_of_a_person_the_actor_cannot_see(world):
    # Given HR of the university and a teacher of the pre-school (defence in depth: no API)
    teacher = world.people["kg_1"]
    with pytest.raises(ApplicationError) as caught:
        employment_create(
            actor=world.user("hr_officer"),
            person=teacher,
            organisation=world.orgs["uni"],
            unit=world.units["d3"],
            position=world.people["d3_1"].employments.get().position,
            start_date=dt.date(2025, 9, 1),
        )
    assert (caught.value.code, caught.value.field) == (ErrorCode.NOT_FOUND, "person")
    assert not Employment.objects.filter(person=teacher, organisation=world.orgs["uni"]).exists()


def test_the_service_lets_hr_employ_a_person_it_has_just_recorded(world, client_as):
    # Given a person HR of the university has just recorded (nobody employs them yet)
    client = client_as("hr_officer")
    created = client.post(
        "/api/v1/persons/",
        {"organisation": str(world.orgs["uni"].public_id), "last_name": "Жаңа", "first_name": "Адам"},
        format="json",
    )
    assert created.status_code == 201, created.content
    payload = {
        "person": created.json()["public_id"],
        "organisation": str(world.orgs["uni"].public_id),
        "unit": str(world.units["d3"].public_id),
        "position": world.people["d3_1"].employments.get().position_id,
        "start_date": "2025-09-01",
    }
    # When HR records their employment, then it is accepted
    response = client.post("/api/v1/employments/", payload, format="json")
    assert response.status_code == 201, response.content


def test_a_person_recorded_by_another_organisation_cannot_be_claimed(world, client_as):
    # Given a person just recorded by a system administrator for the second university
    created = client_as("sysadmin").post(
        "/api/v1/persons/",
        {"organisation": str(world.orgs["uni2"].public_id), "last_name": "Басқа", "first_name": "Адам"},
        format="json",
    )
    assert created.status_code == 201
    payload = {
        "person": created.json()["public_id"],
        "organisation": str(world.orgs["uni"].public_id),
        "unit": str(world.units["d3"].public_id),
        "position": world.people["d3_1"].employments.get().position_id,
        "start_date": "2025-09-01",
    }
    # When HR of the first university tries to employ them, then the person is not found
    response = client_as("hr_officer").post("/api/v1/employments/", payload, format="json")
    assert response.status_code == 400
    assert set(error(response)["extra"]["fields"]) == {"person"}
