"""Read-only API of rule sets and their rules (POL-01), scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from . import readers
from .models import Rule, RuleSet
from .selectors import rule_sets_visible_to


class OwnerSerializer(serializers.Serializer):
    public_id = serializers.UUIDField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CitationSerializer(serializers.Serializer):
    document = serializers.CharField(source="citation_document", read_only=True)
    clause = serializers.CharField(source="citation_clause", read_only=True)
    text = serializers.CharField(source="citation_text", read_only=True)


class RuleSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text=_("Title in the language of the request."))
    citation = CitationSerializer(source="*", read_only=True)
    supersedes = serializers.UUIDField(source="supersedes.public_id", read_only=True, allow_null=True, default=None)
    applied = serializers.SerializerMethodField(
        help_text=_("Whether some part of the system applies this kind of rule yet (false: recorded, not applied).")
    )

    class Meta:
        model = Rule
        fields = [
            "public_id",
            "code",
            "version",
            "kind",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "params",
            "scope",
            "citation",
            "effective_from",
            "effective_to",
            "supersedes",
            "published_at",
            "applied",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_applied(self, rule: Rule) -> bool:
        return readers.is_applied(rule.kind, rule.params)


class RuleSetSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text=_("Title in the language of the request."))
    owner = OwnerSerializer(read_only=True, allow_null=True)
    is_national = serializers.BooleanField(read_only=True)
    rule_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = RuleSet
        fields = [
            "public_id",
            "code",
            "title",
            "title_kk",
            "title_ru",
            "title_en",
            "owner",
            "is_template",
            "is_national",
            "source_document",
            "source_citation",
            "repeal_citation",
            "effective_from",
            "effective_to",
            "status",
            "rule_count",
        ]
        read_only_fields = fields


class RuleSetDetailSerializer(RuleSetSerializer):
    rules = RuleSerializer(many=True, read_only=True)

    class Meta(RuleSetSerializer.Meta):
        fields = [*RuleSetSerializer.Meta.fields, "rules"]
        read_only_fields = fields


def rule_sets_for_api(user: Any) -> QuerySet[RuleSet]:
    return rule_sets_visible_to(user).annotate(rule_count=Count("rules")).order_by("is_template", "code", "id")


class RuleSetListApi(generics.ListAPIView):
    """Rule sets the user may see: national ones, templates, and those of their organisations
    and the authorities above them."""

    serializer_class = RuleSetSerializer
    search_fields = ["code", "title_kk", "title_ru", "title_en", "source_document"]
    ordering_fields = ["code", "effective_from"]
    filterset_fields = ["is_template", "status"]

    def get_queryset(self) -> QuerySet[RuleSet]:
        return rule_sets_for_api(self.request.user)


class RuleSetDetailApi(generics.RetrieveAPIView):
    """One rule set with every version of every rule and its citation."""

    serializer_class = RuleSetDetailSerializer
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[RuleSet]:
        rules = Rule.objects.select_related("supersedes").order_by("sort_order", "code", "version")
        return rule_sets_for_api(self.request.user).prefetch_related(Prefetch("rules", queryset=rules))
