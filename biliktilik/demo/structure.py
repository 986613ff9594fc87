"""The demo organisations: authorities, universities, a college, a pre-school organisation and a
PD provider, with their units, named offices and posts.

Each organisation is shaped after one source document, under an invented name:

* Alatau technical university — KazNRTU-602: institutes with departments (кафедра), the HR
  service, departments (директорат), services and centres (1.3, 7.1-7.4).
* Karatau medical academy — SKMA-464: faculties, the HR division (КҚБ), the "Centre of
  competence and additional professional education" as PD centre (3.9-3.15, 8.1).
* Irtysh free university — KAFU-2025: the "Centre for Service and Personal Development" and its
  alumni (1, 3).
* "Balbobek" kindergarten and the Institute of Early Childhood Development — PRESCHOOL-RULES.

A ``Post`` is filled by exactly one person whatever the size of the demo (heads, and the people
behind the demo logins); ``Share`` weights spread the rest of the staff over units and
positions. ``category`` on a post overrides the position's staff category for that employment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from biliktilik.org.enums import OfficeKind, OrganisationKind, UnitKind
from biliktilik.people.enums import StaffCategory


@dataclass(frozen=True)
class Post:
    position: str
    login: str = ""
    category: str = ""


@dataclass(frozen=True)
class Share:
    position: str
    weight: float


@dataclass(frozen=True)
class UnitSpec:
    code: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str
    posts: tuple[Post, ...] = ()
    shares: tuple[Share, ...] = ()
    profile: str = ""
    children: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class OfficeSpec:
    kind: str
    unit: str
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    code: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str
    short_name: str
    city: str
    parent: str
    weight: float
    units: tuple[UnitSpec, ...]
    offices: tuple[OfficeSpec, ...] = ()
    bin: str = ""
    alumni_programmes: tuple[tuple[str, str], ...] = field(default=())

    @property
    def email_domain(self) -> str:
        return f"{self.code}.example"


def _unit(
    code: str,
    kind: str,
    kk: str,
    ru: str,
    en: str,
    *posts: Post,
    shares: tuple[Share, ...] = (),
    profile: str = "",
    children: tuple[UnitSpec, ...] = (),
) -> UnitSpec:
    return UnitSpec(code, kind, kk, ru, en, tuple(posts), shares, profile, children)


# The staff mix of a university department (кафедра) and of a college subject commission.
UNIVERSITY_DEPARTMENT_MIX = (
    Share("professor", 1),
    Share("associate_professor", 2),
    Share("assistant_professor", 2),
    Share("senior_lecturer", 4),
    Share("lecturer", 3),
    Share("tutor", 1),
    Share("assistant", 1),
    Share("lab_assistant", 0.8),
    Share("engineer", 0.4),
)
COLLEGE_COMMISSION_MIX = (Share("college_teacher", 10), Share("lab_assistant", 0.6))


def _department(
    code: str, kk: str, ru: str, en: str, profile: str, *, head_login: str = "", extra: tuple[Post, ...] = ()
) -> UnitSpec:
    """A university department (кафедра): its head, any extra posts, and the usual staff mix."""
    return _unit(
        code,
        UnitKind.DEPARTMENT,
        kk,
        ru,
        en,
        Post("head_of_department", login=head_login),
        *extra,
        shares=UNIVERSITY_DEPARTMENT_MIX,
        profile=profile,
    )


MINISTRY = OrganisationSpec(
    key="ministry",
    code="ministry",
    kind=OrganisationKind.AUTHORISED_BODY,
    name_kk="Қазақстан Республикасының Оқу-ағарту министрлігі",
    name_ru="Министерство просвещения Республики Казахстан",
    name_en="Ministry of Enlightenment of the Republic of Kazakhstan",
    short_name="ОАМ",
    city="Астана",
    parent="",
    weight=1,
    units=(
        _unit(
            "PRESCHOOL",
            UnitKind.DIRECTORATE,
            "Мектепке дейінгі тәрбие және оқыту департаменті",
            "Департамент дошкольного воспитания и обучения",
            "Department of Pre-school Education",
            Post("department_director"),
            Post("chief_specialist", login="ministry"),
            shares=(Share("chief_specialist", 2), Share("leading_specialist", 2)),
        ),
        _unit(
            "TEACHERS",
            UnitKind.DIRECTORATE,
            "Педагогтерді дамыту департаменті",
            "Департамент развития педагогов",
            "Department of Teacher Development",
            Post("department_director"),
            shares=(Share("chief_specialist", 2), Share("leading_specialist", 1)),
        ),
        _unit(
            "HR",
            UnitKind.DIVISION,
            "Адами ресурстар басқармасы",
            "Управление человеческих ресурсов",
            "Human Resources Division",
            Post("division_head"),
            shares=(Share("chief_specialist", 1),),
        ),
    ),
    offices=(OfficeSpec(OfficeKind.HR, "HR"),),
)

REGION = OrganisationSpec(
    key="region",
    code="almaty-region",
    kind=OrganisationKind.REGIONAL_DEPARTMENT,
    name_kk="Алматы облысының білім басқармасы",
    name_ru="Управление образования Алматинской области",
    name_en="Education Department of Almaty Region",
    short_name="Алматы обл. ББ",
    city="Қонаев",
    parent="ministry",
    weight=1,
    units=(
        _unit(
            "HEAD",
            UnitKind.DIRECTORATE,
            "Басқарма басшылығы",
            "Руководство управления",
            "Management",
            Post("department_director"),
        ),
        _unit(
            "PRESCHOOL",
            UnitKind.DIVISION,
            "Мектепке дейінгі білім беру бөлімі",
            "Отдел дошкольного образования",
            "Pre-school Education Division",
            Post("division_head"),
            Post("chief_specialist", login="region"),
            shares=(Share("chief_specialist", 2), Share("leading_specialist", 2)),
        ),
        _unit(
            "HR",
            UnitKind.DIVISION,
            "Кадр жұмысы бөлімі",
            "Отдел кадровой работы",
            "HR Division",
            Post("chief_specialist"),
            shares=(Share("leading_specialist", 1),),
        ),
    ),
    offices=(OfficeSpec(OfficeKind.HR, "HR"), OfficeSpec(OfficeKind.FIRST_HEAD, "HEAD")),
)

DISTRICT = OrganisationSpec(
    key="district",
    code="ile-district",
    kind=OrganisationKind.DISTRICT_OFFICE,
    name_kk="Іле ауданының білім бөлімі",
    name_ru="Отдел образования Илийского района",
    name_en="Ile District Education Office",
    short_name="Іле АББ",
    city="Өтеген батыр",
    parent="region",
    weight=1,
    units=(
        _unit(
            "HEAD",
            UnitKind.DIRECTORATE,
            "Бөлім басшылығы",
            "Руководство отдела",
            "Management",
            Post("division_head"),
            Post("chief_specialist"),
            shares=(Share("leading_specialist", 1),),
        ),
        _unit(
            "METHOD",
            UnitKind.DIVISION,
            "Әдістемелік кабинет",
            "Методический кабинет",
            "Methodological Office",
            Post("methodologist", category=StaffCategory.ADMIN),
            shares=(Share("methodologist", 1),),
        ),
    ),
    offices=(OfficeSpec(OfficeKind.HR, "HEAD"), OfficeSpec(OfficeKind.FIRST_HEAD, "HEAD")),
)

TECH = OrganisationSpec(
    key="tech",
    code="alatau-tech",
    kind=OrganisationKind.UNIVERSITY,
    name_kk="Алатау ұлттық техникалық зерттеу университеті",
    name_ru="Алатауский национальный исследовательский технический университет",
    name_en="Alatau National Research Technical University",
    short_name="АҰТЗУ",
    city="Алматы",
    parent="ministry",
    weight=42,
    units=(
        _unit(
            "RECTORATE",
            UnitKind.DIRECTORATE,
            "Ректорат",
            "Ректорат",
            "Rectorate",
            Post("rector", login="rector"),
            Post("vice_rector"),
            Post("vice_rector"),
            Post("vice_rector"),
        ),
        _unit(
            "MGMT",
            UnitKind.DIRECTORATE,
            "Басқарма аппараты",
            "Аппарат правления",
            "Management Office",
            Post("head_of_management_office"),
            Post("chief_manager"),
            shares=(Share("manager", 1),),
        ),
        _unit(
            "HR",
            UnitKind.SERVICE,
            "HR қызметі",
            "Служба HR",
            "HR Service",
            Post("service_director"),
            Post("chief_specialist", login="hr"),
            shares=(Share("leading_specialist", 2), Share("manager", 1)),
        ),
        _unit(
            "FIN",
            UnitKind.DIRECTORATE,
            "Қаржы және есеп департаменті",
            "Департамент финансов и учёта",
            "Department of Finance and Accounting",
            Post("department_director"),
            Post("deputy_department_director"),
            Post("chief_specialist", login="finance"),
            shares=(Share("accountant", 3), Share("chief_specialist", 1)),
        ),
        _unit(
            "LEGAL",
            UnitKind.DIRECTORATE,
            "Заң департаменті",
            "Юридический департамент",
            "Legal Department",
            Post("department_director"),
            shares=(Share("legal_adviser", 1),),
        ),
        _unit(
            "STRAT",
            UnitKind.DIRECTORATE,
            "Стратегиялық даму және халықаралық ынтымақтастық департаменті",
            "Департамент стратегического развития и международного сотрудничества",
            "Department of Strategic Development and International Cooperation",
            Post("department_director"),
            shares=(Share("manager", 2), Share("chief_manager", 1)),
        ),
        _unit(
            "ACAD",
            UnitKind.DIRECTORATE,
            "Академиялық мәселелер департаменті",
            "Департамент по академическим вопросам",
            "Department of Academic Affairs",
            Post("department_director"),
            shares=(Share("manager", 3), Share("chief_manager", 1)),
        ),
        _unit(
            "QUALITY",
            UnitKind.SERVICE,
            "Сапа менеджменті және ішкі аудит қызметі",
            "Служба менеджмента качества и внутреннего аудита",
            "Quality Management and Internal Audit Service",
            Post("service_director", login="auditor"),
            shares=(Share("chief_specialist", 1),),
        ),
        _unit(
            "PDC",
            UnitKind.CENTRE,
            "Біліктілікті арттыру және қосымша білім беру орталығы",
            "Центр повышения квалификации и дополнительного образования",
            "Centre for Professional Development and Further Education",
            Post("centre_head"),
            Post("chief_manager", login="pd_centre"),
            shares=(Share("manager", 2),),
        ),
        _unit(
            "RESEARCH",
            UnitKind.CENTRE,
            "Инженерлік зерттеулер орталығы",
            "Центр инженерных исследований",
            "Engineering Research Centre",
            Post("centre_head"),
            Post("chief_researcher"),
            shares=(Share("leading_researcher", 1), Share("senior_researcher", 2)),
            children=(
                _unit(
                    "LAB-MAT",
                    UnitKind.GROUP,
                    "Материалтану зертханасы",
                    "Лаборатория материаловедения",
                    "Materials Science Laboratory",
                    Post("leading_researcher"),
                    Post("engineer"),
                    shares=(
                        Share("senior_researcher", 2),
                        Share("researcher", 3),
                        Share("junior_researcher", 2),
                        Share("engineer", 1),
                        Share("lab_assistant", 1),
                    ),
                ),
                _unit(
                    "LAB-GEO",
                    UnitKind.GROUP,
                    "Геотехнология зертханасы",
                    "Лаборатория геотехнологий",
                    "Geotechnology Laboratory",
                    Post("senior_researcher"),
                    shares=(Share("researcher", 3), Share("junior_researcher", 2), Share("lab_assistant", 1)),
                ),
            ),
        ),
        _unit(
            "LIBRARY",
            UnitKind.DIVISION,
            "Ғылыми кітапхана",
            "Научная библиотека",
            "Research Library",
            Post("division_head"),
            shares=(Share("librarian", 3),),
        ),
        _unit(
            "ESTATE",
            UnitKind.DIVISION,
            "Әкімшілік-шаруашылық бөлімі",
            "Административно-хозяйственный отдел",
            "Estates and Facilities Division",
            Post("division_head"),
            Post("technician"),
            shares=(Share("technician", 6),),
        ),
        _unit(
            "IGN",
            UnitKind.INSTITUTE,
            "Геология және мұнай-газ ісі институты",
            "Институт геологии и нефтегазового дела",
            "Institute of Geology and Petroleum Engineering",
            Post("institute_director"),
            children=(
                _department(
                    "GEO",
                    "Геология және кен орындарын барлау кафедрасы",
                    "Кафедра геологии и разведки месторождений",
                    "Department of Geology and Mineral Exploration",
                    "GEO",
                ),
                _department(
                    "PET",
                    "Мұнай инженериясы кафедрасы",
                    "Кафедра нефтяной инженерии",
                    "Department of Petroleum Engineering",
                    "PET",
                ),
            ),
        ),
        _unit(
            "IAIT",
            UnitKind.INSTITUTE,
            "Автоматика және ақпараттық технологиялар институты",
            "Институт автоматики и информационных технологий",
            "Institute of Automation and Information Technology",
            Post("institute_director", login="institute_director"),
            children=(
                _department(
                    "SE",
                    "Программалық инженерия кафедрасы",
                    "Кафедра программной инженерии",
                    "Department of Software Engineering",
                    "SE",
                    head_login="unit_head",
                    extra=(Post("senior_lecturer", login="employee"),),
                ),
                _department(
                    "CYB",
                    "Киберқауіпсіздік кафедрасы",
                    "Кафедра кибербезопасности",
                    "Department of Cybersecurity",
                    "CYB",
                ),
                _department(
                    "AUT",
                    "Автоматтандыру және басқару кафедрасы",
                    "Кафедра автоматизации и управления",
                    "Department of Automation and Control",
                    "AUT",
                ),
            ),
        ),
        _unit(
            "IMM",
            UnitKind.INSTITUTE,
            "Тау-кен металлургия институты",
            "Горно-металлургический институт",
            "Institute of Mining and Metallurgy",
            Post("institute_director"),
            children=(
                _department("MIN", "Тау-кен ісі кафедрасы", "Кафедра горного дела", "Department of Mining", "MIN"),
                _department("MET", "Металлургия кафедрасы", "Кафедра металлургии", "Department of Metallurgy", "MET"),
            ),
        ),
        _unit(
            "IAC",
            UnitKind.INSTITUTE,
            "Сәулет және құрылыс институты",
            "Институт архитектуры и строительства",
            "Institute of Architecture and Civil Engineering",
            Post("institute_director"),
            children=(
                _department(
                    "CIV", "Құрылыс кафедрасы", "Кафедра строительства", "Department of Civil Engineering", "CIV"
                ),
                _department("ARC", "Сәулет кафедрасы", "Кафедра архитектуры", "Department of Architecture", "ARC"),
            ),
        ),
        _unit(
            "IEM",
            UnitKind.INSTITUTE,
            "Энергетика және машина жасау институты",
            "Институт энергетики и машиностроения",
            "Institute of Energy and Mechanical Engineering",
            Post("institute_director"),
            children=(
                _department(
                    "ENE",
                    "Электр энергетикасы кафедрасы",
                    "Кафедра электроэнергетики",
                    "Department of Power Engineering",
                    "ENE",
                ),
                _department(
                    "MEC",
                    "Машина жасау кафедрасы",
                    "Кафедра машиностроения",
                    "Department of Mechanical Engineering",
                    "MEC",
                ),
            ),
        ),
    ),
    offices=(
        OfficeSpec(OfficeKind.HR, "HR"),
        OfficeSpec(OfficeKind.PD_CENTRE, "PDC"),
        OfficeSpec(OfficeKind.FINANCE, "FIN"),
        OfficeSpec(OfficeKind.LEGAL, "LEGAL"),
        OfficeSpec(OfficeKind.INTERNATIONAL, "STRAT"),
        OfficeSpec(OfficeKind.MANAGEMENT_OFFICE, "MGMT"),
        OfficeSpec(OfficeKind.FIRST_HEAD, "RECTORATE"),
        OfficeSpec(
            OfficeKind.VICE_RECTOR,
            "RECTORATE",
            "Академиялық мәселелер жөніндегі проректор",
            "Проректор по академическим вопросам",
            "Vice-rector for academic affairs",
        ),
        OfficeSpec(OfficeKind.QUALITY, "QUALITY"),
    ),
    alumni_programmes=(
        ("6B07101", "Программалық инженерия"),
        ("6B07201", "Мұнай-газ ісі"),
    ),
)

MEDICAL = OrganisationSpec(
    key="medical",
    code="karatau-medical",
    kind=OrganisationKind.UNIVERSITY,
    name_kk="Қаратау медицина академиясы",
    name_ru="Каратауская медицинская академия",
    name_en="Karatau Medical Academy",
    short_name="ҚМА",
    city="Шымкент",
    parent="ministry",
    weight=24,
    units=(
        _unit(
            "RECTORATE",
            UnitKind.DIRECTORATE,
            "Ректорат",
            "Ректорат",
            "Rectorate",
            Post("rector"),
            Post("vice_rector"),
            Post("vice_rector"),
        ),
        _unit(
            "ADMIN",
            UnitKind.DIRECTORATE,
            "Әкімшілік және құқықтық қамтамасыз ету басқармасы",
            "Управление административного и правового обеспечения",
            "Administrative and Legal Support Directorate",
            Post("head_of_management_office"),
            shares=(Share("manager", 1),),
            children=(
                _unit(
                    "LEGAL",
                    UnitKind.DIVISION,
                    "Құқықтық қамтамасыз ету бөлімі",
                    "Отдел правового обеспечения",
                    "Legal Support Division",
                    Post("division_head"),
                    shares=(Share("legal_adviser", 2),),
                ),
            ),
        ),
        _unit(
            "HR",
            UnitKind.DIVISION,
            "Кадрлық қызмет бөлімі",
            "Отдел кадровой службы",
            "HR Division",
            Post("division_head"),
            shares=(Share("leading_specialist", 2), Share("chief_specialist", 1)),
        ),
        _unit(
            "CCAPE",
            UnitKind.CENTRE,
            "Құзыреттілік және қосымша кәсіби білім беру орталығы",
            "Центр компетенций и дополнительного профессионального образования",
            "Centre of Competence and Additional Professional Education",
            Post("centre_head"),
            shares=(Share("manager", 2),),
        ),
        _unit(
            "FIN",
            UnitKind.DIRECTORATE,
            "Қаржы-экономикалық басқарма",
            "Финансово-экономическое управление",
            "Finance and Economics Directorate",
            Post("department_director"),
            shares=(Share("accountant", 3),),
        ),
        _unit(
            "STRAT",
            UnitKind.DIRECTORATE,
            "Стратегиялық даму және халықаралық ынтымақтастық басқармасы",
            "Управление стратегического развития и международного сотрудничества",
            "Strategic Development and International Cooperation Directorate",
            Post("department_director"),
            shares=(Share("manager", 2),),
        ),
        _unit(
            "QA",
            UnitKind.DIVISION,
            "Сапаны қамтамасыз ету және мониторинг бөлімі",
            "Отдел обеспечения качества и мониторинга",
            "Quality Assurance and Monitoring Division",
            Post("division_head"),
            shares=(Share("chief_specialist", 1),),
        ),
        _unit(
            "UMC",
            UnitKind.CENTRE,
            "Оқу-әдістемелік орталық",
            "Учебно-методический центр",
            "Teaching and Methods Centre",
            Post("centre_head"),
            shares=(Share("manager", 2),),
        ),
        _unit(
            "RESEARCH",
            UnitKind.CENTRE,
            "Ғылыми-зерттеу зертханасы",
            "Научно-исследовательская лаборатория",
            "Research Laboratory",
            Post("leading_researcher"),
            shares=(
                Share("senior_researcher", 1),
                Share("researcher", 2),
                Share("junior_researcher", 1),
                Share("lab_assistant", 1),
            ),
        ),
        _unit(
            "ESTATE",
            UnitKind.DIVISION,
            "Шаруашылық бөлімі",
            "Хозяйственный отдел",
            "Facilities Division",
            Post("technician"),
            shares=(Share("technician", 4),),
        ),
        _unit(
            "MED",
            UnitKind.FACULTY,
            "Жалпы медицина факультеті",
            "Факультет общей медицины",
            "Faculty of General Medicine",
            Post("dean"),
            children=(
                _department("SURG", "Хирургия кафедрасы", "Кафедра хирургии", "Department of Surgery", "SURG"),
                _department(
                    "THER",
                    "Ішкі аурулар кафедрасы",
                    "Кафедра внутренних болезней",
                    "Department of Internal Medicine",
                    "THER",
                ),
                _department("PED", "Педиатрия кафедрасы", "Кафедра педиатрии", "Department of Paediatrics", "PED"),
            ),
        ),
        _unit(
            "PHA",
            UnitKind.FACULTY,
            "Фармация факультеті",
            "Факультет фармации",
            "Faculty of Pharmacy",
            Post("dean"),
            children=(
                _department(
                    "PHC",
                    "Фармацевтикалық пәндер кафедрасы",
                    "Кафедра фармацевтических дисциплин",
                    "Department of Pharmaceutical Sciences",
                    "PHC",
                ),
                _department(
                    "PHL", "Фармакология кафедрасы", "Кафедра фармакологии", "Department of Pharmacology", "PHL"
                ),
            ),
        ),
        _unit(
            "PH",
            UnitKind.FACULTY,
            "Қоғамдық денсаулық сақтау факультеті",
            "Факультет общественного здравоохранения",
            "Faculty of Public Health",
            Post("dean"),
            children=(
                _department(
                    "PUBH",
                    "Қоғамдық денсаулық сақтау кафедрасы",
                    "Кафедра общественного здравоохранения",
                    "Department of Public Health",
                    "PUBH",
                ),
            ),
        ),
    ),
    offices=(
        OfficeSpec(OfficeKind.HR, "HR"),
        OfficeSpec(
            OfficeKind.PD_CENTRE,
            "CCAPE",
            "Құзыреттілік және қосымша кәсіби білім беру орталығы",
            "Центр компетенций и дополнительного профессионального образования",
            "Centre of Competence and Additional Professional Education",
        ),
        OfficeSpec(OfficeKind.FINANCE, "FIN"),
        OfficeSpec(OfficeKind.LEGAL, "LEGAL"),
        OfficeSpec(OfficeKind.INTERNATIONAL, "STRAT"),
        OfficeSpec(OfficeKind.MANAGEMENT_OFFICE, "ADMIN"),
        OfficeSpec(OfficeKind.FIRST_HEAD, "RECTORATE"),
        OfficeSpec(
            OfficeKind.VICE_RECTOR,
            "RECTORATE",
            "Клиникалық жұмыс жөніндегі проректор",
            "Проректор по клинической работе",
            "Vice-rector for clinical work",
        ),
        OfficeSpec(OfficeKind.QUALITY, "QA"),
    ),
)

FREE = OrganisationSpec(
    key="free",
    code="irtysh-free",
    kind=OrganisationKind.UNIVERSITY,
    name_kk="Ертіс еркін университеті",
    name_ru="Иртышский свободный университет",
    name_en="Irtysh Free University",
    short_name="ЕЕУ",
    city="Өскемен",
    parent="ministry",
    weight=14,
    units=(
        _unit(
            "RECTORATE", UnitKind.DIRECTORATE, "Ректорат", "Ректорат", "Rectorate", Post("rector"), Post("vice_rector")
        ),
        _unit(
            "CSPD",
            UnitKind.CENTRE,
            "Қызмет пен тұлғаны дамыту орталығы",
            "Центр сервиса и личностного развития",
            "Centre for Service and Personal Development",
            Post("centre_head"),
            shares=(Share("manager", 2),),
        ),
        _unit(
            "HR",
            UnitKind.DIVISION,
            "Персоналды басқару бөлімі",
            "Отдел управления персоналом",
            "Personnel Division",
            Post("division_head"),
            shares=(Share("leading_specialist", 2),),
        ),
        _unit(
            "ACCOUNTS",
            UnitKind.DIVISION,
            "Бухгалтерия",
            "Бухгалтерия",
            "Accounts Office",
            Post("division_head"),
            shares=(Share("accountant", 2),),
        ),
        _unit("LEGAL", UnitKind.DIVISION, "Заң бөлімі", "Юридический отдел", "Legal Division", Post("legal_adviser")),
        _unit(
            "INTL",
            UnitKind.DIVISION,
            "Халықаралық ынтымақтастық бөлімі",
            "Отдел международного сотрудничества",
            "International Cooperation Division",
            Post("division_head"),
            shares=(Share("manager", 1),),
        ),
        _unit(
            "QA",
            UnitKind.DIVISION,
            "Сапаны қамтамасыз ету бөлімі",
            "Отдел обеспечения качества",
            "Quality Assurance Division",
            Post("division_head"),
        ),
        _unit(
            "CAREER",
            UnitKind.CENTRE,
            "Мансап және түлектер орталығы",
            "Центр карьеры и выпускников",
            "Career and Alumni Centre",
            Post("centre_head"),
            shares=(Share("manager", 1),),
        ),
        _unit(
            "LIBRARY",
            UnitKind.DIVISION,
            "Кітапхана",
            "Библиотека",
            "Library",
            Post("librarian"),
            shares=(Share("librarian", 1),),
        ),
        _unit(
            "ESTATE",
            UnitKind.DIVISION,
            "Шаруашылық бөлімі",
            "Хозяйственный отдел",
            "Facilities Division",
            Post("technician"),
            shares=(Share("technician", 3),),
        ),
        _unit(
            "BUS",
            UnitKind.FACULTY,
            "Бизнес және экономика факультеті",
            "Факультет бизнеса и экономики",
            "Faculty of Business and Economics",
            Post("dean"),
            children=(
                _department("ECON", "Экономика кафедрасы", "Кафедра экономики", "Department of Economics", "ECON"),
                _department(
                    "MGMT",
                    "Менеджмент және маркетинг кафедрасы",
                    "Кафедра менеджмента и маркетинга",
                    "Department of Management and Marketing",
                    "MGMT",
                ),
            ),
        ),
        _unit(
            "HUM",
            UnitKind.FACULTY,
            "Гуманитарлық ғылымдар факультеті",
            "Факультет гуманитарных наук",
            "Faculty of Humanities",
            Post("dean"),
            children=(
                _department(
                    "LANG",
                    "Шетел тілдері кафедрасы",
                    "Кафедра иностранных языков",
                    "Department of Foreign Languages",
                    "LANG",
                ),
                _department(
                    "PSY",
                    "Педагогика және психология кафедрасы",
                    "Кафедра педагогики и психологии",
                    "Department of Pedagogy and Psychology",
                    "PSY",
                ),
            ),
        ),
        _unit(
            "ITF",
            UnitKind.FACULTY,
            "Ақпараттық технологиялар факультеті",
            "Факультет информационных технологий",
            "Faculty of Information Technology",
            Post("dean"),
            children=(
                _department(
                    "CS",
                    "Компьютерлік ғылымдар кафедрасы",
                    "Кафедра компьютерных наук",
                    "Department of Computer Science",
                    "CS",
                ),
            ),
        ),
    ),
    offices=(
        OfficeSpec(OfficeKind.HR, "HR"),
        OfficeSpec(
            OfficeKind.PD_CENTRE,
            "CSPD",
            "Қызмет пен тұлғаны дамыту орталығы",
            "Центр сервиса и личностного развития",
            "Centre for Service and Personal Development",
        ),
        OfficeSpec(OfficeKind.FINANCE, "ACCOUNTS"),
        OfficeSpec(OfficeKind.LEGAL, "LEGAL"),
        OfficeSpec(OfficeKind.INTERNATIONAL, "INTL"),
        OfficeSpec(OfficeKind.FIRST_HEAD, "RECTORATE"),
        OfficeSpec(OfficeKind.VICE_RECTOR, "RECTORATE"),
        OfficeSpec(OfficeKind.QUALITY, "QA"),
    ),
    alumni_programmes=(
        ("6B04101", "Экономика"),
        ("6B04102", "Менеджмент"),
        ("6B04103", "Маркетинг"),
        ("6B01701", "Шетел тілі: екі шетел тілі"),
        ("6B03101", "Психология"),
        ("6B01101", "Педагогика және психология"),
        ("6B06101", "Ақпараттық жүйелер"),
    ),
)

COLLEGE = OrganisationSpec(
    key="college",
    code="qonaev-college",
    kind=OrganisationKind.COLLEGE,
    name_kk="Қонаев гуманитарлық-техникалық колледжі",
    name_ru="Конаевский гуманитарно-технический колледж",
    name_en="Qonaev College of Humanities and Technology",
    short_name="ҚГТК",
    city="Қонаев",
    parent="region",
    weight=8,
    units=(
        _unit(
            "DIRECTORATE",
            UnitKind.DIRECTORATE,
            "Дирекция",
            "Дирекция",
            "Directorate",
            Post("director"),
            Post("deputy_director"),
            Post("deputy_director"),
        ),
        _unit("HR", UnitKind.DIVISION, "Кадр бөлімі", "Отдел кадров", "Personnel Division", Post("chief_specialist")),
        _unit(
            "ACCOUNTS",
            UnitKind.DIVISION,
            "Бухгалтерия",
            "Бухгалтерия",
            "Accounts Office",
            Post("accountant"),
            shares=(Share("accountant", 1),),
        ),
        _unit(
            "ESTATE",
            UnitKind.DIVISION,
            "Шаруашылық бөлімі",
            "Хозяйственный отдел",
            "Facilities Division",
            shares=(Share("technician", 3),),
        ),
        _unit(
            "PEDAGOGY",
            UnitKind.DIVISION,
            "Педагогика бөлімі",
            "Педагогическое отделение",
            "Pedagogy Division",
            Post("division_head"),
            children=(
                _unit(
                    "CGEN",
                    UnitKind.GROUP,
                    "Жалпы білім беретін пәндер пәндік-циклдік комиссиясы",
                    "Предметно-цикловая комиссия общеобразовательных дисциплин",
                    "General Education Subject Commission",
                    Post("college_teacher"),
                    shares=COLLEGE_COMMISSION_MIX,
                    profile="CGEN",
                ),
                _unit(
                    "CPRE",
                    UnitKind.GROUP,
                    "Мектепке дейінгі тәрбие пәндік-циклдік комиссиясы",
                    "Предметно-цикловая комиссия дошкольного воспитания",
                    "Pre-school Education Subject Commission",
                    Post("college_teacher"),
                    shares=COLLEGE_COMMISSION_MIX,
                    profile="CPRE",
                ),
            ),
        ),
        _unit(
            "TECHNICAL",
            UnitKind.DIVISION,
            "Техникалық бөлім",
            "Техническое отделение",
            "Technical Division",
            Post("division_head"),
            children=(
                _unit(
                    "CIT",
                    UnitKind.GROUP,
                    "Ақпараттық технологиялар пәндік-циклдік комиссиясы",
                    "Предметно-цикловая комиссия информационных технологий",
                    "Information Technology Subject Commission",
                    Post("college_teacher"),
                    shares=COLLEGE_COMMISSION_MIX,
                    profile="CIT",
                ),
                _unit(
                    "CELE",
                    UnitKind.GROUP,
                    "Электр жабдықтары пәндік-циклдік комиссиясы",
                    "Предметно-цикловая комиссия электрооборудования",
                    "Electrical Equipment Subject Commission",
                    Post("college_teacher"),
                    shares=COLLEGE_COMMISSION_MIX,
                    profile="CELE",
                ),
            ),
        ),
    ),
    offices=(
        OfficeSpec(OfficeKind.HR, "HR"),
        OfficeSpec(OfficeKind.FINANCE, "ACCOUNTS"),
        OfficeSpec(OfficeKind.FIRST_HEAD, "DIRECTORATE"),
        OfficeSpec(
            OfficeKind.PD_CENTRE,
            "DIRECTORATE",
            "Оқу-әдістемелік жұмыс жөніндегі директор орынбасары",
            "Заместитель директора по учебно-методической работе",
            "Deputy director for teaching and methods",
        ),
    ),
)

KINDERGARTEN = OrganisationSpec(
    key="kindergarten",
    code="balbobek",
    kind=OrganisationKind.PRESCHOOL,
    name_kk="«Балбөбек» бөбекжай-бақшасы",
    name_ru="Ясли-сад «Балбөбек»",
    name_en="Balbobek Nursery and Kindergarten",
    short_name="«Балбөбек»",
    city="Өтеген батыр",
    parent="district",
    weight=5,
    units=(
        _unit(
            "ADMIN",
            UnitKind.DIVISION,
            "Әкімшілік",
            "Администрация",
            "Administration",
            Post("preschool_head"),
            Post("methodologist"),
            shares=(Share("technician", 1),),
        ),
        *(
            _unit(
                code,
                UnitKind.GROUP,
                f"«{kk}» тобы",
                f"Группа «{kk}»",
                f"{en} group",
                Post("teacher"),
                shares=(Share("teacher", 4), Share("assistant_teacher", 2)),
            )
            for code, kk, en in (
                ("BALAPAN", "Балапан", "Balapan"),
                ("KUNSHUAQ", "Күншуақ", "Kunshuaq"),
                ("AQBOTA", "Ақбота", "Aqbota"),
                ("ZHULDYZ", "Жұлдыз", "Zhuldyz"),
            )
        ),
    ),
    offices=(OfficeSpec(OfficeKind.FIRST_HEAD, "ADMIN"), OfficeSpec(OfficeKind.HR, "ADMIN")),
)

PROVIDER = OrganisationSpec(
    key="provider",
    code="iecd",
    kind=OrganisationKind.PROVIDER,
    name_kk="Балаларды ерте дамыту институты",
    name_ru="Институт раннего развития детей",
    name_en="Institute of Early Childhood Development",
    short_name="БЕДИ",
    city="Қонаев",
    parent="region",
    weight=4,
    units=(
        _unit(
            "DIRECTORATE",
            UnitKind.DIRECTORATE,
            "Дирекция",
            "Дирекция",
            "Directorate",
            Post("director"),
            Post("deputy_director", login="provider"),
        ),
        _unit("HR", UnitKind.DIVISION, "Кадр бөлімі", "Отдел кадров", "Personnel Division", Post("chief_specialist")),
        _unit("ACCOUNTS", UnitKind.DIVISION, "Бухгалтерия", "Бухгалтерия", "Accounts Office", Post("accountant")),
        _unit(
            "COURSES",
            UnitKind.CENTRE,
            "Біліктілікті арттыру курстары орталығы",
            "Центр курсов повышения квалификации",
            "Professional Development Courses Centre",
            Post("centre_head"),
            Post("trainer", login="trainer"),
            Post("trainer"),
            shares=(Share("trainer", 5), Share("manager", 1)),
            profile="ECE",
        ),
        _unit(
            "METHOD",
            UnitKind.CENTRE,
            "Ғылыми-әдістемелік орталық",
            "Научно-методический центр",
            "Research and Methods Centre",
            Post("methodologist"),
            shares=(Share("methodologist", 3), Share("researcher", 1)),
        ),
    ),
    offices=(
        OfficeSpec(OfficeKind.FIRST_HEAD, "DIRECTORATE"),
        OfficeSpec(OfficeKind.HR, "HR"),
        OfficeSpec(OfficeKind.FINANCE, "ACCOUNTS"),
        OfficeSpec(OfficeKind.PD_CENTRE, "COURSES"),
    ),
)

# Parents before children: the order organisations are created in.
ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    MINISTRY,
    REGION,
    DISTRICT,
    TECH,
    MEDICAL,
    FREE,
    COLLEGE,
    KINDERGARTEN,
    PROVIDER,
)
BY_KEY = {spec.key: spec for spec in ORGANISATIONS}
# The organisation whose presence tells that the demo is loaded.
MARKER_CODE = MINISTRY.code


def walk_units(units: tuple[UnitSpec, ...], parent: str = "") -> list[tuple[UnitSpec, str]]:
    """Every unit with its parent's code, parents first."""
    out: list[tuple[UnitSpec, str]] = []
    for unit in units:
        out.append((unit, parent))
        out.extend(walk_units(unit.children, unit.code))
    return out
