from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    COLLEGE = "college", _("College")
    PRESCHOOL = "preschool", _("Pre-school organisation")
    PROVIDER = "provider", _("PD provider")
    DISTRICT_OFFICE = "district_office", _("District education office")
    REGIONAL_DEPARTMENT = "regional_department", _("Regional education department")
    AUTHORISED_BODY = "authorised_body", _("Authorised body")


AUTHORITY_KINDS = frozenset(
    {
        OrganisationKind.DISTRICT_OFFICE,
        OrganisationKind.REGIONAL_DEPARTMENT,
        OrganisationKind.AUTHORISED_BODY,
    }
)

# Which kind of authority may stand directly above an organisation of each kind.
ALLOWED_PARENT_KINDS: dict[str, frozenset[str]] = {
    OrganisationKind.AUTHORISED_BODY: frozenset(),
    OrganisationKind.REGIONAL_DEPARTMENT: frozenset({OrganisationKind.AUTHORISED_BODY}),
    OrganisationKind.DISTRICT_OFFICE: frozenset({OrganisationKind.REGIONAL_DEPARTMENT}),
    OrganisationKind.UNIVERSITY: frozenset(AUTHORITY_KINDS),
    OrganisationKind.COLLEGE: frozenset(AUTHORITY_KINDS),
    OrganisationKind.PRESCHOOL: frozenset(AUTHORITY_KINDS),
    OrganisationKind.PROVIDER: frozenset(AUTHORITY_KINDS),
}


class UnitKind(models.TextChoices):
    INSTITUTE = "institute", _("Institute")
    FACULTY = "faculty", _("Faculty")
    DEPARTMENT = "department", _("Department (kafedra)")
    DIVISION = "division", _("Division")
    DIRECTORATE = "directorate", _("Directorate")
    CENTRE = "centre", _("Centre")
    SERVICE = "service", _("Service")
    GROUP = "group", _("Group")


class OfficeKind(models.TextChoices):
    HR = "hr", _("HR service")
    PD_CENTRE = "pd_centre", _("PD centre")
    FINANCE = "finance", _("Finance department")
    LEGAL = "legal", _("Legal department")
    INTERNATIONAL = "international", _("Strategic development and international cooperation office")
    MANAGEMENT_OFFICE = "management_office", _("Management office")
    FIRST_HEAD = "first_head", _("First head (rector)")
    VICE_RECTOR = "vice_rector", _("Vice-rector in charge")
    QUALITY = "quality", _("Quality and internal audit")
