"""Labels of the audit action codes this app writes (see ``core.audit.register_action``)."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("grant.create", _("Access granted"))
register_action("grant.end", _("Access ended"))
register_action("user.login", _("Signed in"))
register_action("user.login_failed", _("Failed sign-in"))
register_action("user.logout", _("Signed out"))
register_action("user.token_issue", _("API token issued"))
register_action("user.token_revoke", _("API token revoked"))
