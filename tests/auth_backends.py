"""The lockout backend of the test settings.

django-axes refuses ``authenticate()`` without a request, and Django's test client calls it
without one in ``client.login()``. This backend lets exactly that call through (there is no
request to count a failure against); every login made by a request, as on the site, still
goes through axes, so the lockout tests run with axes fully on. ``force_login`` does not
authenticate at all and needs nothing."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class TestClientAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
