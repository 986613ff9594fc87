"""Compliance pages: the card of a person, the dashboard of an organisation or unit, the lists
of who is overdue and who must do PD next year (CMP-02), participation by category (CMP-05),
and exports. Every page costs a fixed number of queries, whatever the number of staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from biliktilik.core.query import query_choice, query_day, query_int, query_page, query_uuid
from biliktilik.core.tables.export import csv_response, xlsx_response
from biliktilik.org.selectors import units_visible_to
from biliktilik.people import privacy
from biliktilik.people.enums import ReadChannel, StaffCategory

from . import exports, selectors
from .enums import ComplianceStatus
from .selectors import RowFilters

PAGE_SIZE = 50
LISTS = {
    "all": "",
    "overdue": "overdue",
    "next_year": "next_year",
}


class Area:
    """The organisation, unit and day a compliance page is about, from the query string."""

    def __init__(self, request: HttpRequest) -> None:
        user = request.user
        self.on = query_day(request.GET, "on")
        organisation_id = query_uuid(request.GET, "organisation")
        if organisation_id is None:
            choices = selectors.compliance_organisations(user)
            if not choices:
                raise PermissionDenied
            organisation_id = str(choices[0].public_id)
        self.organisation, self.unit = selectors.compliance_area(
            user, organisation=organisation_id, unit=query_uuid(request.GET, "unit")
        )
        self.whole = self.unit is None

    def query(self, **extra: Any) -> str:
        q = QueryDict(mutable=True)
        q["organisation"] = str(self.organisation.public_id)
        if self.unit is not None:
            q["unit"] = str(self.unit.public_id)
        q["on"] = self.on.isoformat()
        for key, value in extra.items():
            if value:
                q[key] = value
        return q.urlencode()

    def context(self, request: HttpRequest) -> dict[str, Any]:
        units = list(units_visible_to(request.user).filter(organisation=self.organisation).order_by("path"))
        return {
            "area": self,
            "organisations": selectors.compliance_organisations(request.user),
            "units": units,
            # The same order as the counts of ``selectors.dashboard``: worst first.
            "statuses": [(s.value, s.label) for s in selectors.STATUS_ORDER],
            "categories": StaffCategory.choices,
        }


@login_required
def person_card(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The compliance card of one person; with htmx, only the card (to be included elsewhere)."""
    on = query_day(request.GET, "on")
    compliance = selectors.person_compliance(request.user, public_id=public_id, on=on)
    if compliance is None:
        raise Http404(_("No such person, or you may not see them."))
    context = {"compliance": compliance, "on": on}
    if getattr(request, "htmx", False):
        return render(request, "compliance/_card.html", context)
    return render(request, "compliance/person.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    area = Area(request)
    report = selectors.organisation_compliance(area.organisation, area.on, area.unit)
    context = area.context(request)
    context.update(
        dashboard=selectors.dashboard(report),
        report=report,
        next_year=len(selectors.due_next_year(report)),
        overdue=len(selectors.overdue(report)),
    )
    return render(request, "compliance/dashboard.html", context)


def _filters(request: HttpRequest) -> RowFilters:
    return RowFilters(
        status=query_choice(request.GET, "status", ComplianceStatus.values),
        category=query_choice(request.GET, "category", StaffCategory.values),
        requirement=request.GET.get("requirement", "").strip(),
    )


def _rows(report: selectors.OrganisationReport, which: str, filters: RowFilters) -> list[selectors.ComplianceRow]:
    if which == "overdue":
        base = selectors.overdue(report)
    elif which == "next_year":
        base = selectors.due_next_year(report)
    else:
        base = report.rows
    allowed = {id(r) for r in selectors.filter_rows(report, filters)}
    return [r for r in base if id(r) in allowed]


def _show_iins(request: HttpRequest, items: list[selectors.StaffRow]) -> bool:
    """Give each person of the page ``shown_iin`` by the one rule of ``people.privacy`` (full
    reads logged in one ``bulk_create``); the IIN column is shown when some IIN is open."""
    persons = list({item.person.pk: item.person for item in items}.values())
    shown = privacy.iins_for(request.user, persons, where=ReadChannel.PAGE, source=request.path)
    for person in persons:
        person.shown_iin = shown[person.pk]  # type: ignore[attr-defined]
    return any(person.iin and shown[person.pk] == person.iin for person in persons)


def _list_page(request: HttpRequest, which: str, title: str) -> HttpResponse:
    area = Area(request)
    filters = _filters(request)
    report = selectors.organisation_compliance(area.organisation, area.on, area.unit)
    rows = _rows(report, which, filters)
    if which == "all":
        # In the order of names, so one person's requirements stay together on a page.
        position = {pid: n for n, pid in enumerate(selectors.ordered_person_ids(report))}
        rows = sorted(rows, key=lambda r: (position.get(r.person_id, len(position)), r.requirement.key))
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(query_page(request.GET))
    order = {id(r): n for n, r in enumerate(page.object_list)}
    items = sorted(selectors.staff_rows(report, list(page.object_list)), key=lambda s: order[id(s.row)])
    context = area.context(request)
    context.update(
        title=title,
        which=which,
        filters=filters,
        page=page,
        items=items,
        report=report,
        export_query=area.query(
            list=which, status=filters.status, category=filters.category, requirement=filters.requirement
        ),
        page_query=area.query(status=filters.status, category=filters.category, requirement=filters.requirement),
        show_iin=_show_iins(request, items),
    )
    return render(request, "compliance/list.html", context)


@login_required
def row_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, "all", _("Compliance of staff"))


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, "overdue", _("Overdue"))


@login_required
def next_year_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, "next_year", _("Who must do PD next calendar year"))


@login_required
def participation(request: HttpRequest) -> HttpResponse:
    area = Area(request)
    year = query_int(request.GET, "year", default=area.on.year, minimum=1990, maximum=area.on.year + 10)
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), area.on) if year == area.on.year else dt.date(year, 12, 31)
    rows = selectors.participation_by_category(area.organisation, start=start, end=end, unit=area.unit)
    context = area.context(request)
    context.update(rows=rows, year=year, start=start, end=end)
    return render(request, "compliance/participation.html", context)


def _export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    area = Area(request)
    which = query_choice(request.GET, "list", LISTS, default="all")
    report = selectors.organisation_compliance(area.organisation, area.on, area.unit)
    rows = _rows(report, which, _filters(request))
    items = selectors.staff_rows(report, rows)
    name = f"compliance-{area.organisation.code}-{area.on.isoformat()}-{which}"
    # SEC-03: each IIN by the one rule of people.privacy; one log row per person shown in full.
    persons = {item.person.pk: item.person for item in items}
    opened = privacy.open_person_ids(request.user, persons)
    privacy.log_full_reads(
        request.user, [persons[pk] for pk in opened], where=ReadChannel.EXPORT, source=f"{name}.{fmt}"
    )
    spec = exports.columns(open_ids=opened)
    if fmt == "xlsx":
        return xlsx_response(spec, items, f"{name}.xlsx", sheet_title=_("Compliance"))
    return csv_response(spec, items, f"{name}.csv")


@login_required
def export_csv(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "csv")


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "xlsx")
