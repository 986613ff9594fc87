from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "biliktilik.policy"
    label = "policy"
    verbose_name = _("Rules")

    def ready(self) -> None:
        from . import parameters

        parameters.register_readers()
