"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("grant.create", _("Access granted"))
register_action("grant.end", _("Access ended"))
