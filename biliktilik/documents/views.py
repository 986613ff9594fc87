"""The print templates page: the HR service (or a system administrator) lists the templates of
its organisation per document type and language, downloads the default or the active one,
uploads a replacement and sees the placeholders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError
from biliktilik.core.roles import Role
from biliktilik.org.models import Organisation

from . import printing
from .forms import PrintTemplateForm
from .models import PrintTemplate
from .print_templates import may_manage_print_templates, print_template_set


def _organisation(request: HttpRequest) -> Organisation:
    scope = scope_of(request.user)
    wanted = request.GET.get("org") or request.POST.get("org")
    if wanted:
        try:
            organisation = Organisation.objects.get(public_id=wanted)
        except (Organisation.DoesNotExist, ValidationError):
            raise Http404(_("No such organisation.")) from None
    else:
        own = sorted(scope.organisations_with_role(Role.HR_OFFICER))
        if not own:
            raise PermissionDenied
        organisation = get_object_or_404(Organisation, pk=own[0])
    if not may_manage_print_templates(request.user, organisation):
        raise PermissionDenied
    return organisation


def _spec(doc_type: str, language: str) -> printing.PrintSpec:
    if language not in printing.LANGUAGES:
        raise Http404(_("No such language."))
    try:
        return printing.print_spec(doc_type)
    except LookupError:
        raise Http404(_("No such document type.")) from None


@login_required
def print_template_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if not request.GET.get("org") and scope.everything and not scope.organisations_with_role(Role.HR_OFFICER):
        # A system administrator chooses the organisation first.
        choices = Organisation.objects.order_by("path").only("public_id", "name_kk", "name_ru", "name_en")
        return render(request, "documents/print_templates.html", {"organisation": None, "choices": choices})
    organisation = _organisation(request)
    lines = []
    for spec in printing.print_specs():
        for language in printing.LANGUAGES:
            active = {
                fmt: printing.active_template(organisation, spec.doc_type, language, fmt) for fmt in printing.FORMATS
            }
            lines.append({"spec": spec, "language": language, "html": active["html"], "docx": active["docx"]})
    return render(request, "documents/print_templates.html", {"organisation": organisation, "lines": lines})


@login_required
def print_template_detail(request: HttpRequest, doc_type: str, language: str) -> HttpResponse:
    organisation = _organisation(request)
    spec = _spec(doc_type, language)
    form = PrintTemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = "docx" if upload else "html"
        content: Any = upload.read() if upload else form.cleaned_data["body"]
        try:
            print_template_set(
                actor=request.user,
                organisation=organisation,
                doc_type=doc_type,
                language=language,
                format=fmt,
                content=content,
                texts=form.cleaned_data["texts"],
            )
        except ApplicationError as e:
            field = {"content": "file" if upload else "body"}.get(e.field or "", e.field)
            form.add_error(field if field in form.fields else None, str(e.message))
        else:
            messages.success(request, _("The new print template is in use."))
            return redirect(f"{request.path}?org={organisation.public_id}")
    history = PrintTemplate.objects.filter(organisation=organisation, doc_type=doc_type, language=language)
    return render(
        request,
        "documents/print_template_detail.html",
        {
            "organisation": organisation,
            "spec": spec,
            "language": language,
            "form": form,
            "history": history,
            "texts": printing.texts_for(organisation, doc_type, language),
        },
    )


@login_required
def print_template_download(request: HttpRequest, doc_type: str, language: str, which: str) -> HttpResponse:
    organisation = _organisation(request)
    spec = _spec(doc_type, language)
    if which == "default":
        response = HttpResponse(printing.default_body(spec.doc_type, language), content_type="text/html; charset=utf-8")
        name = f"{doc_type}-{language}-default.html"
    elif which in printing.FORMATS:
        row = printing.active_template(organisation, doc_type, language, which)
        if row is None or (row.organisation_id is not None and row.organisation_id != organisation.pk):
            raise Http404(_("No such template."))
        if which == "docx":
            with row.file.open("rb") as f:
                response = HttpResponse(f.read(), content_type=printing.CONTENT_TYPES["docx"])
        else:
            response = HttpResponse(row.body, content_type="text/html; charset=utf-8")
        name = f"{doc_type}-{language}-v{row.version}.{which}"
    else:
        raise Http404(_("No such template."))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
