"""The site's URLs with the workflows API at ``/api/v1/workflows/``, where the API mounts it;
the API tests use this URL configuration, so they do not depend on the site's API list."""

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as site_patterns

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/workflows/", include("biliktilik.workflows.api_urls")),
    *site_patterns,
]
