"""Registers and print templates in the administration: read-only, since numbers are taken and
cancelled, and templates checked and set, by the services only (gap-free, audited)."""

from django.contrib import admin

from biliktilik.core.admin_rules import ReadOnlyAdmin

from .models import PrintTemplate, Register, RegisterEntry


@admin.register(Register)
class RegisterAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "doc_type", "year", "prefix", "number_format", "last_number"]
    list_filter = ["doc_type", "year"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["label", "register", "number", "cancelled_at"]
    list_filter = ["register__doc_type", "register__year"]


@admin.register(PrintTemplate)
class PrintTemplateAdmin(ReadOnlyAdmin):
    """Templates are set by ``print_template_set`` (checked before they are stored, audited)."""

    list_display = ["organisation", "doc_type", "language", "format", "version", "is_active", "created_at"]
    list_filter = ["doc_type", "language", "format", "is_active"]
