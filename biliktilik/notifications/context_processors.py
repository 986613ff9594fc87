from typing import Any

from django.http import HttpRequest

from .selectors import Bell


def bell(request: HttpRequest) -> dict[str, Any]:
    """``notification_bell`` for the navbar partial ``notifications/_bell.html``; the count is
    queried only when the partial is shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_bell": Bell(user)}
