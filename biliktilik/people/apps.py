from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "biliktilik.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from biliktilik.core.imports import register_import

        from .importing import jobs

        register_import(jobs.KIND, jobs.run)
