from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "biliktilik.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.models import Permission

        from .permission_names import translated_permission_str

        # Each app's ``audit_labels`` module registers the labels of its audit action codes.
        autodiscover_modules("audit_labels")
        # The admin lists permissions by their stored (English) names; name them in the active language.
        Permission.__str__ = translated_permission_str  # type: ignore[method-assign,assignment]
