"""Administration of users and role grants, and the rule of who may use the admin site.

Who may use ``/admin/``: system administrators only, that is superusers and users holding an
active ``sysadmin`` role grant. Three things keep it so:

1. The site's entry check (``admin.site.has_permission``, replaced below) lets a request in
   only when the user is active, is marked ``is_staff``, and is a system administrator
   (``scope_of(user).everything``). A staff flag alone opens nothing.
2. ``is_staff`` is not edited by hand: the user and role-grant pages below derive it after
   every save and delete as "superuser or holds a sysadmin grant", so it is set only for
   system administrators. Code that creates a sysadmin grant outside this site (a data
   import, the demo data) sets ``is_staff=True`` on the user the same way; ``createsuperuser``
   sets it for superusers.
3. Every model admin of ours (``biliktilik.org.admin.SystemAdministratorAdmin``) grants its
   rights to system administrators and to nobody else, whatever Django permissions a user holds.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from biliktilik.core.access import forget_scope
from biliktilik.org.admin import SystemAdministratorAdmin, SystemAdministratorInline, is_system_administrator

from .enums import Role
from .models import RoleGrant, User


def admin_site_has_permission(request: HttpRequest) -> bool:
    """The entry check of the admin site: an active staff user who is a system administrator."""
    user = request.user
    return bool(user.is_active and user.is_staff and is_system_administrator(user))


admin.site.has_permission = admin_site_has_permission  # type: ignore[method-assign]
admin.site.site_header = _("Biliktilik administration")
admin.site.site_title = _("Biliktilik administration")


def sync_staff_flag(user: User) -> None:
    """Set ``is_staff`` to "superuser or holds a sysadmin grant"; save only when it changes."""
    wanted = bool(user.is_superuser or RoleGrant.objects.filter(user=user, role=Role.SYSADMIN).exists())
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])
    forget_scope(user)


class RoleGrantInline(SystemAdministratorInline):
    model = RoleGrant
    fk_name = "user"
    fields = ["role", "organisation", "unit", "valid_from", "valid_to"]
    raw_id_fields = ["organisation", "unit"]


@admin.register(User)
class UserAdmin(SystemAdministratorAdmin, DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Person"), {"fields": ("person",)}),
    )
    readonly_fields = ["is_staff", "last_login", "date_joined"]
    raw_id_fields = ["person"]
    list_display = ["username", "person", "email", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["person"]
    search_fields = ["username", "email", "first_name", "last_name", "person__search_name"]
    inlines = [RoleGrantInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        sync_staff_flag(form.instance)


@admin.register(RoleGrant)
class RoleGrantAdmin(SystemAdministratorAdmin):
    list_display = ["user", "role", "organisation", "unit", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name_kk", "organisation__code", "unit__name_kk"]
    list_select_related = ["user", "organisation", "unit"]
    raw_id_fields = ["user", "organisation", "unit"]

    def save_model(self, request: HttpRequest, obj: RoleGrant, form: Any, change: bool) -> None:
        previous_user_id = RoleGrant.objects.filter(pk=obj.pk).values_list("user_id", flat=True).first()
        super().save_model(request, obj, form, change)
        sync_staff_flag(obj.user)
        if previous_user_id and previous_user_id != obj.user_id:
            sync_staff_flag(User.objects.get(pk=previous_user_id))

    def delete_model(self, request: HttpRequest, obj: RoleGrant) -> None:
        user = obj.user
        super().delete_model(request, obj)
        sync_staff_flag(user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoleGrant]) -> None:
        users = list(User.objects.filter(grants__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for user in users:
            sync_staff_flag(user)
