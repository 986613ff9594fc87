"""Forms of the accounts pages."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm

from biliktilik.people.forms import BootstrapFormMixin


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    """Django's login form, drawn with Bootstrap's classes."""
