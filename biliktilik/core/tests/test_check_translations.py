"""The translation check: finds messages missing from the catalogs, untranslated or fuzzy."""

from __future__ import annotations

import io
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "en": "nplurals=2; plural=(n != 1);",
}

CODE = """from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


def messages(n):
    return [_("Staff directory"), pgettext("verb", "Open"), ngettext("%(n)s person", "%(n)s people", n)]
"""
TEMPLATE = '{% load i18n %}<h1>{% translate "Organisations" %}</h1>\n'
IGNORED_CODE = 'from django.utils.translation import gettext as _\n\nVALUE = _("Inside the virtual environment")\n'

# Complete catalogs for the project above: language -> [(msgctxt, msgid, msgid_plural, msgstr or plural forms)]
COMPLETE = {
    "kk": [
        ("", "Staff directory", "", "Қызметкерлер анықтамалығы"),
        ("verb", "Open", "", "Ашу"),
        ("", "%(n)s person", "%(n)s people", ["%(n)s адам", "%(n)s адам"]),
        ("", "Organisations", "", "Ұйымдар"),
    ],
    "ru": [
        ("", "Staff directory", "", "Справочник сотрудников"),
        ("verb", "Open", "", "Открыть"),
        ("", "%(n)s person", "%(n)s people", ["%(n)s человек", "%(n)s человека", "%(n)s человек"]),
        ("", "Organisations", "", "Организации"),
    ],
    "en": [
        ("", "Staff directory", "", ""),
        ("verb", "Open", "", ""),
        ("", "%(n)s person", "%(n)s people", ["", ""]),
        ("", "Organisations", "", ""),
    ],
}


def write_catalog(path: Path, language: str, entries, *, fuzzy: set[str] | frozenset[str] = frozenset()) -> None:
    catalog = polib.POFile()
    catalog.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": language,
        "Plural-Forms": PLURAL_FORMS[language],
    }
    for context, msgid, plural, translation in entries:
        entry = polib.POEntry(msgid=msgid, msgctxt=context or None)
        if plural:
            entry.msgid_plural = plural
            entry.msgstr_plural = dict(enumerate(translation))
        else:
            entry.msgstr = translation
        if msgid in fuzzy:
            entry.flags.append("fuzzy")
        catalog.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))


@pytest.fixture
def project(tmp_path, settings):
    """A tiny project: one module, one template, a virtual environment to ignore, complete catalogs."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(CODE, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "lib" / "package.py").write_text(IGNORED_CODE, encoding="utf-8")
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "upload.py").write_text(IGNORED_CODE, encoding="utf-8")
    for language, entries in COMPLETE.items():
        write_catalog(catalog_path(tmp_path, language), language, entries)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return tmp_path


def catalog_path(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def run_check(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    try:
        call_command("check_translations", root=str(root), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue().splitlines()
    return 0, out.getvalue().splitlines()


def test_complete_catalogs_pass_with_a_summary(project):
    # given complete kk and ru catalogs and an English catalog with empty messages
    # when
    code, lines = run_check(project)
    # then
    assert code == 0
    assert lines == ["Translations complete: 4 messages, all in the catalogs; kk, ru fully translated."]


def test_the_committed_catalogs_are_left_untouched(project):
    # given catalogs that lack a message of the code
    write_catalog(catalog_path(project, "kk"), "kk", COMPLETE["kk"][:3])
    before = {lang: catalog_path(project, lang).read_bytes() for lang in COMPLETE}
    # when
    code, _ = run_check(project)
    # then
    assert code == 1
    assert {lang: catalog_path(project, lang).read_bytes() for lang in COMPLETE} == before
    assert sorted(p.name for p in (project / "locale" / "kk" / "LC_MESSAGES").iterdir()) == ["django.po"]


def test_a_message_of_the_code_missing_from_every_catalog_is_reported_per_language(project):
    # given a new message in a template that no catalog has yet
    (project / "templates" / "new.html").write_text('{% load i18n %}{% translate "Certificates" %}', encoding="utf-8")
    # when
    code, lines = run_check(project)
    # then
    assert code == 1
    assert lines == [
        "en: missing: 'Certificates'",
        "kk: missing: 'Certificates'",
        "ru: missing: 'Certificates'",
    ]


@pytest.mark.parametrize(
    ("language", "index", "expected"),
    [
        pytest.param("kk", 0, "kk: untranslated: 'Staff directory'", id="kk-empty"),
        pytest.param("ru", 3, "ru: untranslated: 'Organisations'", id="ru-empty"),
        pytest.param("ru", 1, "ru: untranslated [verb]: 'Open'", id="ru-empty-with-context"),
    ],
)
def test_an_empty_kazakh_or_russian_message_is_reported(project, language, index, expected):
    # given one message without a translation
    entries = list(COMPLETE[language])
    context, msgid, plural, _ = entries[index]
    entries[index] = (context, msgid, plural, "")
    write_catalog(catalog_path(project, language), language, entries)
    # when
    code, lines = run_check(project)
    # then
    assert code == 1
    assert lines == [expected]


def test_a_fuzzy_message_is_reported(project):
    # given a Russian message marked fuzzy
    write_catalog(catalog_path(project, "ru"), "ru", COMPLETE["ru"], fuzzy={"Organisations"})
    # when
    code, lines = run_check(project)
    # then
    assert code == 1
    assert lines == ["ru: fuzzy: 'Organisations'"]


def test_a_plural_message_missing_one_russian_form_is_untranslated(project):
    # given the Russian plural with only two of its three forms
    entries = list(COMPLETE["ru"])
    entries[2] = ("", "%(n)s person", "%(n)s people", ["%(n)s человек", "%(n)s человека", ""])
    write_catalog(catalog_path(project, "ru"), "ru", entries)
    # when
    code, lines = run_check(project)
    # then
    assert code == 1
    assert lines == ["ru: untranslated: '%(n)s person'"]


def test_a_missing_catalog_reports_every_message(project):
    # given no Russian catalog at all
    catalog_path(project, "ru").unlink()
    # when
    code, lines = run_check(project)
    # then
    assert code == 1
    assert lines == [
        "ru: missing: '%(n)s person'",
        "ru: missing [verb]: 'Open'",
        "ru: missing: 'Organisations'",
        "ru: missing: 'Staff directory'",
    ]
