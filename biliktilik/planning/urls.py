from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "planning"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("my/", views.plan_open, name="plan_open"),
    path("plan/<uuid:public_id>/", views.plan_detail, name="plan_detail"),
    path("plan/<uuid:public_id>/<str:action>/", views.plan_action, name="plan_action"),
    path("item/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path("units/new/", views.unit_schedule_open, name="unit_schedule_open"),
    path("units/<uuid:public_id>/", views.unit_schedule_detail, name="unit_schedule_detail"),
    path("units/<uuid:public_id>/export.<str:fmt>", views.unit_schedule_export, name="unit_schedule_export"),
    path("units/<uuid:public_id>/<str:action>/", views.unit_schedule_action, name="unit_schedule_action"),
    path("approved/<uuid:unit_id>/<int:year>/", views.approved_part_view, name="approved_part"),
    path("consolidated/new/", views.consolidated_open, name="consolidated_open"),
    path("consolidated/<uuid:public_id>/", views.consolidated_detail, name="consolidated_detail"),
    path("consolidated/<uuid:public_id>/export.<str:fmt>", views.consolidated_export, name="consolidated_export"),
    path("consolidated/<uuid:public_id>/<str:action>/", views.consolidated_action, name="consolidated_action"),
    path("compare/<str:kind>/<uuid:old_id>/<uuid:new_id>/", views.compare, name="compare"),
]

# Perspective plans (PLN-04) and PD-centre programmes with internal courses (PLN-05, PLN-07).
from . import views_perspective, views_programmes  # noqa: E402

urlpatterns += [
    path("perspective/", views_perspective.perspective_list, name="perspective_list"),
    path("perspective/new/", views_perspective.perspective_create, name="perspective_create"),
    path("perspective/<uuid:public_id>/", views_perspective.perspective_detail, name="perspective_detail"),
    path(
        "perspective/<uuid:public_id>/<str:action>/",
        views_perspective.perspective_action,
        name="perspective_action",
    ),
    path("programmes/", views_programmes.programme_list, name="programme_list"),
    path("programmes/new/", views_programmes.programme_create, name="programme_create"),
    path("programmes/<uuid:public_id>/", views_programmes.programme_detail, name="programme_detail"),
    path("programmes/<uuid:public_id>/<str:action>/", views_programmes.programme_action, name="programme_action"),
    path("programmes/topics/<uuid:public_id>/", views_programmes.topic_detail, name="topic_detail"),
    path("programmes/topics/<uuid:public_id>/<str:action>/", views_programmes.topic_action, name="topic_action"),
]
