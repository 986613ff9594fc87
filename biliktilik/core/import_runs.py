"""Running an import job: the runners registered by the apps for each kind of import, and the
run of one queued job (called by the task worker through ``tasks.run_import_job``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApplicationError
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


def is_registered(kind: str) -> bool:
    return kind in _RUNNERS


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
