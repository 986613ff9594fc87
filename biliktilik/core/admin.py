from __future__ import annotations

from django.contrib import admin

from .admin_rules import ReadOnlyAdmin, SystemAdministratorAdmin
from .models import AuditEvent, CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SystemAdministratorAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
