"""Which kinds of rule something in the system reads (the rules page marks the others).

A kind of rule may be seeded, validated and shown before any feature applies it (pass
thresholds before the evaluation of courses exists, document types before certificates). The
rules page must not present such a rule as if it were in force, so every feature that reads a
kind registers itself here at start-up (its app's ``ready``)::

    from biliktilik.policy import readers
    readers.register("pass_thresholds", _("Course evaluation: pass or fail"))

``codes`` limits a registration to the rules whose ``params["code"]`` is one of them (a
deadline is read by code: planning reads ``organisation_plan``, nobody reads ``application``
yet). A rule nobody reads gets the badge "not yet applied".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reader:
    kind: str
    name: Any  # who reads it, in words (lazy translated text)
    codes: frozenset[str] | None = None

    def reads(self, kind: str, params: Mapping[str, Any]) -> bool:
        if kind != self.kind:
            return False
        return self.codes is None or params.get("code") in self.codes


_registry: dict[tuple[str, Any, frozenset[str] | None], Reader] = {}


def register(kind: str, name: Any, *, codes: Iterable[str] | None = None) -> Reader:
    """Say that ``name`` reads rules of ``kind`` (only those of ``codes`` when given); idempotent."""
    from .enums import RuleKind

    if kind not in RuleKind.values:
        raise ValueError(f"Unknown kind of rule: {kind!r}")
    reader = Reader(kind, name, frozenset(codes) if codes is not None else None)
    _registry[(kind, str(name), reader.codes)] = reader
    return reader


def unregister(reader: Reader) -> None:
    _registry.pop((reader.kind, str(reader.name), reader.codes), None)


def readers_of(kind: str, params: Mapping[str, Any] | None = None) -> list[Reader]:
    """Who reads a rule of ``kind`` with ``params``."""
    return [r for r in _registry.values() if r.reads(kind, params or {})]


def is_applied(kind: str, params: Mapping[str, Any] | None = None) -> bool:
    return bool(readers_of(kind, params))
