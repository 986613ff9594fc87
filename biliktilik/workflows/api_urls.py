"""API of approval routes and runs; included at ``/api/v1/workflows/``."""

from django.urls import URLPattern, URLResolver, path

from . import apis

app_name = "workflows_api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("routes/", apis.RouteListApi.as_view(), name="route-list"),
    path("routes/<uuid:public_id>/", apis.RouteDetailApi.as_view(), name="route-detail"),
    path("runs/", apis.RunListApi.as_view(), name="run-list"),
    path("runs/<uuid:public_id>/", apis.RunDetailApi.as_view(), name="run-detail"),
    path("runs/<uuid:public_id>/decide/", apis.RunDecideApi.as_view(), name="run-decide"),
]
