"""Record lists as .csv and .xlsx through the table kit (``core.tables.export``): the columns
are declared once; the records are read with ``.iterator()``, so a long list never sits in memory."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from biliktilik.core.tables.export import Column
from biliktilik.core.tables.export import export_response as table_export_response

from .enums import DeliveryMode, FundingSource, Initiative, PDForm, RecordStatus
from .models import PDRecord

CHUNK_SIZE = 500

COLUMNS: list[Column[PDRecord]] = [
    Column("person", _("Person"), lambda r: r.person.full_name, width=30),
    Column("organisation", _("Organisation"), lambda r: str(r.organisation), width=30),
    Column("form", _("Form of PD"), lambda r: r.form, type="choice", choices=PDForm.choices, width=22),
    Column("title", _("Title / topic"), lambda r: r.title, width=40),
    Column("provider", _("Provider"), lambda r: r.provider_label, width=30),
    Column("is_foreign", _("Foreign provider"), lambda r: r.is_foreign, type="bool"),
    Column("country", _("Country"), lambda r: r.country, width=8),
    Column("city", _("City"), lambda r: r.city),
    Column("start_date", _("Start"), lambda r: r.start_date, type="date"),
    Column("end_date", _("Completion"), lambda r: r.end_date, type="date"),
    Column("hours", _("Academic hours"), lambda r: r.hours, type="decimal"),
    Column("delivery_mode", _("Delivery mode"), lambda r: r.delivery_mode, type="choice", choices=DeliveryMode.choices),
    Column(
        "funding_source",
        _("Funding source"),
        lambda r: r.funding_source,
        type="choice",
        choices=FundingSource.choices,
    ),
    Column("cost", _("Cost, KZT"), lambda r: r.cost, type="money"),
    Column("in_profile", _("In the profile of the disciplines taught"), lambda r: r.in_profile, type="bool"),
    Column("management_topic", _("Management topic"), lambda r: r.management_topic, type="bool"),
    Column("initiative", _("Initiative"), lambda r: r.initiative, type="choice", choices=Initiative.choices),
    Column("status", _("Status"), lambda r: r.status, type="choice", choices=RecordStatus.choices),
    Column("documents", _("Documents"), lambda r: getattr(r, "evidence_count", None), type="int"),
    Column("external_id", _("External id"), lambda r: r.external_id),
]


def export_response(records: QuerySet[PDRecord], fmt: str, filename: str) -> StreamingHttpResponse | None:
    """The records as ``<filename>.csv`` or ``.xlsx``; ``None`` when ``fmt`` is neither."""
    if fmt not in ("csv", "xlsx"):
        return None
    rows = records.iterator(chunk_size=CHUNK_SIZE)
    return table_export_response(COLUMNS, rows, fmt, filename, sheet_title=gettext("PD records"))
