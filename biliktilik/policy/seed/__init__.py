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

from typing import Any

from django.utils import timezone

from ..evaluators import clean_params, clean_scope
from .kafu_2025 import RULE_SET as KAFU_2025
from .kaznrtu_602 import RULE_SET as KAZNRTU_602
from .moes_1211 import RULE_SET as MOES_1211
from .preschool import RULE_SET as PRESCHOOL
from .skma_464 import RULE_SET as SKMA_464

SEED: list[dict[str, Any]] = [SKMA_464, KAZNRTU_602, KAFU_2025, PRESCHOOL, MOES_1211]


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
        from .. import models

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
