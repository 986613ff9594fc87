"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("record.create", _("PD record added"))
register_action("record.update", _("PD record changed"))
register_action("record.import_update", _("PD record updated from an import"))
register_action("record.verify", _("PD record verified"))
register_action("record.return", _("PD record returned for correction"))
register_action("record.set_trainers", _("Trainers of the PD record set"))
register_action("record.approve_justification", _("Justification approved"))
register_action("evidence.add", _("Evidence added"))
register_action("evidence.accept", _("Evidence accepted"))
register_action("evidence.return", _("Evidence returned"))
