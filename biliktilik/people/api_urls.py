"""URLs of the people API that are not in ``api.urls``; included at /api/v1/people/."""

from django.urls import URLPattern, URLResolver, path

from . import read_log_apis

app_name = "people_api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("personal-data-reads/", read_log_apis.PersonalDataReadListApi.as_view(), name="personal-data-read-list"),
]
