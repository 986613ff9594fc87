"""Printing documents: templates as data, one print function (I18N-01).

A document type declares how it prints with ``register_print``: a context builder (the values a
template sees), the list of its placeholders with a description (shown on the template page),
a sample context (used to check an uploaded .docx) and the printed file name. The template is
the organisation's active ``PrintTemplate`` for the type, language and format, or the default
shipped in ``print_defaults/<doc_type>/layout.html`` (or ``<language>.html`` where a language needs
its own layout) with the fixed wording of the form in
``print_defaults/<doc_type>/texts.json`` (an organisation's row overrides single texts).

``render_document`` builds the context, renders the HTML template and turns it into a PDF with
WeasyPrint (A4 and the font stack are in the templates), or renders the .docx with docxtpl.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine, Library
from django.utils import timezone, translation
from django.utils.functional import Promise

LANGUAGES = ("kk", "ru")
FORMATS = ("html", "docx")
DEFAULTS_DIR = Path(__file__).resolve().parent / "print_defaults"

# The months of a printed date: «01» желтоқсан 2026 ж. / «01» декабря 2026 г.
MONTHS = {
    "kk": ("қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан").split(),
    "ru": ("января февраля марта апреля мая июня июля августа сентября октября ноября декабря").split(),
}
YEAR_MARK = {"kk": "ж.", "ru": "г."}


def formal_date(value: dt.date | dt.datetime | None, language: str) -> str:
    """A date as printed on an approval stamp, in the form's language."""
    if value is None:
        return "«___» __________ 20__"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"«{value:%d}» {MONTHS[language][value.month - 1]} {value.year} {YEAR_MARK[language]}"


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str | Promise


@dataclass(frozen=True)
class PrintSpec:
    """How one document type prints."""

    doc_type: str
    form_code: str  # the number of the form, printed by the default template (e.g. "602-01")
    # (document, language, texts) -> the template's context
    context: Callable[[Any, str, Mapping[str, str]], dict[str, Any]]
    # (language, texts) -> a context with every placeholder, to check an uploaded template
    sample: Callable[[str, Mapping[str, str]], dict[str, Any]]
    placeholders: tuple[Placeholder, ...] = ()
    # (document, language, extension) -> the file name
    filename: Callable[[Any, str, str], str] | None = None
    label: str | Promise = ""
    # The type's owning organisation, read from the document (``document.organisation``).
    organisation_of: Callable[[Any], Any] = lambda document: document.organisation


_specs: dict[str, PrintSpec] = {}


def register_print(spec: PrintSpec) -> PrintSpec:
    _specs[spec.doc_type] = spec
    return spec


def print_spec(doc_type: str) -> PrintSpec:
    try:
        return _specs[doc_type]
    except KeyError:
        raise LookupError(f"{doc_type} does not print.") from None


def print_specs() -> list[PrintSpec]:
    return list(_specs.values())


# --- templates ---------------------------------------------------------------------------------


@cache
def _default_texts_file(doc_type: str) -> dict[str, dict[str, str]]:
    path = DEFAULTS_DIR / doc_type / "texts.json"
    if not path.exists():
        return {}
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def default_texts(doc_type: str, language: str) -> dict[str, str]:
    texts = dict(_default_texts_file(doc_type).get(language, {}))
    texts.setdefault("form_code", print_spec(doc_type).form_code)
    return texts


def default_body(doc_type: str, language: str) -> str:
    """The default layout: ``<language>.html`` where a language needs its own, else the one
    ``layout.html`` of the type, whose wording comes from the texts of the language."""
    own = DEFAULTS_DIR / doc_type / f"{language}.html"
    path = own if own.exists() else DEFAULTS_DIR / doc_type / "layout.html"
    return path.read_text(encoding="utf-8")


def active_template(organisation: Any, doc_type: str, language: str, fmt: str = "html") -> Any:
    """The active template (a ``PrintTemplate``) of the organisation, else the installation's
    (organisation empty), else None: the default file prints."""
    from .models import PrintTemplate

    rows = PrintTemplate.objects.filter(doc_type=doc_type, language=language, format=fmt, is_active=True)
    row = rows.filter(organisation=organisation).first() if organisation is not None else None
    return row or rows.filter(organisation__isnull=True).first()


def texts_for(organisation: Any, doc_type: str, language: str) -> dict[str, str]:
    """The fixed wording of the form: the defaults, then the installation's own texts, then the
    organisation's (of their newest active template of either format)."""
    from .models import PrintTemplate

    texts = default_texts(doc_type, language)
    rows = PrintTemplate.objects.filter(doc_type=doc_type, language=language, is_active=True).order_by(
        "-created_at", "-id"
    )
    owners = [rows.filter(organisation__isnull=True)]
    if organisation is not None:
        owners.append(rows.filter(organisation=organisation))
    for owner in owners:
        row = owner.first()
        if row is not None and row.texts:
            texts.update({str(k): str(v) for k, v in row.texts.items()})
    texts["form_code"] = texts["form_code"].replace("{code}", print_spec(doc_type).form_code)
    return texts


# Tags an uploaded template may not use: they read files or print the server's state.
FORBIDDEN_TAGS = frozenset({"debug", "include", "extends", "load", "ssi"})


def print_engine(*, debug: bool = False) -> Engine:
    """An engine for print templates: the built-in tags and filters without ``FORBIDDEN_TAGS``,
    no loaders (a template is one text). The libraries are copies; Django's are untouched."""
    engine = Engine(autoescape=True, debug=debug, loaders=[])
    libraries = []
    for library in engine.template_builtins:
        own = Library()
        own.tags = {k: v for k, v in library.tags.items() if k not in FORBIDDEN_TAGS}
        own.filters = dict(library.filters)
        libraries.append(own)
    engine.template_builtins = libraries
    return engine


_engine = print_engine()


def html_engine() -> Engine:
    return _engine


def render_html(body: str, context: Mapping[str, Any], language: str) -> str:
    with translation.override(language):
        return html_engine().from_string(body).render(Context(dict(context)))


def docx_jinja_env() -> Any:
    """A strict Jinja environment for .docx templates: an unknown placeholder is an error."""
    import jinja2

    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_docx(content: bytes, context: Mapping[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(content))
    template.render(dict(context), jinja_env=docx_jinja_env())
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def html_to_pdf(html: str) -> bytes:
    """Print templates are uploaded by organisations: only inline ``data:`` resources are
    loaded, never a file of the server or an address of the network."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf() or b"")


@dataclass(frozen=True)
class Printed:
    content: bytes
    filename: str
    content_type: str


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_document(doc: Any, *, language: str, format: str = "pdf", doc_type: str | None = None) -> Printed:  # noqa: A002
    """Print ``doc`` in ``language`` as ``format`` (pdf, html or docx) with the organisation's
    active template or the default one. A .docx needs an uploaded .docx template."""
    from .registry import document_type_of

    if language not in LANGUAGES:
        raise ValueError(f"Unknown print language {language!r}.")
    spec = print_spec(doc_type or document_type_of(doc).code)
    organisation = spec.organisation_of(doc)
    texts = texts_for(organisation, spec.doc_type, language)
    context = spec.context(doc, language, texts)
    name = spec.filename or (lambda d, lang, ext: f"{spec.doc_type}-{lang}.{ext}")
    if format == "docx":
        row = active_template(organisation, spec.doc_type, language, "docx")
        if row is None or not row.file:
            raise LookupError(f"No .docx template for {spec.doc_type} ({language}).")
        with row.file.open("rb") as f:
            content = render_docx(f.read(), context)
        return Printed(content, name(doc, language, "docx"), CONTENT_TYPES["docx"])
    row = active_template(organisation, spec.doc_type, language, "html")
    # A row with texts only (no body) prints the default body with its texts.
    body = row.body if row is not None and row.body else default_body(spec.doc_type, language)
    html = render_html(body, context, language)
    if format == "html":
        return Printed(html.encode(), name(doc, language, "html"), CONTENT_TYPES["html"])
    if format == "pdf":
        return Printed(html_to_pdf(html), name(doc, language, "pdf"), CONTENT_TYPES["pdf"])
    raise ValueError(f"Unknown print format {format!r}.")
