"""A completed PD record cannot end in the future: refused by the service, so in the form, the
API and the import alike, naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from biliktilik.core.errors import ApplicationError
from biliktilik.ledger.models import PDRecord

from .conftest import make_record
from .test_import import iin, problems, run, xlsx
from .test_views import _form_data

pytestmark = pytest.mark.urls("biliktilik.ledger.tests.urls")

TOMORROW = dt.date.today() + dt.timedelta(days=1)


def test_a_record_ending_tomorrow_is_refused_by_the_service(world):
    with pytest.raises(ApplicationError) as caught:
        make_record(world, start_date=dt.date.today(), end_date=TOMORROW)

    assert caught.value.field == "end_date"
    assert not PDRecord.objects.exists()


def test_a_record_ending_today_is_accepted(world):
    assert make_record(world, start_date=dt.date.today(), end_date=dt.date.today()).pk


def test_an_update_to_a_future_end_is_refused(world):
    from biliktilik.ledger import services

    record = make_record(world)
    with pytest.raises(ApplicationError) as caught:
        services.record_update(actor=world.user("hr_officer"), record=record, end_date=TOMORROW)

    assert caught.value.field == "end_date"
    record.refresh_from_db()
    assert record.end_date == dt.date(2024, 2, 16)


def test_the_entry_form_names_the_completion_date(world, page_client):
    data = _form_data(organisation=world.orgs["uni"].pk, start_date="2024-02-05", end_date=TOMORROW.isoformat())

    response = page_client("employee").post(reverse("ledger:record_create"), data)

    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not PDRecord.objects.exists()


def test_the_api_names_the_completion_date(world, api_client):
    body = {
        "person": str(world.people["d1_1"].public_id),
        "organisation": str(world.orgs["uni"].public_id),
        "form": "course_short",
        "title": "Digital tools in teaching",
        "start_date": "2024-02-05",
        "end_date": TOMORROW.isoformat(),
        "hours": "72",
    }

    response = api_client("hr_officer").post("/api/v1/ledger/records/", body, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "end_date"
    assert not PDRecord.objects.exists()


def test_the_import_names_the_row_and_the_column(world):
    content = xlsx([[iin(world, "d1_1"), "course_short", "Digital tools", dt.date(2024, 2, 4), TOMORROW, 72, ""]])

    report = run(world, content)

    assert problems(report) == [(2, "end_date")]
    assert not PDRecord.objects.exists()
