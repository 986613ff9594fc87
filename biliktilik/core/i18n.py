"""Text kept in the three languages of the interface, read in one of them (ADR 0003).

Translated text is kept in three columns (``name_kk``, ``name_ru``, ``name_en``; ``title_*``, ...)
or in a mapping of languages (``{"kk": ..., "ru": ..., "en": ...}``, as in rule parameters and
notification parameters). ``in_language`` reads either in the language asked for, the active one
by default, and falls back to Kazakh when that one is empty: Kazakh is required and first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language

LANGUAGES = ("kk", "ru", "en")
FALLBACK_LANGUAGE = "kk"


def language_code(language: str | None = None) -> str:
    """The interface language ``language`` names (``"ru-RU"`` is ``"ru"``), the active one by
    default; Kazakh for a language the interface does not have."""
    code = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0].split("_")[0].lower()[:2]
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


def in_language(source: Any, prefix: str = "", language: str | None = None) -> str:
    """The text of ``source`` in ``language`` (the active language by default), or its Kazakh text
    when that one is empty; ``""`` when there is neither.

    ``source`` is an object with the columns ``<prefix>_kk``, ``<prefix>_ru``, ``<prefix>_en``
    (``in_language(route, "title")``), or a mapping: keyed by language without a prefix
    (``in_language({"kk": "Жоспар", "ru": "План"})``), by ``<prefix>_<language>`` with one.
    """
    if source is None:
        return ""

    def read(code: str) -> Any:
        key = f"{prefix}_{code}" if prefix else code
        if isinstance(source, Mapping):
            return source.get(key)
        return getattr(source, key, None)

    value = read(language_code(language)) or read(FALLBACK_LANGUAGE)
    return "" if value is None else str(value)
