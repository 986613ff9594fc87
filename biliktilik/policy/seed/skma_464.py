"""The rule set ``skma-464`` as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .common import HOURS, PD_COURSES

D = dt.date

RULE_SET: dict[str, Any] = {
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
                    **PD_COURSES,
                    "master_class": HOURS,
                    "training": HOURS,
                    "mooc": HOURS,
                    "distance": HOURS,
                    "internship": HOURS,
                    "seminar": HOURS,
                    "conference": HOURS,
                }
            },
            "clause": "6.1, 7.8",
            "text": "Біліктілікті арттыру курстары (шеберлік-сыныптары, тренингтер, ашық онлайн курстар және "
            "т.б.); тағылымдама.",
        },
        {
            "kind": "planning_parameters",
            "code": "skma-464-suggested-course",
            "title_kk": "Ұсынылатын курс: кемінде 72 сағат",
            "title_ru": "Предлагаемый курс: не менее 72 часов",
            "title_en": "Suggested course: at least 72 hours",
            "params": {"suggested_course_hours": 72},
            "clause": "4.3",
            "text": "«ОҚМА» АҚ ПОҚ оқытылатын пәндердің бейініне сәйкес үш жылда кемінде бір рет оқу курсына "
            "кемінде 72 (жетпіс екі) сағат көлемінде біліктілігін арттыруға міндетті.",
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
}
