"""The one row-report format of every import: ``row N, column C: message``.

A problem names the row as numbered in the spreadsheet (the header is row 1 in a file that
starts with it), the column by its code, and a message that is already translated. An import
collects every problem of every row in one pass and writes nothing when there is any.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowProblem:
    """One problem of a file: spreadsheet row number, column code ("" for the whole row), message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return format_problem(self)

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RowProblem:
        return cls(int(data["row"]), str(data.get("column", "")), str(data["message"]))


def format_problem(problem: RowProblem) -> str:
    if problem.column:
        return _("row %(row)d, column %(column)s: %(message)s") % {
            "row": problem.row,
            "column": problem.column,
            "message": problem.message,
        }
    return _("row %(row)d: %(message)s") % {"row": problem.row, "message": problem.message}


def sort_problems(problems: Iterable[RowProblem], column_order: Sequence[str] = ()) -> list[RowProblem]:
    """By row, then by the column's place in the file's declaration, then by message; no repeats."""
    order = {code: index for index, code in enumerate(column_order)}
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.row, order.get(p.column, len(order)), p.column, p.message))


# The messages about the header row, the same for every import.
def unknown_column(row: int, title: str) -> RowProblem:
    return RowProblem(row, title, _("Unknown column."))


def duplicate_column(row: int, code: str) -> RowProblem:
    return RowProblem(row, code, _("The column appears more than once."))


def missing_column(row: int, code: str) -> RowProblem:
    return RowProblem(row, code, _("The column is missing."))


def required_cell(row: int, code: str) -> RowProblem:
    return RowProblem(row, code, _("This field is required."))
