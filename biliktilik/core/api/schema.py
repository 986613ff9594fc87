"""Pieces of the OpenAPI description shared by every app's API: the error body and its responses."""

from __future__ import annotations

from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (see ``biliktilik.core.api.exceptions``)."""

    code = serializers.CharField(
        help_text=_(
            "Machine-readable code: validation, invalid_iin, duplicate, conflict, invalid_state, "
            "permission_denied, not_found, not_authenticated, ..."
        )
    )
    message = serializers.CharField(help_text=_("Human-readable message in the language of the request."))
    extra = serializers.DictField(
        help_text=_('Details: "field" names the input at fault; "fields" maps each invalid input to its messages.')
    )


_DESCRIPTIONS = {
    400: _("The data sent are not valid, or break a business rule."),
    401: _("Not signed in."),
    403: _("Signed in, but not allowed to do this."),
    404: _("No such object, or the user may not see it."),
    409: _("The change conflicts with the current state (for example a duplicate)."),
    429: _("Too many requests or failed attempts; try again later."),
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """Error responses for ``extend_schema(responses=...)``, all with the same body."""
    return {status: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[status]) for status in statuses}


class ApiAutoSchema(AutoSchema):
    """The schema class of the whole API: every operation documents the error responses it can
    give, with the error body (``ErrorSerializer``), besides the responses it declares itself.

    400 (invalid input or filter), 401 and 403 for every operation; 404 for every operation (an
    object not found or not visible, or a page past the end of a list); 409 for every write."""

    def _get_response_bodies(self, direction: Literal["request", "response"] = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        statuses = [400, 401, 403, 404]
        if self.method in {"POST", "PUT", "PATCH", "DELETE"}:
            statuses.append(409)
        for code, response in error_responses(*statuses).items():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(response, str(code), direction=direction)
        return responses
