"""Setting an organisation's print template: who may, what is checked, the versions kept (SEC-02).

An HTML template must compile as a Django template and render with the document type's sample
context; a .docx must open with docxtpl and render with the sample context, an unknown
placeholder being an error that names it. A new version replaces the active one; the old
versions are kept.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.audit import audit_record
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role

from . import printing
from .models import PrintFormat, PrintTemplate

MAX_HTML = 200_000
MAX_DOCX = 5_000_000

_debug_engine = printing.print_engine(debug=True)


def may_manage_print_templates(user: Any, organisation: Any) -> bool:
    """The HR service of the organisation, or a system administrator (who alone sets the
    installation's defaults, ``organisation`` None)."""
    scope = scope_of(user)
    if scope.everything or scope.has_role(Role.SYSADMIN):
        return True
    return organisation is not None and scope.has_role(Role.HR_OFFICER, organisation_id=organisation.pk)


def _refuse(message: str, field: str = "content", **extra: Any) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.VALIDATION, field=field, extra=extra)


def validate_html(body: str, spec: printing.PrintSpec, language: str, texts: Mapping[str, str]) -> None:
    if len(body) > MAX_HTML:
        raise _refuse(_("The template is too long (at most %(n)s characters).") % {"n": MAX_HTML})
    try:
        template = _debug_engine.from_string(body)
    except TemplateSyntaxError as e:
        info = getattr(e, "template_debug", None) or {}
        raise _refuse(
            _("The template does not compile: line %(line)s: %(message)s")
            % {"line": info.get("line", "?"), "message": info.get("message", str(e))},
            line=info.get("line"),
        ) from e
    try:
        from django.template import Context

        template.render(Context(spec.sample(language, texts)))
    except Exception as e:  # noqa: BLE001 - any failure of an uploaded template is the uploader's
        raise _refuse(_("The template does not print with the sample document: %(message)s") % {"message": e}) from e


_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')")


def validate_docx(content: bytes, spec: printing.PrintSpec, language: str, texts: Mapping[str, str]) -> None:
    import jinja2

    if len(content) > MAX_DOCX:
        raise _refuse(_("The file is too large (at most 5 MB)."))
    try:
        from docxtpl import DocxTemplate

        DocxTemplate(io.BytesIO(content)).get_docx()
    except Exception as e:  # noqa: BLE001 - not a Word document at all
        raise _refuse(_("The file is not a Word document (.docx).")) from e
    try:
        printing.render_docx(content, spec.sample(language, texts))
    except jinja2.UndefinedError as e:
        found = _UNDEFINED.search(str(e))
        name = (found.group(2) or found.group(1)) if found else str(e)
        raise _refuse(
            _("The template uses an unknown placeholder “%(name)s”; see the list of placeholders.") % {"name": name},
            placeholder=name,
        ) from e
    except jinja2.TemplateSyntaxError as e:
        raise _refuse(
            _("The template does not compile: line %(line)s: %(message)s") % {"line": e.lineno, "message": e.message},
            line=e.lineno,
        ) from e
    except Exception as e:  # noqa: BLE001
        raise _refuse(_("The template does not print with the sample document: %(message)s") % {"message": e}) from e


def _clean_texts(texts: Mapping[str, Any] | None, doc_type: str, language: str) -> dict[str, str]:
    if not texts:
        return {}
    if not isinstance(texts, Mapping):
        raise _refuse(_("The texts of the form must be pairs of a key and a text."), field="texts")
    known = printing.default_texts(doc_type, language)
    unknown = sorted(str(k) for k in texts if k not in known)
    if unknown:
        raise _refuse(
            _("Unknown texts of the form: %(keys)s.") % {"keys": ", ".join(unknown)}, field="texts", keys=unknown
        )
    return {str(k): str(v) for k, v in texts.items()}


@transaction.atomic
def print_template_set(
    *,
    actor: Any,
    organisation: Any,
    doc_type: str,
    language: str,
    format: str,  # noqa: A002 - the name of the field
    content: str | bytes,
    texts: Mapping[str, Any] | None = None,
) -> PrintTemplate:
    """Store a new version of the organisation's print template (checked first) and make it the
    active one; the previous active version is kept, inactive."""
    if not may_manage_print_templates(actor, organisation):
        raise ApplicationError(
            _("Only the HR service of the organisation may change its print templates."),
            code=ErrorCode.PERMISSION_DENIED,
        )
    try:
        spec = printing.print_spec(doc_type)
    except LookupError:
        raise _refuse(_("This document type does not print."), field="doc_type") from None
    if language not in printing.LANGUAGES:
        raise _refuse(_("Choose Kazakh or Russian."), field="language")
    if format not in PrintFormat.values:
        raise _refuse(_("Choose HTML or a Word document."), field="format")
    clean = _clean_texts(texts, doc_type, language)
    merged = {**printing.default_texts(doc_type, language), **clean}
    merged["form_code"] = merged["form_code"].replace("{code}", spec.form_code)
    if format == PrintFormat.HTML:
        if isinstance(content, bytes):
            try:
                content = content.decode("utf-8")
            except UnicodeDecodeError:
                raise _refuse(_("The template must be text in UTF-8.")) from None
        if not content.strip() and not clean:
            raise _refuse(_("Paste the HTML template, upload a Word document, or give the texts of the form."))
        validate_html(content or printing.default_body(doc_type, language), spec, language, merged)
    else:
        if isinstance(content, str):
            raise _refuse(_("Upload the Word document (.docx)."))
        validate_docx(content, spec, language, merged)
    rows = PrintTemplate.objects.select_for_update().filter(
        organisation=organisation, doc_type=doc_type, language=language, format=format
    )
    last = rows.aggregate(n=Max("version"))["n"] or 0
    previous = rows.filter(is_active=True).first()
    rows.filter(is_active=True).update(is_active=False)
    row = PrintTemplate(
        organisation=organisation,
        doc_type=doc_type,
        language=language,
        format=format,
        version=last + 1,
        texts=clean,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if format == PrintFormat.HTML:
        row.body = content  # type: ignore[assignment]
    else:
        row.file.save("template.docx", ContentFile(content), save=False)
    row.save()
    audit_record(
        actor=actor,
        action="documents.printtemplate.set",
        obj=row,
        changes={
            "version": (previous.version if previous else None, row.version),
            "texts": (previous.texts if previous else None, clean),
        },
        organisation_id=organisation.pk if organisation is not None else None,
    )
    return row
