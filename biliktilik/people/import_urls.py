from django.urls import URLPattern, URLResolver, path

from . import import_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/import/", import_views.staff_import_view, name="staff_import"),
    path("staff/import/jobs/<uuid:public_id>/", import_views.staff_import_job_view, name="staff_import_job"),
    path("staff/import/template/", import_views.staff_import_template_view, name="staff_import_template"),
]
