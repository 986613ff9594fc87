"""The ledger in the administration site: read-only, for system administrators.

PD records and documents change only through the services, which check rights and keep the
audit trail (SEC-02); the administration site only shows them.
"""

from __future__ import annotations

from django.contrib import admin

from biliktilik.org.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Evidence, PDRecord, RecordTrainer


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
