"""Administration of organisations, units and offices (system administrators only).

``SystemAdministratorAdmin`` is the permission rule of every model admin of ours: a superuser
or a user holding an active system-administrator grant may view, add, change and delete;
nobody else may, whatever Django permissions they hold. Who may enter the site at all is
decided in ``biliktilik.accounts.admin``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from biliktilik.core.access import scope_of

from .models import Office, Organisation, Unit


def is_system_administrator(user: Any) -> bool:
    """A superuser, or a user with an active system-administrator grant."""
    return bool(getattr(user, "is_active", False) and scope_of(user).everything)


class SystemAdministratorAdmin(admin.ModelAdmin):
    """Full rights for system administrators, none for anyone else."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_system_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)


class SystemAdministratorInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)


class OfficeInline(SystemAdministratorInline):
    model = Office
    fk_name = "organisation"
    fields = ["kind", "unit", "title_kk", "title_ru", "title_en"]
    raw_id_fields = ["unit"]


@admin.register(Organisation)
class OrganisationAdmin(SystemAdministratorAdmin, TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ["__str__", "kind", "code", "city", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_kk", "name_ru", "name_en", "short_name", "code", "bin"]
    inlines = [OfficeInline]


@admin.register(Unit)
class UnitAdmin(SystemAdministratorAdmin, TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ["__str__", "organisation", "kind", "code", "is_active"]
    list_filter = ["kind", "is_active", "organisation"]
    search_fields = ["name_kk", "name_ru", "name_en", "short_name", "code"]
    list_select_related = ["organisation"]


@admin.register(Office)
class OfficeAdmin(SystemAdministratorAdmin):
    list_display = ["__str__", "organisation", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["title_kk", "title_ru", "title_en", "organisation__name_kk", "organisation__code"]
    list_select_related = ["organisation", "unit"]
    raw_id_fields = ["unit"]
