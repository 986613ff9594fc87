"""Reads of the PD ledger, scoped to what the user may see (SEC-01).

A record belongs to the organisation that keeps it (``PDRecord.organisation``): a viewer sees it
through that organisation only, and the person themself sees all their records (see
``served_records_q`` and docs/ledger.md).
Every list here costs a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from biliktilik.core.access import Scope, scope_of
from biliktilik.core.audit import audit_trail
from biliktilik.core.models import AuditEvent
from biliktilik.org.enums import AUTHORITY_KINDS
from biliktilik.org.models import Organisation
from biliktilik.people.models import Employment, Person
from biliktilik.people.selectors import current_q, persons_visible_to

from .enums import EvidenceStatus, RecordStatus
from .justification import needs_justification
from .models import Evidence, PDRecord, RecordTrainer
from .permissions import managed_organisation_ids


def record_counts(record: PDRecord, *, cache: dict[int, Any] | None = None) -> bool:
    """Verified, and approved when the rules of its date say its form needs a justification
    (``justification.needs_justification``, read from the rules in force)."""
    if record.status != RecordStatus.VERIFIED:
        return False
    return record.justification_approved_by_id is not None or not needs_justification(record, cache=cache)


def served_records_q(scope: Scope) -> Q:
    """The records a (not all-seeing) scope may see: a record belongs to the organisation that
    keeps it, so a viewer sees it only through that organisation (SEC-01).

    - the person themself: every record of their own, whoever keeps it;
    - an organisation seen whole (HR, PD centre, finance, first head, auditor, provider
      administrator, an authority for the organisations below it): the records it keeps;
    - a unit seen with its subtree (unit head, institute director): the records kept by the
      unit's organisation of the people employed in the subtree.

    A person who works in two organisations thus shows each viewer only the records of the
    organisation the viewer serves.
    """
    q = Q(pk__in=[])
    if scope.person_ids:
        q |= Q(person_id__in=sorted(scope.person_ids))
    if scope.organisation_ids:
        q |= Q(organisation_id__in=sorted(scope.organisation_ids))
    if scope.unit_ids:
        q |= Q(
            Exists(
                Employment.objects.filter(
                    person_id=OuterRef("person_id"),
                    organisation_id=OuterRef("organisation_id"),
                    unit_id__in=sorted(scope.unit_ids),
                )
            )
        )
    return q


def records_visible_to(user: Any) -> QuerySet[PDRecord]:
    scope = scope_of(user)
    if scope.everything:
        return PDRecord.objects.all()
    if not getattr(user, "is_authenticated", False):
        return PDRecord.objects.none()
    return PDRecord.objects.filter(served_records_q(scope))


def _list_qs(qs: QuerySet[PDRecord]) -> QuerySet[PDRecord]:
    return qs.select_related("person", "organisation", "provider").annotate(
        evidence_count=Count("evidence", distinct=True)
    )


@dataclass(frozen=True)
class RecordFilters:
    person: Person | None = None
    organisation_id: int | None = None
    status: str = ""
    form: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""


def record_list(user: Any, filters: RecordFilters | None = None) -> QuerySet[PDRecord]:
    """Visible records with their person, organisation, provider and number of documents.

    ``date_from`` / ``date_to`` select records whose activity ends within the range.
    """
    filters = filters or RecordFilters()
    qs = records_visible_to(user)
    if filters.person is not None:
        qs = qs.filter(person=filters.person)
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.form:
        qs = qs.filter(form=filters.form)
    if filters.date_from:
        qs = qs.filter(end_date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(end_date__lte=filters.date_to)
    for term in filters.search.lower().split():
        qs = qs.filter(Q(person__search_name__contains=term) | Q(title__icontains=term))
    return _list_qs(qs).order_by("-end_date", "-id")


def person_records(user: Any, person: Person) -> QuerySet[PDRecord]:
    """The records of one person that the user may see, newest first."""
    return record_list(user, RecordFilters(person=person))


def my_records(user: Any) -> QuerySet[PDRecord]:
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return PDRecord.objects.none()
    return _list_qs(PDRecord.objects.filter(person_id=user.person_id)).order_by("-end_date", "-id")


def person_get(user: Any, *, public_id: Any) -> Person | None:
    return persons_visible_to(user).filter(public_id=public_id).first()


def _evidence_qs() -> QuerySet[Evidence]:
    return Evidence.objects.select_related("verified_by", "uploaded_by").order_by("created_at", "id")


def record_get(user: Any, *, public_id: Any) -> PDRecord | None:
    """One visible record with its evidence and trainers, in a fixed number of queries."""
    return (
        records_visible_to(user)
        .filter(public_id=public_id)
        .select_related("person", "organisation", "provider", "verified_by", "justification_approved_by")
        .prefetch_related(
            Prefetch("evidence", queryset=_evidence_qs()),
            Prefetch("trainers", queryset=RecordTrainer.objects.select_related("person").order_by("id")),
        )
        .first()
    )


def evidence_get(user: Any, *, public_id: Any) -> Evidence | None:
    """A document, if the user may see its record."""
    return (
        Evidence.objects.filter(public_id=public_id, record__in=records_visible_to(user))
        .select_related("record", "record__person", "record__organisation")
        .first()
    )


def evidence_of(user: Any, record: PDRecord) -> QuerySet[Evidence]:
    if not records_visible_to(user).filter(pk=record.pk).exists():
        return Evidence.objects.none()
    return _evidence_qs().filter(record=record)


def record_history(record: PDRecord) -> QuerySet[AuditEvent]:
    return audit_trail(record)


@dataclass(frozen=True)
class VerificationQueue:
    records: QuerySet[PDRecord]
    evidence: QuerySet[Evidence]

    @property
    def is_empty(self) -> bool:
        return not self.records and not self.evidence


def verification_queue(user: Any, *, organisation_id: int | None = None) -> VerificationQueue:
    """Records and documents waiting for HR or the PD centre of the user's organisations."""
    managed = managed_organisation_ids(user)
    records = PDRecord.objects.filter(status=RecordStatus.PENDING)
    evidence = Evidence.objects.filter(status=EvidenceStatus.PENDING)
    if managed is not None:
        records = records.filter(organisation_id__in=sorted(managed))
        evidence = evidence.filter(record__organisation_id__in=sorted(managed))
    if organisation_id:
        records = records.filter(organisation_id=organisation_id)
        evidence = evidence.filter(record__organisation_id=organisation_id)
    return VerificationQueue(
        records=_list_qs(records).order_by("created_at", "id"),
        evidence=evidence.select_related("record", "record__person", "record__organisation", "uploaded_by").order_by(
            "created_at", "id"
        ),
    )


def managed_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose records the user keeps (HR officer or PD-centre officer)."""
    managed = managed_organisation_ids(user)
    qs = Organisation.objects.order_by("path")
    if managed is None:
        return qs.exclude(kind__in=sorted(AUTHORITY_KINDS))
    return qs.filter(id__in=sorted(managed))


def people_for_entry(user: Any, organisation_ids: list[int] | None = None) -> QuerySet[Person]:
    """People the user may enter records for: staff (current or former) of the organisations
    the user keeps records of. An employee enters records only for themself."""
    managed = managed_organisation_ids(user)
    qs = Person.objects.all()
    if managed is not None:
        qs = qs.filter(employments__organisation_id__in=sorted(managed))
    if organisation_ids is not None:
        qs = qs.filter(employments__organisation_id__in=organisation_ids)
    return qs.distinct().order_by("last_name", "first_name", "middle_name", "id")


def own_employers(user: Any) -> QuerySet[Organisation]:
    """Organisations where the user's own person works now."""
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return Organisation.objects.none()
    employer_ids = Employment.objects.filter(current_q(), person_id=user.person_id).values("organisation_id")
    return Organisation.objects.filter(id__in=employer_ids).order_by("path")


def entry_organisations(user: Any, person: Person) -> QuerySet[Organisation]:
    """Organisations on whose books the user may put a record of ``person``."""
    if user.person_id == person.pk:
        return own_employers(user)
    managed = managed_organisation_ids(user)
    employer_ids = Employment.objects.filter(person=person).values("organisation_id")
    qs = Organisation.objects.filter(id__in=employer_ids)
    if managed is not None:
        qs = qs.filter(id__in=sorted(managed))
    return qs.order_by("path")


@dataclass(frozen=True)
class PersonalFile:
    """Every PD record of a person and every document of each, for the personal file (PEO-06)."""

    person: Person
    records: list[PDRecord]

    @property
    def verified_hours(self) -> Any:
        cache: dict[int, Any] = {}
        return sum((r.hours for r in self.records if record_counts(r, cache=cache)), start=0)


def person_file_records(user: Any, person: Person) -> PersonalFile:
    """The PD part of a person's personal file: all visible records with their documents
    and trainers, in three queries."""
    records = list(
        records_visible_to(user)
        .filter(person=person)
        .select_related("organisation", "provider")
        .prefetch_related(Prefetch("evidence", queryset=_evidence_qs()), "trainers")
        .order_by("-end_date", "-id")
    )
    return PersonalFile(person=person, records=records)
