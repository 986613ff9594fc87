"""The columns of a PD history file, the parsers of their cells and the import's report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.utils.translation import gettext_lazy

from biliktilik.core.tables import cells
from biliktilik.core.tables.reader import Column
from biliktilik.core.tables.report import RowProblem
from biliktilik.people.iin import is_valid_iin

from ..enums import DeliveryMode, FundingSource, Initiative, PDForm, RecordStatus
from ..services import ImportSummary


def _column(
    code: str, description: Any, required: bool = False, example: str = "", *, kk: str = "", ru: str = ""
) -> Column:
    return Column(code, code, description, example, required, kk=(kk,) if kk else (), ru=(ru,) if ru else ())


COLUMNS: list[Column] = [
    _column(
        "person_iin",
        gettext_lazy("IIN of the person (12 digits); or give person_external_id"),
        kk="ЖСН",
        ru="ИИН",
    ),
    _column(
        "person_external_id",
        gettext_lazy("External id of the person in the staff register; or give person_iin"),
        kk="Қызметкердің сыртқы идентификаторы",
        ru="Внешний идентификатор сотрудника",
    ),
    _column(
        "form",
        gettext_lazy("Form of PD: its code or its Kazakh or Russian title"),
        True,
        "course_short",
        kk="БАК нысаны",
        ru="Форма ПК",
    ),
    _column("title", gettext_lazy("Title or topic"), True, "Digital tools in teaching", kk="Тақырыбы", ru="Тема"),
    _column(
        "provider_name",
        gettext_lazy("Provider, as written in the certificate"),
        example="Orleu",
        kk="Ұйымдастырушы",
        ru="Организатор",
    ),
    _column("is_foreign", gettext_lazy("Foreign provider: yes or no"), example="no"),
    _column(
        "country", gettext_lazy("Country, two-letter ISO 3166 code; KZ when empty"), example="KZ", kk="Ел", ru="Страна"
    ),
    _column("city", gettext_lazy("City"), example="Almaty", kk="Қала", ru="Город"),
    _column(
        "start_date",
        gettext_lazy("Start date, YYYY-MM-DD or DD.MM.YYYY"),
        True,
        "2024-02-05",
        kk="Басталу күні",
        ru="Дата начала",
    ),
    _column(
        "end_date",
        gettext_lazy("Completion date, YYYY-MM-DD or DD.MM.YYYY"),
        True,
        "2024-02-16",
        kk="Аяқталу күні",
        ru="Дата окончания",
    ),
    _column(
        "hours", gettext_lazy("Academic hours, at most one digit after the point"), True, "72", kk="Сағат", ru="Часы"
    ),
    _column("delivery_mode", gettext_lazy("Delivery mode: its code or title"), example="without_leave"),
    _column("is_distance", gettext_lazy("Distance learning: yes or no"), example="no"),
    _column("funding_source", gettext_lazy("Funding source: its code or title"), example="organisation"),
    _column("cost", gettext_lazy("Cost in tenge"), example="45000", kk="Құны", ru="Стоимость"),
    _column("in_profile", gettext_lazy("In the profile of the disciplines taught: yes or no"), example="yes"),
    _column("management_topic", gettext_lazy("Management topic: yes or no"), example="no"),
    _column("initiative", gettext_lazy("Initiative: planned, management or employee"), example="planned"),
    _column("justification", gettext_lazy("Justification (needed for the form “other”)")),
    _column("status", gettext_lazy("verified or pending; verified when empty"), example="verified"),
    _column(
        "external_id", gettext_lazy("Id of the record in the source system; a re-import updates it"), example="HR-1"
    ),
]
COLUMN_NAMES = [c.code for c in COLUMNS]
REQUIRED_COLUMNS = [c.code for c in COLUMNS if c.required]

# The one report format of the table kit.
ImportProblem = RowProblem


@dataclass
class ImportReport:
    problems: list[RowProblem] = field(default_factory=list)
    summary: ImportSummary | None = None
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.summary is not None

    def as_json(self) -> dict[str, Any]:
        summary = self.summary
        return {
            "problems": [p.as_json() for p in self.problems],
            "rows_read": self.rows_read,
            "summary": None
            if summary is None
            else {
                "dry_run": summary.dry_run,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportReport:
        summary = None
        if data.get("summary") is not None:
            counts = data["summary"]
            summary = ImportSummary(
                created=int(counts["created"]),
                updated=int(counts["updated"]),
                unchanged=int(counts["unchanged"]),
                dry_run=bool(counts["dry_run"]),
            )
        return cls(
            problems=[RowProblem.from_json(p) for p in data.get("problems", [])],
            summary=summary,
            rows_read=int(data.get("rows_read", 0)),
        )


PARSERS: dict[str, Callable[[Any], Any]] = {
    "form": cells.choice_parser(PDForm),
    "delivery_mode": cells.choice_parser(DeliveryMode),
    "funding_source": cells.choice_parser(FundingSource),
    "initiative": cells.choice_parser(Initiative),
    "status": cells.choice_parser(RecordStatus),
    "is_foreign": cells.boolean,
    "is_distance": cells.boolean,
    "in_profile": cells.boolean,
    "management_topic": cells.boolean,
    "start_date": cells.date,
    "end_date": cells.date,
    "hours": cells.decimal,
    "cost": cells.decimal,
    "person_iin": partial(cells.iin, is_valid=is_valid_iin),
}
