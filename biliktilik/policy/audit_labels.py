"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("rule.create", _("Rule added"))
register_action("rule.update", _("Rule changed"))
register_action("rule.close", _("Rule closed"))
register_action("rule.publish_version", _("Rule version published"))
register_action("rule_set.create", _("Rule set added"))
register_action("rule_set.publish", _("Rule set published"))
register_action("rule_set.adopt", _("Rule set adopted"))
register_action("rule_set.close", _("Rule set closed"))
