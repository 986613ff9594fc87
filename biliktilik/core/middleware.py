"""Middleware of the whole site: readable application errors, the idle timeout of sessions, no
caching of what a signed-in user sees, and a full-page redirect to the login page for htmx
requests of an ended session."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

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


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user (SEC-03): pages, API,
    exports and evidence files hold personal data that no browser or proxy may keep.

    A request signed in with an API token is known only inside DRF, so any request that sends
    an ``Authorization`` header is treated the same. Static files are served by WhiteNoise
    before this middleware and keep their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class HtmxLoginRedirectMiddleware:
    """When an idle session has ended, an htmx request is redirected to the login page; htmx
    would follow that redirect and swap the login form into a fragment of the page. Tell it
    instead to load the login page in full, coming back to the page the user was on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        htmx = getattr(request, "htmx", None)
        if not htmx or response.status_code not in (301, 302):
            return response
        login_path = urlsplit(resolve_url(settings.LOGIN_URL)).path
        if urlsplit(response.get("Location", "")).path != login_path:
            return response
        current = htmx.current_url_abs_path or "/"
        return HttpResponseClientRedirect(f"{login_path}?{urlencode({'next': current})}")


SESSION_LAST_SEEN_KEY = "_biliktilik_last_seen"
# The time of the last request is written at most this often, so a session costs one write a
# minute instead of one a request; the idle timeout is exact to this many seconds.
_LAST_SEEN_RESOLUTION_SECONDS = 60


def mark_session_active(session: Any) -> None:
    """Note that the session is in use now (called at login and by the middleware)."""
    session[SESSION_LAST_SEEN_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """A signed-in session that had no request for ``BILIKTILIK_SESSION_IDLE_MINUTES`` ends: the
    session is emptied, the request goes on as anonymous (so a page sends to the login page, an
    htmx request gets a full-page redirect there, the API answers 401) and the login page says why.

    Django's ``SESSION_SAVE_EVERY_REQUEST`` would do the same with one database write per
    request; this writes the time of the last request at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and session is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = session.get(SESSION_LAST_SEEN_KEY)
            minutes = settings.BILIKTILIK_SESSION_IDLE_MINUTES
            if last_seen is not None and now - int(last_seen) > minutes * 60:
                session.flush()
                request.user = AnonymousUser()
                messages.info(
                    request,
                    ngettext(
                        "Your session ended after %(minutes)d minute without activity; please log in again.",
                        "Your session ended after %(minutes)d minutes without activity; please log in again.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
            elif last_seen is None or now - int(last_seen) >= _LAST_SEEN_RESOLUTION_SECONDS:
                mark_session_active(session)
        return self.get_response(request)
