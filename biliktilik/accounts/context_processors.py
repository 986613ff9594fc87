from typing import Any

from django.http import HttpRequest

from biliktilik.core.access import scope_of


def roles(request: HttpRequest) -> dict[str, Any]:
    """The current user's scope, for menus that show only what the user may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"scope": scope_of(user)}
