from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<uuid:public_id>/", views.organisation_detail, name="organisation_detail"),
]
