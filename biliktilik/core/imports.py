"""Imports that run in the background (``ImportJob``), shared by every import of the table kit.

A page reads the upload, and when the file has more rows than
``BILIKTILIK_IMPORT_BACKGROUND_ROWS`` it creates a job instead of importing at once
(``import_job_create``). The task worker runs the job (``tasks.run_import_job``) with the runner
the import registered for its kind (``register_import``), as the job's owner and with the
owner's rights, and stores the same row-by-row report the page would have shown. The page
polls the job's status (htmx) until it ends. Apps register their runners in ``AppConfig.ready``
so that core imports none of them.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _

from .access import scope_of
from .errors import ApplicationError, ErrorCode
from .import_runs import JobProgress, Runner, import_job_run, is_registered, register_import
from .models import ImportJob
from .tasks import run_import_job

__all__ = [
    "JobProgress",
    "Runner",
    "background_threshold",
    "import_job_create",
    "import_job_get",
    "import_job_run",
    "import_jobs_visible_to",
    "register_import",
]


def background_threshold() -> int:
    """Files with more rows than this are imported by the task worker."""
    return int(getattr(settings, "BILIKTILIK_IMPORT_BACKGROUND_ROWS", 2000))


@transaction.atomic
def import_job_create(
    *,
    owner: Any,
    kind: str,
    filename: str,
    content: bytes,
    rows_total: int,
    organisation_id: int | None = None,
    options: dict[str, Any] | None = None,
) -> ImportJob:
    """Keep the upload and queue it for the task worker (after the transaction commits)."""
    if not is_registered(kind):
        raise ApplicationError(_("Unknown kind of import."), code=ErrorCode.VALIDATION, field="kind")
    if not getattr(owner, "is_authenticated", False):
        raise ApplicationError(_("Log in to import files."), code=ErrorCode.PERMISSION_DENIED)
    job = ImportJob.objects.create(
        kind=kind,
        owner=owner,
        organisation_id=organisation_id,
        filename=filename[:255],
        content=content,
        rows_total=rows_total,
        options=options or {},
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    run_import_job.enqueue(job_id)


def import_jobs_visible_to(user: Any) -> models.QuerySet[ImportJob]:
    """A user's own jobs; a system administrator sees every job."""
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    if scope_of(user).everything:
        return ImportJob.objects.all()
    return ImportJob.objects.filter(owner=user)


def import_job_get(*, user: Any, public_id: UUID, kind: str) -> ImportJob:
    job = import_jobs_visible_to(user).filter(public_id=public_id, kind=kind).defer("content").first()
    if job is None:
        raise ApplicationError(_("No such import."), code=ErrorCode.NOT_FOUND)
    return job
