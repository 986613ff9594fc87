"""Reads of people and employments, scoped to what the user may see (SEC-01)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Exists, F, Model, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from biliktilik.core.access import Scope, scope_of
from biliktilik.core.models import AuditEvent
from biliktilik.core.roles import Role
from biliktilik.org.enums import AUTHORITY_KINDS
from biliktilik.org.models import Organisation, Unit

from .models import Employment, Graduation, Person, PersonalDataRead, Position
from .privacy import iin_search_q


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


def person_search_q(user: Any, text: str, *, prefix: str = "", person_lookup: str = "pk") -> Q:
    """Every word must match the name, or start the IIN by the rule of ``privacy.iin_search_q``
    (no more than the six visible digits unless the IIN is open to the user).

    ``prefix`` leads from the model searched to the person (``"person__"`` for employments),
    ``person_lookup`` to the person's id (``"person_id"``)."""
    result = Q()
    for term in text.lower().split():
        q = Q(**{f"{prefix}search_name__contains": term})
        if term.isdigit():
            q |= iin_search_q(user, term, prefix=prefix, person_lookup=person_lookup)
        result &= q
    return result


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
    if filters.search:
        qs = qs.filter(person_search_q(user, filters.search, prefix="person__", person_lookup="person_id"))
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

# Roles (of such an organisation) that see the change history of a personal file.
HISTORY_READER_ROLES = (Role.HR_OFFICER, Role.AUDITOR)
# Roles that edit staff records of their organisation (the same as people.services).
STAFF_EDITOR_ROLES = (Role.HR_OFFICER,)


def _employment_organisation_ids(person: Person) -> set[int]:
    """Organisations of the person's employments; uses the prefetched employments when present."""
    return {e.organisation_id for e in person.employments.all()}


def person_history_visible(user: Any, person: Person) -> bool:
    """The change history of a personal file is for HR and auditors of the person's
    organisations (employments and graduations) and for the system administrator."""
    scope = scope_of(user)
    if scope.everything:
        return True
    organisation_ids = _employment_organisation_ids(person) | {g.organisation_id for g in person.graduations.all()}
    return any(scope.has_role(*HISTORY_READER_ROLES, organisation_id=o) for o in organisation_ids)


def person_edit_organisation_id(user: Any, person: Person, *, on: dt.date | None = None) -> int | None:
    """The organisation through which ``user`` may change the person's personal data, or None.

    Personal data (name, IIN, e-mail, ...) belong to the person, not to one employer. While the
    person works somewhere, only a staff editor who serves **every** organisation of their current
    employments may change them (or the system administrator): an HR officer of one employer
    cannot rewrite the name or the e-mail address that another employer's notifications go to.
    For former staff, a staff editor of any organisation they worked in may. Uses the prefetched
    employments when present. Returns 0 for a system administrator and a person with no employment.
    """
    scope = scope_of(user)
    on = on or timezone.localdate()
    employments = list(person.employments.all())
    current = {
        e.organisation_id for e in employments if e.start_date <= on and (e.end_date is None or e.end_date >= on)
    }
    if scope.everything:
        return min(current or {e.organisation_id for e in employments} or {0})
    served = [
        o
        for o in sorted(current or {e.organisation_id for e in employments})
        if scope.has_role(*STAFF_EDITOR_ROLES, organisation_id=o)
    ]
    if not served:
        return None
    if current and len(served) < len(current):
        return None
    return served[0]


def person_editable_by(user: Any, person: Person) -> bool:
    """Whether ``user`` may change the person's record (what ``person_update`` allows)."""
    return person_edit_organisation_id(user, person) is not None


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


# Apps to the right of people add the audit events they keep about a person (e.g. accounts: the
# role grants of the person's login), as a condition over AuditEvent, without people importing them.
_HISTORY_SOURCES: list[Callable[[Person], Q | None]] = []


def register_history_source(source: Callable[[Person], Q | None]) -> None:
    """Add the audit events ``source(person)`` selects to every personal file's history."""
    if source not in _HISTORY_SOURCES:
        _HISTORY_SOURCES.append(source)


def person_history(person: Person) -> list[AuditEvent]:
    """Audit events of the person, of their employments and of what the registered sources add
    (the grants of their login), newest first (one query; the employments are taken from the
    prefetch of ``person_file``; the sources add subqueries, not queries)."""
    employment_ids = [str(e.pk) for e in person.employments.all()]
    q = Q(object_type=Person._meta.label_lower, object_id=str(person.pk))
    if employment_ids:
        q |= Q(object_type=Employment._meta.label_lower, object_id__in=employment_ids)
    for source in _HISTORY_SOURCES:
        extra = source(person)
        if extra is not None:
            q |= extra
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


# --- the log of full IIN reads (SEC-03) ---------------------------------------------------------

# Roles (of an organisation) that read the log of full IIN reads of the organisation's people.
READ_LOG_ROLES = (Role.AUDITOR,)


def may_read_personal_data_log(user: Any) -> bool:
    scope = scope_of(user)
    return scope.everything or scope.has_role(*READ_LOG_ROLES)


def personal_data_reads_visible_to(user: Any) -> QuerySet[PersonalDataRead]:
    """Reads of full IINs: all of them for the system administrator; for an auditor, the reads
    of people who work, worked or studied in the auditor's organisation; none for the others."""
    scope = scope_of(user)
    qs = PersonalDataRead.objects.select_related("actor", "person")
    if scope.everything:
        return qs
    organisation_ids = sorted(scope.organisations_with_role(*READ_LOG_ROLES))
    if not organisation_ids:
        return qs.none()
    employed = Employment.objects.filter(person_id=OuterRef("person_id"), organisation_id__in=organisation_ids)
    graduated = Graduation.objects.filter(person_id=OuterRef("person_id"), organisation_id__in=organisation_ids)
    return qs.filter(Exists(employed) | Exists(graduated))


@dataclass(frozen=True)
class ReadLogFilters:
    person: str = ""
    actor: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def personal_data_reads(user: Any, filters: ReadLogFilters) -> QuerySet[PersonalDataRead]:
    """The reads the user may see, filtered: ``person`` by name or IIN (the search rule of
    ``privacy.iin_search_q``), ``actor`` by login or name, the dates inclusive; newest first."""
    qs = personal_data_reads_visible_to(user)
    if filters.person:
        qs = qs.filter(person_search_q(user, filters.person, prefix="person__", person_lookup="person_id"))
    for term in filters.actor.lower().split():
        qs = qs.filter(
            Q(actor_repr__icontains=term)
            | Q(actor__username__icontains=term)
            | Q(actor__person__search_name__contains=term)
        )
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    return qs.order_by("-created_at", "-id")
