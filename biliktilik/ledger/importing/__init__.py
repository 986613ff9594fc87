"""Import of PD history from .xlsx or .csv files (see docs/import-pd-records.md).

The whole file is read and checked first; each problem is reported with its row and column.
Only a file without a single problem is written, in one transaction, through
``services.records_import``: all rows or none. A row that matches a record already in the
ledger updates it instead of adding a duplicate.
"""

from .checking import JOB_KIND, check_rows, import_pd_records, run_job
from .columns import COLUMN_NAMES, COLUMNS, REQUIRED_COLUMNS, ImportProblem, ImportReport
from .template import template_csv, template_xlsx

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "JOB_KIND",
    "REQUIRED_COLUMNS",
    "ImportProblem",
    "ImportReport",
    "check_rows",
    "import_pd_records",
    "run_job",
    "template_csv",
    "template_xlsx",
]
