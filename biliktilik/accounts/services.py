"""Writes of the accounts app: API tokens issued and revoked, each written to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from biliktilik.core.audit import audit_record

from .authentication import token_is_expired
from .models import RoleGrant, User


def user_organisation_id(user: Any) -> int | None:
    """The organisation an audit event about ``user`` (a login, a token) is filed under: that of
    their first role grant, so the auditors of that organisation see it; None without grants."""
    if user is None or not getattr(user, "pk", None):
        return None
    return RoleGrant.objects.filter(user_id=user.pk).order_by("pk").values_list("organisation_id", flat=True).first()


@transaction.atomic
def token_issue(*, user: User, ip_address: str | None = None) -> Token:
    """The user's API token: the one they hold while it is valid, else a new one."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not token_is_expired(token):
        return token
    if token is not None:
        token.delete()
    token = Token.objects.create(user=user)
    audit_record(
        actor=user,
        action="user.token_issue",
        obj=user,
        changes={"ip_address": (None, ip_address)},
        organisation_id=user_organisation_id(user),
    )
    return token


@transaction.atomic
def tokens_revoke(*, user: User, actor: Any, ip_address: str | None = None, reason: str = "logout") -> int:
    """Delete every API token of ``user``; returns how many there were."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="user.token_revoke",
            obj=user,
            changes={"ip_address": (None, ip_address), "reason": (None, reason)},
            organisation_id=user_organisation_id(user),
        )
    return deleted
