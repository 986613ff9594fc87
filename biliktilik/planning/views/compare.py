"""Comparing versions (PLN-06) and the printed forms of schedules (xlsx, PDF)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.core.query import query_choice
from biliktilik.core.tables.export import attachment

from .. import documents, selectors
from .consolidated import consolidated_or_404
from .schedules import unit_schedule_or_404

# --- compare and documents ------------------------------------------------------------------------


@login_required
def compare(request: HttpRequest, kind: str, old_id: UUID, new_id: UUID) -> HttpResponse:
    getters: dict[str, Callable[..., Any]] = {
        "plan": selectors.plan_get,
        "unit": selectors.unit_schedule_get,
        "consolidated": selectors.consolidated_get,
    }
    getter = getters.get(kind)
    if getter is None:
        raise Http404(_("No such document."))
    old, new = getter(request.user, public_id=old_id), getter(request.user, public_id=new_id)
    if old is None or new is None or old.pk not in {v.pk for v in selectors.versions_of(new)}:
        raise Http404(_("No such version."))
    if kind == "plan":
        comparison: Any = selectors.compare_plans(old, new)
    elif kind == "unit":
        comparison = selectors.compare_unit_schedules(old, new)
    else:
        comparison = selectors.compare_consolidated(old, new)
    return render(request, "planning/compare.html", {"kind": kind, "c": comparison, "now": timezone.now()})


def _export(request: HttpRequest, document: Any, fmt: str) -> HttpResponse:
    language = query_choice(request.GET, "lang", ["kk", "ru"], default="kk")
    if fmt == "xlsx":
        content, name = documents.schedule_xlsx(document, language=language)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        content, name = documents.schedule_pdf(document, language=language)
        mime = "application/pdf"
    else:
        raise Http404(_("No such format."))
    return attachment(HttpResponse(content, content_type=mime), name)


@login_required
def unit_schedule_export(request: HttpRequest, public_id: UUID, fmt: str) -> HttpResponse:
    return _export(request, unit_schedule_or_404(request, public_id), fmt)


@login_required
def consolidated_export(request: HttpRequest, public_id: UUID, fmt: str) -> HttpResponse:
    return _export(request, consolidated_or_404(request, public_id), fmt)
