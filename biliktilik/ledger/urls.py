from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "ledger"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.record_list, name="records"),
    path("my/", views.my_records, name="my_records"),
    path("queue/", views.queue, name="queue"),
    path("people/<uuid:public_id>/", views.person_records, name="person_records"),
    path("people/<uuid:public_id>/card/", views.person_card, name="person_card"),
    path("new/", views.record_create, name="record_create"),
    path("records/<uuid:public_id>/", views.record_detail, name="record_detail"),
    path("records/<uuid:public_id>/edit/", views.record_update, name="record_update"),
    path("records/<uuid:public_id>/verify/", views.record_verify, name="record_verify"),
    path("records/<uuid:public_id>/return/", views.record_return, name="record_return"),
    path(
        "records/<uuid:public_id>/approve-justification/",
        views.record_approve_justification,
        name="record_approve_justification",
    ),
    path("records/<uuid:public_id>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<uuid:public_id>/download/", views.evidence_download, name="evidence_download"),
    path("evidence/<uuid:public_id>/accept/", views.evidence_accept, name="evidence_accept"),
    path("evidence/<uuid:public_id>/return/", views.evidence_return, name="evidence_return"),
    path("import/", views.import_records, name="import"),
    path("import/jobs/<uuid:public_id>/", views.import_job, name="import_job"),
    path("import/template.<str:fmt>", views.import_template, name="import_template"),
]
