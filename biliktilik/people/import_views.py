"""The staff import page and the blank files to fill in. HR officers and system administrators only."""

from __future__ import annotations

import io
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.imports import background_threshold, import_job_create, import_job_get
from biliktilik.core.query import query_choice
from biliktilik.core.tables.reader import Limits, estimate_rows, read_limited
from biliktilik.org.models import Organisation

from .forms import BootstrapFormMixin
from .importing import (
    COLUMNS,
    ImportReport,
    jobs,
    may_import_staff,
    organisations_for_import,
    staff_import,
    template_csv,
    template_xlsx,
)
from .importing.reading import FILE_KINDS

# URL names, reversed in this module only (see import_urls.py).
IMPORT_URL_NAME = "staff_import"
TEMPLATE_URL_NAME = "staff_import_template"
JOB_URL_NAME = "staff_import_job"
# The error table shows at most this many rows; the count above it tells how many there are.
MAX_ERRORS_SHOWN = 500


class StaffImportForm(BootstrapFormMixin, forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Used for rows whose organisation_code cell is empty."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a CSV file (.csv) with the columns described below."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FILE_KINDS)}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file, save nothing"),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dry_run"].widget.attrs["class"] = "form-check-input"
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        organisations = organisations_for_import(user)
        field.queryset = organisations
        if scope_of(user).everything:
            field.empty_label = gettext_lazy("— as given in the organisation_code column —")
        else:
            # An HR officer imports into their own organisation.
            field.required = True
            field.empty_label = None
            first = organisations.first()
            field.initial = first.pk if first is not None else None


def _allowed(request: HttpRequest) -> None:
    if not may_import_staff(request.user):
        raise PermissionDenied(_("Only HR officers and system administrators may import staff."))


@login_required
@require_http_methods(["GET", "POST"])
def staff_import_view(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    report: ImportReport | None = None
    if request.method == "POST":
        form = StaffImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            organisation = form.cleaned_data["organisation"]
            filename = upload.name or ""
            try:
                data = read_limited(upload)
                rows = estimate_rows(data, filename)
                if rows > background_threshold():
                    job = import_job_create(
                        owner=request.user,
                        kind=jobs.KIND,
                        filename=filename,
                        content=data,
                        rows_total=rows,
                        organisation_id=organisation.pk if organisation else None,
                        options={"dry_run": form.cleaned_data["dry_run"]},
                    )
                    return redirect(JOB_URL_NAME, public_id=job.public_id)
                report = staff_import(
                    actor=request.user,
                    file=io.BytesIO(data),
                    filename=filename,
                    organisation=organisation,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ApplicationError as exc:
                if exc.code == ErrorCode.PERMISSION_DENIED:
                    raise
                form.add_error("file", str(exc.message))
    else:
        form = StaffImportForm(user=request.user)
    context = {
        "form": form,
        "report": report,
        "errors_shown": report.errors[:MAX_ERRORS_SHOWN] if report else [],
        "columns": COLUMNS,
        "template_url": reverse(TEMPLATE_URL_NAME),
        "import_url": reverse(IMPORT_URL_NAME),
        "max_size": filesizeformat(settings.BILIKTILIK_IMPORT_MAX_BYTES),
        "max_rows": Limits.from_settings().max_rows,
        "background_rows": background_threshold(),
    }
    return render(request, "people/staff_import.html", context)


@login_required
@require_GET
def staff_import_template_view(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    kind = query_choice(request.GET, "format", ["xlsx", "csv"], default="xlsx")
    organisations = organisations_for_import(request.user)
    own = organisations.first() if len(organisations[:2]) == 1 else None
    if kind == "xlsx":
        response = HttpResponse(
            template_xlsx(own),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(template_csv(own), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="staff-import-template.{kind}"'
    return response


@login_required
@require_GET
def staff_import_job_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A background staff import: its progress while it runs (htmx polls this view), then its
    report. Only the user who started it, and system administrators, may see it."""
    try:
        job = import_job_get(user=request.user, public_id=public_id, kind=jobs.KIND)
    except ApplicationError as exc:
        raise Http404(str(exc.message)) from exc
    report = ImportReport.from_json(job.report) if job.report is not None else None
    context = {
        "job": job,
        "report": report,
        "errors_shown": report.errors[:MAX_ERRORS_SHOWN] if report else [],
        "poll_url": reverse(JOB_URL_NAME, kwargs={"public_id": job.public_id}),
        "import_url": reverse(IMPORT_URL_NAME),
        "report_template": "people/_staff_import_report.html",
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/_import_job.html", context)
    return render(request, "people/staff_import_job.html", context)
