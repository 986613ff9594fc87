from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("biliktilik.api.urls")),
    path("", include("biliktilik.accounts.urls")),
    path("", include("biliktilik.org.urls")),
    path("", include("biliktilik.people.urls")),
    path("", include("biliktilik.people.import_urls")),
    path("rules/", include("biliktilik.policy.urls")),
    path("ledger/", include("biliktilik.ledger.urls")),
    path("compliance/", include("biliktilik.compliance.urls")),
    path("routes/", include("biliktilik.workflows.urls")),
    path("plans/", include("biliktilik.planning.urls")),
    path("notifications/", include("biliktilik.notifications.urls")),
    path("documents/", include("biliktilik.documents.urls")),
]
# Uploaded files (evidence) are never served from MEDIA_URL, not even with DEBUG: each is served
# only by its checked view (``ledger:evidence_download`` and its API twin), to those who may see
# its record.
