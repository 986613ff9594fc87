"""What each role of the ``world`` fixture must see through the API (SEC-01), by fixture key."""

from __future__ import annotations

UNI_STAFF = {"d1_1", "d1_2", "d2_1", "d2_2", "d3_1", "d3_2", "hr_1", "hr_2"}
ALL_STAFF = UNI_STAFF | {"other_1", "other_2", "kg_1", "kg_2", "pv_1", "pv_2"}
ALL_ORGANISATIONS = {"ab", "region", "district", "preschool", "provider", "uni", "uni2"}
UNI_UNITS = {"i1", "d1", "d2", "i2", "d3", "hr"}
ALL_UNITS = UNI_UNITS | {"other", "kg", "pv"}

UNI_ROLES = ["employee", "unit_head", "institute_director", "hr_officer", "pd_officer", "finance_officer"]
UNI_ROLES += ["first_head", "auditor"]

ORGANISATIONS = {
    **{role: {"uni"} for role in UNI_ROLES},
    "authority_officer": {"region", "district", "preschool", "provider"},
    "provider_admin": {"provider"},
    "trainer": {"provider"},
    "sysadmin": ALL_ORGANISATIONS,
}

UNITS = {
    **{role: UNI_UNITS for role in UNI_ROLES},
    "authority_officer": {"kg", "pv"},
    "provider_admin": {"pv"},
    "trainer": {"pv"},
    "sysadmin": ALL_UNITS,
}

# People seen; each of them has exactly one employment in the world, so the employments seen are
# those of the same people (the outsider has none).
PEOPLE = {
    "employee": {"d1_1"},
    "unit_head": {"d1_1", "d1_2"},
    "institute_director": {"d1_1", "d1_2", "d2_1", "d2_2"},
    "hr_officer": UNI_STAFF,
    "pd_officer": UNI_STAFF,
    "finance_officer": UNI_STAFF,
    "first_head": UNI_STAFF,
    "auditor": UNI_STAFF,
    "authority_officer": {"kg_1", "kg_2", "pv_1", "pv_2"},
    "provider_admin": {"pv_1", "pv_2"},
    "trainer": {"pv_1"},
    "sysadmin": ALL_STAFF | {"outsider"},
}
EMPLOYMENTS = {role: keys - {"outsider"} for role, keys in PEOPLE.items()}

# The person each user is (None: the user is nobody in the staff records).
OWN_PERSON = {"employee": "d1_1", "unit_head": "d1_2", "hr_officer": "hr_1", "trainer": "pv_1"}

# Who may write staff records of the university: HR officers of it and system administrators.
STAFF_EDITORS = {"hr_officer", "sysadmin"}


def iin_in_full(role: str, person_key: str) -> bool:
    """The IIN rule: the person themself, HR officers where the person works, administrators."""
    if role == "sysadmin" or OWN_PERSON.get(role) == person_key:
        return True
    return role == "hr_officer" and person_key in UNI_STAFF
