"""The blank PD history files to fill in, written by the table kit."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.tables import template as tables_template

from ..enums import DeliveryMode, FundingSource, Initiative, PDForm
from .columns import COLUMNS

# --- the template -------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """A workbook with the columns and one example row, a sheet that explains each column and one
    that lists the codes of the forms, delivery modes, funding sources and initiatives."""
    codes: list[list[Any]] = [[_("Column"), _("Code"), _("Title")]]
    for name, choices in (
        ("form", PDForm),
        ("delivery_mode", DeliveryMode),
        ("funding_source", FundingSource),
        ("initiative", Initiative),
    ):
        codes.extend([name, value, str(label)] for value, label in choices.choices)
    return tables_template.template_xlsx(
        COLUMNS,
        _example(),
        sheet_title=_("PD records"),
        date_columns=("start_date", "end_date"),
        text_columns=("person_iin", "person_external_id", "external_id"),
        extra_sheets=[(_("Codes"), codes)],
    )


def template_csv() -> bytes:
    return tables_template.template_csv(COLUMNS, _example())


def _example() -> dict[str, str]:
    return {column.code: column.example for column in COLUMNS}
