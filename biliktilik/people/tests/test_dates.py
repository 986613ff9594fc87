"""An employment cannot start further ahead than BILIKTILIK_MAX_FUTURE_START_DAYS: refused by the
service, so in the forms, the API and the staff import alike, naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from biliktilik.core.errors import ApplicationError
from biliktilik.people.models import Employment
from biliktilik.people.services import employment_create, employment_update
from biliktilik.people.tests.test_import_reading import file_of, staff_row
from biliktilik.people.tests.test_import_service import run
from tests.factories import PositionFactory


def _create(world: Any, start: dt.date) -> Employment:
    return employment_create(
        actor=world.user("hr_officer"),
        person=world.people["outsider"],
        organisation=world.orgs["uni"],
        unit=world.units["d3"],
        position=PositionFactory(),
        start_date=start,
    )


def test_the_default_bound_is_366_days(world, settings):
    del settings.BILIKTILIK_MAX_FUTURE_START_DAYS
    today = dt.date.today()

    assert _create(world, today + dt.timedelta(days=366)).pk
    with pytest.raises(ApplicationError) as caught:
        _create(world, today + dt.timedelta(days=367))

    assert caught.value.field == "start_date"
    assert "366" in str(caught.value.message)


def test_the_bound_comes_from_the_settings(world, settings):
    settings.BILIKTILIK_MAX_FUTURE_START_DAYS = 30

    with pytest.raises(ApplicationError) as caught:
        _create(world, dt.date.today() + dt.timedelta(days=31))

    assert caught.value.field == "start_date"
    assert not Employment.objects.filter(person=world.people["outsider"]).exists()


def test_an_update_moving_the_start_too_far_is_refused(world):
    employment = Employment.objects.filter(person=world.people["d3_1"]).get()

    with pytest.raises(ApplicationError) as caught:
        employment_update(
            actor=world.user("hr_officer"), employment=employment, start_date=dt.date.today() + dt.timedelta(days=800)
        )

    assert caught.value.field == "start_date"
    employment.refresh_from_db()
    assert employment.start_date == dt.date(2019, 9, 1)


def test_the_staff_import_names_the_row_and_the_column(world):
    far = (dt.date.today() + dt.timedelta(days=800)).isoformat()
    content = file_of([staff_row(1, start_date=far)], "xlsx")

    report = run(world.user("hr_officer"), content, organisation=world.orgs["uni"])

    assert [(e.row, e.column) for e in report.errors] == [(2, "start_date")]
