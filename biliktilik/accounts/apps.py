from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "biliktilik.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from biliktilik.core.access import register_scope_provider

        from . import login_audit  # noqa: F401  (connects the login audit receivers)
        from .scoping import compute_scope

        register_scope_provider(compute_scope)
