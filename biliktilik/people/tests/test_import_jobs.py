"""Large staff imports run in the background: a job, its progress, the same all-or-nothing report,
visible to its owner and system administrators only; and the row cap on the page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from biliktilik.core.imports import import_job_create, import_job_run
from biliktilik.core.models import ImportJob, ImportJobStatus
from biliktilik.people.importing import staff_import
from biliktilik.people.models import Person
from biliktilik.people.tests.test_import_reading import file_of, iin_for, staff_row
from biliktilik.people.tests.test_import_views import client_for, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def background(settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_BACKGROUND_ROWS = 3


def post(world: Any, client: Any, rows: list[dict[str, Any]], capture: Any, **data: Any) -> Any:
    with capture(execute=True):
        return client.post(
            reverse("staff_import"), {"file": upload(rows), "organisation": world.orgs["uni"].pk, **data}
        )


@pytest.mark.req("PEO-01")
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "check-only"])
def test_a_large_file_becomes_a_job_with_the_same_report(
    world: Any, background: None, django_capture_on_commit_callbacks: Any, dry_run: bool
) -> None:
    rows = [staff_row(n) for n in range(1, 6)]
    client = client_for(world, "hr_officer")

    response = post(world, client, rows, django_capture_on_commit_callbacks, **({"dry_run": "on"} if dry_run else {}))

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_import_job", kwargs={"public_id": job.public_id})
    assert (job.status, job.kind, job.owner, job.organisation_id) == (
        ImportJobStatus.DONE,
        "staff",
        world.user("hr_officer"),
        world.orgs["uni"].pk,
    )
    assert job.content is None  # the upload is kept only until the job is done
    assert job.report is not None
    assert job.report["errors"] == []
    assert job.report["persons_created"] == 5
    assert Person.objects.filter(iin__in=[iin_for(n) for n in range(1, 6)]).count() == (0 if dry_run else 5)

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="import-counts"' in html
    assert 'data-count="persons_created">5<' in html
    assert 'data-status="done">' in html  # finished: no more polling
    assert "every 1s" not in html


def test_a_job_is_all_or_nothing_with_the_row_report(
    world: Any, background: None, django_capture_on_commit_callbacks: Any
) -> None:
    rows = [staff_row(n) for n in range(1, 5)] + [staff_row(5, unit="NOPE")]
    client = client_for(world, "hr_officer")

    response = post(world, client, rows, django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.DONE
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(6, "unit_code")]
    assert not Person.objects.filter(iin__in=[iin_for(n) for n in range(1, 6)]).exists()
    html = client.get(response["Location"]).content.decode()
    assert 'id="import-errors"' in html


def test_a_small_file_is_imported_at_once(
    world: Any, background: None, django_capture_on_commit_callbacks: Any
) -> None:
    response = post(world, client_for(world, "hr_officer"), [staff_row(1)], django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert not ImportJob.objects.exists()


@pytest.mark.req("SEC-01")
@pytest.mark.parametrize(("role", "status"), [("hr_officer", 200), ("sysadmin", 200), ("pd_officer", 404)])
def test_a_job_is_seen_by_its_owner_and_sysadmins_only(world: Any, role: str, status: int) -> None:
    job = import_job_create(
        owner=world.user("hr_officer"), kind="staff", filename="staff.csv", content=b"x", rows_total=10
    )

    response = client_for(world, role).get(reverse("staff_import_job", kwargs={"public_id": job.public_id}))

    assert response.status_code == status
    if status == 200:
        assert b"staff.csv" in response.content


def test_the_progress_bar_polls_until_the_job_ends(world: Any) -> None:
    job = import_job_create(
        owner=world.user("hr_officer"), kind="staff", filename="staff.csv", content=b"x", rows_total=1000
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.RUNNING, phase="reading", rows_done=500)
    url = reverse("staff_import_job", kwargs={"public_id": job.public_id})

    partial = client_for(world, "hr_officer").get(url, HTTP_HX_REQUEST="true").content.decode()

    assert partial.lstrip().startswith('<div id="import-job"')
    assert f'hx-get="{url}"' in partial
    assert 'value="40"' in partial
    assert "Rows read: 500 of about 1000." in partial


def test_a_job_whose_file_cannot_be_read_fails_with_the_reason_and_drops_the_file(world: Any) -> None:
    job = import_job_create(
        owner=world.user("hr_officer"), kind="staff", filename="staff.xlsx", content=b"not a zip", rows_total=10
    )

    import_job_run(job.pk)

    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert job.error.startswith("The file is not an Excel workbook")
    assert job.content is None


@pytest.mark.req("SEC-01")
def test_the_row_cap_refuses_the_file_on_the_page(world: Any, settings: Any) -> None:
    settings.BILIKTILIK_IMPORT_MAX_ROWS = 3
    rows = [staff_row(n) for n in range(1, 5)]

    response = client_for(world, "hr_officer").post(
        reverse("staff_import"), {"file": upload(rows), "organisation": world.orgs["uni"].pk}
    )

    assert response.status_code == 200
    assert "The file has more than 3 rows" in response.content.decode()
    assert not Person.objects.filter(iin=iin_for(1)).exists()
    with pytest.raises(Exception, match="more than 3 rows"):
        staff_import(
            actor=world.user("hr_officer"),
            file=io.BytesIO(file_of(rows)),
            filename="staff.xlsx",
            organisation=world.orgs["uni"],
        )
