"""Background tasks of core (``django_tasks``): imports of large files."""

from __future__ import annotations

from django_tasks import task

from .import_runs import import_job_run


@task()
def run_import_job(job_id: int) -> str:
    """Run one import job; returns its final status."""
    return str(import_job_run(job_id).status)
