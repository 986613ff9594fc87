"""Logins, failed logins and logouts written to the audit log (SEC-02).

Each event is stored against the user (``accounts.user`` and the user's id), so the audit
trail of a user (``core.audit.audit_trail(user)``) and the admin's list of audit events show
them; it is filed under the organisation of the user's first role grant, so a reading scoped
by organisation (an auditor's) finds it. A failed login of a username that does not exist has an empty object id and the
username tried as the object's text. No password is ever written.

A login or logout without a client address is not one made over HTTP (the test client's
``force_login``, a shell) and is not written.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from biliktilik.core.audit import audit_record
from biliktilik.core.middleware import mark_session_active
from biliktilik.core.models import AuditEvent

from .services import tokens_revoke, user_organisation_id


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    if not request.META.get("REMOTE_ADDR"):
        return None
    return get_client_ip_address(request) or None


@receiver(user_logged_in, dispatch_uid="accounts.audit_login")
def audit_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_session_active(request.session)  # the idle timeout counts from the login
    ip_address = client_ip(request)
    if ip_address:
        audit_record(
            actor=user,
            action="user.login",
            obj=user,
            changes={"ip_address": (None, ip_address)},
            organisation_id=user_organisation_id(user),
        )


@receiver(user_login_failed, dispatch_uid="accounts.audit_login_failed")
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    changes = {"username": (None, username), "ip_address": (None, client_ip(request))}
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    if user is not None:
        audit_record(
            actor=None,
            action="user.login_failed",
            obj=user,
            changes=changes,
            organisation_id=user_organisation_id(user),
        )
        return
    AuditEvent.objects.create(
        actor=None,
        action="user.login_failed",
        object_type=User._meta.label_lower,
        object_id="",
        object_repr=username[:300],
        changes={k: list(v) for k, v in changes.items()},
    )


@receiver(user_logged_out, dispatch_uid="accounts.audit_logout")
def audit_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        return
    ip_address = client_ip(request)
    if ip_address:
        audit_record(
            actor=user,
            action="user.logout",
            obj=user,
            changes={"ip_address": (None, ip_address)},
            organisation_id=user_organisation_id(user),
        )
    # Logging out of the site ends the user's API access too (docs/adr/0007-login-hardening.md).
    tokens_revoke(user=user, actor=user, ip_address=ip_address, reason="site_logout")
