"""Who may edit perspective plans and the checks their writes share."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..enums import OFFICER_ROLES
from ..models import PerspectivePlan

# The longest period a perspective plan may cover, in years (the source documents speak of
# three- to five-year plans; ten leaves room without letting a typo make a century).
MAX_PLAN_YEARS = 10
MAX_PEOPLE = 1_000_000
PLAN_FIELDS = ["title", "from_year", "to_year", "description"]


# --- who may do what ---------------------------------------------------------------------------


def may_edit_perspective(actor: Any, organisation_id: int) -> bool:
    """HR and PD-centre officers of the organisation, and the system administrator."""
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_of(actor)
    return scope.everything or scope.has_role(*OFFICER_ROLES, organisation_id=organisation_id)


def require_editor(actor: Any, organisation_id: int) -> None:
    if not may_edit_perspective(actor, organisation_id):
        raise ApplicationError(
            _("Only HR and PD-centre officers of the organisation may change its perspective plan."),
            code=ErrorCode.PERMISSION_DENIED,
        )


def require_editable(plan: PerspectivePlan) -> None:
    """The plan's content changes only in a draft or a returned version (monitoring goes on)."""
    if not plan.is_editable:
        raise ApplicationError(
            _("Only a draft or a returned version can be changed; make an amendment instead."),
            code=ErrorCode.INVALID_STATE,
            extra={"status": plan.status},
        )


# --- field checks --------------------------------------------------------------------------------


def int_in_range(value: Any, *, field: str, low: int, high: int, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ApplicationError(message, field=field) from None
    if not low <= number <= high:
        raise ApplicationError(message, field=field)
    return number


def checked_year(value: Any, field: str) -> int:
    return int_in_range(value, field=field, low=2000, high=2100, message=_("Give a year between 2000 and 2100."))


def amount_value(value: Any, *, field: str, maximum: Decimal, places: str) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError:
        raise ApplicationError(_("Give a number."), field=field) from None
    if not number.is_finite() or number < 0 or number > maximum:
        raise ApplicationError(_("Give a number of zero or more."), field=field)
    return number.quantize(Decimal(places))


def clean_text(value: Any, *, field: str, limit: int, required: bool) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ApplicationError(_("This field is required."), field=field)
    if len(text) > limit:
        raise ApplicationError(
            _("The text is too long (%(limit)s characters at most).") % {"limit": limit}, field=field
        )
    return text


def year_span(from_year: Any, to_year: Any) -> tuple[int, int]:
    start, end = checked_year(from_year, "from_year"), checked_year(to_year, "to_year")
    if end < start:
        raise ApplicationError(_("The last year cannot come before the first."), field="to_year")
    if end - start + 1 > MAX_PLAN_YEARS:
        raise ApplicationError(
            _("A perspective plan covers %(n)s years at most.") % {"n": MAX_PLAN_YEARS}, field="to_year"
        )
    return start, end


def lock_plan(plan: PerspectivePlan) -> PerspectivePlan:
    return PerspectivePlan.objects.select_for_update().get(pk=plan.pk)
