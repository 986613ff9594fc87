"""Writing the PD history of the demo (``pd_history`` draws it): the records of the generated
staff in batches (COPY on PostgreSQL, ``executemany`` elsewhere), those of the people behind the
logins through the ledger services, with generated PDF certificates; and the fingerprint the
tests compare."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, models
from django.db.models import Count, Field
from django.utils import timezone
from django.utils.translation import gettext as _

from biliktilik.accounts.models import User
from biliktilik.ledger.enums import RecordStatus
from biliktilik.ledger.models import Evidence, PDRecord
from biliktilik.ledger.services import evidence_accept, evidence_add, record_create, record_return
from biliktilik.org.models import Organisation
from biliktilik.people.models import Person
from biliktilik.policy.models import RuleSet

from .names import latin
from .pd_history import HistorySummary, PersonHistory, RecordPlan
from .planner import PersonPlan
from .reference import ReferenceDay

BATCH_SIZE = 2000

# --- writing ------------------------------------------------------------------------------------


def _values(record: RecordPlan, orgs: Mapping[str, Organisation]) -> dict[str, Any]:
    return {
        "form": record.form,
        "title": record.title,
        "provider": orgs[record.provider_org] if record.provider_org else None,
        "provider_name": record.provider_name,
        "is_foreign": record.is_foreign,
        "country": record.country,
        "city": record.city,
        "delivery_mode": record.delivery_mode,
        "is_distance": record.is_distance,
        "funding_source": record.funding_source,
        "cost": record.cost,
        "in_profile": record.in_profile,
        "management_topic": record.management_topic,
        "initiative": record.initiative,
    }


def _verified_at(record: RecordPlan, today: dt.date) -> dt.datetime:
    day = min(record.end + dt.timedelta(days=7 + record.hours % 11), today)
    return dt.datetime.combine(day, dt.time(10, 30), tzinfo=dt.UTC)


def certificate_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF with ``lines`` of plain Latin text (Helvetica), with a correct xref table."""
    text = ["BT", "/F1 14 Tf", "72 760 Td", "20 TL"]
    for line in lines:
        safe = line.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({safe}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _certificate(plan: PersonPlan, record: RecordPlan, number: str) -> ContentFile[bytes]:
    provider = latin(record.provider_name) or "provider"
    content = certificate_pdf(
        [
            "CERTIFICATE of professional development",
            f"No. {number}",
            f"{latin(plan.last_name).title()} {latin(plan.first_name).title()}",
            f"completed {record.hours} academic hours",
            f"{record.start:%d.%m.%Y} - {record.end:%d.%m.%Y}",
            f"Issued by: {provider}",
        ]
    )
    return ContentFile(content, name=f"certificate-{record.end:%Y%m%d}.pdf")


def _insert(fields: Sequence[Field[Any, Any]], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (values in the order of ``fields``) into the table of PD records."""
    table = connection.ops.quote_name(PDRecord._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            return
        # Elsewhere the values go as the backend stores them (SQLite: text dates, hex UUIDs).
        adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
        prepared = []
        for row in rows:
            values = list(row)
            for i, adapt in adapters:
                if values[i] is not None:
                    values[i] = adapt(values[i])
            prepared.append(values)
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)  # noqa: S608


def _adapter(f: Field[Any, Any]) -> Callable[[Any], Any] | None:
    if isinstance(f, models.UUIDField) and not connection.features.has_native_uuid_field:
        return lambda value: value.hex
    if isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(f, models.DecimalField):
        return connection.ops.adapt_decimalfield_value
    return None


class HistoryWriter:
    def __init__(
        self,
        *,
        orgs: Mapping[str, Organisation],
        admin: User,
        progress: Callable[[str], None],
        day: ReferenceDay | None = None,
    ) -> None:
        self.orgs = orgs
        self.today = (day or ReferenceDay()).today
        self.admin = admin
        self.progress = progress
        self.users = {u.person_id: u for u in User.objects.filter(person__isnull=False)}
        self.hr = User.objects.filter(username="hr").first()
        self.summary = HistorySummary()

    def bulk(self, histories: Sequence[PersonHistory]) -> None:
        """Insert the records in batches: with COPY on PostgreSQL, ``executemany`` elsewhere.

        A hundred thousand records through ``bulk_create`` cost more than all the people of the
        demo (model instances, then the compiler preparing every value); these rows are plain
        tuples in the order of the model's columns, every column given (the model's default for
        the ones the history does not set)."""
        fields = [f for f in PDRecord._meta.concrete_fields if not f.primary_key]
        now = timezone.now()
        fixed: dict[str, Any] = {f.attname: f.get_default() for f in fields}
        fixed.update(created_at=now, updated_at=now)
        names = [f.attname for f in fields]
        rows: list[tuple[Any, ...]] = []
        for history in histories:
            org_id = self.orgs[history.org].pk
            for record in history.records:
                values = {
                    **fixed,
                    **_values(record, self.orgs),
                    "public_id": uuid.uuid4(),
                    "person_id": history.person_id,
                    "organisation_id": org_id,
                    "start_date": record.start,
                    "end_date": record.end,
                    "hours": Decimal(record.hours),
                    "status": record.status,
                    "status_reason": record.status_reason,
                    "origin": record.origin,
                    "verified_at": _verified_at(record, self.today) if record.status == RecordStatus.VERIFIED else None,
                }
                provider = values.pop("provider")
                values["provider_id"] = provider.pk if provider is not None else None
                rows.append(tuple(values[name] for name in names))
        for start in range(0, len(rows), BATCH_SIZE):
            _insert(fields, rows[start : start + BATCH_SIZE])
            done = min(start + BATCH_SIZE, len(rows))
            self.progress(_("PD records: %(done)d of %(total)d.") % {"done": done, "total": len(rows)})

    def through_services(self, history: PersonHistory, person: Person) -> None:
        """The records of a person behind a login, through the ledger services (audited): HR of the
        technical university enters and verifies them there, the system administrator elsewhere;
        the person enters what waits for verification themself."""
        organisation = self.orgs[history.org]
        own = self.users.get(history.person_id)
        keeper: Any = self.hr if history.org == "tech" and self.hr and own != self.hr else self.admin
        for index, record in enumerate(history.records):
            waits = record.status != RecordStatus.VERIFIED
            actor = own if waits and own is not None else keeper
            created = record_create(
                actor=actor,
                person=person,
                organisation=organisation,
                start_date=record.start,
                end_date=record.end,
                hours=Decimal(record.hours),
                status=RecordStatus.PENDING if waits else RecordStatus.VERIFIED,
                **_values(record, self.orgs),
            )
            if record.status == RecordStatus.RETURNED:
                record_return(actor=keeper, record=created, reason=record.status_reason)
            if record.evidence:
                number = f"{history.plan.external_id}-{index + 1:02d}"
                evidence = evidence_add(
                    actor=actor,
                    record=created,
                    file=_certificate(history.plan, record, number),
                    kind=record.evidence,
                    number=number,
                    issued_on=record.end,
                    issuer=record.provider_name or str(organisation),
                )
                self.summary.evidence += 1
                if not waits:
                    evidence_accept(actor=keeper, evidence=evidence)

    def write(self, histories: Sequence[PersonHistory]) -> None:
        self.bulk([h for h in histories if not h.plan.login])
        logins = [h for h in histories if h.plan.login]
        persons = Person.objects.in_bulk([h.person_id for h in logins])
        for history in logins:
            self.through_services(history, persons[history.person_id])
        counts = dict(PDRecord.objects.values_list("status").annotate(n=Count("id")).order_by("status"))
        self.summary.records = sum(counts.values())
        self.summary.pending = counts.get(RecordStatus.PENDING, 0)
        self.summary.returned = counts.get(RecordStatus.RETURNED, 0)


def pd_fingerprint() -> str:
    """A digest of the adopted rule sets, the PD records and their evidence by codes, IINs, dates
    and values (never by database ids, random UUIDs or the time of the load)."""
    lines = sorted(
        "ruleset|" + "|".join(str(v) for v in row)
        for row in RuleSet.objects.filter(owner__isnull=False).values_list(
            "owner__code", "code", "template__code", "effective_from", "effective_to", "status"
        )
    )
    lines += sorted(
        "record|" + "|".join("" if v is None else str(v) for v in row)
        for row in PDRecord.objects.values_list(
            "person__iin", "organisation__code", "form", "title", "provider__code", "provider_name", "is_foreign",
            "country", "city", "start_date", "end_date", "hours", "delivery_mode", "is_distance", "funding_source",
            "cost", "in_profile", "management_topic", "initiative", "status", "status_reason", "origin",
        )
    )  # fmt: skip
    lines += sorted(
        "evidence|" + "|".join("" if v is None else str(v) for v in row)
        for row in Evidence.objects.values_list(
            "record__person__iin", "record__end_date", "kind", "number", "issued_on", "size", "status"
        )
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
