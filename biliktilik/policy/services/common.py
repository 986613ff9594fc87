"""What the writes share: the audited fields, the refusal, checks of dates and texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.errors import ApplicationError, ErrorCode

from ..models import RuleSet

_SET_FIELDS = [
    "owner",
    "is_template",
    "code",
    "title_kk",
    "title_ru",
    "title_en",
    "source_document",
    "source_citation",
    "repeal_citation",
    "effective_from",
    "effective_to",
    "status",
]
_RULE_FIELDS = [
    "rule_set",
    "kind",
    "code",
    "version",
    "title_kk",
    "title_ru",
    "title_en",
    "params",
    "scope",
    "citation_document",
    "citation_clause",
    "citation_text",
    "effective_from",
    "effective_to",
    "supersedes",
]


def _deny() -> ApplicationError:
    return ApplicationError(_("You may not change these rules."), code=ErrorCode.PERMISSION_DENIED)


def _check_dates(effective_from: Any, effective_to: Any) -> None:
    if not isinstance(effective_from, dt.date):
        raise ApplicationError(_("Give the date it comes into force."), field="effective_from")
    if effective_to is not None and (not isinstance(effective_to, dt.date) or effective_to <= effective_from):
        raise ApplicationError(_("It must end after it comes into force."), field="effective_to")


def _check_text(name: str, value: str, *, required: bool, max_length: int) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(_("This field is required."), field=name)
    if len(value) > max_length:
        raise ApplicationError(
            _("At most %(n)s characters.") % {"n": max_length},
            field=name,
        )
    return value


def _organisation_id(rule_set: RuleSet) -> int | None:
    return rule_set.owner_id
