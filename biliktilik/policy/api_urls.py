"""Mounted at /api/v1/policy/."""

from django.urls import URLPattern, URLResolver, path

from .apis import RuleSetDetailApi, RuleSetListApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("rule-sets/", RuleSetListApi.as_view(), name="api-rule-set-list"),
    path("rule-sets/<uuid:public_id>/", RuleSetDetailApi.as_view(), name="api-rule-set-detail"),
]
