from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "policy"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.rule_set_list, name="rule_set_list"),
    path("<uuid:public_id>/", views.rule_set_detail, name="rule_set_detail"),
    path("<uuid:public_id>/adopt/", views.rule_set_adopt_view, name="rule_set_adopt"),
    path("rule/<uuid:public_id>/", views.rule_detail, name="rule_detail"),
    path("rule/<uuid:public_id>/new-version/", views.rule_new_version, name="rule_new_version"),
]
