"""The roles a user may hold, and their groups. In ``core`` so that every app, those left of
``accounts`` included, names roles by this enum and never by string literals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    UNIT_HEAD = "unit_head", _("Unit head")
    INSTITUTE_DIRECTOR = "institute_director", _("Institute director")
    HR_OFFICER = "hr_officer", _("HR officer")
    PD_OFFICER = "pd_officer", _("PD-centre officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    FIRST_HEAD = "first_head", _("First head")
    AUDITOR = "auditor", _("Auditor")
    AUTHORITY_OFFICER = "authority_officer", _("Authority officer")
    PROVIDER_ADMIN = "provider_admin", _("Provider administrator")
    TRAINER = "trainer", _("Trainer")
    SYSADMIN = "sysadmin", _("System administrator")


# Roles that see a whole organisation.
ORGANISATION_ROLES = frozenset(
    {
        Role.HR_OFFICER,
        Role.PD_OFFICER,
        Role.FINANCE_OFFICER,
        Role.FIRST_HEAD,
        Role.AUDITOR,
        Role.PROVIDER_ADMIN,
    }
)
# Roles that see a unit and the units below it; the grant must name the unit.
UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.INSTITUTE_DIRECTOR})
# Roles that manage the staff records of their organisation (create, edit, import).
STAFF_MANAGER_ROLES = frozenset({Role.HR_OFFICER})
