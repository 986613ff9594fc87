from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "workflows"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.route_list, name="route_list"),
    path("new/", views.route_create_view, name="route_create"),
    path("waiting/", views.waiting, name="waiting"),
    path("runs/<uuid:public_id>/", views.run_detail, name="run_detail"),
    path("runs/<uuid:public_id>/decide/", views.run_decide_view, name="run_decide"),
    path("<uuid:public_id>/", views.route_detail, name="route_detail"),
    path("<uuid:public_id>/edit/", views.route_edit, name="route_edit"),
]
