"""Small helpers for the API tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ALL = {"page_size": 500}


def results(response: Any) -> list[dict[str, Any]]:
    """The rows of a successful list response."""
    assert response.status_code == 200, response.content
    return response.json()["results"]


def keys_of(rows: list[dict[str, Any]], objects: Mapping[str, Any], *, field: str = "public_id") -> set[str]:
    """The fixture keys of the objects listed in ``rows``; fails on a row that is none of them."""
    by_id = {str(getattr(obj, "pk" if field == "id" else field)): key for key, obj in objects.items()}
    return {by_id[str(row[field])] for row in rows}


def error(response: Any) -> dict[str, Any]:
    """The error body, checked to have exactly the shape every error has."""
    body = response.json()
    assert set(body) == {"code", "message", "extra"}, body
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["extra"], dict)
    return body
