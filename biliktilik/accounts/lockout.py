"""What a locked-out login gets (django-axes' ``AXES_LOCKOUT_CALLABLE``).

The login page is drawn again with the message and an empty form; the API answers in its
common error shape with the code ``too_many_attempts`` (HTTP 429).
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from biliktilik.core.errors import ApplicationError, ErrorCode

from .forms import LoginForm


def client_ip_address(request: HttpRequest) -> str | None:
    """The caller's address: the one the proxy added last to X-Forwarded-For when
    ``BILIKTILIK_BEHIND_PROXY`` is on (the same one DRF's throttles use), else REMOTE_ADDR."""
    if settings.BILIKTILIK_BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or None


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_error() -> ApplicationError:
    minutes = cooloff_minutes()
    message = ngettext(
        "Too many failed attempts; try again in %(minutes)d minute.",
        "Too many failed attempts; try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    return ApplicationError(message, code=ErrorCode.TOO_MANY_ATTEMPTS, extra={"retry_after_minutes": minutes})


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    error = lockout_error()
    retry_after = str(cooloff_minutes() * 60)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(error.as_dict(), status=error.status)
    else:
        context = {"form": LoginForm(request), "lockout": error.message, "next": request.POST.get("next", "")}
        response = render(request, "registration/login.html", context, status=error.status)
    response["Retry-After"] = retry_after
    return response
