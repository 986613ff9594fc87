"""One error type for business rules, with a machine-readable code.

Clients branch on ``code``; ``message`` is translated and may be Kazakh, Russian or English.
"""

from __future__ import annotations

import enum
from typing import Any

from django.utils.functional import Promise


class ErrorCode(enum.StrEnum):
    VALIDATION = "validation"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    CONFLICT = "conflict"
    INVALID_IIN = "invalid_iin"
    DUPLICATE = "duplicate"
    INVALID_STATE = "invalid_state"
    IMPORT_FAILED = "import_failed"
    TOO_MANY_ATTEMPTS = "too_many_attempts"


class ApplicationError(Exception):
    """A business rule was broken. ``field`` names the input at fault, when there is one."""

    def __init__(
        self,
        message: str | Promise,
        *,
        code: ErrorCode = ErrorCode.VALIDATION,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field
        self.extra = dict(extra or {})
        if field:
            self.extra.setdefault("field", field)
        self.status = status or _STATUS.get(code, 400)

    def as_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": str(self.message), "extra": self.extra}


_STATUS = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.CONFLICT: 409,
    ErrorCode.DUPLICATE: 409,
    ErrorCode.INVALID_STATE: 409,
    ErrorCode.TOO_MANY_ATTEMPTS: 429,
}
