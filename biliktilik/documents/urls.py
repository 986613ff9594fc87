from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("print-templates/", views.print_template_list, name="print_templates"),
    path("print-templates/<str:doc_type>/<str:language>/", views.print_template_detail, name="print_template"),
    path(
        "print-templates/<str:doc_type>/<str:language>/download/<str:which>/",
        views.print_template_download,
        name="print_template_download",
    ),
]
