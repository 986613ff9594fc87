from django.contrib import admin

from .models import Decision, Route, Run, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ("order", "title_kk", "title_ru", "title_en", "notes", "decider", "condition", "actions")
    readonly_fields = ("order", "title_kk", "title_ru", "title_en", "notes", "decider", "condition", "actions")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "title_kk", "organisation", "purpose", "is_current", "is_active"]
    list_filter = ["purpose", "is_current", "is_active"]
    search_fields = ["code", "title_kk", "title_ru", "title_en"]
    inlines = [StepInline]

    # Routes change only through their pages and services (versioned and audited).
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ("created_at", "step", "action", "actor", "comment")
    readonly_fields = ("created_at", "step", "action", "actor", "comment")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    """Runs change only through the services (decisions are audited); the admin shows them."""

    list_display = ["started_at", "route", "object_repr", "organisation", "status", "current_step"]
    list_filter = ["status"]
    search_fields = ["object_repr"]
    readonly_fields = [f.name for f in Run._meta.fields]
    inlines = [DecisionInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
