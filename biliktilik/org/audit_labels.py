"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("organisation.create", _("Organisation added"))
register_action("unit.create", _("Unit added"))
register_action("office.create", _("Office added"))
register_action("office.update", _("Office changed"))
