"""The project's URLs with the policy and compliance APIs mounted where the project mounts them."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/policy/", include("biliktilik.policy.api_urls")),
    path("api/v1/compliance/", include("biliktilik.compliance.api_urls")),
    *project_urlpatterns,
]
