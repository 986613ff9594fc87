"""Routes and runs in the admin site, read-only: they change only through their pages and
services (routes are versioned, decisions row-locked, both audited)."""

from __future__ import annotations

from django.contrib import admin

from biliktilik.org.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Decision, Route, Run, Step


class StepInline(ReadOnlyInline):
    model = Step
    fields = ("order", "title_kk", "title_ru", "title_en", "notes", "decider", "condition", "actions")
    readonly_fields = ("order", "title_kk", "title_ru", "title_en", "notes", "decider", "condition", "actions")


@admin.register(Route)
class RouteAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title_kk", "organisation", "purpose", "is_current", "is_active"]
    list_filter = ["purpose", "is_current", "is_active"]
    search_fields = ["code", "title_kk", "title_ru", "title_en"]
    inlines = [StepInline]


class DecisionInline(ReadOnlyInline):
    model = Decision
    fields = ("created_at", "step", "action", "actor", "comment")
    readonly_fields = ("created_at", "step", "action", "actor", "comment")


@admin.register(Run)
class RunAdmin(ReadOnlyAdmin):
    """Runs change only through the services (decisions are audited); the admin shows them."""

    list_display = ["started_at", "route", "object_repr", "organisation", "status", "current_step"]
    list_filter = ["status"]
    search_fields = ["object_repr"]
    readonly_fields = [f.name for f in Run._meta.fields]
    inlines = [DecisionInline]
