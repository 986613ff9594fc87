"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("workflow_route.create", _("Approval route added"))
register_action("workflow_route.update", _("Approval route changed"))
register_action("workflow_route.new_version", _("New version of the approval route"))
register_action("workflow_route.supersede", _("Approval route superseded"))
register_action("workflow_run.start", _("Approval started"))
register_action("workflow_run.cancel", _("Approval cancelled"))
register_action("workflow_run.approve", _("Approval step approved"))
register_action("workflow_run.return", _("Returned for rework"))
register_action("workflow_run.reject", _("Approval rejected"))
