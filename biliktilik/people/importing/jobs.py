"""The staff import as a background job (``biliktilik.core.imports``), for large files."""

from __future__ import annotations

import io
from typing import Any

from biliktilik.core.imports import JobProgress
from biliktilik.core.models import ImportJob
from biliktilik.org.models import Organisation

from .service import staff_import

KIND = "staff"


def run(job: ImportJob, progress: JobProgress) -> dict[str, Any]:
    """Import the job's file as its owner, with the owner's rights at the time it runs."""
    organisation = None
    if job.organisation_id is not None:
        organisation = Organisation.objects.get(pk=job.organisation_id)
    report = staff_import(
        actor=job.owner,
        file=io.BytesIO(bytes(job.content or b"")),
        filename=job.filename,
        organisation=organisation,
        dry_run=bool(job.options.get("dry_run")),
        progress=progress,
    )
    return report.as_json()
