"""Who may do what with a record of the employee (person d1_1, university), as the tests expect."""

from biliktilik.core.roles import Role

ALL_ROLES = [r.value for r in Role]
ANONYMOUS = "anonymous"
# They see the employee's records: the employee, the heads above d1, the university as a whole.
VIEWERS = frozenset(
    {
        "employee",
        "unit_head",
        "institute_director",
        "hr_officer",
        "pd_officer",
        "finance_officer",
        "first_head",
        "auditor",
        "sysadmin",
    }
)
# HR and the PD centre of the university (and the system administrator) keep its records.
MANAGERS = frozenset({"hr_officer", "pd_officer", "sysadmin"})
# The employee changes their own record while it waits; the managers any record.
EDITORS = MANAGERS | {"employee"}
# The head of unit d1 (or HR) approves the justification of a record of another form.
APPROVERS = MANAGERS | {"unit_head"}
