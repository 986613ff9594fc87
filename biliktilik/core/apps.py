from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "biliktilik.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app's ``audit_labels`` module registers the labels of its audit action codes.
        autodiscover_modules("audit_labels")
