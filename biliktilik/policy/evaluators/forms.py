"""How each form of PD counts toward a periodic requirement (POL-04), as per-form flags.

A ``counted_forms`` rule (or a periodic requirement's own ``forms``) maps each form it
recognises to three flags:

* ``counts`` — the form counts at all (false: recognised, listed, not counted);
* ``needs_justification`` — it counts only when the unit head approved its justification;
* ``once_only`` — one record counts as the whole requirement (a dissertation defence).

The older one-word values are still read: ``hours`` is ``{counts}``, ``once`` is
``{counts, once_only}``, ``needs_justification`` is ``{counts, needs_justification}``.
Validation always stores the flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .. import vocabulary
from ..enums import FormCounting
from .fields import _Errors

FLAGS = ("counts", "needs_justification", "once_only")


@dataclass(frozen=True)
class FormFlags:
    counts: bool = True
    needs_justification: bool = False
    once_only: bool = False

    def as_json(self) -> dict[str, bool]:
        return {"counts": self.counts, "needs_justification": self.needs_justification, "once_only": self.once_only}

    def describe(self) -> str:
        if not self.counts:
            return _("recognised, does not count")
        parts = [str(FormCounting.ONCE.label if self.once_only else FormCounting.HOURS.label)]
        if self.needs_justification:
            parts.append(str(FormCounting.NEEDS_JUSTIFICATION.label))
        return "; ".join(parts)


_LEGACY = {
    FormCounting.HOURS.value: FormFlags(),
    FormCounting.ONCE.value: FormFlags(once_only=True),
    FormCounting.NEEDS_JUSTIFICATION.value: FormFlags(needs_justification=True),
}


def form_flags(value: Any) -> FormFlags:
    """The flags of one form from validated data (flags, or an older one-word value)."""
    if isinstance(value, str):
        return _LEGACY[value]
    return FormFlags(
        counts=bool(value.get("counts", True)),
        needs_justification=bool(value.get("needs_justification", False)),
        once_only=bool(value.get("once_only", False)),
    )


def forms_flags(forms: Mapping[str, Any] | None) -> dict[str, FormFlags] | None:
    """A whole ``forms`` map read as flags; None stays None (no forms rule: every form by its hours)."""
    if forms is None:
        return None
    return {str(form): form_flags(value) for form, value in forms.items()}


def _forms_map(
    errors: _Errors, data: Mapping[str, Any], name: str, *, required: bool
) -> dict[str, dict[str, bool]] | None:
    if name not in data or data[name] is None:
        if required:
            errors.add(name, _("This value is required."))
        return None
    value = data[name]
    if not isinstance(value, dict) or not value:
        errors.add(name, _("Must map each counted form to how it counts."))
        return None
    unknown = sorted(set(value) - vocabulary.values(vocabulary.PD_FORM))
    if unknown:
        errors.add(name, _("Unknown forms: %(values)s.") % {"values": ", ".join(unknown)})
        return None
    out: dict[str, dict[str, bool]] = {}
    for form, how in sorted(value.items()):
        where = f"{name}.{form}"
        if isinstance(how, str):
            if how not in _LEGACY:
                errors.add(
                    where,
                    _("Each form counts as one of: %(choices)s.") % {"choices": ", ".join(FormCounting.values)},
                )
                continue
            out[str(form)] = _LEGACY[how].as_json()
            continue
        if not isinstance(how, dict) or set(how) - set(FLAGS) or not all(isinstance(v, bool) for v in how.values()):
            errors.add(where, _("Give the flags counts, needs_justification and once_only, each true or false."))
            continue
        flags = form_flags(how)
        if not flags.counts and (flags.needs_justification or flags.once_only):
            errors.add(where, _("A form that does not count takes no other flag."))
            continue
        out[str(form)] = flags.as_json()
    return out
