from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "biliktilik.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from biliktilik.core.access import register_scope_provider
        from biliktilik.people.selectors import register_history_source

        from . import login_audit  # noqa: F401  (connects the login audit receivers)
        from .history import access_history_q
        from .scoping import compute_scope

        register_scope_provider(compute_scope)
        register_history_source(access_history_q)
