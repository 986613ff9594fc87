"""Views of the API itself (not of a part of the domain)."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.views import APIView


class NotFoundApi(APIView):
    """Every path under /api/ that no route matches, e.g. ``/api/v1/persons/not-a-uuid/``: the
    JSON 404 of every other error (``{code, message, extra}``), for any method and any user."""

    permission_classes: list[Any] = []
    schema = None  # not an operation of the API

    def http_method_not_allowed(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotFound

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        raise NotFound

    post = put = patch = delete = head = options = get
