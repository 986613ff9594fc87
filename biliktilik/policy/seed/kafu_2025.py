"""The rule set ``kafu-2025`` as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import HOURS, PD_COURSES

D = dt.date

RULE_SET: dict[str, Any] = {
    "code": "kafu-2025",
    "is_template": True,
    "title_kk": "ҚАЕУ-дің ПОҚ мен қызметкерлерінің біліктілігін арттыру және түлектерді жоғары оқу орнынан "
    "кейінгі сүйемелдеу туралы ереже",
    "title_ru": "Положение о повышении квалификации ППС и сотрудников и постдипломном сопровождении выпускников КАСУ",
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
                    **PD_COURSES,
                    "seminar": HOURS,
                    "master_class": HOURS,
                    "training": HOURS,
                    "internship": HOURS,
                    "international": HOURS,
                    "distance": HOURS,
                    "conference": HOURS,
                    "corporate": HOURS,
                    "self_education": HOURS,
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
}
