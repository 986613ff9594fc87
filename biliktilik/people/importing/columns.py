"""The columns of a staff import file, and the header titles accepted for each.

The header row uses the English codes (``last_name``); the Kazakh and Russian titles listed
here are accepted too, so a sheet typed by hand in either language can be read. The titles
are data, not interface text: they must be recognised whatever the catalogs hold.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from biliktilik.core.tables.reader import Column, Headers, normalise_header

__all__ = ["COLUMNS", "COLUMN_BY_CODE", "FIELD_COLUMN", "Column", "column_for_header", "normalise_header"]


COLUMNS: tuple[Column, ...] = (
    Column(
        "organisation_code",
        _("Organisation code"),
        _(
            "Code of the organisation the person works in. On the import page it may be left out: "
            "the organisation chosen on the page is used."
        ),
        "uni",
        kk=("Ұйым коды", "Ұйым"),
        ru=("Код организации", "Организация"),
    ),
    Column(
        "external_id",
        _("External id"),
        _("The person's number in the organisation's HR system. Used to find the person again when there is no IIN."),
        "HR-000123",
        kk=("Сыртқы идентификатор", "Табель нөмірі"),
        ru=("Внешний идентификатор", "Табельный номер"),
    ),
    Column(
        "iin",
        _("IIN"),
        _(
            "Individual identification number: 12 digits with a correct check digit. Give the IIN or "
            "the external id (or both). In Excel, keep the column as text so leading zeros stay."
        ),
        "850314412340",
        kk=("ЖСН",),
        ru=("ИИН",),
    ),
    Column(
        "last_name",
        _("Last name"),
        _("Required."),
        "Серікбаева",
        required=True,
        kk=("Тегі",),
        ru=("Фамилия",),
    ),
    Column(
        "first_name",
        _("First name"),
        _("Required."),
        "Гүлнұр",
        required=True,
        kk=("Аты",),
        ru=("Имя",),
    ),
    Column(
        "middle_name",
        _("Patronymic"),
        _("Optional."),
        "Маратқызы",
        kk=("Әкесінің аты",),
        ru=("Отчество",),
    ),
    Column(
        "birth_date",
        _("Birth date"),
        _("Date as dd.mm.yyyy or yyyy-mm-dd, or an Excel date. When empty, it is taken from the IIN."),
        "14.03.1985",
        kk=("Туған күні",),
        ru=("Дата рождения",),
    ),
    Column(
        "sex",
        _("Sex"),
        _("f (female) or m (male); the Kazakh and Russian words are accepted too. Must agree with the IIN."),
        "f",
        kk=("Жынысы",),
        ru=("Пол",),
    ),
    Column(
        "email",
        _("E-mail"),
        _("Optional."),
        "g.serikbayeva@example.kz",
        kk=("Электрондық пошта", "E-mail"),
        ru=("Электронная почта",),
    ),
    Column(
        "phone",
        _("Phone"),
        _("Optional."),
        "+7 701 234 5678",
        kk=("Телефон",),
        ru=("Номер телефона",),
    ),
    Column(
        "unit_code",
        _("Unit code"),
        _("Code of the structural unit within the organisation. Required."),
        "math",
        required=True,
        kk=("Бөлімше коды", "Құрылымдық бөлімше коды"),
        ru=("Код подразделения",),
    ),
    Column(
        "position_code",
        _("Position code"),
        _("Code of the position: from the shared catalogue or the organisation's own. Required."),
        "senior_lecturer",
        required=True,
        kk=("Лауазым коды",),
        ru=("Код должности",),
    ),
    Column(
        "category",
        _("Staff category"),
        _(
            "Optional; when empty, the category of the position is used. One of: faculty, research, "
            "admin, support, service, college_faculty, preschool_head, preschool_methodologist, "
            "preschool_teacher (or the category's name)."
        ),
        "faculty",
        kk=("Қызметкерлер санаты", "Санаты"),
        ru=("Категория персонала", "Категория"),
    ),
    Column(
        "rate",
        _("Rate"),
        _("Share of a full-time post, more than 0 and at most 2; a comma or a point as decimal mark. Default 1."),
        "1",
        kk=("Мөлшерлеме",),
        ru=("Ставка",),
    ),
    Column(
        "start_date",
        _("Start date"),
        _("First day of the employment. Required."),
        "01.09.2020",
        required=True,
        kk=("Басталу күні", "Жұмысқа қабылданған күні"),
        ru=("Дата начала", "Дата приёма"),
    ),
    Column(
        "end_date",
        _("End date"),
        _("Last day of the employment, when it has ended."),
        "",
        kk=("Аяқталу күні", "Жұмыстан шыққан күні"),
        ru=("Дата окончания", "Дата увольнения"),
    ),
    Column(
        "end_reason",
        _("End reason"),
        _(
            "Why the employment ended (needs an end date). One of: voluntary, term_ended, transfer, "
            "employer, retirement, agreement, other (or the reason's name)."
        ),
        "",
        kk=("Аяқталу себебі", "Жұмыстан шығу себебі"),
        ru=("Причина окончания", "Причина увольнения"),
    ),
    Column(
        "competition_date",
        _("Date of the competition"),
        _("Date of the competition the position was won in."),
        "25.08.2020",
        kk=("Конкурс күні",),
        ru=("Дата конкурса",),
    ),
    Column(
        "competition_term_years",
        _("Competition term, years"),
        _("Term of the contract after the competition, a whole number of years from 1 to 10."),
        "3",
        kk=("Конкурс мерзімі, жыл",),
        ru=("Срок конкурса, лет",),
    ),
)

COLUMN_BY_CODE: dict[str, Column] = {column.code: column for column in COLUMNS}

# Fields of the service that a column fills, where the names differ.
FIELD_COLUMN = {"unit": "unit_code", "position": "position_code", "organisation": "organisation_code"}


_HEADERS = Headers(COLUMNS)


def column_for_header(value: str) -> str | None:
    """The column code a header cell names, in English, Kazakh or Russian; None when unknown."""
    return _HEADERS.code_for(value)
