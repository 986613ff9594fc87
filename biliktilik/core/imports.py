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

import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import scope_of
from .errors import ApplicationError, ErrorCode
from .models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)


class JobProgress:
    """What a runner tells about its job while it runs; each call is one small UPDATE outside
    the import's own transaction (so it must not be called inside it)."""

    def __init__(self, job: ImportJob) -> None:
        self.job_id = job.pk

    def rows_read(self, count: int) -> None:
        ImportJob.objects.filter(pk=self.job_id).update(rows_done=count, phase="reading")

    def phase(self, name: str) -> None:
        ImportJob.objects.filter(pk=self.job_id).update(phase=name)


# A runner imports the job's file and returns its report as JSON.
Runner = Callable[[ImportJob, JobProgress], dict[str, Any]]
_RUNNERS: dict[str, Runner] = {}


def register_import(kind: str, runner: Runner) -> None:
    _RUNNERS[kind] = runner


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
    if kind not in _RUNNERS:
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
    from .tasks import run_import_job

    run_import_job.enqueue(job_id)


def import_job_run(job_id: int) -> ImportJob:
    """Run a queued job once: its runner's report, or the reason it failed, is stored, and the
    uploaded file is dropped either way."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status != ImportJobStatus.QUEUED:
            return job
        job.status = ImportJobStatus.RUNNING
        job.save(update_fields=["status", "updated_at"])
    report: dict[str, Any] | None = None
    error = ""
    try:
        report = _RUNNERS[job.kind](job, JobProgress(job))
    except ApplicationError as exc:
        error = str(exc.message)
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        error = _("The import failed unexpectedly. Nothing was saved; try again or tell the administrator.")
    job.report = report
    job.error = error
    job.status = ImportJobStatus.FAILED if error else ImportJobStatus.DONE
    job.content = None
    job.finished_at = timezone.now()
    job.save(update_fields=["report", "error", "status", "content", "finished_at", "updated_at"])
    return job


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
