from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StaffCategory(models.TextChoices):
    # The staff category (ПОҚ / ППС), not the unit kind "faculty" (факультет): its own context.
    FACULTY = "faculty", pgettext_lazy("staff category", "Faculty")
    RESEARCH = "research", _("Research staff")
    ADMIN = "admin", _("Administrative staff")
    SUPPORT = "support", _("Academic support staff")
    SERVICE = "service", _("Service staff")
    COLLEGE_FACULTY = "college_faculty", _("College faculty")
    PRESCHOOL_HEAD = "preschool_head", _("Pre-school head")
    PRESCHOOL_METHODOLOGIST = "preschool_methodologist", _("Pre-school methodologist")
    PRESCHOOL_TEACHER = "preschool_teacher", _("Pre-school teacher")


class EmploymentEndReason(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntary resignation")
    TERM_ENDED = "term_ended", _("End of the competition term")
    TRANSFER = "transfer", _("Transfer within the organisation")
    EMPLOYER_INITIATIVE = "employer", _("Dismissal on the employer's initiative")
    RETIREMENT = "retirement", _("Retirement")
    AGREEMENT = "agreement", _("By agreement of the parties")
    OTHER = "other", _("Other")


class DegreeKind(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate of sciences")
    DOCTOR = "doctor", _("Doctor of sciences")
    PHD = "phd", _("PhD")
    DOCTOR_PROFILE = "doctor_profile", _("Doctor by profile")
    MASTER = "master", _("Master")


class AcademicTitle(models.TextChoices):
    NONE = "", _("No academic title")
    ASSOCIATE_PROFESSOR = "associate_professor", _("Associate professor (docent)")
    PROFESSOR = "professor", _("Professor")


class PedagogueCategory(models.TextChoices):
    PEDAGOGUE = "pedagogue", _("Pedagogue")
    MODERATOR = "moderator", _("Pedagogue-moderator")
    EXPERT = "expert", _("Pedagogue-expert")
    RESEARCHER = "researcher", _("Pedagogue-researcher")
    MASTER = "master", _("Pedagogue-master")


class Sex(models.TextChoices):
    UNKNOWN = "", _("Not stated")
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class ReadChannel(models.TextChoices):
    """Where a full IIN was shown (SEC-03)."""

    PAGE = "page", _("Page")
    API = "api", _("API")
    EXPORT = "export", _("Export")
