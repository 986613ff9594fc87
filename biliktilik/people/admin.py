"""Administration of positions, disciplines, people and employments (system administrators only).

The administration site is for correcting data, and HR's everyday edits go through the
personal-file pages. Every add, change and delete made here is audited with old -> new by
``SystemAdministratorAdmin`` (inline rows too).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from biliktilik.org.admin import SystemAdministratorAdmin, SystemAdministratorInline

from . import privacy
from .enums import ReadChannel
from .models import (
    AcademicDegree,
    Discipline,
    Employment,
    Graduation,
    Person,
    PersonalDataRead,
    Position,
    QualificationCategory,
    TeachingAssignment,
)


@admin.register(Position)
class PositionAdmin(SystemAdministratorAdmin):
    list_display = ["code", "__str__", "organisation", "category", "is_head", "is_deputy", "sort_order"]
    list_filter = ["category", "is_head", "is_deputy"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    raw_id_fields = ["organisation"]


@admin.register(Discipline)
class DisciplineAdmin(SystemAdministratorAdmin):
    list_display = ["code", "__str__", "profile_kk"]
    search_fields = ["code", "name_kk", "name_ru", "name_en", "profile_kk"]


class EmploymentInline(SystemAdministratorInline):
    model = Employment
    fields = ["organisation", "unit", "position", "category", "rate", "start_date", "end_date", "end_reason"]
    raw_id_fields = ["organisation", "unit", "position"]


class TeachingInline(SystemAdministratorInline):
    model = TeachingAssignment
    fields = ["discipline", "organisation", "valid_from", "valid_to"]
    raw_id_fields = ["discipline", "organisation"]


class DegreeInline(SystemAdministratorInline):
    model = AcademicDegree
    fields = ["kind", "field", "awarded_on", "document_number"]


class QualificationCategoryInline(SystemAdministratorInline):
    model = QualificationCategory
    fields = ["category", "awarded_on", "valid_until", "order_number"]


class GraduationInline(SystemAdministratorInline):
    model = Graduation
    fields = ["organisation", "year", "programme", "level"]
    raw_id_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(SystemAdministratorAdmin):
    """The list shows the one IIN mask; the change form holds the full IIN, a logged read."""

    list_display = ["__str__", "masked_iin", "birth_date", "email"]
    search_fields = ["search_name", "iin", "external_id", "email"]
    readonly_fields = ["public_id"]
    inlines = [EmploymentInline, TeachingInline, DegreeInline, QualificationCategoryInline, GraduationInline]

    @admin.display(description=_("IIN"))
    def masked_iin(self, person: Person) -> str:
        return privacy.mask_iin(person.iin)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            person = Person.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
            if person is not None:
                privacy.log_full_reads(request.user, [person], where=ReadChannel.PAGE, source=request.path)
        return response


@admin.register(PersonalDataRead)
class PersonalDataReadAdmin(SystemAdministratorAdmin):
    """The log of full IIN reads: read-only, append-only (SEC-03)."""

    list_display = ["created_at", "actor_repr", "person", "channel", "source"]
    list_filter = ["channel"]
    search_fields = ["actor_repr", "person__search_name", "source"]
    list_select_related = ["person"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Employment)
class EmploymentAdmin(SystemAdministratorAdmin):
    list_display = ["person", "position", "unit", "organisation", "category", "start_date", "end_date"]
    list_filter = ["category", "end_reason", "is_primary"]
    search_fields = ["person__search_name", "person__iin"]
    list_select_related = ["person", "position", "unit", "organisation"]
    raw_id_fields = ["person", "organisation", "unit", "position"]
    date_hierarchy = "start_date"
