"""Administration of organisations, units and offices (system administrators only).

``SystemAdministratorAdmin`` is the permission rule of every model admin of ours: a superuser
or a user holding an active system-administrator grant may view, add, change and delete;
nobody else may, whatever Django permissions they hold. Its ``AuditedAdminMixin`` writes an
audit event for every add, change and delete made here (SEC-02), so an edit in the
administration site is kept with who, when and old -> new like an edit through a service
(both are defined in ``biliktilik.core.admin_rules`` so that core's own admins use them too).
Who may enter the site at all is decided in ``biliktilik.accounts.admin``.
"""

from __future__ import annotations

from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from biliktilik.core.admin_rules import (
    AuditedAdminMixin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    SystemAdministratorAdmin,
    SystemAdministratorInline,
    is_system_administrator,
)

from .models import Office, Organisation, Unit

__all__ = [
    "AuditedAdminMixin",
    "ReadOnlyAdmin",
    "ReadOnlyInline",
    "SystemAdministratorAdmin",
    "SystemAdministratorInline",
    "is_system_administrator",
]


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
