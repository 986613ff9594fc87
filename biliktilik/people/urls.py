from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("staff/", views.directory, name="directory"),
    path("people/<uuid:public_id>/", views.person_detail, name="person_detail"),
    path("people/<uuid:public_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:public_id>/employments/add/", views.employment_add, name="employment_add"),
    path("employments/<uuid:public_id>/end/", views.employment_end, name="employment_end"),
    path("personal-data-reads/", views.read_log, name="read_log"),
]
