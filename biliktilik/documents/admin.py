"""Registers in the administration: read-only, since numbers are taken and cancelled by the
services only (gap-free, audited)."""

from django.contrib import admin

from biliktilik.core.admin_rules import ReadOnlyAdmin

from .models import Register, RegisterEntry


@admin.register(Register)
class RegisterAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "doc_type", "year", "prefix", "number_format", "last_number"]
    list_filter = ["doc_type", "year"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["label", "register", "number", "cancelled_at"]
    list_filter = ["register__doc_type", "register__year"]
