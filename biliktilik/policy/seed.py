"""The rule sets of the five source documents, as data (POL-01..07).

Four are templates in the library (no owner): an organisation adopts one with
``services.rule_set_adopt`` and may then publish its own versions. The repealed order
MOES-1211 is national (no owner, not a template): it applies to every organisation for the
years it was in force, 27.02.2001 to its repeal by order No. 370 of 11.09.2013.

``seed_rule_sets`` is idempotent: a rule set or rule already present (by code) is left as it
is, so a later version published by hand is never overwritten. The data migration calls it
with the historical models; tests call it with the real ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .evaluators import clean_params, clean_scope

D = dt.date

_PD_COURSES = {"course_short": "hours", "course_long": "hours"}

SEED: list[dict[str, Any]] = [
    {
        "code": "skma-464",
        "is_template": True,
        "title_kk": "Әкімшілік-басқару персоналының, профессор-оқытушылар құрамының және ғылыми қызметкерлердің "
        "біліктілігін жетілдіру туралы ереже",
        "title_ru": "Положение о повышении квалификации АУП, ППС и научных сотрудников",
        "title_en": "Regulation on PD of administrative, teaching and research staff",
        "source_document": "«Оңтүстік Қазақстан медицина академиясы» АҚ, Е 464-2025 ереже, 1-ші басылым",
        "source_citation": "SKMA-464 (E 464-2025), edition 1, 2025",
        "effective_from": D(2025, 1, 1),
        "effective_to": None,
        "rules": [
            {
                "kind": "periodic_requirement",
                "code": "skma-464-every-employee",
                "title_kk": "Әр қызметкер кемінде үш жылда бір рет",
                "title_ru": "Каждый работник не реже одного раза в три года",
                "title_en": "Every employee at least once every 3 years",
                "params": {"period_years": 3, "min_activities": 1},
                "scope": {},
                "clause": "3.4",
                "text": "Біліктілікті арттыру қажеттілігіне қарай, бірақ барлық еңбек қызметі барысында кемінде "
                "үш жылда бір рет жүргізіледі.",
            },
            {
                "kind": "periodic_requirement",
                "code": "skma-464-faculty-72h",
                "title_kk": "ПОҚ: үш жылда кемінде 72 сағат, оқытылатын пәндердің бейіні бойынша",
                "title_ru": "ППС: не менее 72 часов за три года по профилю преподаваемых дисциплин",
                "title_en": "Faculty: at least 72 h every 3 years in the profile of the disciplines taught",
                "params": {"period_years": 3, "min_hours": 72, "in_profile_only": True},
                "scope": {"categories": ["faculty"]},
                "clause": "4.3",
                "text": "«ОҚМА» АҚ ПОҚ оқытылатын пәндердің бейініне сәйкес үш жылда кемінде бір рет оқу курсына "
                "кемінде 72 (жетпіс екі) сағат көлемінде біліктілігін арттыруға міндетті.",
            },
            {
                "kind": "periodic_requirement",
                "code": "skma-464-college-faculty-36h",
                "title_kk": "Колледж ПОҚ: үш жылда кемінде 36 сағат",
                "title_ru": "ППС колледжа: не менее 36 часов за три года",
                "title_en": "College faculty: at least 36 h every 3 years",
                "params": {"period_years": 3, "min_hours": 36, "in_profile_only": True},
                "scope": {"categories": ["college_faculty"]},
                "clause": "4.4",
                "text": "Колледждің ПОҚ білім беру бағдарламаларына және оқытылатын пәндердің бейініне сәйкес үш "
                "жылда кемінде бір рет оқу курсына кемінде 36 (отыз алты) сағат көлемінде біліктілігін арттыруға "
                "міндетті.",
            },
            {
                "kind": "periodic_requirement",
                "code": "skma-464-management",
                "title_kk": "ӘБП басшылары мен орынбасарлары: үш жылда кемінде бір рет менеджмент саласында",
                "title_ru": "Руководители АУП и их заместители: менеджмент не реже одного раза в три года",
                "title_en": "Heads and deputies: management training at least once every 3 years",
                "params": {"period_years": 3, "min_activities": 1, "management_only": True},
                "scope": {"categories": ["admin"], "head_or_deputy": True},
                "clause": "4.5",
                "text": "ӘБП басшылары мен олардың орынбасарлары кемінде 3 (үш) жылда бір рет менеджмент "
                "саласында біліктілігін арттыруға міндетті.",
            },
            {
                "kind": "counted_forms",
                "code": "skma-464-forms",
                "title_kk": "Біліктілікті арттыру нысандары",
                "title_ru": "Формы повышения квалификации",
                "title_en": "Forms of PD",
                "params": {
                    "forms": {
                        **_PD_COURSES,
                        "master_class": "hours",
                        "training": "hours",
                        "mooc": "hours",
                        "distance": "hours",
                        "internship": "hours",
                        "seminar": "hours",
                        "conference": "hours",
                    }
                },
                "clause": "6.1, 7.8",
                "text": "Біліктілікті арттыру курстары (шеберлік-сыныптары, тренингтер, ашық онлайн курстар және "
                "т.б.); тағылымдама.",
            },
            {
                "kind": "deadline",
                "code": "skma-464-organisation-plan",
                "title_kk": "Ұйымның БА жоспары жыл сайын 1 желтоқсанға дейін",
                "title_ru": "План ПК организации ежегодно до 1 декабря",
                "title_en": "Organisation PD plan every year by 1 December",
                "params": {"code": "organisation_plan", "relative_to": "annual_date", "month": 12, "day": 1},
                "clause": "5.5",
                "text": "Қызметкерлердің біліктілігін арттыру жоспары жыл сайын 1 желтоқсанға дейін ҚжҚКББ "
                "орталығы қалыптастырады.",
            },
            {
                "kind": "deadline",
                "code": "skma-464-application",
                "title_kk": "Өтініш курс басталғанға дейін 20 күннен кешіктірмей",
                "title_ru": "Заявление не позднее 20 дней до начала",
                "title_en": "Application at least 20 days before the start",
                "params": {
                    "code": "application",
                    "relative_to": "course_start",
                    "direction": "before",
                    "amount": 20,
                    "unit": "calendar_days",
                },
                "clause": "7.1",
                "text": "Біліктілікті арттыру мерзімі басталғанға дейін 20 күннен кешіктірмей ... өтініш ресімдейді.",
            },
            {
                "kind": "deadline",
                "code": "skma-464-evidence",
                "title_kk": "Растау құжатының көшірмесі мен есеп 5 күн ішінде",
                "title_ru": "Копия подтверждающего документа и отчёт в течение 5 дней",
                "title_en": "Copy of the evidence and report within 5 days",
                "params": {
                    "code": "evidence",
                    "relative_to": "course_end",
                    "direction": "after",
                    "amount": 5,
                    "unit": "calendar_days",
                },
                "clause": "7.2, 7.14",
                "text": "Біліктілікті жетілдіруді аяқтағаннан кейін қызметкер 5 күн ішінде ... растау құжатының "
                "көшірмесін және тыңдаушының есебін ұсынуы керек.",
            },
        ],
    },
    {
        "code": "kaznrtu-602",
        "is_template": True,
        "title_kk": "Персоналдың біліктілігін арттыру және оқыту, № 602 құжатталған процедура",
        "title_ru": "Повышение квалификации и обучение персонала, документированная процедура № 602",
        "title_en": "PD and training of personnel, documented procedure No. 602",
        "source_document": "Қ.И. Сәтбаев атындағы ҚазҰТЗУ, ҚП 602, №2 редакция",
        "source_citation": "KazNRTU-602, edition 2, approved by Board decision No. 10 of 02.08.2022",
        "effective_from": D(2022, 8, 2),
        "effective_to": None,
        "rules": [
            {
                "kind": "counted_forms",
                "code": "kaznrtu-602-forms",
                "title_kk": "Біліктілікті арттырудың негізгі нысандары",
                "title_ru": "Основные формы повышения квалификации",
                "title_en": "Main forms of PD",
                "params": {
                    "forms": {
                        **_PD_COURSES,
                        "distance": "hours",
                        "leading_university": "hours",
                        "abroad_agreement": "hours",
                        "conference": "hours",
                        "seminar": "hours",
                        "dissertation": "once",
                        "other": "needs_justification",
                    }
                },
                "clause": "6.1",
                "text": "... кандидаттық немесе докторлық диссертацияны қорғау; ҚазҰТЗУ бөлімшесінің басшысы "
                "бекіткен тиісті негіздеме болған жағдайда біліктілікті арттырудың басқа да нысандары.",
            },
            {
                "kind": "deadline",
                "code": "kaznrtu-602-data-to-hr",
                "title_kk": "Деректер HR қызметіне 3 айда 1 рет",
                "title_ru": "Данные в службу HR раз в 3 месяца",
                "title_en": "Data to HR every 3 months",
                "params": {
                    "code": "data_to_hr",
                    "relative_to": "previous_submission",
                    "direction": "after",
                    "amount": 3,
                    "unit": "months",
                },
                "clause": "8.2",
                "text": "Университеттің ПОҚ мен ҚБ бойынша жинақталған деректері тұрақты негізде – 3 айда 1 рет "
                "және/немесе сұрау салу бойынша ... HR қызметіне түсуі тиіс.",
            },
            {
                "kind": "deadline",
                "code": "kaznrtu-602-course-report",
                "title_kk": "Курс бойынша есеп пен тыңдау бір айдан кешіктірмей",
                "title_ru": "Отчёт по курсу и заслушивание не позднее одного месяца",
                "title_en": "Course report and hearing within 1 month",
                "params": {
                    "code": "course_report",
                    "relative_to": "course_end",
                    "direction": "after",
                    "amount": 1,
                    "unit": "months",
                },
                "clause": "11.3",
                "text": "Кәсіби біліктілікті арттыру курстары аяқталғаннан кейін кафедрада, бөлімде (бір айдан "
                "кешіктірмей) ... іс-шаралар өткізіледі.",
            },
        ],
    },
    {
        "code": "kafu-2025",
        "is_template": True,
        "title_kk": "ҚАЕУ-дің ПОҚ мен қызметкерлерінің біліктілігін арттыру және түлектерді жоғары оқу орнынан "
        "кейінгі сүйемелдеу туралы ереже",
        "title_ru": "Положение о повышении квалификации ППС и сотрудников и постдипломном сопровождении "
        "выпускников КАСУ",
        "title_en": "KAFU regulation on PD of faculty and staff and post-graduation support of alumni",
        "source_document": "Қазақстан-Американдық еркін университеті, ССБЖ, 3-шығарылым",
        "source_citation": "KAFU-2025, edition 3, 19.03.2025",
        "effective_from": D(2025, 3, 19),
        "effective_to": None,
        "rules": [
            {
                "kind": "duration_classes",
                "code": "kafu-2025-duration-classes",
                "title_kk": "Курстардың ұзақтығы",
                "title_ru": "Продолжительность курсов",
                "title_en": "Duration of courses",
                "params": {
                    "classes": [
                        {
                            "code": "master_class_training",
                            "min_hours": 0,
                            "max_hours": 36,
                            "include_max": False,
                            "label": {
                                "kk": "Мастер-класс, тренинг",
                                "ru": "Мастер-класс, тренинг",
                                "en": "Master class, training",
                            },
                        },
                        {
                            "code": "short",
                            "min_hours": 36,
                            "max_hours": 108,
                            "label": {"kk": "Қысқа мерзімді", "ru": "Краткосрочный", "en": "Short"},
                        },
                        {
                            "code": "long",
                            "min_hours": 108,
                            "include_min": False,
                            "label": {"kk": "Ұзақ мерзімді", "ru": "Долгосрочный", "en": "Long"},
                        },
                    ]
                },
                "clause": "3",
                "text": "Қысқа мерзімді курстар — 36 академиялық сағаттан 108 сағатқа дейін; ұзақ мерзімді курстар — "
                "108 академиялық сағаттан астам; мастер-класстар мен тренингтер — 36 сағаттан аз.",
            },
            {
                "kind": "counted_forms",
                "code": "kafu-2025-forms",
                "title_kk": "Біліктілікті арттыру нысандары",
                "title_ru": "Формы повышения квалификации",
                "title_en": "Forms of PD",
                "params": {
                    "forms": {
                        **_PD_COURSES,
                        "seminar": "hours",
                        "master_class": "hours",
                        "training": "hours",
                        "internship": "hours",
                        "international": "hours",
                        "distance": "hours",
                        "conference": "hours",
                        "corporate": "hours",
                        "self_education": "hours",
                    }
                },
                "clause": "2",
                "text": "Біліктілікті арттыру курстары; семинарлар, мастер-кластар, тренингтер; іс-тәжірибеден өту; "
                "халықаралық бағдарламалар, академиялық ұтқырлық; қашықтан және онлайн бағдарламалар; "
                "конференциялар, форумдар; корпоративтік бағдарламалар; өзіндік білім алу.",
            },
            {
                "kind": "delivery_modes",
                "code": "kafu-2025-delivery-modes",
                "title_kk": "Курстарды ұйымдастыру нысандары",
                "title_ru": "Формы организации курсов",
                "title_en": "Delivery modes of courses",
                "params": {"modes": ["without_leave", "with_leave", "abroad_with_leave", "blended"]},
                "clause": "3",
                "text": "1) еңбек қызметінен қол үзбей; 2) еңбек қызметінен қол үзе отырып, еңбекақыны сақтай "
                "отырып; 3) шетелде, 1 (бір) жылға дейінгі мерзімге; 4) аралас түрде.",
            },
        ],
    },
    {
        "code": "preschool-rules",
        "is_template": True,
        "title_kk": "Мектепке дейінгі ұйымдардың басшылары, әдіскерлері мен педагогтерінің біліктілігін арттыру "
        "курстарын ұйымдастыру және жүргізу қағидалары",
        "title_ru": "Правила организации и проведения курсов ПК руководителей, методистов и педагогов "
        "дошкольных организаций",
        "title_en": "Rules for PD courses of heads, methodologists and teachers of pre-school organisations",
        "source_document": "ҚР ОАМ «Балаларды ерте дамыту институты» РММ, Қағидалар",
        "source_citation": "PRESCHOOL-RULES (the text carries no date; in force from 01.01.2023 here, as data)",
        "effective_from": D(2023, 1, 1),
        "effective_to": None,
        "rules": [
            {
                "kind": "delivery_modes",
                "code": "preschool-delivery-modes",
                "title_kk": "Курстарды ұйымдастыру тәсілдері",
                "title_ru": "Способы организации курсов",
                "title_en": "Delivery modes of courses",
                "params": {"modes": ["without_leave", "with_leave", "blended"]},
                "clause": "4",
                "text": "1) еңбек қызметінен қол үзбей; 2) жалақысын сақтай отырып еңбек қызметінен қол үзіп; "
                "3) аралас.",
            },
            {
                "kind": "deadline",
                "code": "preschool-accreditation-forward",
                "title_kk": "Құжаттар жұмыс тобына 5 жұмыс күні ішінде жіберіледі",
                "title_ru": "Документы направляются рабочей группе в течение 5 рабочих дней",
                "title_en": "Documents forwarded to the working group within 5 working days",
                "params": {
                    "code": "accreditation_forward",
                    "relative_to": "documents_received",
                    "direction": "after",
                    "amount": 5,
                    "unit": "working_days",
                },
                "clause": "7",
                "text": "Уәкілетті орган құжаттар келіп түскен күннен бастап 5 (бес) жұмыс күні ішінде оларды "
                "Жұмыс тобының қарауына жібереді.",
            },
            {
                "kind": "deadline",
                "code": "preschool-accreditation-review",
                "title_kk": "Жұмыс тобы құжаттарды 10 жұмыс күні ішінде қарайды",
                "title_ru": "Рабочая группа рассматривает документы 10 рабочих дней",
                "title_en": "The working group reviews the documents within 10 working days",
                "params": {
                    "code": "accreditation_review",
                    "relative_to": "forwarded",
                    "direction": "after",
                    "amount": 10,
                    "unit": "working_days",
                },
                "clause": "7",
                "text": "Құжаттарды қарау мерзімі – 10 (он) жұмыс күні.",
            },
            {
                "kind": "deadline",
                "code": "preschool-request-to-authorities",
                "title_kk": "Педагогтерді курстарға жіберу туралы өтінім 1 маусымға дейін",
                "title_ru": "Заявка о направлении педагогов на курсы до 1 июня",
                "title_en": "Request to send teachers to courses by 1 June",
                "params": {"code": "request_to_authorities", "relative_to": "annual_date", "month": 6, "day": 1},
                "clause": "10",
                "text": "1-(бірінші) маусымға дейін ... педагогтерді курстарға жіберу туралы өтінімді ... ұсынады.",
            },
            {
                "kind": "deadline",
                "code": "preschool-district-plan",
                "title_kk": "Аудандық білім бөлімінің жоспары 1 шілдеге дейін",
                "title_ru": "План районного отдела образования до 1 июля",
                "title_en": "District office plan by 1 July",
                "params": {"code": "district_plan", "relative_to": "annual_date", "month": 7, "day": 1},
                "clause": "11",
                "text": "... жыл сайын 1 шілдеге дейін облыстық ... білім басқармаларына жібереді.",
            },
            {
                "kind": "deadline",
                "code": "preschool-regional-plan",
                "title_kk": "Облыс педагогтерінің БА жоспары 1 қыркүйекке дейін",
                "title_ru": "План ПК педагогов области до 1 сентября",
                "title_en": "Regional plan by 1 September",
                "params": {"code": "regional_plan", "relative_to": "annual_date", "month": 9, "day": 1},
                "clause": "12",
                "text": "Білім басқармалары жыл сайын 1 қыркүйекке дейін ... жоспарын қалыптастырады және Уәкілетті "
                "органға ұсынады.",
            },
            {
                "kind": "deadline",
                "code": "preschool-course-list",
                "title_kk": "Педагогтердің тізімі курс басталғанға дейін екі ай бұрын",
                "title_ru": "Список педагогов за два месяца до начала курса",
                "title_en": "List of teachers two months before the course",
                "params": {
                    "code": "course_list",
                    "relative_to": "course_start",
                    "direction": "before",
                    "amount": 2,
                    "unit": "months",
                },
                "clause": "13",
                "text": "Курс басталғанға дейін екі ай бұрын Курстарға педагогтердің тізімін қалыптастырады.",
            },
            {
                "kind": "deadline",
                "code": "preschool-nedb",
                "title_kk": "ҰБДҚ деректері курс аяқталғаннан кейін 5 жұмыс күнінен кешіктірілмей",
                "title_ru": "Данные НОБД не позднее 5 рабочих дней после окончания курса",
                "title_en": "NEDB data within 5 working days after the course",
                "params": {
                    "code": "nedb",
                    "relative_to": "course_end",
                    "direction": "after",
                    "amount": 5,
                    "unit": "working_days",
                },
                "clause": "18",
                "text": "Деректер педагогтер біліктілікті арттыру курстарын аяқтаған сәттен бастап бес жұмыс "
                "күнінен кешіктірілмей толтырылады.",
            },
            {
                "kind": "duration_classes",
                "code": "preschool-duration-classes",
                "title_kk": "Курстардың ұзақтығы",
                "title_ru": "Продолжительность курсов",
                "title_en": "Duration of courses",
                "params": {
                    "classes": [
                        {
                            "code": "short",
                            "min_hours": 36,
                            "max_hours": 108,
                            "label": {"kk": "Қысқа мерзімді", "ru": "Краткосрочный", "en": "Short"},
                        },
                        {
                            "code": "long",
                            "min_hours": 108,
                            "include_min": False,
                            "label": {"kk": "Ұзақ мерзімді", "ru": "Долгосрочный", "en": "Long"},
                        },
                    ]
                },
                "clause": "22",
                "text": "1) қысқа мерзімді Курстар – 36-дан бастап 108 академиялық сағатқа дейін; 2) ұзақ мерзімді "
                "Курстар – 108 академиялық сағаттан көп.",
            },
            {
                "kind": "pass_thresholds",
                "code": "preschool-pass",
                "title_kk": "Сабақтардың 80%-на қатысу, қорытынды тестілеу 50%",
                "title_ru": "Посещение 80% занятий, итоговое тестирование 50%",
                "title_en": "Attendance 80% of classes, final test 50%",
                "params": {"attendance_pct": 80, "final_test_pct": 50},
                "clause": "23",
                "text": "3) ... барлық сабақтардың кемінде 80%-на қатысуға; 4) алынған ең жоғары балдың кемінде 50% "
                "көлемінде қорытынды тестілеуден өтуге міндетті.",
            },
            {
                "kind": "pass_thresholds",
                "code": "preschool-reassessment",
                "title_kk": "Бір жылда бір реттен артық емес қайта бағалау",
                "title_ru": "Повторная оценка не более одного раза в год",
                "title_en": "Re-assessment at most once a year",
                "params": {"reassessment_per_year": 1},
                "clause": "27",
                "text": "1) бір жылда бір реттен артық емес білімін қайта бағалау.",
            },
            {
                "kind": "pass_thresholds",
                "code": "preschool-certificate-validity",
                "title_kk": "Сертификат 3 жыл бойы қолданыста",
                "title_ru": "Сертификат действителен 3 года",
                "title_en": "Certificate valid for 3 years",
                "params": {"certificate_valid_years": 3},
                "clause": "29",
                "text": "... курстар аяқталған күннен бастап және сертификат берілген күннен бастап 3 (үш) жыл бойы "
                "қолданыстағы сертификатқа ... қол қояды.",
            },
        ],
    },
    {
        "code": "moes-1211",
        "is_template": False,
        "title_kk": "Білім беру ұйымдары қызметкерлерінің біліктілігін арттыратын және оларды қайта даярлайтын "
        "оқу орындарының қызметін ұйымдастыру тәртібі туралы Ереже",
        "title_ru": "Правила об организации деятельности учебных заведений повышения квалификации и "
        "переподготовки работников организаций образования",
        "title_en": "Rules for institutions of PD and retraining of education staff",
        "source_document": "ҚР Білім және ғылым министрінің 2000 жылғы 29 желтоқсандағы N 1211 бұйрығы",
        "source_citation": "Order No. 1211 of the Minister of Education and Science of 29.12.2000, registered by the "
        "Ministry of Justice on 27.02.2001 No. 1376",
        "repeal_citation": "Repealed by order No. 370 of the Minister of Education and Science of 11.09.2013",
        "effective_from": D(2001, 2, 27),
        "effective_to": D(2013, 9, 11),
        "rules": [
            {
                "kind": "periodic_requirement",
                "code": "moes-1211-every-5-years",
                "title_kk": "Жұмыстан қол үзе отырып, кем дегенде 5 жылда бір рет",
                "title_ru": "С отрывом от работы не реже одного раза в 5 лет",
                "title_en": "At least once every 5 years with leave from work",
                "params": {
                    "period_years": 5,
                    "min_activities": 1,
                    "forms": dict(_PD_COURSES),
                    "delivery_modes": ["with_leave", "abroad_with_leave"],
                },
                "scope": {},
                "clause": "10.1",
                "text": "Бiлiм беру ұйымдары қызметкерлерiнiң жұмыстан қол үзе отырып, бiлiктiлiк арттыруы "
                "құрылтайшы қаражаты есебiнен бүкiл қызмет барысында кем дегенде 5 жылда бiр рет өткiзiледi.",
            },
            {
                "kind": "duration_classes",
                "code": "moes-1211-duration-classes",
                "title_kk": "Біліктілікті арттыру оқуының түрлері",
                "title_ru": "Виды обучения повышения квалификации",
                "title_en": "Classes of PD courses",
                "params": {
                    "classes": [
                        {
                            "code": "short",
                            "max_hours": 72,
                            "label": {"kk": "Қысқа мерзімді", "ru": "Краткосрочный", "en": "Short"},
                        },
                        {
                            "code": "medium",
                            "min_hours": 72,
                            "include_min": False,
                            "max_hours": 108,
                            "label": {"kk": "Орташа мерзімді", "ru": "Среднесрочный", "en": "Medium"},
                        },
                        {
                            "code": "long",
                            "min_hours": 108,
                            "include_min": False,
                            "label": {"kk": "Ұзақ мерзімді", "ru": "Долгосрочный", "en": "Long"},
                        },
                    ],
                    "forms": ["course_short", "course_long"],
                },
                "clause": "10.1",
                "text": "қысқа мерзiмдi - 72 сағат; орташа мерзiмдi - 72 сағаттан 108 сағатқа дейiн; ұзақ мерзiмдi - "
                "108 сағаттан жоғары.",
            },
            {
                "kind": "duration_classes",
                "code": "moes-1211-retraining",
                "title_kk": "Қайта даярлау кем дегенде 280 сағат",
                "title_ru": "Переподготовка не менее 280 часов",
                "title_en": "Retraining at least 280 h",
                "params": {
                    "classes": [
                        {
                            "code": "retraining",
                            "min_hours": 280,
                            "label": {"kk": "Қайта даярлау", "ru": "Переподготовка", "en": "Retraining"},
                        }
                    ],
                    "forms": ["retraining"],
                },
                "clause": "10.3",
                "text": "Кадрларды қайта даярлау сала бойынша кем дегенде 280 сағат көлемiнде жүргiзiледi.",
            },
            {
                "kind": "duration_classes",
                "code": "moes-1211-second-higher",
                "title_kk": "Екінші жоғары білім 1440 сағаттан кем емес",
                "title_ru": "Второе высшее образование не менее 1440 часов",
                "title_en": "Second higher education at least 1440 h",
                "params": {
                    "classes": [
                        {
                            "code": "second_higher",
                            "min_hours": 1440,
                            "label": {
                                "kk": "Екінші жоғары білім",
                                "ru": "Второе высшее образование",
                                "en": "Second higher education",
                            },
                        }
                    ],
                    "forms": ["second_higher"],
                },
                "clause": "11",
                "text": "Оқудың мерзiмiн ... оқу орындары айқындайды, алайда бұл 1440 сағаттан кем болмауға тиiс.",
            },
            {
                "kind": "document_type_by_hours",
                "code": "moes-1211-documents",
                "title_kk": "Берілетін құжат",
                "title_ru": "Выдаваемый документ",
                "title_en": "Document issued",
                "params": {
                    "documents": [
                        {"document": "certificate", "max_hours": 72, "forms": ["course_short", "course_long"]},
                        {"document": "kualik", "min_hours": 72, "include_min": False, "forms": ["retraining"]},
                        {"document": "diploma", "min_hours": 1440, "include_min": False, "forms": ["second_higher"]},
                    ]
                },
                "clause": "12",
                "text": "Куәлiк (сертификат) - 72 сағатқа дейiн ...; Куәлiк 72 сағаттан жоғары ... қайта даярлаудан "
                "өткендерге; Мемлекеттiк үлгiдегi диплом - 1440 сағаттан жоғары ... екiншi жоғары бiлiм алғандарға.",
            },
            {
                "kind": "counted_forms",
                "code": "moes-1211-forms",
                "title_kk": "Оқыту түрлері",
                "title_ru": "Виды обучения",
                "title_en": "Kinds of training",
                "params": {
                    "forms": {
                        **_PD_COURSES,
                        "professional_internship": "hours",
                        "retraining": "hours",
                        "second_higher": "hours",
                    }
                },
                "clause": "10, 11",
                "text": "Көрсетiлген оқу орындары оқытудың төмендегiдей түрлерiн жүргiзе алады: бiлiктiлiктi арттыру, "
                "кәсiби машықтандыру және қайта даярлау.",
            },
        ],
    },
]

SHORT_NAMES = {
    "skma-464": "SKMA-464",
    "kaznrtu-602": "KazNRTU-602",
    "kafu-2025": "KAFU-2025",
    "preschool-rules": "PRESCHOOL-RULES",
    "moes-1211": "MOES-1211",
}


def seed_rule_sets(apps: Any = None) -> int:
    """Create the rule sets of ``SEED`` that are missing; return how many rows were created."""
    rule_set_model: Any
    rule_model: Any
    if apps is None:
        from . import models

        rule_set_model, rule_model = models.RuleSet, models.Rule
    else:
        rule_set_model, rule_model = apps.get_model("policy", "RuleSet"), apps.get_model("policy", "Rule")
    now = timezone.now()
    created = 0
    for data in SEED:
        rule_set = rule_set_model.objects.filter(owner__isnull=True, code=data["code"]).first()
        if rule_set is None:
            rule_set = rule_set_model.objects.create(
                owner=None,
                is_template=data["is_template"],
                code=data["code"],
                title_kk=data["title_kk"],
                title_ru=data["title_ru"],
                title_en=data["title_en"],
                source_document=data["source_document"],
                source_citation=data["source_citation"],
                repeal_citation=data.get("repeal_citation", ""),
                effective_from=data["effective_from"],
                effective_to=data["effective_to"],
                status="published",
                published_at=now,
            )
            created += 1
        existing = set(rule_model.objects.filter(rule_set=rule_set).values_list("code", flat=True))
        for order, rule in enumerate(data["rules"], start=1):
            if rule["code"] in existing:
                continue
            rule_model.objects.create(
                rule_set=rule_set,
                kind=rule["kind"],
                code=rule["code"],
                version=1,
                title_kk=rule["title_kk"],
                title_ru=rule["title_ru"],
                title_en=rule["title_en"],
                params=clean_params(rule["kind"], rule["params"]),
                scope=clean_scope(rule["kind"], rule.get("scope", {})),
                citation_document=SHORT_NAMES[data["code"]],
                citation_clause=rule["clause"],
                citation_text=rule["text"],
                effective_from=data["effective_from"],
                effective_to=None,
                published_at=now,
                sort_order=order * 10,
            )
            created += 1
    return created
