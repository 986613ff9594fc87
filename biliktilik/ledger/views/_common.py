"""Helpers shared by the ledger pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from biliktilik.core.query import query_choice, query_page

from .. import selectors
from ..exports import export_response
from ..models import Evidence, PDRecord
from ..permissions import managed_organisation_ids

Response = HttpResponse | StreamingHttpResponse


def _page(request: HttpRequest, qs: QuerySet[Any], param: str = "page") -> Page:
    paginator = Paginator(qs, getattr(settings, "BILIKTILIK_PAGE_SIZE", 25))
    return paginator.get_page(query_page(request.GET, param))


def _next_url(request: HttpRequest, default: str) -> str:
    """Where to go after an action: the page it was started from, if it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _is_manager(user: Any) -> bool:
    managed = managed_organisation_ids(user)
    return managed is None or bool(managed)


def _record_or_404(request: HttpRequest, public_id: Any) -> PDRecord:
    record = selectors.record_get(request.user, public_id=public_id)
    if record is None:
        raise Http404
    return record


def _evidence_or_404(request: HttpRequest, public_id: Any) -> Evidence:
    evidence = selectors.evidence_get(request.user, public_id=public_id)
    if evidence is None:
        raise Http404
    return evidence


def _export_or_none(request: HttpRequest, records: QuerySet[PDRecord], filename: str) -> Response | None:
    return export_response(records, query_choice(request.GET, "export", ["csv", "xlsx"]), filename)


def _list_context(request: HttpRequest, records: QuerySet[PDRecord], **extra: Any) -> dict[str, Any]:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return {"page": _page(request, records), "query": query.urlencode(), **extra}
