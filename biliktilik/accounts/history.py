"""What the personal file's change history shows of a person's login: who granted or ended their
roles and who changed the login itself (SEC-02), registered with ``people.selectors``."""

from __future__ import annotations

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from biliktilik.people.models import Person

from .models import RoleGrant, User

# Sign-ins and tokens are kept in the audit log too, but they are not changes to the person's
# access; the admin's audit list shows them.
_SESSION_ACTIONS = ("user.login", "user.logout", "user.login_failed", "user.token_issue", "user.token_revoke")


def access_history_q(person: Person) -> Q:
    """Audit events of the person's role grants and of changes to their login (subqueries)."""
    grants = RoleGrant.objects.filter(user__person=person).annotate(key=Cast("pk", CharField())).values("key")
    users = User.objects.filter(person=person).annotate(key=Cast("pk", CharField())).values("key")
    return Q(object_type=RoleGrant._meta.label_lower, object_id__in=grants) | (
        Q(object_type=User._meta.label_lower, object_id__in=users) & ~Q(action__in=_SESSION_ACTIONS)
    )
