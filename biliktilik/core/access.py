"""What a user may see and do, as plain data every app can use.

``accounts`` knows the role grants and registers the function that turns a user into a
``Scope`` (see ``accounts.apps``); apps to its left (org, people) ask ``scope_of(user)`` here,
so dependencies keep running one way. A Scope is computed once per request and cached on the
user object: every selector of the request reuses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class Grant:
    role: str
    organisation_id: int
    unit_id: int | None = None


@dataclass(frozen=True)
class Scope:
    """The rows a user may see.

    ``everything``: a system administrator. ``organisation_ids``: organisations seen whole
    (HR, PD centre, finance, first head, auditor, provider administrator, and for an authority
    officer every organisation below the authority). ``unit_ids``: units seen with their whole
    subtree (unit head, institute director). ``person_ids``: people seen as themselves.
    ``member_organisation_ids``: organisations whose name and structure the user may see
    because they work there.
    """

    everything: bool = False
    organisation_ids: frozenset[int] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    person_ids: frozenset[int] = frozenset()
    member_organisation_ids: frozenset[int] = frozenset()
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    # --- roles -----------------------------------------------------------------------------
    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def has_role(self, *roles: str, organisation_id: int | None = None) -> bool:
        """Whether the user holds one of ``roles`` (in ``organisation_id`` when given)."""
        return any(
            g.role in roles and (organisation_id is None or g.organisation_id == organisation_id) for g in self.grants
        )

    def organisations_with_role(self, *roles: str) -> frozenset[int]:
        return frozenset(g.organisation_id for g in self.grants if g.role in roles)

    # --- filters ---------------------------------------------------------------------------
    def filter_q(
        self,
        *,
        organisation: str | None = None,
        unit: str | None = None,
        person: str | None = None,
    ) -> Q:
        """A Q object over a model whose rows belong to an organisation, a unit or a person.

        Pass the lookups that lead from the model to each: ``organisation="organisation_id"``,
        ``unit="unit_id"``, ``person="person_id"``. A lookup left out is not used.
        """
        if self.everything:
            return Q()
        q = Q(pk__in=[])
        if organisation and self.organisation_ids:
            q |= Q(**{f"{organisation}__in": sorted(self.organisation_ids)})
        if unit and self.unit_ids:
            q |= Q(**{f"{unit}__in": sorted(self.unit_ids)})
        if person and self.person_ids:
            q |= Q(**{f"{person}__in": sorted(self.person_ids)})
        return q

    def sees_organisation_whole(self, organisation_id: int) -> bool:
        return self.everything or organisation_id in self.organisation_ids

    def sees_unit(self, unit_id: int, organisation_id: int) -> bool:
        return self.sees_organisation_whole(organisation_id) or unit_id in self.unit_ids


NOBODY = Scope()
EVERYTHING = Scope(everything=True)


class SystemActor:
    """The system itself acting: management commands, data migrations, background tasks.

    Its scope is everything; audit events it causes are stored without a user (actor empty).
    Pass ``SYSTEM`` as ``actor`` to a service; never hand it to code that serves a request.
    """

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None
    person_id = None
    _biliktilik_scope = EVERYTHING

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()

_provider: Callable[[Any], Scope] | None = None


def register_scope_provider(provider: Callable[[Any], Scope]) -> None:
    global _provider  # noqa: PLW0603 - one provider per process, set once at start-up
    _provider = provider


def scope_of(user: Any) -> Scope:
    """The Scope of ``user``, computed once and cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_biliktilik_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    if _provider is None:  # pragma: no cover - accounts is always installed
        raise RuntimeError("No scope provider registered; is biliktilik.accounts installed?")
    scope = _provider(user)
    user._biliktilik_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached Scope, e.g. after the user's grants change."""
    if hasattr(user, "_biliktilik_scope"):
        del user._biliktilik_scope


def ids(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)
