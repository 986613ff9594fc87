"""URLs of the planning API; included at ``/api/v1/planning/``."""

from django.urls import URLPattern, URLResolver, path

from . import apis

app_name = "planning_api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("plans/", apis.PlanListApi.as_view(), name="plan-list"),
    path("plans/<uuid:public_id>/", apis.PlanDetailApi.as_view(), name="plan-detail"),
    path("plans/<uuid:public_id>/items/", apis.PlanItemsApi.as_view(), name="plan-items"),
    path("plans/<uuid:public_id>/items/<int:item_id>/", apis.PlanItemDetailApi.as_view(), name="plan-item"),
    path("plans/<uuid:public_id>/submit/", apis.PlanSubmitApi.as_view(), name="plan-submit"),
    path("plans/<uuid:public_id>/amend/", apis.PlanAmendApi.as_view(), name="plan-amend"),
    path("plans/<uuid:public_id>/decide/", apis.PlanDecideApi.as_view(), name="plan-decide"),
    path("unit-schedules/", apis.UnitScheduleListApi.as_view(), name="unit-schedule-list"),
    path("unit-schedules/<uuid:public_id>/", apis.UnitScheduleDetailApi.as_view(), name="unit-schedule-detail"),
    path(
        "unit-schedules/<uuid:public_id>/assemble/",
        apis.UnitScheduleAssembleApi.as_view(),
        name="unit-schedule-assemble",
    ),
    path(
        "unit-schedules/<uuid:public_id>/minutes/", apis.UnitScheduleMinutesApi.as_view(), name="unit-schedule-minutes"
    ),
    path("unit-schedules/<uuid:public_id>/submit/", apis.UnitScheduleSubmitApi.as_view(), name="unit-schedule-submit"),
    path("unit-schedules/<uuid:public_id>/decide/", apis.UnitScheduleDecideApi.as_view(), name="unit-schedule-decide"),
    path("consolidated/", apis.ConsolidatedListApi.as_view(), name="consolidated-list"),
    path("consolidated/<uuid:public_id>/", apis.ConsolidatedDetailApi.as_view(), name="consolidated-detail"),
    path("consolidated/<uuid:public_id>/build/", apis.ConsolidatedBuildApi.as_view(), name="consolidated-build"),
    path("consolidated/<uuid:public_id>/submit/", apis.ConsolidatedSubmitApi.as_view(), name="consolidated-submit"),
    path("consolidated/<uuid:public_id>/decide/", apis.ConsolidatedDecideApi.as_view(), name="consolidated-decide"),
    path("consolidated/<uuid:public_id>/budget/", apis.ConsolidatedBudgetApi.as_view(), name="consolidated-budget"),
]
