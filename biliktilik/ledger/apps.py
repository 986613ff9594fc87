from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "biliktilik.ledger"
    label = "ledger"
    verbose_name = _("PD ledger")

    def ready(self) -> None:
        from biliktilik.core.imports import register_import

        from . import importing

        register_import(importing.JOB_KIND, importing.run_job)
