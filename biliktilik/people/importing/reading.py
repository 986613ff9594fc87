"""Reading a staff import file with the table kit (``biliktilik.core.tables.reader``)."""

from __future__ import annotations

from biliktilik.core.tables.reader import FILE_KINDS, Progress, Table, read_limited
from biliktilik.core.tables.reader import read_table as read_any_table
from biliktilik.core.tables.report import RowProblem as RowError

from .columns import COLUMNS

__all__ = ["FILE_KINDS", "RowError", "Table", "read_limited", "read_table"]


def read_table(data: bytes, filename: str, *, progress: Progress | None = None) -> Table:
    return read_any_table(data, filename, COLUMNS, progress=progress)
