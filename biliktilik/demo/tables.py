"""The tables the planner draws from: who teaches, ages, shares of women, degrees, categories
and the reasons a job ends. Plain data, kept apart from the drawing logic in ``planner``."""

from __future__ import annotations

from biliktilik.org.enums import OrganisationKind
from biliktilik.people.enums import DegreeKind, EmploymentEndReason, PedagogueCategory, StaffCategory

# Positions that teach disciplines (their teaching assignments make the "profile", PEO-04).
TEACHING_POSITIONS = frozenset(
    {
        "institute_director",
        "dean",
        "head_of_department",
        "professor",
        "associate_professor",
        "assistant_professor",
        "senior_lecturer",
        "lecturer",
        "tutor",
        "assistant",
        "college_teacher",
        "trainer",
    }
)
# Staff categories that hold a pedagogue qualification category (PEO-05).
PEDAGOGUE_CATEGORIES = frozenset(
    {
        StaffCategory.COLLEGE_FACULTY,
        StaffCategory.PRESCHOOL_HEAD,
        StaffCategory.PRESCHOOL_METHODOLOGIST,
        StaffCategory.PRESCHOOL_TEACHER,
    }
)
UNIVERSITY_KINDS = frozenset({OrganisationKind.UNIVERSITY})
# Staff hired by competition for a term (KazNRTU-602 5, 10).
COMPETITION_CATEGORIES = (StaffCategory.FACULTY, StaffCategory.RESEARCH)

# Youngest and oldest age for a position; the rest use DEFAULT_AGES.
AGES: dict[str, tuple[int, int]] = {
    "rector": (50, 68),
    "vice_rector": (42, 65),
    "head_of_management_office": (40, 62),
    "director": (40, 63),
    "deputy_director": (35, 62),
    "institute_director": (42, 66),
    "dean": (42, 66),
    "head_of_department": (38, 66),
    "professor": (45, 72),
    "associate_professor": (35, 66),
    "assistant_professor": (30, 58),
    "senior_lecturer": (28, 62),
    "lecturer": (25, 58),
    "tutor": (23, 35),
    "assistant": (23, 35),
    "chief_researcher": (45, 70),
    "leading_researcher": (38, 66),
    "senior_researcher": (30, 62),
    "researcher": (25, 58),
    "junior_researcher": (23, 35),
    "department_director": (35, 62),
    "service_director": (35, 62),
    "centre_head": (33, 62),
    "division_head": (32, 62),
    "preschool_head": (35, 60),
    "trainer": (30, 60),
}
DEFAULT_AGES = (23, 60)
# Share of women by staff category (education in Kazakhstan is mostly staffed by women).
FEMALE_SHARE: dict[str, float] = {
    StaffCategory.FACULTY: 0.62,
    StaffCategory.RESEARCH: 0.5,
    StaffCategory.ADMIN: 0.64,
    StaffCategory.SUPPORT: 0.7,
    StaffCategory.SERVICE: 0.45,
    StaffCategory.COLLEGE_FACULTY: 0.72,
    StaffCategory.PRESCHOOL_HEAD: 0.95,
    StaffCategory.PRESCHOOL_METHODOLOGIST: 0.95,
    StaffCategory.PRESCHOOL_TEACHER: 0.97,
}
DEGREE_PREFIX: dict[str, str] = {
    DegreeKind.CANDIDATE: "ҒК",
    DegreeKind.DOCTOR: "ҒД",
    DegreeKind.PHD: "PhD",
    DegreeKind.DOCTOR_PROFILE: "БД",
    DegreeKind.MASTER: "ЖМ",
}
# Which degrees a position's holder may have: (kind, weight); "" means none.
DEGREES: dict[str, tuple[tuple[str, float], ...]] = {
    "rector": ((DegreeKind.DOCTOR, 6), (DegreeKind.PHD, 3), (DegreeKind.CANDIDATE, 1)),
    "vice_rector": ((DegreeKind.DOCTOR, 3), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 3)),
    "institute_director": ((DegreeKind.DOCTOR, 3), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 3)),
    "dean": ((DegreeKind.DOCTOR, 3), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 3)),
    "head_of_department": ((DegreeKind.DOCTOR, 2), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 4)),
    "professor": ((DegreeKind.DOCTOR, 5), (DegreeKind.PHD, 4), (DegreeKind.CANDIDATE, 1)),
    "associate_professor": ((DegreeKind.CANDIDATE, 5), (DegreeKind.PHD, 5)),
    "assistant_professor": ((DegreeKind.PHD, 8), (DegreeKind.DOCTOR_PROFILE, 1), (DegreeKind.MASTER, 1)),
    "senior_lecturer": ((DegreeKind.MASTER, 7), (DegreeKind.PHD, 2), ("", 1)),
    "lecturer": ((DegreeKind.MASTER, 8), ("", 2)),
    "tutor": ((DegreeKind.MASTER, 5), ("", 5)),
    "assistant": ((DegreeKind.MASTER, 5), ("", 5)),
    "chief_researcher": ((DegreeKind.DOCTOR, 6), (DegreeKind.PHD, 4)),
    "leading_researcher": ((DegreeKind.CANDIDATE, 5), (DegreeKind.PHD, 5)),
    "senior_researcher": ((DegreeKind.CANDIDATE, 3), (DegreeKind.PHD, 4), (DegreeKind.MASTER, 3)),
    "researcher": ((DegreeKind.MASTER, 6), (DegreeKind.PHD, 2), ("", 2)),
    "junior_researcher": ((DegreeKind.MASTER, 6), ("", 4)),
    "trainer": ((DegreeKind.MASTER, 5), (DegreeKind.CANDIDATE, 2), (DegreeKind.PHD, 1), ("", 2)),
}
ORG_FIELD = {
    "tech": "техника ғылымдары",
    "medical": "медицина ғылымдары",
    "free": "экономика және гуманитарлық ғылымдар",
    "provider": "педагогика ғылымдары",
}
PEDAGOGUE_WEIGHTS = (
    (PedagogueCategory.PEDAGOGUE, 25),
    (PedagogueCategory.MODERATOR, 30),
    (PedagogueCategory.EXPERT, 25),
    (PedagogueCategory.RESEARCHER, 15),
    (PedagogueCategory.MASTER, 5),
)
# Why an earlier job ended; "term ended" is added for staff hired by competition.
PAST_END_REASONS = (
    EmploymentEndReason.VOLUNTARY,
    EmploymentEndReason.AGREEMENT,
    EmploymentEndReason.EMPLOYER_INITIATIVE,
    EmploymentEndReason.OTHER,
)
FORMER_END_REASONS = (
    EmploymentEndReason.VOLUNTARY,
    EmploymentEndReason.RETIREMENT,
    EmploymentEndReason.TERM_ENDED,
    EmploymentEndReason.AGREEMENT,
)
