"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("person.create", _("Person added"))
register_action("person.update", _("Personal data changed"))
register_action("employment.create", _("Employment added"))
register_action("employment.update", _("Employment changed"))
register_action("staff.import", _("Staff imported from a file"))
