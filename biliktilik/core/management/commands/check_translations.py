"""Check that every message of the code is in our catalogs, translated into Kazakh and Russian.

``makemessages`` runs on a copy of the sources and of the catalogs, so the committed catalogs
are never touched. Then, for each language, the fresh catalog is compared with the committed one:

* a message found in the code but not in the committed catalog is *missing* (every language,
  English included, so that the catalogs always list every message);
* a Kazakh or Russian message that is empty or fuzzy is *untranslated* or *fuzzy*. An empty
  English message is fine: English falls back to the message id itself.

Exit code 1 with the list of problems, 0 with a summary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

LANGUAGES = ("kk", "ru", "en")
MUST_TRANSLATE = frozenset({"kk", "ru"})
# The same folders ``make messages`` leaves out.
IGNORE_PATTERNS = (".venv", "var", "bench", "node_modules", "test-artifacts")
_SKIPPED_DIRS = frozenset({*IGNORE_PATTERNS, "__pycache__", "htmlcov", "locale", "locale_django"})
_SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt"})
DOMAIN = "django"


@dataclass(frozen=True, order=True)
class Problem:
    language: str
    kind: str  # "missing", "untranslated" or "fuzzy"
    msgid: str
    msgctxt: str = ""

    def __str__(self) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt else ""
        return f"{self.language}: {self.kind}{context}: {self.msgid!r}"


def copy_sources(root: Path, target: Path) -> int:
    """Copy the files ``makemessages`` reads (Python, templates, text), leaving out the virtual
    environment, data folders, hidden folders and catalogs. Returns the number of files copied."""
    copied = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED_DIRS and not d.startswith("."))
        relative = Path(dirpath).relative_to(root)
        for filename in filenames:
            if Path(filename).suffix not in _SOURCE_SUFFIXES:
                continue
            destination = target / relative / filename
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(dirpath) / filename, destination)
            copied += 1
    return copied


def _catalog_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(path: Path) -> polib.POFile:
    return polib.pofile(str(path)) if path.exists() else polib.POFile()


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def compare(*, language: str, committed: polib.POFile, fresh: polib.POFile) -> list[Problem]:
    """The problems of one language: ``fresh`` is what the code needs, ``committed`` what we have."""
    have = {_key(entry): entry for entry in committed if not entry.obsolete}
    problems: list[Problem] = []
    for entry in fresh:
        if entry.obsolete:
            continue
        context, msgid = _key(entry)
        known = have.get((context, msgid))
        if known is None:
            problems.append(Problem(language, "missing", msgid, context))
        elif language in MUST_TRANSLATE and known.fuzzy:
            problems.append(Problem(language, "fuzzy", msgid, context))
        elif language in MUST_TRANSLATE and not known.translated():
            problems.append(Problem(language, "untranslated", msgid, context))
    return problems


def extract(*, root: Path, locale_dir: Path, workdir: Path) -> Path:
    """Run ``makemessages`` over a copy of ``root`` with a copy of ``locale_dir``; return the
    copy's locale folder, holding the fresh catalogs."""
    sources = workdir / "src"
    sources.mkdir()
    copy_sources(root, sources)
    fresh_locale = sources / "locale"
    if locale_dir.is_dir():
        shutil.copytree(locale_dir, fresh_locale)
    else:
        fresh_locale.mkdir()
    with override_settings(LOCALE_PATHS=[str(fresh_locale)]), contextlib.chdir(sources):
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            domain=DOMAIN,
            ignore_patterns=list(IGNORE_PATTERNS),
            no_location=True,
            verbosity=0,
        )
    return fresh_locale


class Command(BaseCommand):
    help = "Check that every message of the code is in locale/ and translated into Kazakh and Russian."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--root",
            default=None,
            help="Folder whose sources are scanned (default: the project folder, settings.BASE_DIR).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(options["root"] or settings.BASE_DIR).resolve()
        locale_dir = Path(settings.LOCALE_PATHS[0]).resolve()
        problems: list[Problem] = []
        counts: dict[str, int] = {}
        with tempfile.TemporaryDirectory(prefix="check-translations-") as workdir:
            fresh_locale = extract(root=root, locale_dir=locale_dir, workdir=Path(workdir))
            for language in LANGUAGES:
                fresh = _load(_catalog_path(fresh_locale, language))
                committed = _load(_catalog_path(locale_dir, language))
                counts[language] = sum(1 for entry in fresh if not entry.obsolete)
                problems += compare(language=language, committed=committed, fresh=fresh)
        if problems:
            for problem in sorted(problems):
                self.stdout.write(str(problem))
            by_kind: dict[str, int] = {}
            for problem in problems:
                by_kind[problem.kind] = by_kind.get(problem.kind, 0) + 1
            summary = ", ".join(f"{n} {kind}" for kind, n in sorted(by_kind.items()))
            raise CommandError(f"Translations are incomplete: {summary} (catalogs in {locale_dir}).", returncode=1)
        total = max(counts.values(), default=0)
        self.stdout.write(
            f"Translations complete: {total} messages, all in the catalogs; "
            + ", ".join(sorted(MUST_TRANSLATE))
            + " fully translated."
        )
