"""Importing staff (persons and their employments) from .xlsx and .csv files."""

from .columns import COLUMNS, Column
from .reading import RowError
from .service import ImportReport, may_import_staff, organisations_for_import, staff_import
from .template import template_csv, template_xlsx

__all__ = [
    "COLUMNS",
    "Column",
    "ImportReport",
    "RowError",
    "may_import_staff",
    "organisations_for_import",
    "staff_import",
    "template_csv",
    "template_xlsx",
]
