"""The shared position catalogue and the disciplines taught, as data (PEO-03, PEO-04).

The positions come from KazNRTU-602 5.1 (faculty and research staff) and 5.2 (administrative
and academic-support staff), plus the heads every organisation has (rector, dean, head of
department), the college and pre-school positions (PRESCHOOL-RULES 1) and a few service
positions. ``seed_positions`` and ``seed_disciplines`` are idempotent (update or create by code)
and take the model as an argument, so a data migration can call them with its historical model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from biliktilik.people.enums import StaffCategory


@dataclass(frozen=True)
class PositionSpec:
    code: str
    name_kk: str
    name_ru: str
    name_en: str
    category: str
    is_head: bool = False
    is_deputy: bool = False


_F = StaffCategory.FACULTY
_R = StaffCategory.RESEARCH
_A = StaffCategory.ADMIN
_S = StaffCategory.SUPPORT
_SV = StaffCategory.SERVICE

POSITIONS: tuple[PositionSpec, ...] = (
    # First heads and their deputies.
    PositionSpec("rector", "Ректор", "Ректор", "Rector", _A, is_head=True),
    PositionSpec("vice_rector", "Проректор", "Проректор", "Vice-rector", _A, is_deputy=True),
    PositionSpec(
        "head_of_management_office",
        "Басқарма аппаратының басшысы",
        "Руководитель аппарата правления",
        "Head of the management office",
        _A,
        is_head=True,
    ),
    PositionSpec("director", "Директор", "Директор", "Director", _A, is_head=True),
    PositionSpec("deputy_director", "Директордың орынбасары", "Заместитель директора", "Deputy director", _A,
                 is_deputy=True),
    # Heads of academic units: counted with the faculty, and heads for the management-training rule.
    PositionSpec("institute_director", "Институт директоры", "Директор института", "Institute director", _F,
                 is_head=True),
    PositionSpec("dean", "Факультет деканы", "Декан факультета", "Dean", _F, is_head=True),
    PositionSpec("head_of_department", "Кафедра меңгерушісі", "Заведующий кафедрой", "Head of department", _F,
                 is_head=True),
    # KazNRTU-602 5.1 a: faculty.
    PositionSpec("professor", "Профессор", "Профессор", "Professor", _F),
    PositionSpec("associate_professor", "Қауымдастырылған профессор", "Ассоциированный профессор",
                 "Associate professor", _F),
    PositionSpec("assistant_professor", "Ассистент-профессор", "Ассистент-профессор", "Assistant professor", _F),
    PositionSpec("senior_lecturer", "Сениор-лектор", "Сениор-лектор", "Senior lecturer", _F),
    PositionSpec("lecturer", "Лектор", "Лектор", "Lecturer", _F),
    PositionSpec("tutor", "Тьютор", "Тьютор", "Tutor", _F),
    PositionSpec("assistant", "Ассистент", "Ассистент", "Assistant", _F),
    # KazNRTU-602 5.1 b: research staff.
    PositionSpec("chief_researcher", "Бас ғылыми қызметкер", "Главный научный сотрудник", "Chief researcher", _R),
    PositionSpec("leading_researcher", "Жетекші ғылыми қызметкер", "Ведущий научный сотрудник",
                 "Leading researcher", _R),
    PositionSpec("senior_researcher", "Аға ғылыми қызметкер", "Старший научный сотрудник", "Senior researcher", _R),
    PositionSpec("researcher", "Ғылыми қызметкер", "Научный сотрудник", "Researcher", _R),
    PositionSpec("junior_researcher", "Кіші ғылыми қызметкер", "Младший научный сотрудник", "Junior researcher", _R),
    # KazNRTU-602 5.2: administrative and academic-support staff.
    PositionSpec("department_director", "Департамент директоры", "Директор департамента", "Department director",
                 _A, is_head=True),
    PositionSpec("deputy_department_director", "Департамент директорының орынбасары",
                 "Заместитель директора департамента", "Deputy department director", _A, is_deputy=True),
    PositionSpec("service_director", "Қызмет директоры", "Директор службы", "Service director", _A, is_head=True),
    PositionSpec("centre_head", "Орталық басшысы", "Руководитель центра", "Centre head", _A, is_head=True),
    PositionSpec("division_head", "Бөлім бастығы", "Начальник отдела", "Division head", _A, is_head=True),
    PositionSpec("chief_manager", "Бас менеджер", "Главный менеджер", "Chief manager", _A),
    PositionSpec("manager", "Менеджер", "Менеджер", "Manager", _A),
    PositionSpec("chief_specialist", "Бас маман", "Главный специалист", "Chief specialist", _A),
    PositionSpec("leading_specialist", "Жетекші маман", "Ведущий специалист", "Leading specialist", _A),
    PositionSpec("accountant", "Бухгалтер", "Бухгалтер", "Accountant", _A),
    PositionSpec("legal_adviser", "Заңгер", "Юрисконсульт", "Legal adviser", _A),
    PositionSpec("engineer", "Инженер", "Инженер", "Engineer", _S),
    PositionSpec("lab_assistant", "Зертханашы", "Лаборант", "Laboratory assistant", _S),
    PositionSpec("librarian", "Кітапханашы", "Библиотекарь", "Librarian", _S),
    # Service staff.
    PositionSpec("technician", "Техник", "Техник", "Technician", _SV),
    PositionSpec("assistant_teacher", "Тәрбиеші көмекшісі", "Помощник воспитателя", "Teacher's assistant", _SV),
    # Colleges, pre-school organisations and PD providers (PRESCHOOL-RULES 1, 20-21).
    PositionSpec("college_teacher", "Колледж оқытушысы", "Преподаватель колледжа", "College teacher",
                 StaffCategory.COLLEGE_FACULTY),
    PositionSpec("preschool_head", "Мектепке дейінгі ұйымның меңгерушісі", "Заведующий дошкольной организацией",
                 "Pre-school head", StaffCategory.PRESCHOOL_HEAD, is_head=True),
    PositionSpec("methodologist", "Әдіскер", "Методист", "Methodologist", StaffCategory.PRESCHOOL_METHODOLOGIST),
    PositionSpec("teacher", "Педагог (тәрбиеші)", "Педагог (воспитатель)", "Teacher",
                 StaffCategory.PRESCHOOL_TEACHER),
    PositionSpec("trainer", "Тренер", "Тренер", "Trainer", _F),
)  # fmt: skip


@dataclass(frozen=True)
class ProfileSpec:
    """A profile (field) and the disciplines taught in it."""

    code: str
    name_kk: str
    name_ru: str
    name_en: str
    disciplines: tuple[tuple[str, str, str], ...]

    def discipline_codes(self) -> list[str]:
        return [f"{self.code}-{n}" for n in range(1, len(self.disciplines) + 1)]


PROFILES: tuple[ProfileSpec, ...] = (
    # Technical university.
    ProfileSpec("GEO", "Геология және пайдалы қазбаларды барлау", "Геология и разведка полезных ископаемых",
                "Geology and mineral exploration", (
                    ("Жалпы геология", "Общая геология", "General geology"),
                    ("Минералогия және петрография", "Минералогия и петрография", "Mineralogy and petrography"),
                    ("Пайдалы қазбалар кен орындарын барлау", "Разведка месторождений полезных ископаемых",
                     "Mineral deposit exploration"),
                )),
    ProfileSpec("PET", "Мұнай-газ ісі", "Нефтегазовое дело", "Petroleum engineering", (
        ("Мұнай және газ ұңғымаларын бұрғылау", "Бурение нефтяных и газовых скважин", "Drilling of oil and gas wells"),
        ("Кен орындарын игеру", "Разработка месторождений", "Field development"),
        ("Қабат физикасы", "Физика пласта", "Reservoir physics"),
    )),
    ProfileSpec("SE", "Программалық инженерия", "Программная инженерия", "Software engineering", (
        ("Алгоритмдер және деректер құрылымы", "Алгоритмы и структуры данных", "Algorithms and data structures"),
        ("Деректер қоры", "Базы данных", "Databases"),
        ("Веб-қосымшаларды әзірлеу", "Разработка веб-приложений", "Web application development"),
    )),
    ProfileSpec("CYB", "Киберқауіпсіздік", "Кибербезопасность", "Cybersecurity", (
        ("Криптография", "Криптография", "Cryptography"),
        ("Желі қауіпсіздігі", "Сетевая безопасность", "Network security"),
        ("Ақпаратты қорғау негіздері", "Основы защиты информации", "Foundations of information security"),
    )),
    ProfileSpec("AUT", "Автоматтандыру және басқару", "Автоматизация и управление", "Automation and control", (
        ("Автоматты басқару теориясы", "Теория автоматического управления", "Control theory"),
        ("Өнеркәсіптік контроллерлер", "Промышленные контроллеры", "Industrial controllers"),
        ("Робототехника", "Робототехника", "Robotics"),
    )),
    ProfileSpec("MIN", "Тау-кен ісі", "Горное дело", "Mining engineering", (
        ("Жерасты тау-кен жұмыстары", "Подземная разработка месторождений", "Underground mining"),
        ("Ашық тау-кен жұмыстары", "Открытые горные работы", "Open-pit mining"),
        ("Тау-кен машиналары", "Горные машины", "Mining machinery"),
    )),
    ProfileSpec("MET", "Металлургия", "Металлургия", "Metallurgy", (
        ("Түсті металдар металлургиясы", "Металлургия цветных металлов", "Non-ferrous metallurgy"),
        ("Металтану", "Металловедение", "Physical metallurgy"),
        ("Пайдалы қазбаларды байыту", "Обогащение полезных ископаемых", "Mineral processing"),
    )),
    ProfileSpec("CIV", "Құрылыс", "Строительство", "Civil engineering", (
        ("Құрылыс механикасы", "Строительная механика", "Structural mechanics"),
        ("Темірбетон конструкциялары", "Железобетонные конструкции", "Reinforced concrete structures"),
        ("Құрылыс материалдары", "Строительные материалы", "Building materials"),
    )),
    ProfileSpec("ARC", "Сәулет", "Архитектура", "Architecture", (
        ("Сәулеттік жобалау", "Архитектурное проектирование", "Architectural design"),
        ("Қала құрылысы", "Градостроительство", "Urban planning"),
        ("Сәулет тарихы", "История архитектуры", "History of architecture"),
    )),
    ProfileSpec("ENE", "Электр энергетикасы", "Электроэнергетика", "Power engineering", (
        ("Электр желілері", "Электрические сети", "Electrical networks"),
        ("Жаңартылатын энергия көздері", "Возобновляемые источники энергии", "Renewable energy sources"),
        ("Релелік қорғаныс", "Релейная защита", "Relay protection"),
    )),
    ProfileSpec("MEC", "Машина жасау", "Машиностроение", "Mechanical engineering", (
        ("Машина бөлшектері", "Детали машин", "Machine elements"),
        ("Материалдар кедергісі", "Сопротивление материалов", "Strength of materials"),
        ("Машина жасау технологиясы", "Технология машиностроения", "Manufacturing technology"),
    )),
    # Medical academy.
    ProfileSpec("SURG", "Хирургия", "Хирургия", "Surgery", (
        ("Жалпы хирургия", "Общая хирургия", "General surgery"),
        ("Травматология және ортопедия", "Травматология и ортопедия", "Traumatology and orthopaedics"),
        ("Анестезиология және реанимация", "Анестезиология и реаниматология", "Anaesthesiology and intensive care"),
    )),
    ProfileSpec("THER", "Ішкі аурулар", "Внутренние болезни", "Internal medicine", (
        ("Кардиология", "Кардиология", "Cardiology"),
        ("Гастроэнтерология", "Гастроэнтерология", "Gastroenterology"),
        ("Пульмонология", "Пульмонология", "Pulmonology"),
    )),
    ProfileSpec("PED", "Педиатрия", "Педиатрия", "Paediatrics", (
        ("Неонатология", "Неонатология", "Neonatology"),
        ("Балалар аурулары", "Детские болезни", "Childhood diseases"),
        ("Балалар хирургиясы", "Детская хирургия", "Paediatric surgery"),
    )),
    ProfileSpec("PHC", "Фармация", "Фармация", "Pharmacy", (
        ("Фармацевтикалық химия", "Фармацевтическая химия", "Pharmaceutical chemistry"),
        ("Дәрі технологиясы", "Технология лекарств", "Drug technology"),
        ("Фармакогнозия", "Фармакогнозия", "Pharmacognosy"),
    )),
    ProfileSpec("PHL", "Фармакология", "Фармакология", "Pharmacology", (
        ("Жалпы фармакология", "Общая фармакология", "General pharmacology"),
        ("Клиникалық фармакология", "Клиническая фармакология", "Clinical pharmacology"),
        ("Токсикология", "Токсикология", "Toxicology"),
    )),
    ProfileSpec("PUBH", "Қоғамдық денсаулық сақтау", "Общественное здравоохранение", "Public health", (
        ("Эпидемиология", "Эпидемиология", "Epidemiology"),
        ("Биостатистика", "Биостатистика", "Biostatistics"),
        ("Денсаулық сақтау менеджменті", "Менеджмент здравоохранения", "Health care management"),
    )),
    # Free university.
    ProfileSpec("ECON", "Экономика", "Экономика", "Economics", (
        ("Микроэкономика", "Микроэкономика", "Microeconomics"),
        ("Макроэкономика", "Макроэкономика", "Macroeconomics"),
        ("Эконометрика", "Эконометрика", "Econometrics"),
    )),
    ProfileSpec("MGMT", "Менеджмент және маркетинг", "Менеджмент и маркетинг", "Management and marketing", (
        ("Менеджмент негіздері", "Основы менеджмента", "Principles of management"),
        ("Маркетинг", "Маркетинг", "Marketing"),
        ("Стратегиялық менеджмент", "Стратегический менеджмент", "Strategic management"),
    )),
    ProfileSpec("LANG", "Шетел тілдері", "Иностранные языки", "Foreign languages", (
        ("Практикалық ағылшын тілі", "Практический английский язык", "Practical English"),
        ("Аударма теориясы", "Теория перевода", "Translation theory"),
        ("Шетел тілін оқыту әдістемесі", "Методика преподавания иностранного языка",
         "Foreign language teaching methods"),
    )),
    ProfileSpec("PSY", "Педагогика және психология", "Педагогика и психология", "Pedagogy and psychology", (
        ("Жалпы психология", "Общая психология", "General psychology"),
        ("Педагогика тарихы", "История педагогики", "History of education"),
        ("Инклюзивті білім беру", "Инклюзивное образование", "Inclusive education"),
    )),
    ProfileSpec("CS", "Компьютерлік ғылымдар", "Компьютерные науки", "Computer science", (
        ("Бағдарламалау негіздері", "Основы программирования", "Programming fundamentals"),
        ("Компьютерлік желілер", "Компьютерные сети", "Computer networks"),
        ("Машиналық оқыту", "Машинное обучение", "Machine learning"),
    )),
    # College.
    ProfileSpec("CGEN", "Жалпы білім беретін пәндер", "Общеобразовательные дисциплины", "General education subjects", (
        ("Қазақ тілі", "Казахский язык", "Kazakh language"),
        ("Математика", "Математика", "Mathematics"),
        ("Қазақстан тарихы", "История Казахстана", "History of Kazakhstan"),
    )),
    ProfileSpec("CPRE", "Мектепке дейінгі тәрбие және оқыту", "Дошкольное воспитание и обучение",
                "Pre-school education", (
                    ("Мектепке дейінгі педагогика", "Дошкольная педагогика", "Pre-school pedagogy"),
                    ("Балалар психологиясы", "Детская психология", "Child psychology"),
                    ("Бейнелеу өнерін оқыту әдістемесі", "Методика обучения изобразительному искусству",
                     "Methods of teaching fine arts"),
                )),
    ProfileSpec("CIT", "Ақпараттық технологиялар", "Информационные технологии", "Information technology", (
        ("Информатика", "Информатика", "Computer studies"),
        ("Операциялық жүйелер", "Операционные системы", "Operating systems"),
        ("Бағдарламалау", "Программирование", "Programming"),
    )),
    ProfileSpec("CELE", "Электр жабдықтары", "Электрооборудование", "Electrical equipment", (
        ("Электротехника негіздері", "Основы электротехники", "Fundamentals of electrical engineering"),
        ("Электр жабдықтарын пайдалану", "Эксплуатация электрооборудования", "Operation of electrical equipment"),
        ("Еңбекті қорғау", "Охрана труда", "Occupational safety"),
    )),
    # PD provider for pre-school pedagogues.
    ProfileSpec("ECE", "Мектепке дейінгі білім беру", "Дошкольное образование", "Early childhood education", (
        ("Ерте жастағы балалардың дамуы", "Развитие детей раннего возраста", "Early childhood development"),
        ("Мектепке дейінгі ұйымда оқу-тәрбие процесін жоспарлау",
         "Планирование воспитательно-образовательного процесса в дошкольной организации",
         "Planning education in a pre-school organisation"),
        ("Мектепке дейінгі ұйымды басқару", "Управление дошкольной организацией", "Managing a pre-school organisation"),
    )),
)  # fmt: skip


def _position_model() -> Any:
    from biliktilik.people.models import Position

    return Position


def _discipline_model() -> Any:
    from biliktilik.people.models import Discipline

    return Discipline


def seed_positions(model: Any = None) -> tuple[int, int]:
    """Create or update the shared catalogue's positions; return (created, updated).

    ``model`` is the Position model to use (a migration passes ``apps.get_model(...)``).
    Rows that already match are left untouched, so a second call changes nothing.
    """
    model = model or _position_model()
    created = updated = 0
    for order, spec in enumerate(POSITIONS, start=1):
        values = {
            "name_kk": spec.name_kk,
            "name_ru": spec.name_ru,
            "name_en": spec.name_en,
            "category": str(spec.category),
            "is_head": spec.is_head,
            "is_deputy": spec.is_deputy,
            "sort_order": order * 10,
        }
        row = model.objects.filter(code=spec.code, organisation__isnull=True).first()
        if row is None:
            model.objects.create(code=spec.code, organisation=None, **values)
            created += 1
            continue
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            row.save(update_fields=changed)
            updated += 1
    return created, updated


def seed_disciplines(model: Any = None) -> tuple[int, int]:
    """Create or update the disciplines of every profile; return (created, updated)."""
    model = model or _discipline_model()
    created = updated = 0
    for profile in PROFILES:
        for code, (kk, ru, en) in zip(profile.discipline_codes(), profile.disciplines, strict=True):
            values = {
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "profile_kk": profile.name_kk,
                "profile_ru": profile.name_ru,
                "profile_en": profile.name_en,
            }
            row = model.objects.filter(code=code).first()
            if row is None:
                model.objects.create(code=code, **values)
                created += 1
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if changed:
                for name in changed:
                    setattr(row, name, values[name])
                row.save(update_fields=changed)
                updated += 1
    return created, updated


POSITION_CODES = frozenset(spec.code for spec in POSITIONS)
PROFILE_CODES = frozenset(profile.code for profile in PROFILES)
