"""ApplicationError: a machine-readable code, a translated message, the field at fault."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from biliktilik.core.errors import ApplicationError, ErrorCode


def test_as_dict_carries_code_message_and_extra():
    error = ApplicationError("The rate must be a number.", code=ErrorCode.VALIDATION, field="rate", extra={"row": 3})
    assert error.as_dict() == {
        "code": "validation",
        "message": "The rate must be a number.",
        "extra": {"row": 3, "field": "rate"},
    }
    assert error.field == "rate"
    assert str(error) == "The rate must be a number."


def test_defaults_are_a_validation_error_without_a_field():
    error = ApplicationError("Something is wrong.")
    assert (error.code, error.field, error.status) == (ErrorCode.VALIDATION, None, 400)
    assert error.as_dict() == {"code": "validation", "message": "Something is wrong.", "extra": {}}


@pytest.mark.parametrize(
    ("code", "status"),
    [
        pytest.param(ErrorCode.VALIDATION, 400, id="validation"),
        pytest.param(ErrorCode.INVALID_IIN, 400, id="invalid-iin"),
        pytest.param(ErrorCode.IMPORT_FAILED, 400, id="import-failed"),
        pytest.param(ErrorCode.NOT_FOUND, 404, id="not-found"),
        pytest.param(ErrorCode.PERMISSION_DENIED, 403, id="permission-denied"),
        pytest.param(ErrorCode.CONFLICT, 409, id="conflict"),
        pytest.param(ErrorCode.DUPLICATE, 409, id="duplicate"),
        pytest.param(ErrorCode.INVALID_STATE, 409, id="invalid-state"),
    ],
)
def test_each_code_has_its_http_status(code, status):
    error = ApplicationError("x", code=code)
    assert error.status == status
    assert error.as_dict()["code"] == code.value


def test_an_explicit_status_wins():
    assert ApplicationError("x", code=ErrorCode.CONFLICT, status=422).status == 422


def test_an_explicit_field_in_extra_is_kept():
    error = ApplicationError("x", field="iin", extra={"field": "rows[3].iin"})
    assert error.as_dict()["extra"] == {"field": "rows[3].iin"}


def test_the_given_extra_is_copied_not_changed():
    extra = {"row": 3}
    ApplicationError("x", field="rate", extra=extra)
    assert extra == {"row": 3}


def test_a_lazy_message_is_rendered_in_the_active_language():
    # given a message Django translates itself
    error = ApplicationError(gettext_lazy("This field is required."), field="last_name")
    # then each rendering uses the language active at that moment
    with translation.override("ru"):
        assert error.as_dict()["message"] == "Обязательное поле."
    with translation.override("en"):
        assert error.as_dict()["message"] == "This field is required."
