"""Forms of the accounts pages."""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from biliktilik.people.forms import BootstrapFormMixin


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    """Django's login form, drawn with Bootstrap's classes."""


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    """Django's password change form (old password, new password twice, validators applied)."""


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    """Django's reset request form: it never tells whether an address belongs to a user."""


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    """Django's form for the new password behind a reset link, validators applied."""
