"""A large PD history file is imported in the background, all or nothing, with the same report."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from biliktilik.core.models import ImportJob, ImportJobStatus
from biliktilik.ledger.models import PDRecord

from .test_import import csv_bytes, iin

pytestmark = pytest.mark.django_db


def rows(world, hours="72"):
    return [
        [iin(world, key), "course_short", f"Course {n}", "2019-02-04", "2019-02-15", hours if n == 4 else "72", ""]
        for n, key in enumerate(["d1_1", "d1_2", "d2_1", "d2_2", "d3_1"])
    ]


def post(world, client, content, capture):
    data = {"organisation": world.orgs["uni"].pk, "file": SimpleUploadedFile("history.csv", content)}
    with capture(execute=True):
        return client.post(reverse("ledger:import"), data)


@pytest.mark.req("LED-01")
def test_a_large_file_is_imported_by_a_job(world, page_client, settings, django_capture_on_commit_callbacks):
    settings.BILIKTILIK_IMPORT_BACKGROUND_ROWS = 3
    client = page_client("hr_officer")

    response = post(world, client, csv_bytes(rows(world)), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.status, job.kind, job.content) == (ImportJobStatus.DONE, "pd_records", None)
    assert job.report["problems"] == []
    assert job.report["summary"]["created"] == 5
    assert PDRecord.objects.count() == 5
    html = client.get(response["Location"]).content.decode()
    assert 'id="import-done"' in html


def test_a_job_with_one_bad_row_imports_nothing(world, page_client, settings, django_capture_on_commit_callbacks):
    settings.BILIKTILIK_IMPORT_BACKGROUND_ROWS = 3
    client = page_client("hr_officer")

    response = post(world, client, csv_bytes(rows(world, hours="-1")), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert [(p["row"], p["column"]) for p in job.report["problems"]] == [(6, "hours")]
    assert not PDRecord.objects.exists()
    assert 'id="import-problems"' in client.get(response["Location"]).content.decode()
    # Someone else's job is not found, even for the PD centre of the same organisation.
    assert page_client("pd_officer").get(response["Location"]).status_code == 404
