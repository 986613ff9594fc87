"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("documents.printtemplate.set", _("Print template set"))
register_action("documents.register.configure", _("Register set up"))
register_action("documents.register.next", _("Number taken from the register"))
register_action("documents.register.cancel", _("Register number cancelled"))
