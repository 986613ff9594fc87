"""Users and the roles granted to them, each scoped to an organisation or a unit subtree."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import BaseModel
from biliktilik.core.roles import UNIT_ROLES, Role
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.models import Person


class User(AbstractUser):
    """A login. Linked to the person it belongs to, when that person is in the system."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleGrant(BaseModel):
    """A role held by a user in an organisation, or in a unit and everything below it, from
    ``valid_from`` to ``valid_to`` (both days included). Changed only through
    ``biliktilik.accounts.services``; never deleted, only ended."""

    # PROTECT: deleting a user, organisation or unit must not silently delete who held which role.
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="role_grants"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_grants"
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            # Grants are never deleted, so the same role may be granted again after it ended;
            # only one grant of it may be open-ended (``accounts.services`` refuses overlaps).
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "unit"],
                condition=Q(valid_to__isnull=True),
                name="accounts_open_grant_unique",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(UNIT_ROLES)) | Q(unit__isnull=False),
                name="accounts_unit_role_needs_unit",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.organisation
        return f"{self.user} — {self.get_role_display()} ({where})"

    def clean(self) -> None:
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError({"unit": _("This role must name a unit.")})
        if self.unit is not None and self.organisation_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("The unit must belong to the organisation of the grant.")})
