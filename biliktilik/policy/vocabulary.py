"""Words the rules refer to but do not own: PD forms, delivery modes, evidence kinds.

They belong to the ledger, which stands to the right of the policy app; the compliance app
(which may depend on both) registers them at start-up, so ``policy`` can validate rule
parameters without importing the ledger. The same pattern as ``core.access.register_scope_provider``.
"""

from __future__ import annotations

from collections.abc import Iterable

PD_FORM = "pd_form"
DELIVERY_MODE = "delivery_mode"
EVIDENCE_KIND = "evidence_kind"

_registry: dict[str, dict[str, object]] = {}


def register(name: str, choices: Iterable[tuple[str, object]]) -> None:
    """Register the (value, label) pairs of one vocabulary; a later call replaces an earlier one."""
    _registry[name] = {str(value): label for value, label in choices}


def values(name: str) -> frozenset[str]:
    try:
        return frozenset(_registry[name])
    except KeyError:  # pragma: no cover - the compliance app registers every vocabulary at start-up
        raise RuntimeError(f"The vocabulary {name!r} is not registered; is biliktilik.compliance installed?") from None


def label(name: str, value: str) -> str:
    return str(_registry.get(name, {}).get(value, value))
