"""Entering, changing and showing one PD record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biliktilik.core.errors import ApplicationError
from biliktilik.core.query import query_uuid
from biliktilik.people.models import Person

from .. import selectors, services
from ..forms import EvidenceForm, ReasonForm, RecordForm, TrainerFormSet, add_application_error, trainers_from
from ..models import PDRecord
from ..permissions import (
    can_add_evidence,
    can_approve_justification,
    can_edit_record,
    can_manage_records,
    can_transition,
    can_verify_record,
    is_own,
)
from ._common import Response, _is_manager, _record_or_404

_EVIDENCE_FIELD_MAP = {
    "file": "evidence_file",
    "kind": "evidence_kind",
    "number": "evidence_number",
    "issued_on": "evidence_issued_on",
    "issuer": "evidence_issuer",
}


def _entry_person(request: HttpRequest) -> Person | None:
    """Whose record is entered: the person asked for, nobody yet (HR chooses), or oneself."""
    user: Any = request.user
    person_id = query_uuid(request.GET, "person")
    if person_id:
        person = selectors.person_get(user, public_id=person_id)
        if person is None:
            raise Http404
        return person
    if _is_manager(user):
        return None
    if user.person_id:
        return user.person  # type: ignore[no-any-return]
    raise PermissionDenied


def _save_new_record(user: Any, person: Person | None, form: RecordForm, trainers: BaseFormSet) -> PDRecord:
    """The record and, when one was attached, its document: both are saved, or neither."""
    data = form.cleaned_data
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
    return record


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest) -> Response:
    """Enter a record: the employee for themself, HR for anyone in their organisation."""
    user: Any = request.user
    person = _entry_person(request)
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
        try:
            record = _save_new_record(user, person, form, trainers)
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
