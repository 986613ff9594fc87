from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "compliance"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("list/", views.row_list, name="list"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("next-year/", views.next_year_list, name="next_year"),
    path("participation/", views.participation, name="participation"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("person/<uuid:public_id>/", views.person_card, name="person"),
]
