"""The site's URLs with the notifications API at ``/api/v1/notifications/``, where the API
mounts it; the tests use this configuration, so they do not depend on the site's API list."""

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as site_patterns

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/notifications/", include("biliktilik.notifications.api_urls")),
    *site_patterns,
]
