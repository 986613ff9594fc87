"""URLs of the ledger API; included at /api/v1/ledger/."""

from django.urls import URLPattern, URLResolver, path

from . import apis

app_name = "ledger_api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("records/", apis.RecordListApi.as_view(), name="record-list"),
    path("records/<uuid:public_id>/", apis.RecordDetailApi.as_view(), name="record-detail"),
    path("records/<uuid:public_id>/verify/", apis.RecordVerifyApi.as_view(), name="record-verify"),
    path("records/<uuid:public_id>/return/", apis.RecordReturnApi.as_view(), name="record-return"),
    path(
        "records/<uuid:public_id>/approve-justification/",
        apis.RecordApproveJustificationApi.as_view(),
        name="record-approve-justification",
    ),
    path("records/<uuid:public_id>/evidence/", apis.RecordEvidenceApi.as_view(), name="record-evidence"),
    path("evidence/<uuid:public_id>/", apis.EvidenceDetailApi.as_view(), name="evidence-detail"),
    path("evidence/<uuid:public_id>/download/", apis.EvidenceDownloadApi.as_view(), name="evidence-download"),
    path("evidence/<uuid:public_id>/accept/", apis.EvidenceAcceptApi.as_view(), name="evidence-accept"),
    path("evidence/<uuid:public_id>/return/", apis.EvidenceReturnApi.as_view(), name="evidence-return"),
]
