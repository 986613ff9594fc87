"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("admin.add", _("Added in the administration"))
register_action("admin.change", _("Changed in the administration"))
register_action("admin.delete", _("Deleted in the administration"))
