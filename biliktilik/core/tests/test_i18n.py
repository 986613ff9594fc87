"""The one reader of text kept in three languages (ADR 0003)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import translation

from biliktilik.core.i18n import in_language, language_code

ROUTE = SimpleNamespace(title_kk="Жоспарды бекіту", title_ru="Утверждение плана", title_en="")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("kk", "kk"), ("ru", "ru"), ("en", "en"), ("ru-RU", "ru"), ("EN", "en"), ("de", "kk"), ("", "kk")],
)
def test_language_code(given: str, expected: str) -> None:
    with translation.override("kk"):
        assert language_code(given) == expected


def test_language_code_defaults_to_the_active_language() -> None:
    with translation.override("ru"):
        assert language_code() == "ru"


def test_columns_in_the_language_asked_for() -> None:
    assert in_language(ROUTE, "title", "ru") == "Утверждение плана"
    assert in_language(ROUTE, "title", "kk") == "Жоспарды бекіту"


def test_empty_column_falls_back_to_kazakh() -> None:
    assert in_language(ROUTE, "title", "en") == "Жоспарды бекіту"


def test_unknown_language_falls_back_to_kazakh() -> None:
    assert in_language(ROUTE, "title", "de") == "Жоспарды бекіту"


def test_active_language_by_default() -> None:
    with translation.override("ru"):
        assert in_language(ROUTE, "title") == "Утверждение плана"
    with translation.override("en"):
        assert in_language(ROUTE, "title") == "Жоспарды бекіту"


def test_mapping_keyed_by_language() -> None:
    label = {"kk": "Қысқа", "ru": "Короткий"}
    assert in_language(label, language="ru") == "Короткий"
    assert in_language(label, language="en") == "Қысқа"


def test_mapping_keyed_by_column() -> None:
    row = {"name_kk": "Кафедра", "name_ru": "Кафедра ру", "name_en": "Department"}
    assert in_language(row, "name", "en") == "Department"
    assert in_language({"name_kk": "Кафедра"}, "name", "ru") == "Кафедра"


def test_nothing_to_read_is_empty() -> None:
    assert in_language(None, "title", "kk") == ""
    assert in_language({}, language="ru") == ""
    assert in_language(SimpleNamespace(), "title", "ru") == ""


def test_models_use_the_same_rule() -> None:
    from biliktilik.people.models import Position

    position = Position(name_kk="Профессор", name_ru="", name_en="Professor")
    assert position.name_in("ru") == "Профессор"
    assert position.name_in("en") == "Professor"
    with translation.override("en"):
        assert position.name == "Professor"


def test_titles_use_the_same_rule() -> None:
    from biliktilik.workflows.models import Step

    step = Step(title_kk="Кафедра меңгерушісі", title_ru="Заведующий кафедрой", title_en="")
    with translation.override("ru"):
        assert step.title == "Заведующий кафедрой"
    with translation.override("en"):
        assert step.title == "Кафедра меңгерушісі"
