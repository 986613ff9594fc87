"""Reads about the demo data, for the management commands, the bench and the tests.

These run from the command line, outside any request, so they are not scoped to a user.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password
from django.db import models

from biliktilik.accounts.models import RoleGrant, User
from biliktilik.core.models import AuditEvent
from biliktilik.org.models import Office, Organisation, Unit
from biliktilik.people.models import (
    AcademicDegree,
    Discipline,
    Employment,
    Graduation,
    Person,
    Position,
    QualificationCategory,
    TeachingAssignment,
)

from .logins import LOGIN_USERNAMES, LOGINS
from .structure import MARKER_CODE

COUNTED: tuple[type[models.Model], ...] = (
    Organisation,
    Unit,
    Office,
    Position,
    Discipline,
    Person,
    Employment,
    TeachingAssignment,
    AcademicDegree,
    QualificationCategory,
    Graduation,
    User,
    RoleGrant,
    AuditEvent,
)


@dataclass(frozen=True)
class LoginRow:
    role: str
    username: str
    organisation: str
    person: str
    # The password when it is the one checked, otherwise empty.
    password: str


def organisations_exist() -> bool:
    return Organisation.objects.exists()


def demo_is_loaded() -> bool:
    return Organisation.objects.filter(code=MARKER_CODE).exists()


def existing_demo_usernames() -> list[str]:
    taken = set(User.objects.filter(username__in=LOGIN_USERNAMES).values_list("username", flat=True))
    return [name for name in LOGIN_USERNAMES if name in taken]


def demo_counts() -> dict[str, int]:
    """Rows per table, by the model's label."""
    return {model._meta.label: model._default_manager.count() for model in COUNTED}


def demo_login_rows(password: str) -> list[LoginRow]:
    """One row per demo login that exists, in the order of ``LOGINS``.

    The password is checked once per distinct stored hash (the demo logins share one), so the
    table costs one slow hash, not one per login.
    """
    users = {u.username: u for u in User.objects.filter(username__in=LOGIN_USERNAMES).select_related("person")}
    grants: dict[int, list[RoleGrant]] = {}
    for held_grant in RoleGrant.objects.filter(user__in=users.values()).select_related("organisation", "unit"):
        grants.setdefault(held_grant.user_id, []).append(held_grant)
    matches: dict[str, bool] = {}
    rows = []
    for spec in LOGINS:
        user = users.get(spec.username)
        if user is None:
            continue
        held = [g for g in grants.get(user.pk, []) if g.role == spec.role] or grants.get(user.pk, [])
        grant: RoleGrant | None = held[0] if held else None
        if user.password not in matches:
            matches[user.password] = check_password(password, user.password)
        where = ""
        if grant is not None:
            where = str(grant.organisation)
            if grant.unit is not None:
                where = f"{where} / {grant.unit}"
        rows.append(
            LoginRow(
                role=str(grant.get_role_display()) if grant else "",
                username=user.username,
                organisation=where,
                person=user.person.full_name if user.person else "",
                password=password if matches[user.password] else "",
            )
        )
    return rows


def _lines(rows: Iterable[tuple[object, ...]], tag: str) -> list[str]:
    return sorted(tag + "|" + "|".join("" if v is None else str(v) for v in row) for row in rows)


def demo_fingerprint() -> str:
    """A digest of the demo content by codes, names, IINs and dates (never by database ids or
    random UUIDs), so two loads into fresh databases can be compared."""
    lines: list[str] = []
    lines += _lines(Organisation.objects.values_list("code", "kind", "name_kk", "name_ru", "name_en", "path"), "org")
    lines += _lines(Unit.objects.values_list("organisation__code", "code", "kind", "name_kk", "path"), "unit")
    lines += _lines(Office.objects.values_list("organisation__code", "kind", "unit__code", "title_en"), "office")
    lines += _lines(Position.objects.values_list("code", "category", "is_head", "is_deputy", "name_kk"), "position")
    lines += _lines(Discipline.objects.values_list("code", "name_kk", "profile_kk"), "discipline")
    lines += _lines(
        Person.objects.values_list(
            "iin", "last_name", "first_name", "middle_name", "birth_date", "sex", "email", "phone", "external_id",
            "academic_title",
        ),
        "person",
    )  # fmt: skip
    lines += _lines(
        Employment.objects.values_list(
            "person__iin", "organisation__code", "unit__code", "position__code", "category", "rate", "start_date",
            "end_date", "end_reason", "is_primary", "competition_date", "competition_term_years",
        ),
        "employment",
    )  # fmt: skip
    lines += _lines(
        TeachingAssignment.objects.values_list(
            "person__iin", "discipline__code", "organisation__code", "valid_from", "valid_to"
        ),
        "teaching",
    )
    lines += _lines(
        AcademicDegree.objects.values_list("person__iin", "kind", "field", "awarded_on", "document_number"), "degree"
    )
    lines += _lines(
        QualificationCategory.objects.values_list("person__iin", "category", "awarded_on", "valid_until"), "category"
    )
    lines += _lines(Graduation.objects.values_list("person__iin", "organisation__code", "year", "programme"), "alumni")
    lines += _lines(User.objects.values_list("username", "person__iin", "is_superuser", "is_staff"), "user")
    lines += _lines(
        RoleGrant.objects.values_list("user__username", "role", "organisation__code", "unit__code"), "grant"
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
