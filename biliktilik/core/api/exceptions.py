"""One renderer for every API error: ``{"code": ..., "message": ..., "extra": {...}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from biliktilik.core.errors import ApplicationError, ErrorCode


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, exceptions.Throttled):
        return _throttled(exc)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {
            "code": str(ErrorCode.VALIDATION),
            "message": _("The data sent are not valid."),
            "extra": {"fields": response.data},
        }
    else:
        code = {
            status.HTTP_401_UNAUTHORIZED: "not_authenticated",
            status.HTTP_403_FORBIDDEN: str(ErrorCode.PERMISSION_DENIED),
            status.HTTP_404_NOT_FOUND: str(ErrorCode.NOT_FOUND),
        }.get(response.status_code, getattr(exc, "default_code", "error"))
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            # DRF answers 403 instead of 401 when the first authentication class sends no
            # WWW-Authenticate header; the code still says what went wrong.
            code = "not_authenticated"
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        body = {"code": code, "message": str(detail), "extra": {}}
    response.data = body
    return response


def _throttled(exc: exceptions.Throttled) -> Response:
    seconds = max(1, int(getattr(exc, "wait", None) or 1))
    message = ngettext(
        "Too many requests; try again in %(seconds)d second.",
        "Too many requests; try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}
    body = {"code": str(ErrorCode.TOO_MANY_ATTEMPTS), "message": message, "extra": {"retry_after_seconds": seconds}}
    return Response(body, status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(seconds)})
