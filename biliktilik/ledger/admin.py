"""The ledger in the administration site: read-only, for system administrators.

PD records and documents change only through the services, which check rights and keep the
audit trail (SEC-02); the administration site only shows them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from biliktilik.core.access import scope_of

from .models import Evidence, PDRecord, RecordTrainer


def _is_system_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and scope_of(user).everything)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_system_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TrainerInline(ReadOnlyInline):
    model = RecordTrainer
    fields = ["name", "category", "person"]


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["kind", "original_name", "number", "issued_on", "issuer", "status", "size"]


@admin.register(PDRecord)
class PDRecordAdmin(ReadOnlyAdmin):
    list_display = ["title", "person", "organisation", "form", "end_date", "hours", "status", "origin"]
    list_filter = ["status", "form", "origin", "initiative", "delivery_mode", "funding_source"]
    search_fields = ["title", "person__search_name", "provider_name", "external_id"]
    date_hierarchy = "end_date"
    list_select_related = ["person", "organisation"]
    raw_id_fields = ["person", "organisation", "provider"]
    inlines = [TrainerInline, EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "record", "original_name", "status", "size", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["original_name", "number", "issuer", "record__title"]
    list_select_related = ["record"]
