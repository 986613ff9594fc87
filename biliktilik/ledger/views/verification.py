"""Verifying, returning and approving the justification of a record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError, ErrorCode

from .. import selectors, services
from ..forms import ReasonForm
from ..models import PDRecord
from ..permissions import can_transition, can_verify_record
from ._common import Response, _next_url, _record_or_404


def _after_record_action(request: HttpRequest, record: PDRecord, error: ApplicationError | None) -> Response:
    if getattr(request, "htmx", False):
        fresh = selectors.record_get(request.user, public_id=record.public_id) or record
        context = {
            "record": fresh,
            "error": error,
            "reason_form": ReasonForm(),
            "can_verify": can_verify_record(request.user, fresh) and can_transition(fresh, "verified"),
            "can_return": can_verify_record(request.user, fresh) and can_transition(fresh, "returned"),
            "next_url": _next_url(request, reverse("ledger:record_detail", args=[fresh.public_id])),
        }
        return render(request, "ledger/_record_actions.html", context, status=error.status if error else 200)
    if error is not None:
        if error.code == ErrorCode.PERMISSION_DENIED:
            raise error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Done."))
    return redirect(_next_url(request, reverse("ledger:record_detail", args=[record.public_id])))


@login_required
@require_POST
def record_verify(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    try:
        services.record_verify(actor=request.user, record=record)
    except ApplicationError as exc:
        return _after_record_action(request, record, exc)
    return _after_record_action(request, record, None)


@login_required
@require_POST
def record_return(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    try:
        services.record_return(actor=request.user, record=record, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        return _after_record_action(request, record, exc)
    return _after_record_action(request, record, None)


@login_required
@require_POST
def record_approve_justification(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    try:
        services.record_approve_justification(actor=request.user, record=record)
    except ApplicationError as exc:
        if exc.code == ErrorCode.PERMISSION_DENIED:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The justification is approved."))
    return redirect("ledger:record_detail", public_id=record.public_id)
