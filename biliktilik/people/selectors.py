"""Reads of people and employments, scoped to what the user may see (SEC-01)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Exists, F, Model, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast

from biliktilik.core.access import Scope, scope_of
from biliktilik.core.models import AuditEvent
from biliktilik.org.enums import AUTHORITY_KINDS
from biliktilik.org.models import Organisation, Unit

from .models import Employment, Graduation, Person, Position


def _employment_q(scope: Scope) -> Q:
    return scope.filter_q(organisation="organisation_id", unit="unit_id", person="person_id")


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """People with an employment the user may see, alumni of organisations the user sees
    whole, and the user themself."""
    scope = scope_of(user)
    if scope.everything:
        return Person.objects.all()
    employed = Employment.objects.filter(_employment_q(scope), person_id=OuterRef("pk"))
    graduated = Graduation.objects.filter(person_id=OuterRef("pk"), organisation_id__in=sorted(scope.organisation_ids))
    return Person.objects.filter(Exists(employed) | Exists(graduated) | Q(pk__in=sorted(scope.person_ids)))


def employments_visible_to(user: Any) -> QuerySet[Employment]:
    scope = scope_of(user)
    return Employment.objects.filter(_employment_q(scope))


def current_q(prefix: str = "", on: dt.date | None = None) -> Q:
    on = on or dt.date.today()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def positions_available(organisation_id: int | None = None) -> QuerySet[Position]:
    """The shared catalogue plus the organisation's own positions."""
    q = Q(organisation__isnull=True)
    if organisation_id is not None:
        q |= Q(organisation_id=organisation_id)
    return Position.objects.filter(q)


@dataclass(frozen=True)
class DirectoryFilters:
    search: str = ""
    organisation_id: int | None = None
    unit_id: int | None = None
    include_subunits: bool = True
    category: str = ""
    position_id: int | None = None
    current_only: bool = True


def staff_directory(user: Any, filters: DirectoryFilters) -> QuerySet[Employment]:
    """Employments shown in the staff directory: one row per employment, with the person,
    unit, organisation and position joined in the same query."""
    qs = employments_visible_to(user).select_related("person", "unit", "organisation", "position")
    if filters.current_only:
        qs = qs.filter(current_q())
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.unit_id:
        if filters.include_subunits:
            from biliktilik.org.models import Unit

            unit = Unit.objects.filter(pk=filters.unit_id).only("path").first()
            qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
        else:
            qs = qs.filter(unit_id=filters.unit_id)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.position_id:
        qs = qs.filter(position_id=filters.position_id)
    for term in filters.search.lower().split():
        qs = qs.filter(Q(person__search_name__contains=term) | Q(person__iin__startswith=term))
    return qs.order_by("person__last_name", "person__first_name", "person__middle_name", "id")


def person_file(user: Any, *, public_id: Any) -> Person | None:
    """One person with everything the personal file shows, in a fixed number of queries.

    Only the employments the user may see are shown: a unit head sees the person's job in
    their unit, not the person's part-time job in another organisation.
    """
    employments = (
        employments_visible_to(user)
        .select_related("organisation", "unit", "position")
        .order_by("-is_primary", "-start_date")
    )
    return (
        persons_visible_to(user)
        .filter(public_id=public_id)
        .prefetch_related(
            Prefetch("employments", queryset=employments),
            "teaching__discipline",
            "teaching__organisation",
            "degrees",
            "qualification_categories",
            Prefetch("graduations", queryset=Graduation.objects.select_related("organisation")),
        )
        .first()
    )


# --- pages: counts, rights and the change history ----------------------------------------------

# Roles (of an organisation the person works or worked in) that see the person's full IIN.
FULL_IIN_ROLES = ("hr_officer",)
# Roles (of such an organisation) that see the change history of a personal file.
HISTORY_READER_ROLES = ("hr_officer", "auditor")
# Roles that edit staff records of their organisation (the same as people.services).
STAFF_EDITOR_ROLES = ("hr_officer",)


def _employment_organisation_ids(person: Person) -> set[int]:
    """Organisations of the person's employments; uses the prefetched employments when present."""
    return {e.organisation_id for e in person.employments.all()}


def iin_visible_in_full(user: Any, person: Person) -> bool:
    """SEC-03: the full IIN is shown to the person, to the HR service of an organisation the
    person works or worked in, and to the system administrator; others see it masked."""
    scope = scope_of(user)
    if scope.everything or person.pk in scope.person_ids:
        return True
    return any(scope.has_role(*FULL_IIN_ROLES, organisation_id=o) for o in _employment_organisation_ids(person))


def person_history_visible(user: Any, person: Person) -> bool:
    """The change history of a personal file is for HR and auditors of the person's
    organisations (employments and graduations) and for the system administrator."""
    scope = scope_of(user)
    if scope.everything:
        return True
    organisation_ids = _employment_organisation_ids(person) | {g.organisation_id for g in person.graduations.all()}
    return any(scope.has_role(*HISTORY_READER_ROLES, organisation_id=o) for o in organisation_ids)


def person_editable_by(user: Any, person: Person) -> bool:
    """Whether ``user`` may change the person's record (what ``person_update`` allows)."""
    scope = scope_of(user)
    if scope.everything:
        return True
    return any(scope.has_role(*STAFF_EDITOR_ROLES, organisation_id=o) for o in _employment_organisation_ids(person))


def staff_editor_organisation_ids(user: Any) -> frozenset[int] | None:
    """Organisations whose staff records ``user`` may change; None means every organisation."""
    scope = scope_of(user)
    if scope.everything:
        return None
    return scope.organisations_with_role(*STAFF_EDITOR_ROLES)


def may_edit_some_staff(user: Any) -> bool:
    ids = staff_editor_organisation_ids(user)
    return ids is None or bool(ids)


def organisations_for_staff_editing(user: Any) -> QuerySet[Organisation]:
    """Organisations where ``user`` may add an employment, in tree order (authorities left out)."""
    ids = staff_editor_organisation_ids(user)
    qs = Organisation.objects.exclude(kind__in=sorted(AUTHORITY_KINDS)).order_by("path")
    return qs if ids is None else qs.filter(id__in=sorted(ids))


def units_for_staff_editing(user: Any) -> QuerySet[Unit]:
    """Units of the organisations where ``user`` may add an employment, in tree order."""
    ids = staff_editor_organisation_ids(user)
    qs = Unit.objects.select_related("organisation").filter(is_active=True).order_by("organisation__path", "path")
    return qs if ids is None else qs.filter(organisation_id__in=sorted(ids))


def positions_for_staff_editing(user: Any) -> QuerySet[Position]:
    """The shared position catalogue plus the own positions of the organisations ``user`` edits."""
    ids = staff_editor_organisation_ids(user)
    if ids is None:
        return Position.objects.select_related("organisation")
    return Position.objects.select_related("organisation").filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=sorted(ids))
    )


def persons_hireable_by(user: Any) -> QuerySet[Person]:
    """People ``user`` may give an employment: those the user may see, and those nobody employs
    and no other organisation's HR service recorded (a person just added through
    ``person_create``). Never a person of another organisation the user cannot see: an
    employment opens the person's IIN, history and record to the employer (SEC-01)."""
    scope = scope_of(user)
    if scope.everything:
        return Person.objects.all()
    editor_orgs = sorted(scope.organisations_with_role(*STAFF_EDITOR_ROLES))
    recorded_elsewhere = AuditEvent.objects.filter(
        action="person.create",
        object_type=Person._meta.label_lower,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        organisation_id__isnull=False,
    ).exclude(organisation_id__in=editor_orgs)
    unclaimed = ~Q(Exists(Employment.objects.filter(person_id=OuterRef("pk")))) & ~Q(Exists(recorded_elsewhere))
    return Person.objects.filter(Q(pk__in=persons_visible_to(user).values("pk")) | unclaimed)


def positions_visible_to(user: Any) -> QuerySet[Position]:
    """The shared catalogue plus the own positions of the organisations the user may see."""
    scope = scope_of(user)
    if scope.everything:
        return Position.objects.all()
    organisation_ids = sorted(scope.organisation_ids | scope.member_organisation_ids)
    return Position.objects.filter(Q(organisation__isnull=True) | Q(organisation_id__in=organisation_ids))


def employment_get(user: Any, *, public_id: Any) -> Employment | None:
    """One employment the user may see, with its person, organisation, unit and position."""
    return (
        employments_visible_to(user)
        .select_related("person", "organisation", "unit", "position")
        .filter(public_id=public_id)
        .first()
    )


def own_employments(person_id: int | None) -> list[Employment]:
    """A person's employments, current first, for their own home page (one query)."""
    if person_id is None:
        return []
    return list(
        Employment.objects.filter(person_id=person_id)
        .select_related("organisation", "unit", "position")
        .order_by(F("end_date").desc(nulls_first=True), "-is_primary", "-start_date")
    )


def staff_count_by_category(organisation_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """People currently employed in each organisation, by staff category (one grouped query)."""
    wanted = sorted(set(organisation_ids))
    if not wanted:
        return {}
    rows = (
        Employment.objects.filter(current_q(), organisation_id__in=wanted)
        .values("organisation_id", "category")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {o: {} for o in wanted}
    for row in rows:
        result[row["organisation_id"]][row["category"]] = row["n"]
    return result


def staff_count_by_organisation(organisation_ids: Iterable[int]) -> dict[int, int]:
    """People currently employed in each organisation, each counted once (one grouped query)."""
    wanted = sorted(set(organisation_ids))
    if not wanted:
        return {}
    rows = (
        Employment.objects.filter(current_q(), organisation_id__in=wanted)
        .values("organisation_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    counts = dict.fromkeys(wanted, 0)
    counts.update({row["organisation_id"]: row["n"] for row in rows})
    return counts


def staff_count_in_units(units: Sequence[Unit]) -> dict[int, int]:
    """People currently employed in each unit's subtree (one aggregate query)."""
    if not units:
        return {}
    aggregates = {f"u{u.pk}": Count("person_id", distinct=True, filter=Q(unit__path__startswith=u.path)) for u in units}
    q = Q()
    for u in units:
        q |= Q(unit__path__startswith=u.path)
    totals = Employment.objects.filter(current_q()).filter(q).aggregate(**aggregates)
    return {u.pk: int(totals[f"u{u.pk}"] or 0) for u in units}


def people_totals() -> dict[str, int]:
    """Numbers for the system administrator: people and current employments."""
    return {
        "people": Person.objects.count(),
        "employments": Employment.objects.filter(current_q()).count(),
    }


def person_history(person: Person) -> list[AuditEvent]:
    """Audit events of the person and of their employments, newest first (one query; the
    employments are taken from the prefetch of ``person_file``)."""
    employment_ids = [str(e.pk) for e in person.employments.all()]
    q = Q(object_type=Person._meta.label_lower, object_id=str(person.pk))
    if employment_ids:
        q |= Q(object_type=Employment._meta.label_lower, object_id__in=employment_ids)
    return list(AuditEvent.objects.filter(q).select_related("actor", "actor__person").order_by("-created_at", "-id"))


# Fields of audited people rows that hold the id of another row, and the model it names.
_REFERENCE_FIELDS: dict[str, type[Model]] = {"organisation": Organisation, "unit": Unit, "position": Position}


def audit_reference_labels(events: Sequence[AuditEvent]) -> dict[tuple[str, int], str]:
    """Names for the ids that audit events hold for organisations, units and positions,
    so the history reads "Department of physics" rather than "17": one query per kind of row."""
    wanted: dict[str, set[int]] = {name: set() for name in _REFERENCE_FIELDS}
    for event in events:
        for name, pair in event.changes.items():
            if name in wanted:
                wanted[name].update(v for v in pair if isinstance(v, int))
    labels: dict[tuple[str, int], str] = {}
    for name, ids in wanted.items():
        if ids:
            for row in _REFERENCE_FIELDS[name]._default_manager.filter(pk__in=sorted(ids)):
                labels[(name, row.pk)] = str(row)
    return labels
