"""Turns an ApplicationError escaping a page view into a readable, translated message."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import ApplicationError
from .query import QueryError


class ApplicationErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        if request.path.startswith("/api/"):
            return None  # the API's own handler renders it as JSON
        context: dict[str, object] = {"error": exception}
        if isinstance(exception, QueryError) and exception.field:
            # A malformed query parameter (core.query): name it and offer the page without it.
            query = request.GET.copy()
            query.pop(exception.field, None)
            query.pop("page", None)
            context["parameter"] = exception.field
            context["value"] = request.GET.get(exception.field, "")
            context["retry_url"] = f"{request.path}?{query.urlencode()}" if query else request.path
        return render(request, "core/application_error.html", context, status=exception.status)
