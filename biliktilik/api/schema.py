"""Pieces of the OpenAPI description shared by every app's API: the error body and its responses."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (see ``biliktilik.api.exceptions``)."""

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
