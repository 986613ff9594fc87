"""Serializer fields shared by every app's API (they live in ``core`` so any app may use them).

``ScopedRelatedField`` is the only way an API input names another object: the object is looked
up among the rows the requesting user may see (``<model>s_visible_to(user)``), computed per
request. An id outside the user's scope is answered exactly like an id that does not exist (the
same 400 naming the field, the same message), so the API cannot be used to learn what exists,
nor to attach an invisible object to a visible one (SEC-01).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ScopedRelatedField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """A related object chosen by its public id (``lookup="pk"`` for models without one),
    among ``visible_to(request.user)``.

    The serializer must be given ``context={"request": request}``; without a request nothing
    is found (the field fails closed).
    """

    default_error_messages = {
        "does_not_exist": _("No object with the id {value} exists, or you may not see it."),
        "invalid": _("No object with the id {value} exists, or you may not see it."),
    }

    def __init__(
        self,
        model: type[Model],
        visible_to: Callable[[Any], QuerySet[Any]],
        *,
        lookup: str = "public_id",
        **kwargs: Any,
    ) -> None:
        self.visible_to = visible_to
        self.model = model
        if lookup == "pk":
            lookup = model._meta.pk.name  # the real column, so the schema knows its type
        # The model's whole table is only what the schema describes; lookups use get_queryset().
        super().__init__(slug_field=lookup, queryset=model._default_manager.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not getattr(user, "is_authenticated", False):
            return self.model._default_manager.none()
        return self.visible_to(user)

    def to_internal_value(self, data: Any) -> Any:
        value = str(data)[:100]
        if isinstance(data, (bool, dict, list)):
            self.fail("invalid", value=value)
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except (
            ObjectDoesNotExist,
            MultipleObjectsReturned,
            TypeError,
            ValueError,
            OverflowError,
            DjangoValidationError,
        ):
            self.fail("does_not_exist", value=value)

    def to_representation(self, obj: Any) -> Any:
        return getattr(obj, self.slug_field)


def is_scoped(field: Any) -> bool:
    """Whether a serializer field that names related objects looks them up within the user's scope."""
    child = getattr(field, "child_relation", None)
    return isinstance(child if child is not None else field, ScopedRelatedField)


class OptionalChoiceField(serializers.ChoiceField):
    """An output choice that may be unset: the empty string stored for "none" goes out as ``null``,
    so a client only ever sees a value of the enum or ``null`` (and the schema says so)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        if value in ("", None):
            return None
        return super().to_representation(value)
