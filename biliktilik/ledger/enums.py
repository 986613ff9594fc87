from django.db import models
from django.utils.translation import gettext_lazy as _


class PDForm(models.TextChoices):
    """Forms of PD (LED-02: KAFU-2025 2; KazNRTU-602 6.1; SKMA-464 6; MOES-1211 10)."""

    COURSE_SHORT = "course_short", _("PD course (short)")
    COURSE_LONG = "course_long", _("PD course (long)")
    SEMINAR = "seminar", _("Seminar")
    MASTER_CLASS = "master_class", _("Master class")
    TRAINING = "training", _("Training")
    INTERNSHIP = "internship", _("Internship")
    INTERNATIONAL = "international", _("International programme / academic mobility")
    DISTANCE = "distance", _("Distance / online programme")
    MOOC = "mooc", _("Open online course")
    CONFERENCE = "conference", _("Conference, forum, school or round table")
    CORPORATE = "corporate", _("Corporate internal training")
    SELF_EDUCATION = "self_education", _("Self-education with e-resources")
    LEADING_UNIVERSITY = "leading_university", _("Programme of another leading university")
    ABROAD_AGREEMENT = "abroad_agreement", _("Programme abroad under an agreement")
    DISSERTATION = "dissertation", _("Candidate or doctoral dissertation defence")
    RETRAINING = "retraining", _("Retraining")
    SECOND_HIGHER = "second_higher", _("Second higher education")
    PROFESSIONAL_INTERNSHIP = "professional_internship", _("Professional internship")
    OTHER = "other", _("Other form (with a justification approved by the unit head)")


class DeliveryMode(models.TextChoices):
    """LED-03 (KAFU-2025 3; PRESCHOOL-RULES 4)."""

    WITHOUT_LEAVE = "without_leave", _("Without leave from work")
    WITH_LEAVE = "with_leave", _("With leave from work, salary kept")
    ABROAD_WITH_LEAVE = "abroad_with_leave", _("Abroad with leave from work (up to 1 year)")
    BLENDED = "blended", _("Blended")


class FundingSource(models.TextChoices):
    """LED-04 (KazNRTU-602 7.6; KAFU-2025 3; PRESCHOOL-RULES 9, 14)."""

    ORGANISATION = "organisation", _("Organisation budget")
    SPONSOR = "sponsor", _("Sponsors")
    OWN = "own", _("Own funds")
    GRANT = "grant", _("International grant")
    TARGET_PROGRAMME = "target_programme", _("Target programme")
    STATE_REPUBLICAN = "state_republican", _("State order (republican budget)")
    STATE_LOCAL = "state_local", _("State order (local budget)")
    OTHER = "other", _("Other lawful sources")
    FREE = "free", _("Free of charge")


class RecordStatus(models.TextChoices):
    """Only verified records count toward a requirement; the others are shown, not counted."""

    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned for correction")


class RecordOrigin(models.TextChoices):
    EMPLOYEE = "employee", _("Entered by the employee")
    HR = "hr", _("Entered by HR or the PD centre")
    IMPORT = "import", _("Imported")
    APPLICATION = "application", _("From an application and order")
    PROVIDER = "provider", _("From a provider's completion")


class Initiative(models.TextChoices):
    """CMP-04: extraordinary PD on management's initiative or the employee's request."""

    PLANNED = "planned", _("Planned")
    MANAGEMENT = "management", _("Extraordinary, on management's initiative")
    EMPLOYEE = "employee", _("Extraordinary, on the employee's request")


class TrainerCategory(models.TextChoices):
    """LED-06 (KAFU-2025 3; PRESCHOOL-RULES 20-21)."""

    PEDAGOGUE = "pedagogue", _("Pedagogue with profile experience")
    INDUSTRY = "industry", _("Industry specialist with at least 3 years")
    UNIVERSITY_FACULTY = "university_faculty", _("Faculty of a university training such specialists")
    FOREIGN_SCIENTIST = "foreign_scientist", _("Invited foreign scientist")


class EvidenceKind(models.TextChoices):
    """LED-05 (KAFU-2025 3; SKMA-464 3.10, 7.8, 7.12; KazNRTU-602 6.1)."""

    CERTIFICATE = "certificate", _("Certificate")
    KUALIK = "kualik", _("Куәлік (completion certificate)")
    DIPLOMA = "diploma", _("Diploma")
    ATTENDANCE_REFERENCE = "attendance_reference", _("Attendance reference")
    CONFERENCE_PROGRAMME = "conference_programme", _("Conference programme")
    PAPER = "paper", _("Paper")
    TRIP_ORDER = "trip_order", _("Business-trip order")
    SUPERVISOR_REVIEW = "supervisor_review", _("Supervisor's review")
    OTHER = "other", _("Other document")


class EvidenceStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")
