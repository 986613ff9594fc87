"""The shared position catalogue and the disciplines, seeded as data."""

from __future__ import annotations

from typing import Any

import pytest

from biliktilik.demo.catalogue import POSITIONS, PROFILES, seed_disciplines, seed_positions
from biliktilik.people.enums import StaffCategory
from biliktilik.people.models import Discipline, Position
from tests.factories import OrganisationFactory

# KazNRTU-602 5.1 (faculty, research staff) and 5.2 (administrative and support staff).
KAZNRTU_602 = {
    "professor": ("Профессор", StaffCategory.FACULTY),
    "associate_professor": ("Қауымдастырылған профессор", StaffCategory.FACULTY),
    "assistant_professor": ("Ассистент-профессор", StaffCategory.FACULTY),
    "senior_lecturer": ("Сениор-лектор", StaffCategory.FACULTY),
    "lecturer": ("Лектор", StaffCategory.FACULTY),
    "tutor": ("Тьютор", StaffCategory.FACULTY),
    "assistant": ("Ассистент", StaffCategory.FACULTY),
    "chief_researcher": ("Бас ғылыми қызметкер", StaffCategory.RESEARCH),
    "leading_researcher": ("Жетекші ғылыми қызметкер", StaffCategory.RESEARCH),
    "senior_researcher": ("Аға ғылыми қызметкер", StaffCategory.RESEARCH),
    "researcher": ("Ғылыми қызметкер", StaffCategory.RESEARCH),
    "junior_researcher": ("Кіші ғылыми қызметкер", StaffCategory.RESEARCH),
    "department_director": ("Департамент директоры", StaffCategory.ADMIN),
    "deputy_department_director": ("Департамент директорының орынбасары", StaffCategory.ADMIN),
    "service_director": ("Қызмет директоры", StaffCategory.ADMIN),
    "centre_head": ("Орталық басшысы", StaffCategory.ADMIN),
    "division_head": ("Бөлім бастығы", StaffCategory.ADMIN),
    "chief_manager": ("Бас менеджер", StaffCategory.ADMIN),
    "manager": ("Менеджер", StaffCategory.ADMIN),
    "chief_specialist": ("Бас маман", StaffCategory.ADMIN),
    "leading_specialist": ("Жетекші маман", StaffCategory.ADMIN),
    "engineer": ("Инженер", StaffCategory.SUPPORT),
    "lab_assistant": ("Зертханашы", StaffCategory.SUPPORT),
}


@pytest.mark.req("PEO-03")
def test_seeds_the_kaznrtu_602_positions(db: Any) -> None:
    created, updated = seed_positions()
    assert (created, updated) == (len(POSITIONS), 0)
    shared = {p.code: p for p in Position.objects.filter(organisation__isnull=True)}
    for code, (name_kk, category) in KAZNRTU_602.items():
        assert (shared[code].name_kk, shared[code].category) == (name_kk, category), code
    # Every position is named in three languages
    assert not Position.objects.filter(name_ru="").exists()
    assert not Position.objects.filter(name_en="").exists()


@pytest.mark.req("PEO-03")
@pytest.mark.parametrize(
    ("code", "is_head", "is_deputy"),
    [
        ("rector", True, False),
        ("vice_rector", False, True),
        ("department_director", True, False),
        ("deputy_department_director", False, True),
        ("head_of_department", True, False),
        ("preschool_head", True, False),
        ("senior_lecturer", False, False),
        ("chief_specialist", False, False),
    ],
    ids=lambda v: str(v),
)
def test_positions_say_whether_they_are_heads_or_deputies(db: Any, code: str, is_head: bool, is_deputy: bool) -> None:
    seed_positions()
    position = Position.objects.get(code=code, organisation__isnull=True)
    assert (position.is_head, position.is_deputy) == (is_head, is_deputy)


@pytest.mark.req("PEO-03")
def test_every_staff_category_has_a_position() -> None:
    assert {spec.category for spec in POSITIONS} == set(StaffCategory.values)


def test_seed_positions_is_idempotent(db: Any) -> None:
    # Given a seeded catalogue
    seed_positions()
    stamps = dict(Position.objects.values_list("code", "updated_at"))
    # When it is seeded again
    result = seed_positions()
    # Then nothing is created or touched
    assert result == (0, 0)
    assert dict(Position.objects.values_list("code", "updated_at")) == stamps
    assert Position.objects.count() == len(POSITIONS)


def test_seed_positions_restores_a_changed_row_and_leaves_organisation_positions_alone(db: Any) -> None:
    seed_positions()
    Position.objects.filter(code="lecturer").update(name_kk="Оқытушы", is_head=True)
    own = Position.objects.create(
        code="lecturer", organisation=OrganisationFactory(), name_kk="Өз лекторы", category=StaffCategory.FACULTY
    )
    assert seed_positions() == (0, 1)
    lecturer = Position.objects.get(code="lecturer", organisation__isnull=True)
    assert (lecturer.name_kk, lecturer.is_head) == ("Лектор", False)
    own.refresh_from_db()
    assert own.name_kk == "Өз лекторы"


def test_seed_positions_accepts_the_model_a_migration_passes(db: Any) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # Given the historical model a data migration receives
    historical = MigrationExecutor(connection).loader.project_state().apps.get_model("people", "Position")
    assert historical is not Position
    # Then the catalogue seeds through it
    assert seed_positions(historical) == (len(POSITIONS), 0)
    assert Position.objects.filter(organisation__isnull=True).count() == len(POSITIONS)


def test_disciplines_carry_their_profile_and_are_idempotent(db: Any) -> None:
    total = sum(len(p.disciplines) for p in PROFILES)
    assert seed_disciplines() == (total, 0)
    assert seed_disciplines() == (0, 0)
    discipline = Discipline.objects.get(code="SE-2")
    assert (discipline.name_kk, discipline.profile_kk, discipline.profile_en) == (
        "Деректер қоры",
        "Программалық инженерия",
        "Software engineering",
    )
    assert not Discipline.objects.filter(profile_ru="").exists()
