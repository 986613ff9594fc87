"""The tables the planner draws from: who teaches, ages, shares of women, degrees, categories
and the reasons a job ends. Plain data, kept apart from the drawing logic in ``planner``."""

from __future__ import annotations

from biliktilik.org.enums import OrganisationKind
from biliktilik.people.enums import DegreeKind, EmploymentEndReason, PedagogueCategory, StaffCategory

# Positions that teach disciplines (their teaching assignments make the "profile", PEO-04).
TEACHING_POSITIONS = frozenset(
    {
        "institute_director",
        "dean",
        "head_of_department",
        "professor",
        "associate_professor",
        "assistant_professor",
        "senior_lecturer",
        "lecturer",
        "tutor",
        "assistant",
        "college_teacher",
        "trainer",
    }
)
# Staff categories that hold a pedagogue qualification category (PEO-05).
PEDAGOGUE_CATEGORIES = frozenset(
    {
        StaffCategory.COLLEGE_FACULTY,
        StaffCategory.PRESCHOOL_HEAD,
        StaffCategory.PRESCHOOL_METHODOLOGIST,
        StaffCategory.PRESCHOOL_TEACHER,
    }
)
UNIVERSITY_KINDS = frozenset({OrganisationKind.UNIVERSITY})
# Staff hired by competition for a term (KazNRTU-602 5, 10).
COMPETITION_CATEGORIES = (StaffCategory.FACULTY, StaffCategory.RESEARCH)

# Youngest and oldest age for a position; the rest use DEFAULT_AGES.
AGES: dict[str, tuple[int, int]] = {
    "rector": (50, 68),
    "vice_rector": (42, 65),
    "head_of_management_office": (40, 62),
    "director": (40, 63),
    "deputy_director": (35, 62),
    "institute_director": (42, 66),
    "dean": (42, 66),
    "head_of_department": (38, 66),
    "professor": (45, 72),
    "associate_professor": (35, 66),
    "assistant_professor": (30, 58),
    "senior_lecturer": (28, 62),
    "lecturer": (25, 58),
    "tutor": (23, 35),
    "assistant": (23, 35),
    "chief_researcher": (45, 70),
    "leading_researcher": (38, 66),
    "senior_researcher": (30, 62),
    "researcher": (25, 58),
    "junior_researcher": (23, 35),
    "department_director": (35, 62),
    "service_director": (35, 62),
    "centre_head": (33, 62),
    "division_head": (32, 62),
    "preschool_head": (35, 60),
    "trainer": (30, 60),
}
DEFAULT_AGES = (23, 60)
# Share of women by staff category (education in Kazakhstan is mostly staffed by women).
FEMALE_SHARE: dict[str, float] = {
    StaffCategory.FACULTY: 0.62,
    StaffCategory.RESEARCH: 0.5,
    StaffCategory.ADMIN: 0.64,
    StaffCategory.SUPPORT: 0.7,
    StaffCategory.SERVICE: 0.45,
    StaffCategory.COLLEGE_FACULTY: 0.72,
    StaffCategory.PRESCHOOL_HEAD: 0.95,
    StaffCategory.PRESCHOOL_METHODOLOGIST: 0.95,
    StaffCategory.PRESCHOOL_TEACHER: 0.97,
}
DEGREE_PREFIX: dict[str, str] = {
    DegreeKind.CANDIDATE: "ҒК",
    DegreeKind.DOCTOR: "ҒД",
    DegreeKind.PHD: "PhD",
    DegreeKind.DOCTOR_PROFILE: "БД",
    DegreeKind.MASTER: "ЖМ",
}
# Which degrees a position's holder may have: (kind, weight); "" means none.
DEGREES: dict[str, tuple[tuple[str, float], ...]] = {
    "rector": ((DegreeKind.DOCTOR, 6), (DegreeKind.PHD, 3), (DegreeKind.CANDIDATE, 1)),
    "vice_rector": ((DegreeKind.DOCTOR, 3), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 3)),
    "institute_director": ((DegreeKind.DOCTOR, 3), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 3)),
    "dean": ((DegreeKind.DOCTOR, 3), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 3)),
    "head_of_department": ((DegreeKind.DOCTOR, 2), (DegreeKind.CANDIDATE, 4), (DegreeKind.PHD, 4)),
    "professor": ((DegreeKind.DOCTOR, 5), (DegreeKind.PHD, 4), (DegreeKind.CANDIDATE, 1)),
    "associate_professor": ((DegreeKind.CANDIDATE, 5), (DegreeKind.PHD, 5)),
    "assistant_professor": ((DegreeKind.PHD, 8), (DegreeKind.DOCTOR_PROFILE, 1), (DegreeKind.MASTER, 1)),
    "senior_lecturer": ((DegreeKind.MASTER, 7), (DegreeKind.PHD, 2), ("", 1)),
    "lecturer": ((DegreeKind.MASTER, 8), ("", 2)),
    "tutor": ((DegreeKind.MASTER, 5), ("", 5)),
    "assistant": ((DegreeKind.MASTER, 5), ("", 5)),
    "chief_researcher": ((DegreeKind.DOCTOR, 6), (DegreeKind.PHD, 4)),
    "leading_researcher": ((DegreeKind.CANDIDATE, 5), (DegreeKind.PHD, 5)),
    "senior_researcher": ((DegreeKind.CANDIDATE, 3), (DegreeKind.PHD, 4), (DegreeKind.MASTER, 3)),
    "researcher": ((DegreeKind.MASTER, 6), (DegreeKind.PHD, 2), ("", 2)),
    "junior_researcher": ((DegreeKind.MASTER, 6), ("", 4)),
    "trainer": ((DegreeKind.MASTER, 5), (DegreeKind.CANDIDATE, 2), (DegreeKind.PHD, 1), ("", 2)),
}
ORG_FIELD = {
    "tech": "техника ғылымдары",
    "medical": "медицина ғылымдары",
    "free": "экономика және гуманитарлық ғылымдар",
    "provider": "педагогика ғылымдары",
}
PEDAGOGUE_WEIGHTS = (
    (PedagogueCategory.PEDAGOGUE, 25),
    (PedagogueCategory.MODERATOR, 30),
    (PedagogueCategory.EXPERT, 25),
    (PedagogueCategory.RESEARCHER, 15),
    (PedagogueCategory.MASTER, 5),
)
# Why an earlier job ended; "term ended" is added for staff hired by competition.
PAST_END_REASONS = (
    EmploymentEndReason.VOLUNTARY,
    EmploymentEndReason.AGREEMENT,
    EmploymentEndReason.EMPLOYER_INITIATIVE,
    EmploymentEndReason.OTHER,
)
FORMER_END_REASONS = (
    EmploymentEndReason.VOLUNTARY,
    EmploymentEndReason.RETIREMENT,
    EmploymentEndReason.TERM_ENDED,
    EmploymentEndReason.AGREEMENT,
)

# --- PD history (pd_history) ----------------------------------------------------------------------
# A provider written as free text: (name, country ISO code, city, foreign).
Provider = tuple[str, str, str, bool]

# Providers of courses in the profile, by the organisation of the person. The organisation's own
# PD centre is added by pd_history (an internal course, provider = the organisation itself).
PROFILE_PROVIDERS: dict[str, tuple[Provider, ...]] = {
    "tech": (
        ("Astana IT University", "KZ", "Астана", False),
        ("Қазақстан-Британ техникалық университеті", "KZ", "Алматы", False),
        ("Л.Н. Гумилев атындағы Еуразия ұлттық университеті", "KZ", "Астана", False),
        ("Қарағанды техникалық университеті", "KZ", "Қарағанды", False),
        ("Томский политехнический университет", "RU", "Томск", True),
        ("Middle East Technical University", "TR", "Ankara", True),
        ("Technische Universität Bergakademie Freiberg", "DE", "Freiberg", True),
    ),
    "medical": (
        ("С.Д. Асфендияров атындағы Қазақ ұлттық медицина университеті", "KZ", "Алматы", False),
        ("«Астана медицина университеті» КеАҚ", "KZ", "Астана", False),
        ("Республиканский центр развития здравоохранения", "KZ", "Астана", False),
        ("Қарағанды медицина университеті", "KZ", "Қарағанды", False),
        ("Первый МГМУ им. И.М. Сеченова", "RU", "Москва", True),
        ("Hacettepe University", "TR", "Ankara", True),
    ),
    "free": (
        ("Әл-Фараби атындағы Қазақ ұлттық университеті", "KZ", "Алматы", False),
        ("«Нархоз» университеті", "KZ", "Алматы", False),
        ("Назарбаев Университет, Жоғары білім беру мектебі", "KZ", "Астана", False),
        ("Abylai Khan University", "KZ", "Алматы", False),
        ("University of Warsaw", "PL", "Warszawa", True),
        ("Anadolu University", "TR", "Eskişehir", True),
    ),
    "college": (
        ("«Talap» коммерциялық емес акционерлік қоғамы", "KZ", "Астана", False),
        ("«Өрлеу» біліктілікті арттыру ұлттық орталығы АҚ", "KZ", "Алматы", False),
        ("Жамбыл атындағы Алматы политехникалық колледжі", "KZ", "Алматы", False),
    ),
    "provider": (
        ("«Өрлеу» біліктілікті арттыру ұлттық орталығы АҚ", "KZ", "Алматы", False),
        ("Назарбаев Зияткерлік мектептері ДББҰ Педагогикалық шеберлік орталығы", "KZ", "Астана", False),
    ),
}
# Organisations holding seminars and trainings for everyone.
ORLEU: Provider = ("«Өрлеу» біліктілікті арттыру ұлттық орталығы АҚ", "KZ", "Алматы", False)
ANTIKOR: Provider = ("Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Антикор орталығы", "KZ", "Астана", False)
ACADEMY: Provider = ("Ы. Алтынсарин атындағы Ұлттық білім академиясы", "KZ", "Астана", False)
IAAR: Provider = ("Тәуелсіз аккредиттеу және рейтинг агенттігі (IAAR)", "KZ", "Астана", False)
TIL_KAZYNA: Provider = ("«Тіл-Қазына» ұлттық ғылыми-практикалық орталығы", "KZ", "Астана", False)
RED_CRESCENT: Provider = ("Қазақстан Қызыл Жарты Ай қоғамы", "KZ", "Алматы", False)
NU_GSE: Provider = ("Назарбаев Университет, Жоғары білім беру мектебі", "KZ", "Астана", False)
GENERAL_PROVIDERS: tuple[Provider, ...] = (ORLEU, ACADEMY, IAAR, NU_GSE)
ONLINE_PROVIDERS: tuple[Provider, ...] = (
    ("OpenU.kz", "KZ", "", False),
    ("Coursera", "US", "", True),
    ("edX", "US", "", True),
    ("FutureLearn", "GB", "", True),
)
MANAGEMENT_PROVIDERS: tuple[Provider, ...] = (
    ("Қазақстан Республикасы Президентінің жанындағы Мемлекеттік басқару академиясы", "KZ", "Астана", False),
    ("Назарбаев Университет, Жоғары білім беру мектебі", "KZ", "Астана", False),
    ("Almaty Management University", "KZ", "Алматы", False),
    ("Bureau Veritas Kazakhstan", "KZ", "Алматы", False),
    ("Erasmus+ Capacity Building in Higher Education", "BE", "Brussels", True),
)
# Hosts of internships (тағылымдама) in the profile, by the organisation of the person.
INTERNSHIP_HOSTS: dict[str, tuple[Provider, ...]] = {
    "tech": (
        ("«ҚазМұнайГаз» ұлттық компаниясы АҚ", "KZ", "Астана", False),
        ("«Қазақмыс корпорациясы» ЖШС", "KZ", "Жезқазған", False),
        ("«Kaspi.kz» АҚ", "KZ", "Алматы", False),
        ("«Самұрық-Энерго» АҚ", "KZ", "Астана", False),
        ("«ERG» (Eurasian Resources Group)", "KZ", "Астана", False),
        ("Politecnico di Milano", "IT", "Milano", True),
    ),
    "medical": (
        ("Шымкент қалалық көпбейінді ауруханасы", "KZ", "Шымкент", False),
        ("Ұлттық ғылыми хирургия орталығы", "KZ", "Алматы", False),
        ("«University Medical Center» КФ", "KZ", "Астана", False),
        ("Charité – Universitätsmedizin Berlin", "DE", "Berlin", True),
    ),
    "free": (
        ("«Қазақстан Халық Банкі» АҚ", "KZ", "Алматы", False),
        ("«Даму» кәсіпкерлікті дамыту қоры АҚ", "KZ", "Астана", False),
        ("Назарбаев Зияткерлік мектебі, Өскемен", "KZ", "Өскемен", False),
    ),
    "college": (
        ("«Алатау Жарық Компаниясы» АҚ", "KZ", "Алматы", False),
        ("«Қонаев қаласының №3 мектеп-гимназиясы» КММ", "KZ", "Қонаев", False),
    ),
}

# Titles of courses in the profile: "{d}" is a discipline, "{p}" the profile (in the same language).
PROFILE_TITLES_KK = (
    "«{d}» пәнін оқытудың заманауи әдістері",
    "«{d}»: пәннің өзекті мәселелері және жаңа технологиялар",
    "{p}: білім беру бағдарламаларын жаңарту",
    "«{d}» пәні бойынша цифрлық оқыту ресурстары",
)
PROFILE_TITLES_RU = (
    "Современные методы преподавания дисциплины «{d}»",
    "«{d}»: актуальные вопросы и новые технологии",
    "{p}: обновление образовательных программ",
    "Цифровые ресурсы для обучения по дисциплине «{d}»",
)
# More particular courses of some profiles.
PROFILE_TOPICS: dict[str, tuple[str, ...]] = {
    "SE": ("Машиналық оқыту және деректерді талдау", "DevOps и практики CI/CD", "Cloud Computing Foundations"),
    "CYB": ("Ақпараттық қауіпсіздік инциденттерін басқару", "Пентестинг веб-приложений", "Certified Ethical Hacker"),
    "AUT": ("Өнеркәсіптік контроллерлерді бағдарламалау (Siemens TIA Portal)", "Цифровые двойники в управлении"),
    "GEO": ("Micromine бағдарламасында геологиялық модельдеу", "Геоинформационные системы в разведке"),
    "PET": ("Ұңғымаларды бұрғылау технологиялары", "Моделирование пластов в Petrel"),
    "SURG": ("Лапароскопиялық хирургия негіздері", "Симуляционное обучение в хирургии"),
    "THER": ("Дәлелді медицина және клиникалық хаттамалар", "Актуальные вопросы кардиологии"),
    "PED": ("Неонатологияның өзекті мәселелері", "ИВБДВ: интегрированное ведение болезней детского возраста"),
    "ECON": ("Эконометрика в Stata и R", "Қаржылық талдау және IFRS"),
    "LANG": ("CLIL: пән мен тілді кіріктіріп оқыту", "Teaching English for Academic Purposes"),
    "CS": ("Python тілінде деректерді талдау", "Основы разработки мобильных приложений"),
    "CIT": ("1С:Кәсіпорын платформасында бағдарламалау", "Сетевые технологии Cisco CCNA"),
    "CPRE": ("Мектепке дейінгі тәрбие мен оқытудың үлгілік бағдарламасы", "Игровые технологии в дошкольном обучении"),
    "ECE": ("Ересектерді оқыту әдістемесі (андрагогика)", "Тренер-фасилитатор: методика проведения курсов"),
}
# Seminars and trainings outside the profile: (title, form, hours, who holds it; None: the
# organisation itself, an internal corporate training).
GENERAL_ACTIVITIES: tuple[tuple[str, str, int, Provider | None], ...] = (
    ("Академиялық адалдық және плагиатқа қарсы саясат", "seminar", 18, IAAR),
    ("Сыбайлас жемқорлыққа қарсы мәдениетті қалыптастыру", "seminar", 8, ANTIKOR),
    ("Инклюзивті білім беру: ерекше білім беру қажеттіліктері бар білім алушылар", "course_short", 36, ACADEMY),
    ("Цифровая грамотность преподавателя: LMS Moodle и MS Teams", "training", 24, ORLEU),
    ("Эмоционалдық интеллект және күйзеліспен жұмыс", "training", 16, ORLEU),
    ("Первая медицинская помощь", "training", 12, RED_CRESCENT),
    ("Академиялық жазылым және ғылыми жарияланымдар (Scopus, Web of Science)", "seminar", 24, NU_GSE),
    ("Генеративный искусственный интеллект в образовании", "master_class", 8, NU_GSE),
    ("Мемлекеттік тілде іс қағаздарын жүргізу", "course_short", 36, TIL_KAZYNA),
    ("Кредиттік технология бойынша оқу процесін ұйымдастыру", "seminar", 18, IAAR),
    ("Корпоративтік этика және іскерлік коммуникация", "corporate", 8, None),
    ("Еңбек қауіпсіздігі және еңбекті қорғау", "corporate", 12, None),
)
# Online courses: (title, form, hours).
ONLINE_ACTIVITIES: tuple[tuple[str, str, int], ...] = (
    ("Learning to Teach Online", "mooc", 24),
    ("Инновациялық педагогикалық технологиялар", "distance", 72),
    ("Teaching with Artificial Intelligence", "mooc", 18),
    ("Қашықтықтан оқыту курстарын әзірлеу", "distance", 36),
    ("English for Career Development", "mooc", 36),
)
# Conferences, forums, schools and round tables: (title, organiser, country, city, foreign).
CONFERENCES: tuple[tuple[str, str, str, str, bool], ...] = (
    ("«Сәтбаев оқулары» халықаралық ғылыми-практикалық конференциясы", "Satbayev University", "KZ", "Алматы", False),
    ("Международная научно-практическая конференция «Наука и образование в современном мире»",
     "Л.Н. Гумилев атындағы Еуразия ұлттық университеті", "KZ", "Астана", False),
    ("«Жоғары білім берудегі сапа» республикалық форумы", IAAR[0], "KZ", "Астана", False),
    ("Халықаралық «Цифрлық трансформация: білім және өндіріс» дөңгелек үстелі", "Қарағанды техникалық университеті",
     "KZ", "Қарағанды", False),
    ("International Conference on Higher Education Advances (HEAd)", "Universitat Politècnica de València", "ES",
     "Valencia", True),
    ("Жас ғалымдардың «Ғылым көкжиегі» жазғы мектебі", ACADEMY[0], "KZ", "Бурабай", False),
)  # fmt: skip
MANAGEMENT_TITLES: tuple[tuple[str, int], ...] = (
    ("Жоғары оқу орнындағы стратегиялық менеджмент", 72),
    ("Управление изменениями в организации образования", 36),
    ("Лидерство и управление командой", 24),
    ("Білім беру ұйымындағы жобаларды басқару", 36),
    ("Сапа менеджменті жүйесі: ISO 9001:2015 ішкі аудиторы", 24),
    ("Мемлекеттік сатып алу және қаржылық менеджмент", 72),
    ("Кадрларды басқару және еңбек заңнамасы", 36),
    ("Білім беру ұйымының басшысы: тиімді басқару", 72),
)
# Courses for pre-school staff, most held by the demo PD provider (PRESCHOOL-RULES).
PRESCHOOL_TITLES: tuple[tuple[str, int], ...] = (
    ("Мектепке дейінгі тәрбие мен оқытудың үлгілік оқу бағдарламасын іске асыру", 72),
    ("Ерте жастағы балалардың даму деңгейін бағалау", 36),
    ("Инклюзивті білім беру: ерекше білім беру қажеттіліктері бар балалармен жұмыс", 72),
    ("Ойын арқылы оқыту технологиялары", 36),
    ("Организация развивающей предметно-пространственной среды", 36),
    ("STEM-білім беру элементтері мектепке дейінгі ұйымда", 80),
    ("Мектепке дейінгі ұйымдағы әдістемелік жұмыс", 80),
)
PRESCHOOL_MANAGEMENT_TITLES: tuple[tuple[str, int], ...] = (
    ("Мектепке дейінгі ұйымды басқарудың заманауи тәсілдері", 72),
    ("Менеджмент в дошкольной организации", 80),
)
# Why HR returned a record for correction (free text, as written by HR).
RETURN_REASONS = (
    "Сертификаттың көшірмесі тіркелмеген.",
    "Сертификаттағы сағат саны жазбадағы сағат санымен сәйкес келмейді.",
    "Не приложены программа конференции и сертификат участника.",
    "Дата окончания не совпадает с датой в сертификате.",
    "Курсты ұйымдастырушының атауы толық көрсетілмеген.",
)
