"""Rule sets and rules in the admin site, read-only: they change only through the services, so
that a published rule is never edited and every change is audited."""

from __future__ import annotations

from django.contrib import admin

from biliktilik.org.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Rule, RuleSet


class RuleInline(ReadOnlyInline):
    model = Rule
    fields = ("code", "version", "kind", "citation_document", "citation_clause", "effective_from", "effective_to")
    readonly_fields = (
        "code",
        "version",
        "kind",
        "citation_document",
        "citation_clause",
        "effective_from",
        "effective_to",
    )
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(RuleSet)
class RuleSetAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_kk", "owner", "is_template", "effective_from", "effective_to", "status"]
    list_filter = ["status", "is_template"]
    search_fields = ["code", "title_kk", "title_ru", "title_en", "source_document"]
    inlines = [RuleInline]


@admin.register(Rule)
class RuleAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "kind", "rule_set", "citation_document", "citation_clause", "effective_from"]
    list_filter = ["kind"]
    search_fields = ["code", "title_kk", "citation_document", "citation_clause"]
