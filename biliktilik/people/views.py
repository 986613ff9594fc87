"""Pages of people: the staff directory, the personal file and the HR forms that change it.

Views are thin: they read through ``people.selectors`` and write through ``people.services``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biliktilik.core.access import scope_of
from biliktilik.core.audit import action_label
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.core.query import query_page
from biliktilik.org.selectors import organisation_tree, units_visible_to

from . import privacy, selectors, services
from .enums import ReadChannel
from .forms import DirectoryFilterForm, EmploymentCreateForm, EmploymentEndForm, PersonForm, ReadLogFilterForm
from .models import Employment, Person


def _show_application_error(form: Form, error: ApplicationError) -> None:
    """Put a service's refusal next to the field it names; a permission refusal stays a 403."""
    if error.code == ErrorCode.PERMISSION_DENIED:
        raise error
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


# --- the staff directory ------------------------------------------------------------------------


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """Current employments the user may see, searchable and filtered, one page at a time."""
    user = request.user
    organisations = organisation_tree(user)
    chosen = {str(o.public_id): o for o in organisations}.get(request.GET.get("organisation", ""))
    units_qs = units_visible_to(user).order_by("organisation__path", "path")
    if chosen is not None:
        units_qs = units_qs.filter(organisation=chosen)
    form = DirectoryFilterForm(
        request.GET,
        organisations=organisations,
        units=list(units_qs),
        positions=list(selectors.positions_visible_to(user)),
    )
    # A wrong filter shows its error at the field and nobody (400; 200 for htmx, which swaps
    # only successful answers), never the unfiltered list.
    valid = form.is_valid()
    organisation, unit, position = (form.valid_value(n) for n in ("organisation", "unit", "position"))
    filters = selectors.DirectoryFilters(
        search=form.valid_value("q") or "",
        organisation_id=organisation.pk if organisation else None,
        unit_id=unit.pk if unit else None,
        include_subunits=not form.valid_value("only_unit"),
        category=form.valid_value("category") or "",
        position_id=position.pk if position else None,
        current_only=not form.valid_value("former"),
    )
    staff = selectors.staff_directory(user, filters)
    paginator = Paginator(staff if valid else staff.none(), settings.BILIKTILIK_PAGE_SIZE)
    page = paginator.get_page(query_page(request.GET))
    scope = scope_of(user)
    context = {
        "form": form,
        "page": page,
        "include_former": not filters.current_only,
        "today": timezone.localdate(),
        "may_import": scope.has_role(*selectors.STAFF_EDITOR_ROLES),
    }
    target = request.htmx.target if getattr(request, "htmx", False) else None  # type: ignore[attr-defined]
    template = {
        "directory-results": "people/_directory_results.html",
        "directory": "people/_directory.html",
    }.get(target or "", "people/directory.html")
    return render(request, template, context, status=200 if valid or target else 400)


# --- the personal file --------------------------------------------------------------------------


@dataclass
class HistoryChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    event: AuditEvent
    action: str
    subject: str
    actor: str
    changes: list[HistoryChange] = field(default_factory=list)


_MODELS: dict[str, type[models.Model]] = {
    Person._meta.label_lower: Person,
    Employment._meta.label_lower: Employment,
}


def _history_value(model_field: Any, name: str, value: Any, labels: dict[tuple[str, int], str]) -> str:
    """A stored audit value as a reader sees it: choices by their label, dates as dd.mm.yyyy,
    date-times in local time, booleans as Yes/No and other rows by their name, never their id."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int) and (name, value) in labels:
        return labels[(name, value)]
    if model_field is not None and getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        try:
            return date_format(dt.date.fromisoformat(value[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(model_field, models.ForeignKey):
        # A row the reference labels do not cover: by its name, or "(removed)" once deleted.
        row = model_field.related_model._default_manager.filter(pk=value).first()
        return str(row) if row is not None else _("(removed)")
    if name == "iin" and isinstance(value, str):
        return privacy.mask_iin(value)
    return str(value)


def _actor_name(event: AuditEvent) -> str:
    """Who did it, as a short name ("Коваленко П.А."); the login when the user has no person."""
    actor = event.actor
    if actor is None:
        return _("the system")
    person = getattr(actor, "person", None)
    return person.short_name if person is not None else actor.get_username()


def _history(person: Person, *, full_iin: bool) -> list[HistoryEntry]:
    events = selectors.person_history(person)
    labels = selectors.audit_reference_labels(events)
    entries = []
    for event in events:
        model = _MODELS.get(event.object_type)
        entry = HistoryEntry(
            event=event,
            action=action_label(event.action, model=model),
            subject="" if model is Person else event.object_repr,
            actor=_actor_name(event),
        )
        for name, old, new in event.changed_fields():
            if name in {"person", "search_name"}:
                continue
            try:
                model_field: Any = model._meta.get_field(name) if model else None
            except Exception:  # noqa: BLE001 - a field since removed from the model
                model_field = None
            label = str(model_field.verbose_name) if model_field is not None else name
            if name == "iin" and full_iin:
                old_text, new_text = old or "—", new or "—"
            else:
                old_text = _history_value(model_field, name, old, labels)
                new_text = _history_value(model_field, name, new, labels)
            entry.changes.append(HistoryChange(label=label[:1].upper() + label[1:], old=old_text, new=new_text))
        entries.append(entry)
    return entries


def _person_or_404(request: HttpRequest, public_id: Any) -> Person:
    person = selectors.person_file(request.user, public_id=public_id)
    if person is None:
        raise Http404(_("No such person, or you may not see them."))
    return person


@login_required
def person_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The personal file (PEO-06): data, employments, degrees, categories, teaching, alumni
    records and, for HR, auditors and the system administrator, the change history."""
    user = request.user
    person = _person_or_404(request, public_id)
    today = timezone.localdate()
    employments = list(person.employments.all())
    # The full IIN is logged (SEC-03) unless the person reads their own file.
    iin = privacy.iin_for(user, person, where=ReadChannel.PAGE, source=request.path)
    full_iin = bool(iin) and iin == person.iin
    show_history = selectors.person_history_visible(user, person)
    editable_orgs = selectors.staff_editor_organisation_ids(user)
    context = {
        "person": person,
        "iin": iin,
        "iin_masked": not full_iin,
        "current_employments": [e for e in employments if e.is_current(today)],
        "past_employments": [e for e in employments if not e.is_current(today)],
        "editable_employment_ids": {
            e.pk for e in employments if editable_orgs is None or e.organisation_id in editable_orgs
        },
        "teaching": list(person.teaching.all()),
        "degrees": list(person.degrees.all()),
        "categories": list(person.qualification_categories.all()),
        "graduations": list(person.graduations.all()),
        "may_edit": selectors.person_editable_by(user, person),
        "may_add_employment": selectors.may_edit_some_staff(user),
        "show_history": show_history,
        "history": _history(person, full_iin=full_iin) if show_history else [],
        "today": today,
    }
    return render(request, "people/person_detail.html", context)


# --- HR forms -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, public_id: Any) -> HttpResponse:
    person = _person_or_404(request, public_id)
    if not selectors.person_editable_by(request.user, person):
        raise PermissionDenied(_("You may not change this person's record."))
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                services.person_update(actor=request.user, person=person, **form.service_data())
            except ApplicationError as error:
                _show_application_error(form, error)
            else:
                messages.success(request, _("The personal data were saved."))
                return redirect("people:person_detail", public_id=person.public_id)
    else:
        initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
        # The form holds the IIN in full for an editor (who may see it): a logged read.
        initial["iin"] = privacy.iin_for(request.user, person, where=ReadChannel.PAGE, source=request.path)
        form = PersonForm(initial=initial)
    return render(request, "people/person_form.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def employment_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    person = _person_or_404(request, public_id)
    user = request.user
    if not selectors.may_edit_some_staff(user):
        raise PermissionDenied(_("You may not change staff records."))
    choices = {
        "organisations": selectors.organisations_for_staff_editing(user),
        "units": selectors.units_for_staff_editing(user),
        "positions": selectors.positions_for_staff_editing(user),
    }
    if request.method == "POST":
        form = EmploymentCreateForm(request.POST, **choices)
        if form.is_valid():
            try:
                services.employment_create(actor=user, person=person, **form.service_data())
            except ApplicationError as error:
                _show_application_error(form, error)
            else:
                messages.success(request, _("The employment was added."))
                return redirect("people:person_detail", public_id=person.public_id)
    else:
        form = EmploymentCreateForm(initial={"start_date": timezone.localdate()}, **choices)
    return render(request, "people/employment_form.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def employment_end(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = request.user
    employment = selectors.employment_get(user, public_id=public_id)
    if employment is None:
        raise Http404(_("No such employment, or you may not see it."))
    if not services.can_edit_staff(user, employment.organisation_id):
        raise PermissionDenied(_("You may not change the staff records of this organisation."))
    if request.method == "POST":
        form = EmploymentEndForm(request.POST)
        if form.is_valid():
            try:
                services.employment_end(actor=user, employment=employment, **form.service_data())
            except ApplicationError as error:
                _show_application_error(form, error)
            else:
                messages.success(request, _("The employment was ended."))
                return redirect("people:person_detail", public_id=employment.person.public_id)
    else:
        form = EmploymentEndForm(
            initial={"end_date": employment.end_date or timezone.localdate(), "end_reason": employment.end_reason}
        )
    return render(request, "people/employment_end.html", {"employment": employment, "form": form})


# --- the log of full IIN reads (SEC-03) ---------------------------------------------------------


@login_required
def read_log(request: HttpRequest) -> HttpResponse:
    """Who was shown whose full IIN, where and when: for auditors (the people of their
    organisation) and the system administrator; a fixed number of queries per page."""
    user = request.user
    if not selectors.may_read_personal_data_log(user):
        raise PermissionDenied(_("You may not read the log of personal data reads."))
    form = ReadLogFilterForm(request.GET or None)
    page = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        filters = selectors.ReadLogFilters(
            person=data.get("person") or "",
            actor=data.get("actor") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        reads = selectors.personal_data_reads(user, filters)
        page = Paginator(reads, settings.BILIKTILIK_PAGE_SIZE).get_page(query_page(request.GET))
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "people/read_log.html", {"form": form, "page": page}, status=status)
