"""Importing PD history from .xlsx / .csv, in the request or in the background."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.imports import background_threshold, import_job_create, import_job_get
from biliktilik.core.tables.reader import Limits, estimate_rows, read_limited

from .. import selectors
from ..forms import ImportForm, add_application_error
from ..importing import COLUMNS, JOB_KIND, ImportReport, import_pd_records, template_csv, template_xlsx
from ..permissions import can_manage_records
from ._common import Response, _is_manager


@login_required
@require_http_methods(["GET", "POST"])
def import_records(request: HttpRequest) -> Response:
    """HR uploads PD history (.xlsx / .csv): all rows are written, or none."""
    user: Any = request.user
    if not _is_manager(user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organisations=selectors.managed_organisations(user))
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        organisation = form.cleaned_data["organisation"]
        filename = upload.name or ""
        try:
            content = read_limited(upload)
            rows = estimate_rows(content, filename)
            if rows > background_threshold() and can_manage_records(user, organisation.pk):
                job = import_job_create(
                    owner=user,
                    kind=JOB_KIND,
                    filename=filename,
                    content=content,
                    rows_total=rows,
                    organisation_id=organisation.pk,
                    options={"dry_run": form.cleaned_data["dry_run"]},
                )
                return redirect("ledger:import_job", public_id=job.public_id)
            report = import_pd_records(
                actor=user,
                organisation=organisation,
                content=content,
                filename=filename,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ApplicationError as exc:
            if exc.code == ErrorCode.PERMISSION_DENIED:
                raise
            add_application_error(form, exc)
    context = {
        "form": form,
        "report": report,
        "columns": COLUMNS,
        "max_rows": Limits.from_settings().max_rows,
        "background_rows": background_threshold(),
    }
    return render(request, "ledger/import.html", context, status=400 if report and report.problems else 200)


@login_required
@require_http_methods(["GET"])
def import_job(request: HttpRequest, public_id: UUID) -> Response:
    """A background PD history import: its progress (htmx polls this view), then its report.
    Only the user who started it, and system administrators, may see it."""
    try:
        job = import_job_get(user=request.user, public_id=public_id, kind=JOB_KIND)
    except ApplicationError as exc:
        raise Http404(str(exc.message)) from exc
    context = {
        "job": job,
        "report": ImportReport.from_json(job.report) if job.report is not None else None,
        "poll_url": reverse("ledger:import_job", kwargs={"public_id": job.public_id}),
        "report_template": "ledger/_import_report.html",
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/_import_job.html", context)
    return render(request, "ledger/import_job.html", context)


@login_required
def import_template(request: HttpRequest, fmt: str) -> Response:
    if not _is_manager(request.user):
        raise PermissionDenied
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pd-records-template.{fmt}"'
    return response
