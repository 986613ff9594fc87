"""The rule set ``moes-1211`` as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import HOURS, PD_COURSES

D = dt.date

RULE_SET: dict[str, Any] = {
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
                "forms": dict(PD_COURSES),
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
                    **PD_COURSES,
                    "professional_internship": HOURS,
                    "retraining": HOURS,
                    "second_higher": HOURS,
                }
            },
            "clause": "10, 11",
            "text": "Көрсетiлген оқу орындары оқытудың төмендегiдей түрлерiн жүргiзе алады: бiлiктiлiктi арттыру, "
            "кәсiби машықтандыру және қайта даярлау.",
        },
    ],
}
