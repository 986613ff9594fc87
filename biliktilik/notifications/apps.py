from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "biliktilik.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from biliktilik.workflows.signals import run_changed

        from .receivers import on_run_changed

        run_changed.connect(on_run_changed, dispatch_uid="notifications-workflow-runs")
