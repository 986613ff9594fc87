"""The project's URLs plus the ledger API at /api/v1/ledger/, where the API includes it."""

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/ledger/", include("biliktilik.ledger.api_urls")),
    *project_urlpatterns,
]
