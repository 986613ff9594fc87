"""The rule set ``preschool-rules`` as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

D = dt.date

RULE_SET: dict[str, Any] = {
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
            "text": "1) еңбек қызметінен қол үзбей; 2) жалақысын сақтай отырып еңбек қызметінен қол үзіп; 3) аралас.",
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
}
