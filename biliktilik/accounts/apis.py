"""API of the signed-in user: API tokens and "who am I" (the person and the role grants)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import logout
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from biliktilik.core.access import scope_of
from biliktilik.core.api.schema import error_responses
from biliktilik.org.apis import OrganisationRefSerializer, UnitRefSerializer
from biliktilik.people.apis import PersonSerializer

from .authentication import token_expires_at
from .lockout import lockout_error
from .login_audit import client_ip
from .models import RoleGrant, User
from .scoping import active_grants
from .services import token_issue, tokens_revoke


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True, help_text=_('Send it as the header "Authorization: Token <token>".'))
    expires_at = serializers.DateTimeField(read_only=True, help_text=_("After this time the token is refused."))


class RoleGrantSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    organisation = OrganisationRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RoleGrant
        fields = ["role", "role_label", "organisation", "unit", "valid_from", "valid_to"]
        read_only_fields = fields


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True, help_text=_("E-mail address; empty when none is known."))
    sees_everything = serializers.BooleanField(read_only=True, help_text=_("A system administrator."))
    person = PersonSerializer(read_only=True, allow_null=True)
    grants = RoleGrantSerializer(many=True, read_only=True, help_text=_("Role grants in force today."))


class TokenApi(APIView):
    """POST: exchange a username and password for the user's API token (the same token every
    time until it expires or is revoked). DELETE: revoke the token of the signed-in user.

    Failed attempts count towards the lockout of the username from the caller's address
    (django-axes), and the endpoint is rate-limited (``auth_token`` and ``anon`` rates)."""

    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "auth_token"

    def get_authenticators(self) -> list[Any]:
        # Signing in needs no authentication (and so no CSRF token); revoking does.
        if self.request is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self) -> list[BasePermission]:
        if self.request is not None and self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        request=AuthTokenSerializer,
        responses={status.HTTP_200_OK: TokenSerializer, **error_responses(400, 429)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        # django-axes needs Django's request: it reads the address and flags a lockout on it.
        http_request = request._request
        serializer = AuthTokenSerializer(data=request.data, context={"request": http_request})
        try:
            serializer.is_valid(raise_exception=True)
        except serializers.ValidationError:
            if getattr(http_request, "axes_locked_out", False):
                raise lockout_error() from None
            raise
        token = token_issue(user=serializer.validated_data["user"], ip_address=client_ip(http_request))
        return Response(TokenSerializer({"token": token.key, "expires_at": token_expires_at(token)}).data)

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None, **error_responses(401)})
    def delete(self, request: Request) -> Response:
        user = cast(User, request.user)  # signed in: see get_permissions
        tokens_revoke(user=user, actor=user, ip_address=client_ip(request), reason="api")
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutApi(APIView):
    """POST: sign out of the API: the user's token is revoked and a session, if any, ends."""

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None, **error_responses(401)})
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        tokens_revoke(user=user, actor=user, ip_address=client_ip(request), reason="api_logout")
        if request.auth is None:  # signed in with the session of the site
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    """The signed-in user, their person (with the IIN in full) and their role grants."""

    @extend_schema(responses={status.HTTP_200_OK: MeSerializer, **error_responses(401)})
    def get(self, request: Request) -> Response:
        user = request.user
        person = getattr(user, "person", None)
        if person is not None:
            person.iin_open = True  # their own record
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "first_name": getattr(user, "first_name", ""),
            "last_name": getattr(user, "last_name", ""),
            "email": getattr(user, "email", ""),
            "sees_everything": scope_of(user).everything,
            "person": person,
            "grants": sorted(active_grants(user), key=lambda g: (g.role, g.organisation_id, g.unit_id or 0)),
        }
        return Response(MeSerializer(data).data)
