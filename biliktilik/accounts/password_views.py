"""Password change (signed in) and password reset by e-mail: Django's views with our forms and
templates. A reset request never reveals whether the address belongs to a user, and requests
from one address are rate-limited (``BILIKTILIK_PASSWORD_RESET_RATE`` a minute)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .login_audit import client_ip

_WINDOW_SECONDS = 60


def _reset_allowed(request: HttpRequest) -> bool:
    """Count this request against the address's minute; False once over the rate."""
    key = f"password-reset:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=_WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=_WINDOW_SECONDS)
        return True
    return count <= settings.BILIKTILIK_PASSWORD_RESET_RATE


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    success_url = reverse_lazy("password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _reset_allowed(request):
            form = self.get_form()
            form.is_valid()  # the field errors, if any, still show
            form.add_error(None, _("Too many password reset requests; try again in a minute."))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    success_url = reverse_lazy("password_reset_complete")
