"""Mounted at /api/v1/compliance/."""

from django.urls import URLPattern, URLResolver, path

from .apis import OrganisationComplianceApi, PersonComplianceApi, UnitComplianceApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("persons/<uuid:public_id>/", PersonComplianceApi.as_view(), name="api-compliance-person"),
    path("units/<uuid:public_id>/", UnitComplianceApi.as_view(), name="api-compliance-unit"),
    path("organisations/<uuid:public_id>/", OrganisationComplianceApi.as_view(), name="api-compliance-organisation"),
]
