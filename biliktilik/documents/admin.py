from django.contrib import admin
from django.http import HttpRequest

from .models import PrintTemplate, Register, RegisterEntry


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin[Register]):
    list_display = ["organisation", "doc_type", "year", "prefix", "number_format", "last_number"]
    list_filter = ["doc_type", "year"]
    # Numbers are taken and cancelled by the services only (gap-free, audited).
    readonly_fields = ["last_number"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin[RegisterEntry]):
    list_display = ["label", "register", "number", "cancelled_at"]
    list_filter = ["register__doc_type", "register__year"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: RegisterEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: RegisterEntry | None = None) -> bool:
        return False


@admin.register(PrintTemplate)
class PrintTemplateAdmin(admin.ModelAdmin[PrintTemplate]):
    """Read only: templates are set by ``print_template_set`` (checked before they are stored, audited)."""

    list_display = ["organisation", "doc_type", "language", "format", "version", "is_active", "created_at"]
    list_filter = ["doc_type", "language", "format", "is_active"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PrintTemplate | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PrintTemplate | None = None) -> bool:
        return False
