"""API of positions, people and employments (PEO-01..03), scoped like the pages (SEC-01, SEC-03).

Reads go through the scoped selectors; writes go through ``people.services`` only, which check
the actor's rights against the exact organisation and write the audit log. Every list runs a
fixed number of queries whatever the number of rows.

The IIN is personal data: it is shown in full only to the person themself, to HR officers of an
organisation where the person is or was employed, and to system administrators (the rule of
``people.privacy``, here as a query annotation so a list costs no query per row); everybody else
sees the one mask of ``privacy.mask_iin``. Every full IIN a response carries to somebody other
than the person is logged, one ``bulk_create`` per response.
"""

from __future__ import annotations

from .common import (
    _log_full_reads,
    _unit_subtree_q,
    employments_for_api,
    persons_for_api,
    positions_for_api,
)
from .employments import (
    EmploymentDetailApi,
    EmploymentEndApi,
    EmploymentListApi,
    _require_staff_editor,
)
from .filters import (
    _LABELS,
    EmploymentFilter,
    PersonFilter,
    PositionFilter,
)
from .persons import (
    PersonDetailApi,
    PersonListApi,
)
from .positions import (
    PositionDetailApi,
    PositionListApi,
)
from .serializers import (
    EmploymentCreateInputSerializer,
    EmploymentEndInputSerializer,
    EmploymentSerializer,
    EmploymentUpdateInputSerializer,
    PersonCreateInputSerializer,
    PersonRefSerializer,
    PersonSerializer,
    PersonUpdateInputSerializer,
    PositionRefSerializer,
    PositionSerializer,
)

__all__ = [
    "EmploymentCreateInputSerializer",
    "EmploymentDetailApi",
    "EmploymentEndApi",
    "EmploymentEndInputSerializer",
    "EmploymentFilter",
    "EmploymentListApi",
    "EmploymentSerializer",
    "EmploymentUpdateInputSerializer",
    "PersonCreateInputSerializer",
    "PersonDetailApi",
    "PersonFilter",
    "PersonListApi",
    "PersonRefSerializer",
    "PersonSerializer",
    "PersonUpdateInputSerializer",
    "PositionDetailApi",
    "PositionFilter",
    "PositionListApi",
    "PositionRefSerializer",
    "PositionSerializer",
    "_LABELS",
    "_log_full_reads",
    "_require_staff_editor",
    "_unit_subtree_q",
    "employments_for_api",
    "persons_for_api",
    "positions_for_api",
]
