"""Documents of a record: upload, download, accept, return."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError, ErrorCode

from .. import services
from ..forms import EvidenceForm, ReasonForm, add_application_error
from ..models import Evidence
from ..permissions import can_verify_record
from ._common import Response, _evidence_or_404, _next_url, _record_or_404
from .records import _detail_context


@login_required
@require_POST
def evidence_add(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(
                actor=request.user,
                record=record,
                file=data["file"],
                kind=data["kind"],
                number=data.get("number", ""),
                issued_on=data.get("issued_on"),
                issuer=data.get("issuer", ""),
            )
        except ApplicationError as exc:
            if exc.code == ErrorCode.PERMISSION_DENIED:
                raise
            add_application_error(form, exc)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("ledger:record_detail", public_id=record.public_id)
    context = _detail_context(request, record)
    context["evidence_form"] = form
    return render(request, "ledger/record_detail.html", context, status=400)


@login_required
def evidence_download(request: HttpRequest, public_id: Any) -> Response:
    """The file of a document, to those who may see its record; 404 to everyone else."""
    evidence = _evidence_or_404(request, public_id)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    name = evidence.original_name or (evidence.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(
        handle, as_attachment=True, filename=name, content_type=evidence.content_type or "application/octet-stream"
    )


def _after_evidence_action(request: HttpRequest, evidence: Evidence, error: ApplicationError | None) -> Response:
    if getattr(request, "htmx", False):
        fresh = Evidence.objects.select_related("record", "record__person", "verified_by").get(pk=evidence.pk)
        context = {
            "item": fresh,
            "error": error,
            "can_verify_evidence": can_verify_record(request.user, fresh.record),
            "in_queue": request.POST.get("in_queue") == "1",
            "reason_form": ReasonForm(),
            "next_url": _next_url(request, reverse("ledger:record_detail", args=[fresh.record.public_id])),
        }
        return render(request, "ledger/_evidence_row.html", context, status=error.status if error else 200)
    if error is not None:
        if error.code == ErrorCode.PERMISSION_DENIED:
            raise error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Done."))
    return redirect(_next_url(request, reverse("ledger:record_detail", args=[evidence.record.public_id])))


@login_required
@require_POST
def evidence_accept(request: HttpRequest, public_id: Any) -> Response:
    evidence = _evidence_or_404(request, public_id)
    try:
        services.evidence_accept(actor=request.user, evidence=evidence)
    except ApplicationError as exc:
        return _after_evidence_action(request, evidence, exc)
    return _after_evidence_action(request, evidence, None)


@login_required
@require_POST
def evidence_return(request: HttpRequest, public_id: Any) -> Response:
    evidence = _evidence_or_404(request, public_id)
    try:
        services.evidence_return(actor=request.user, evidence=evidence, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        return _after_evidence_action(request, evidence, exc)
    return _after_evidence_action(request, evidence, None)
