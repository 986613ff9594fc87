"""The site's URLs with the planning API at ``/api/v1/planning/``, where the API mounts it; the
API tests use this URL configuration, so they do not depend on the site's API list."""

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as site_patterns

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/planning/", include("biliktilik.planning.api_urls")),
    *site_patterns,
]
