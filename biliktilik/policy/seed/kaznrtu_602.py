"""The rule set ``kaznrtu-602`` as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import HOURS, JUSTIFIED, ONCE, PD_COURSES

D = dt.date

RULE_SET: dict[str, Any] = {
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
                    **PD_COURSES,
                    "distance": HOURS,
                    "leading_university": HOURS,
                    "abroad_agreement": HOURS,
                    "conference": HOURS,
                    "seminar": HOURS,
                    "dissertation": ONCE,
                    "other": JUSTIFIED,
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
}
