from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

ANONYMOUS = "anonymous"


@pytest.fixture
def client_as(world: Any) -> Callable[[str], APIClient]:
    """An API client signed in (by session) as the user of ``role``, or anonymous."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if role != ANONYMOUS:
            client.force_login(world.user(role))
        return client

    return make
