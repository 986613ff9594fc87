"""Permission classes of the API.

They are a first, coarse gate only: the services check every write again against the exact
organisation (``people.services.can_edit_staff``), so a view can never grant more than a service.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from biliktilik.people.selectors import may_edit_some_staff


class StaffEditorOrReadOnly(BasePermission):
    """Any signed-in user may read (the selectors narrow what they see); only HR officers and
    system administrators may write, and the service then checks the organisation."""

    message = _("You may not change staff records.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return may_edit_some_staff(request.user)
