"""Pages of the PD ledger. Thin: read through selectors, write through services."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.imports import background_threshold, import_job_create, import_job_get
from biliktilik.core.query import query_choice, query_page, query_uuid
from biliktilik.core.tables.reader import Limits, estimate_rows, read_limited
from biliktilik.org.selectors import organisations_visible_to
from biliktilik.people.models import Person

from . import selectors, services
from .exports import export_response
from .forms import (
    EvidenceForm,
    ImportForm,
    ReasonForm,
    RecordFilterForm,
    RecordForm,
    TrainerFormSet,
    add_application_error,
    trainers_from,
)
from .importing import COLUMNS, JOB_KIND, ImportReport, import_pd_records, template_csv, template_xlsx
from .models import Evidence, PDRecord
from .permissions import (
    can_add_evidence,
    can_approve_justification,
    can_edit_record,
    can_manage_records,
    can_transition,
    can_verify_record,
    is_own,
    managed_organisation_ids,
)

Response = HttpResponse | StreamingHttpResponse


def _page(request: HttpRequest, qs: QuerySet[Any], param: str = "page") -> Page:
    paginator = Paginator(qs, getattr(settings, "BILIKTILIK_PAGE_SIZE", 25))
    return paginator.get_page(query_page(request.GET, param))


def _next_url(request: HttpRequest, default: str) -> str:
    """Where to go after an action: the page it was started from, if it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _is_manager(user: Any) -> bool:
    managed = managed_organisation_ids(user)
    return managed is None or bool(managed)


def _record_or_404(request: HttpRequest, public_id: Any) -> PDRecord:
    record = selectors.record_get(request.user, public_id=public_id)
    if record is None:
        raise Http404
    return record


def _evidence_or_404(request: HttpRequest, public_id: Any) -> Evidence:
    evidence = selectors.evidence_get(request.user, public_id=public_id)
    if evidence is None:
        raise Http404
    return evidence


def _export_or_none(request: HttpRequest, records: QuerySet[PDRecord], filename: str) -> Response | None:
    return export_response(records, query_choice(request.GET, "export", ["csv", "xlsx"]), filename)


def _list_context(request: HttpRequest, records: QuerySet[PDRecord], **extra: Any) -> dict[str, Any]:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return {"page": _page(request, records), "query": query.urlencode(), **extra}


# --- lists --------------------------------------------------------------------------------------


@login_required
def my_records(request: HttpRequest) -> Response:
    """The employee's own PD ("My PD")."""
    user: Any = request.user
    records = selectors.my_records(user)
    exported = _export_or_none(request, records, "my-pd-records")
    if exported is not None:
        return exported
    context = _list_context(
        request,
        records,
        title=_("My PD"),
        person=user.person,
        no_person=not user.person_id,
        can_add=bool(user.person_id) and selectors.own_employers(user).exists(),
        show_person=False,
    )
    return render(request, "ledger/record_list.html", context)


@login_required
def person_records(request: HttpRequest, public_id: Any) -> Response:
    """The PD records of one person, reachable from the person page."""
    person = selectors.person_get(request.user, public_id=public_id)
    if person is None:
        raise Http404
    records = selectors.person_records(request.user, person)
    exported = _export_or_none(request, records, "pd-records")
    if exported is not None:
        return exported
    context = _list_context(
        request,
        records,
        title=_("PD records of %(person)s") % {"person": person.full_name},
        person=person,
        can_add=selectors.entry_organisations(request.user, person).exists(),
        show_person=False,
    )
    return render(request, "ledger/record_list.html", context)


@login_required
def person_card(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The PD part of a personal file (PEO-06), as a card the person page loads with htmx."""
    person = selectors.person_get(request.user, public_id=public_id)
    if person is None:
        raise Http404
    pd_file = selectors.person_file_records(request.user, person)
    return render(request, "ledger/_person_records_card.html", {"pd_file": pd_file})


@login_required
def record_list(request: HttpRequest) -> Response:
    """Every record the user may see, with filters."""
    user: Any = request.user
    filter_form = RecordFilterForm(request.GET or None, organisations=organisations_visible_to(user).order_by("path"))
    filters = selectors.RecordFilters()
    # A filter that is not valid shows its error at the field (400) and no records, never the
    # unfiltered list.
    invalid = filter_form.is_bound and not filter_form.is_valid()
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        organisation = data.get("organisation")
        filters = selectors.RecordFilters(
            organisation_id=organisation.pk if organisation else None,
            status=data.get("status") or "",
            form=data.get("form") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            search=data.get("q") or "",
        )
    records = selectors.record_list(user, filters)
    if invalid:
        records = records.none()
    else:
        exported = _export_or_none(request, records, "pd-records")
        if exported is not None:
            return exported
    context = _list_context(
        request,
        records,
        title=_("PD records"),
        filter_form=filter_form,
        can_add=_is_manager(user),
        show_person=True,
    )
    return render(request, "ledger/record_list.html", context, status=400 if invalid else 200)


@login_required
def queue(request: HttpRequest) -> Response:
    """Records and documents waiting for HR or the PD centre."""
    user: Any = request.user
    if not _is_manager(user):
        raise PermissionDenied
    waiting = selectors.verification_queue(user)
    exported = _export_or_none(request, waiting.records, "pd-records-waiting")
    if exported is not None:
        return exported
    context = {
        "page": _page(request, waiting.records),
        "evidence_page": _page(request, waiting.evidence, "epage"),
        "reason_form": ReasonForm(),
        "in_queue": True,
    }
    return render(request, "ledger/queue.html", context)


# --- entering and changing records --------------------------------------------------------------

_EVIDENCE_FIELD_MAP = {
    "file": "evidence_file",
    "kind": "evidence_kind",
    "number": "evidence_number",
    "issued_on": "evidence_issued_on",
    "issuer": "evidence_issuer",
}


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest) -> Response:
    """Enter a record: the employee for themself, HR for anyone in their organisation."""
    user: Any = request.user
    person_id = query_uuid(request.GET, "person")
    person: Person | None
    if person_id:
        person = selectors.person_get(user, public_id=person_id)
        if person is None:
            raise Http404
    elif _is_manager(user):
        person = None
    elif user.person_id:
        person = user.person
    else:
        raise PermissionDenied
    organisations = (
        selectors.entry_organisations(user, person) if person is not None else selectors.managed_organisations(user)
    )
    if person is not None and not organisations.exists():
        raise PermissionDenied
    own = person is not None and is_own(user, person.pk)
    may_verify = not own and _is_manager(user)
    form = RecordForm(
        request.POST or None,
        request.FILES or None,
        people=selectors.people_for_entry(user) if person is None else None,
        organisations=organisations,
        may_verify=may_verify,
        with_evidence=True,
        with_external_id=may_verify,
    )
    trainers = TrainerFormSet(request.POST or None, prefix="trainers")
    if request.method == "POST" and form.is_valid() and trainers.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                record = services.record_create(
                    actor=user,
                    person=person or data["person"],
                    organisation=data["organisation"],
                    status=data.get("status") or "pending",
                    trainers=trainers_from(trainers),
                    **form.record_values(),
                )
                if data.get("evidence_file"):
                    services.evidence_add(
                        actor=user,
                        record=record,
                        file=data["evidence_file"],
                        kind=data.get("evidence_kind") or "certificate",
                        number=data.get("evidence_number", ""),
                        issued_on=data.get("evidence_issued_on"),
                        issuer=data.get("evidence_issuer", ""),
                    )
        except ApplicationError as exc:
            if exc.field in _EVIDENCE_FIELD_MAP:
                exc.field = _EVIDENCE_FIELD_MAP[exc.field]
            add_application_error(form, exc)
        else:
            messages.success(request, _("The record is saved."))
            return redirect("ledger:record_detail", public_id=record.public_id)
    context = {"form": form, "trainers": trainers, "person": person, "title": _("New PD record")}
    return render(request, "ledger/record_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_update(request: HttpRequest, public_id: Any) -> Response:
    user: Any = request.user
    record = _record_or_404(request, public_id)
    if not can_edit_record(user, record):
        raise PermissionDenied
    manager = can_manage_records(user, record.organisation_id)
    form = RecordForm(
        request.POST or None,
        people=None,
        organisations=None,
        may_verify=False,
        with_evidence=False,
        with_external_id=manager,
        initial=RecordForm.initial_from(record),
    )
    initial_trainers = [{"name": t.name, "category": t.category} for t in record.trainers.all()]
    trainers = TrainerFormSet(request.POST or None, prefix="trainers", initial=initial_trainers)
    if request.method == "POST" and form.is_valid() and trainers.is_valid():
        try:
            with transaction.atomic():
                services.record_update(actor=user, record=record, **form.record_values())
                services.record_set_trainers(actor=user, record=record, trainers=trainers_from(trainers))
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The record is saved."))
            return redirect("ledger:record_detail", public_id=record.public_id)
    context = {"form": form, "trainers": trainers, "person": record.person, "record": record, "title": _("Edit")}
    return render(request, "ledger/record_form.html", context)


def _detail_context(request: HttpRequest, record: PDRecord) -> dict[str, Any]:
    user = request.user
    may_verify = can_verify_record(user, record)
    return {
        "record": record,
        "evidence": list(record.evidence.all()),
        "trainers": list(record.trainers.all()),
        "history": list(selectors.record_history(record)[:50]),
        "counts": selectors.record_counts(record),
        "can_edit": can_edit_record(user, record),
        "can_verify": may_verify and can_transition(record, "verified"),
        "can_return": may_verify and can_transition(record, "returned"),
        "can_verify_evidence": may_verify,
        "can_add_evidence": can_add_evidence(user, record),
        "can_approve": can_approve_justification(user, record),
        "evidence_form": EvidenceForm(),
        "reason_form": ReasonForm(),
    }


@login_required
def record_detail(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    return render(request, "ledger/record_detail.html", _detail_context(request, record))


def _after_record_action(request: HttpRequest, record: PDRecord, error: ApplicationError | None) -> Response:
    if getattr(request, "htmx", False):
        fresh = selectors.record_get(request.user, public_id=record.public_id) or record
        context = {
            "record": fresh,
            "error": error,
            "reason_form": ReasonForm(),
            "can_verify": can_verify_record(request.user, fresh) and can_transition(fresh, "verified"),
            "can_return": can_verify_record(request.user, fresh) and can_transition(fresh, "returned"),
            "next_url": _next_url(request, reverse("ledger:record_detail", args=[fresh.public_id])),
        }
        return render(request, "ledger/_record_actions.html", context, status=error.status if error else 200)
    if error is not None:
        if error.code == ErrorCode.PERMISSION_DENIED:
            raise error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Done."))
    return redirect(_next_url(request, reverse("ledger:record_detail", args=[record.public_id])))


@login_required
@require_POST
def record_verify(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    try:
        services.record_verify(actor=request.user, record=record)
    except ApplicationError as exc:
        return _after_record_action(request, record, exc)
    return _after_record_action(request, record, None)


@login_required
@require_POST
def record_return(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    try:
        services.record_return(actor=request.user, record=record, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        return _after_record_action(request, record, exc)
    return _after_record_action(request, record, None)


@login_required
@require_POST
def record_approve_justification(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    try:
        services.record_approve_justification(actor=request.user, record=record)
    except ApplicationError as exc:
        if exc.code == ErrorCode.PERMISSION_DENIED:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The justification is approved."))
    return redirect("ledger:record_detail", public_id=record.public_id)


# --- evidence -----------------------------------------------------------------------------------


@login_required
@require_POST
def evidence_add(request: HttpRequest, public_id: Any) -> Response:
    record = _record_or_404(request, public_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(
                actor=request.user,
                record=record,
                file=data["file"],
                kind=data["kind"],
                number=data.get("number", ""),
                issued_on=data.get("issued_on"),
                issuer=data.get("issuer", ""),
            )
        except ApplicationError as exc:
            if exc.code == ErrorCode.PERMISSION_DENIED:
                raise
            add_application_error(form, exc)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("ledger:record_detail", public_id=record.public_id)
    context = _detail_context(request, record)
    context["evidence_form"] = form
    return render(request, "ledger/record_detail.html", context, status=400)


@login_required
def evidence_download(request: HttpRequest, public_id: Any) -> Response:
    """The file of a document, to those who may see its record; 404 to everyone else."""
    evidence = _evidence_or_404(request, public_id)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    name = evidence.original_name or (evidence.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(
        handle, as_attachment=True, filename=name, content_type=evidence.content_type or "application/octet-stream"
    )


def _after_evidence_action(request: HttpRequest, evidence: Evidence, error: ApplicationError | None) -> Response:
    if getattr(request, "htmx", False):
        fresh = Evidence.objects.select_related("record", "record__person", "verified_by").get(pk=evidence.pk)
        context = {
            "item": fresh,
            "error": error,
            "can_verify_evidence": can_verify_record(request.user, fresh.record),
            "in_queue": request.POST.get("in_queue") == "1",
            "reason_form": ReasonForm(),
            "next_url": _next_url(request, reverse("ledger:record_detail", args=[fresh.record.public_id])),
        }
        return render(request, "ledger/_evidence_row.html", context, status=error.status if error else 200)
    if error is not None:
        if error.code == ErrorCode.PERMISSION_DENIED:
            raise error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Done."))
    return redirect(_next_url(request, reverse("ledger:record_detail", args=[evidence.record.public_id])))


@login_required
@require_POST
def evidence_accept(request: HttpRequest, public_id: Any) -> Response:
    evidence = _evidence_or_404(request, public_id)
    try:
        services.evidence_accept(actor=request.user, evidence=evidence)
    except ApplicationError as exc:
        return _after_evidence_action(request, evidence, exc)
    return _after_evidence_action(request, evidence, None)


@login_required
@require_POST
def evidence_return(request: HttpRequest, public_id: Any) -> Response:
    evidence = _evidence_or_404(request, public_id)
    try:
        services.evidence_return(actor=request.user, evidence=evidence, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        return _after_evidence_action(request, evidence, exc)
    return _after_evidence_action(request, evidence, None)


# --- import -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_records(request: HttpRequest) -> Response:
    """HR uploads PD history (.xlsx / .csv): all rows are written, or none."""
    user: Any = request.user
    if not _is_manager(user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organisations=selectors.managed_organisations(user))
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        organisation = form.cleaned_data["organisation"]
        filename = upload.name or ""
        try:
            content = read_limited(upload)
            rows = estimate_rows(content, filename)
            if rows > background_threshold() and can_manage_records(user, organisation.pk):
                job = import_job_create(
                    owner=user,
                    kind=JOB_KIND,
                    filename=filename,
                    content=content,
                    rows_total=rows,
                    organisation_id=organisation.pk,
                    options={"dry_run": form.cleaned_data["dry_run"]},
                )
                return redirect("ledger:import_job", public_id=job.public_id)
            report = import_pd_records(
                actor=user,
                organisation=organisation,
                content=content,
                filename=filename,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ApplicationError as exc:
            if exc.code == ErrorCode.PERMISSION_DENIED:
                raise
            add_application_error(form, exc)
    context = {
        "form": form,
        "report": report,
        "columns": COLUMNS,
        "max_rows": Limits.from_settings().max_rows,
        "background_rows": background_threshold(),
    }
    return render(request, "ledger/import.html", context, status=400 if report and report.problems else 200)


@login_required
@require_http_methods(["GET"])
def import_job(request: HttpRequest, public_id: UUID) -> Response:
    """A background PD history import: its progress (htmx polls this view), then its report.
    Only the user who started it, and system administrators, may see it."""
    try:
        job = import_job_get(user=request.user, public_id=public_id, kind=JOB_KIND)
    except ApplicationError as exc:
        raise Http404(str(exc.message)) from exc
    context = {
        "job": job,
        "report": ImportReport.from_json(job.report) if job.report is not None else None,
        "poll_url": reverse("ledger:import_job", kwargs={"public_id": job.public_id}),
        "report_template": "ledger/_import_report.html",
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/_import_job.html", context)
    return render(request, "ledger/import_job.html", context)


@login_required
def import_template(request: HttpRequest, fmt: str) -> Response:
    if not _is_manager(request.user):
        raise PermissionDenied
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pd-records-template.{fmt}"'
    return response
