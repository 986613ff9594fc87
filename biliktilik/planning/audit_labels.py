"""Labels of the audit action codes this app writes (see ``core.audit.register_action``).

Codes built at run time from a model name (``planning.<model>.submit``) fall back to the model's
name and the last word of the code."""

from django.utils.translation import gettext_lazy as _

from biliktilik.core.audit import register_action

register_action("planning.calendar.set", _("Planning calendar set"))
register_action("planning.consolidatedschedule.approved", _("Consolidated PD schedule approved"))
register_action("planning.consolidatedschedule.assemble", _("Consolidated PD schedule assembled"))
register_action("planning.consolidatedschedule.create", _("Consolidated PD schedule created"))
register_action("planning.individualplan.amend", _("Individual PD plan amended"))
register_action("planning.individualplan.approved", _("Individual PD plan approved"))
register_action("planning.item.add", _("Plan item added"))
register_action("planning.item.remove", _("Plan item removed"))
register_action("planning.item.update", _("Plan item changed"))
register_action("planning.perspective.create", _("Perspective PD plan created"))
register_action("planning.perspective.stage_add", _("Stage of the perspective plan added"))
register_action("planning.perspective.stage_monitor", _("Stage of the perspective plan monitored"))
register_action("planning.perspective.stage_remove", _("Stage of the perspective plan removed"))
register_action("planning.perspective.target_remove", _("Yearly target removed"))
register_action("planning.perspective.target_set", _("Yearly target set"))
register_action("planning.perspective.update", _("Perspective PD plan changed"))
register_action("planning.perspectiveplan.amend", _("Perspective PD plan amended"))
register_action("planning.perspectiveplan.approved", _("Perspective PD plan approved"))
register_action("planning.perspectiveplan.submit", _("Perspective PD plan submitted for approval"))
register_action("planning.plan.create", _("Individual PD plan created"))
register_action("planning.programme.request_submit", _("Request for an internal course submitted"))
register_action("planning.programme.create", _("PD-centre programme created"))
register_action("planning.programme.direction_add", _("Programme direction added"))
register_action("planning.programme.direction_remove", _("Programme direction removed"))
register_action("planning.programme.entry_decide", _("Decision on an applicant taken"))
register_action("planning.programme.listener_add", _("Listener added"))
register_action("planning.programme.listener_remove", _("Listener removed"))
register_action("planning.programme.topic_add", _("Programme topic added"))
register_action("planning.programme.topic_complete", _("Programme topic completed"))
register_action("planning.programme.topic_remove", _("Programme topic removed"))
register_action("planning.programme.trainer_add", _("Lecturer or moderator added"))
register_action("planning.programme.trainer_remove", _("Lecturer or moderator removed"))
register_action("planning.unitschedule.assemble", _("Unit PD schedule assembled"))
register_action("planning.unitschedule.create", _("Unit PD schedule created"))
register_action("planning.unitschedule.minutes", _("Minutes of the unit PD schedule recorded"))
