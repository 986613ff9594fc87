"""Blank staff import files to fill in: an .xlsx workbook and a .csv file, each with one example row."""

from __future__ import annotations

from biliktilik.core.tables import template as tables_template
from biliktilik.org.models import Organisation, Unit

from ..models import Position
from .columns import COLUMNS

DATE_COLUMNS = frozenset({"birth_date", "start_date", "end_date", "competition_date"})
TEXT_COLUMNS = frozenset({"iin", "external_id", "phone", "unit_code", "position_code", "organisation_code"})


def example_row(organisation: Organisation | None = None) -> dict[str, str]:
    """The example values; with an organisation, its own codes, so the example row can be imported."""
    example = {column.code: column.example for column in COLUMNS}
    if organisation is not None:
        example["organisation_code"] = organisation.code
        unit = Unit.objects.filter(organisation=organisation).exclude(code="").order_by("path").first()
        if unit is not None:
            example["unit_code"] = unit.code
        position = (
            Position.objects.filter(organisation__isnull=True).order_by("sort_order", "code").first()
            or Position.objects.filter(organisation=organisation).order_by("sort_order", "code").first()
        )
        if position is not None:
            example["position_code"] = position.code
            example["category"] = position.category
    return example


def template_xlsx(organisation: Organisation | None = None) -> bytes:
    return tables_template.template_xlsx(
        COLUMNS,
        example_row(organisation),
        sheet_title="Staff",
        date_columns=DATE_COLUMNS,
        text_columns=TEXT_COLUMNS,
    )


def template_csv(organisation: Organisation | None = None) -> bytes:
    """UTF-8 with a byte-order mark and ``;`` between cells, as Excel in Kazakh and Russian expects."""
    return tables_template.template_csv(COLUMNS, example_row(organisation))
