from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "notifications"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notification_list, name="list"),
    path("bell/", views.bell, name="bell"),
    path("read-all/", views.notification_read_all, name="read_all"),
    path("<uuid:public_id>/read/", views.notification_read, name="read"),
    path("<uuid:public_id>/open/", views.notification_open, name="open"),
]
