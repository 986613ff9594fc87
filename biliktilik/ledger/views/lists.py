"""Lists of PD records: my PD, a person's records, all records, the verification queue."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from biliktilik.org.selectors import organisations_visible_to

from .. import selectors
from ..forms import ReasonForm, RecordFilterForm
from ._common import Response, _export_or_none, _is_manager, _list_context, _page


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
