"""The demo logins: one user per role, each linked to a fitting person of the demo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from biliktilik.core.roles import UNIT_ROLES, Role


@dataclass(frozen=True)
class LoginSpec:
    username: str
    role: str
    # Where the grant is held when the login has no person (the system administrator).
    organisation: str = ""

    @property
    def unit_scoped(self) -> bool:
        return self.role in UNIT_ROLES


# In the order the table of logins lists them. The person behind each login is the post
# of ``structure`` with the same ``login``; the grant is held in that person's organisation
# (and, for unit roles, in the unit of their post).
LOGINS: tuple[LoginSpec, ...] = (
    LoginSpec("employee", Role.EMPLOYEE),
    LoginSpec("unit_head", Role.UNIT_HEAD),
    LoginSpec("institute_director", Role.INSTITUTE_DIRECTOR),
    LoginSpec("hr", Role.HR_OFFICER),
    LoginSpec("pd_centre", Role.PD_OFFICER),
    LoginSpec("finance", Role.FINANCE_OFFICER),
    LoginSpec("rector", Role.FIRST_HEAD),
    LoginSpec("auditor", Role.AUDITOR),
    LoginSpec("region", Role.AUTHORITY_OFFICER),
    LoginSpec("ministry", Role.AUTHORITY_OFFICER),
    LoginSpec("provider", Role.PROVIDER_ADMIN),
    LoginSpec("trainer", Role.TRAINER),
    LoginSpec("admin", Role.SYSADMIN, organisation="ministry"),
)
LOGIN_USERNAMES = tuple(spec.username for spec in LOGINS)
ADMIN_USERNAME = "admin"
DEFAULT_PASSWORD = "demo"  # noqa: S105 - the documented password of the demo logins, for demos only


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with columns padded to their widest cell."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])
