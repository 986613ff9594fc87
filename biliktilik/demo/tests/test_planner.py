"""The in-memory plan: sizes, names and the staff mix."""

from __future__ import annotations

from collections import Counter

import pytest

from biliktilik.demo.names import KAZAKH_SURNAMES, female_surname, kazakh_patronymic, latin, person_name
from biliktilik.demo.planner import _largest_remainder, build_plan, fixed_slots, staff_slots
from biliktilik.demo.structure import ORGANISATIONS, walk_units


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [1, 1], [5, 5]),
        (7, [1, 1], [4, 3]),
        (10, [42, 24, 14], [5, 3, 2]),
        (0, [3, 1], [0, 0]),
        (3, [], []),
    ],
    ids=["even", "remainder-to-first", "weights", "nothing", "no-weights"],
)
def test_largest_remainder(total: int, weights: list[float], expected: list[int]) -> None:
    assert _largest_remainder(total, weights) == expected


@pytest.mark.parametrize("staff", [1, 119, 400, 5000], ids=["tiny", "posts-only", "default", "large"])
def test_staff_count_is_the_size_asked_or_the_posts(staff: int) -> None:
    assert len(staff_slots(staff)) == max(staff, len(fixed_slots()))


def test_spread_follows_the_organisation_weights() -> None:
    slots = staff_slots(10_000)
    per_org = Counter(slot.org for slot in slots)
    assert per_org.most_common(1)[0][0] == "tech"
    assert per_org["tech"] > per_org["medical"] > per_org["free"] > per_org["college"]


def test_every_post_login_and_unit_code_is_unique() -> None:
    logins = [slot.login for slot in fixed_slots() if slot.login]
    assert len(logins) == len(set(logins)) == 12
    for org in ORGANISATIONS:
        codes = [unit.code for unit, _parent in walk_units(org.units)]
        assert len(codes) == len(set(codes)), org.key


@pytest.mark.parametrize(
    ("male", "female"),
    [("Әбілқасымов", "Әбілқасымова"), ("Ғабдуллин", "Ғабдуллина"), ("Сәрсенұлы", "Сәрсенқызы"), ("Ким", "Ким"),
     ("Шевченко", "Шевченко")],
    ids=["ov", "in", "uly", "korean", "ukrainian"],
)  # fmt: skip
def test_female_surname(male: str, female: str) -> None:
    assert female_surname(male) == female


@pytest.mark.parametrize(
    ("female", "russian", "expected"),
    [(False, False, "Серікұлы"), (True, False, "Серікқызы"), (False, True, "Серікович"), (True, True, "Серіковна")],
    ids=["uly", "qyzy", "ovich", "ovna"],
)
def test_kazakh_patronymic(female: bool, russian: bool, expected: str) -> None:
    assert kazakh_patronymic("Серік", female=female, russian_pattern=russian) == expected


def test_latin_spelling_for_email() -> None:
    assert latin("Құдайбергенова") == "qudaibergenova"
    assert latin("Шаһизада") == "shahizada"
    assert latin("Фёдоров") == "fedorov"


def test_names_are_drawn_from_kazakh_and_russian_lists() -> None:
    import random

    rng = random.Random(1)  # noqa: S311
    names = [person_name(rng, female=False) for _ in range(300)]
    assert any(last in KAZAKH_SURNAMES for last, _f, _m in names)
    assert any(middle.endswith("ович") for _l, _f, middle in names)


def test_plan_iins_are_unique_even_when_large() -> None:
    plan = build_plan(3000)
    iins = [p.iin for p in plan.people]
    assert len(iins) == len(set(iins)) == 3000 + plan.former + plan.alumni
