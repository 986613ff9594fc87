"""API of notifications; included at ``/api/v1/notifications/``."""

from django.urls import URLPattern, URLResolver, path

from . import apis

app_name = "notifications_api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", apis.NotificationListApi.as_view(), name="list"),
    path("unread-count/", apis.NotificationUnreadCountApi.as_view(), name="unread-count"),
    path("read-all/", apis.NotificationReadAllApi.as_view(), name="read-all"),
    path("<uuid:public_id>/read/", apis.NotificationReadApi.as_view(), name="read"),
]
