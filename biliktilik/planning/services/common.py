"""What the planning services share: who may do what, and the checks of fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.ledger.enums import FundingSource, PDForm
from biliktilik.org.models import Unit

from ..enums import EDITABLE, OFFICER_ROLES
from ..models import ConsolidatedSchedule, IndividualPlan, UnitSchedule

Document = IndividualPlan | UnitSchedule | ConsolidatedSchedule
T = TypeVar("T", IndividualPlan, UnitSchedule, ConsolidatedSchedule)

MAX_AMOUNT = Decimal("9999999999.99")
MAX_HOURS = Decimal("99999.9")


# --- who may do what ---------------------------------------------------------------------------


def is_planning_officer(actor: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers build the consolidated schedule and may act for anyone."""
    if not getattr(actor, "is_authenticated", False):
        return False
    return scope_of(actor).has_role(*OFFICER_ROLES, organisation_id=organisation_id)


def may_edit_plan(actor: Any, plan: IndividualPlan) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    own = actor.person_id is not None and actor.person_id == plan.person_id
    return own or is_planning_officer(actor, plan.organisation_id)


def heads_unit(actor: Any, unit: Unit) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    return any(g.role == Role.UNIT_HEAD and g.unit_id == unit.pk for g in scope_of(actor).grants)


def may_manage_unit_schedule(actor: Any, unit: Unit) -> bool:
    """The head of the unit (KazNRTU-602 7.4), or HR / PD-centre officers of the organisation."""
    return heads_unit(actor, unit) or is_planning_officer(actor, unit.organisation_id)


def _deny(message: str) -> ApplicationError:
    return ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


def _require_signed_in(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise _deny(_("Sign in first."))


def _require_editable(document: Document) -> None:
    if document.status not in EDITABLE:
        raise ApplicationError(
            _("Only a draft or a returned version can be changed; make an amendment instead."),
            code=ErrorCode.INVALID_STATE,
            extra={"status": document.status},
        )


def _lock(document: T) -> T:
    return type(document).objects.select_for_update().get(pk=document.pk)


# --- field checks --------------------------------------------------------------------------------


def _year(year: Any) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        value = 0
    if not 2000 <= value <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    return value


def _decimal(value: Any, *, field: str, maximum: Decimal, positive: bool) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Give a number."), field=field) from None
    if not number.is_finite() or number > maximum or number < 0 or (positive and number == 0):
        if positive:
            raise ApplicationError(_("Give a number above zero."), field=field)
        raise ApplicationError(_("Give a number of zero or more."), field=field)
    return number


def _clean_item(plan: IndividualPlan, data: dict[str, Any]) -> dict[str, Any]:
    topic = str(data.get("topic") or "").strip()
    if not topic:
        raise ApplicationError(_("Name the topic."), field="topic")
    if len(topic) > 500:
        raise ApplicationError(_("The topic is too long (500 characters at most)."), field="topic")
    if data.get("form") not in PDForm.values:
        raise ApplicationError(_("Choose a form of PD."), field="form")
    if data.get("funding_source") not in FundingSource.values:
        raise ApplicationError(_("Choose a funding source."), field="funding_source")
    start, end = data.get("start_date"), data.get("end_date")
    if not isinstance(start, dt.date):
        raise ApplicationError(_("Give the planned start."), field="start_date")
    if not isinstance(end, dt.date):
        raise ApplicationError(_("Give the planned end."), field="end_date")
    if end < start:
        raise ApplicationError(_("The end cannot come before the start."), field="end_date")
    if not (plan.period_from <= start <= plan.period_to):
        raise ApplicationError(
            _("The activity must start within the plan's year (%(year)s).") % {"year": plan.year}, field="start_date"
        )
    hours = _decimal(data.get("hours"), field="hours", maximum=MAX_HOURS, positive=True)
    cost = _decimal(data.get("cost") or 0, field="cost", maximum=MAX_AMOUNT, positive=False)
    provider = str(data.get("provider_name") or "").strip()[:300]
    return {
        "topic": topic,
        "form": data["form"],
        "start_date": start,
        "end_date": end,
        "hours": hours,
        "provider_name": provider,
        "funding_source": data["funding_source"],
        "cost": cost.quantize(Decimal("0.01")),
        "in_profile": bool(data.get("in_profile")),
        "management_topic": bool(data.get("management_topic")),
    }
