"""The API under /api/: the OpenAPI schema, its documentation page (Swagger UI, served from our own
static files) and version 1."""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from biliktilik.accounts.apis import LogoutApi, MeApi, TokenApi
from biliktilik.api.views import NotFoundApi
from biliktilik.org.apis import OrganisationDetailApi, OrganisationListApi, UnitDetailApi, UnitListApi
from biliktilik.people.apis import (
    EmploymentDetailApi,
    EmploymentEndApi,
    EmploymentListApi,
    PersonDetailApi,
    PersonListApi,
    PositionDetailApi,
    PositionListApi,
)

v1_patterns: list[URLPattern | URLResolver] = [
    path("auth/token/", TokenApi.as_view(), name="api-token"),
    path("auth/logout/", LogoutApi.as_view(), name="api-logout"),
    path("me/", MeApi.as_view(), name="api-me"),
    path("organisations/", OrganisationListApi.as_view(), name="api-organisation-list"),
    path("organisations/<uuid:public_id>/", OrganisationDetailApi.as_view(), name="api-organisation-detail"),
    path("units/", UnitListApi.as_view(), name="api-unit-list"),
    path("units/<uuid:public_id>/", UnitDetailApi.as_view(), name="api-unit-detail"),
    path("positions/", PositionListApi.as_view(), name="api-position-list"),
    path("positions/<int:pk>/", PositionDetailApi.as_view(), name="api-position-detail"),
    path("persons/", PersonListApi.as_view(), name="api-person-list"),
    path("persons/<uuid:public_id>/", PersonDetailApi.as_view(), name="api-person-detail"),
    path("employments/", EmploymentListApi.as_view(), name="api-employment-list"),
    path("employments/<uuid:public_id>/", EmploymentDetailApi.as_view(), name="api-employment-detail"),
    path("employments/<uuid:public_id>/end/", EmploymentEndApi.as_view(), name="api-employment-end"),
    # The apps to the right of the foundation keep their endpoints in their own api_urls.py.
    path("people/", include("biliktilik.people.api_urls")),
    path("policy/", include("biliktilik.policy.api_urls")),
    path("ledger/", include("biliktilik.ledger.api_urls")),
    path("compliance/", include("biliktilik.compliance.api_urls")),
    path("workflows/", include("biliktilik.workflows.api_urls")),
    path("planning/", include("biliktilik.planning.api_urls")),
    path("notifications/", include("biliktilik.notifications.api_urls")),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start script is a file of its own (the split view); its styles are inline.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("v1/", include(v1_patterns)),
    # Last: any other path under /api/ (a malformed id included) answers a JSON 404, never a page.
    re_path(r"^.*$", NotFoundApi.as_view(), name="api-not-found"),
]
