"""API of notifications: my notifications, the unread count, marking read. Everyone reaches
their own notifications only; anyone else's answer 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from biliktilik.core.query import query_bool

from .enums import NotificationKind
from .messages import render
from .models import Notification
from .selectors import notification_get, notifications_of, unread_count
from .services import notification_mark_read, notifications_mark_all_read


class NotificationOutputSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=NotificationKind.choices, read_only=True)
    title = serializers.SerializerMethodField(help_text=_("Title in the language of the request."))
    text = serializers.SerializerMethodField(help_text=_("Text in the language of the request."))
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["public_id", "kind", "title", "text", "link", "params", "created_at", "read_at", "is_read"]

    def get_title(self, obj: Notification) -> str:
        return render(obj).title

    def get_text(self, obj: Notification) -> str:
        return render(obj).body


def _notification_or_404(request: Request, public_id: Any) -> Notification:
    notification = notification_get(request.user, public_id=public_id)
    if notification is None:
        raise Http404
    return notification


class NotificationListApi(generics.ListAPIView[Notification]):
    """My notifications, the unread first; ``?unread=1`` for the unread only."""

    serializer_class = NotificationOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Notification]:
        unread_only = query_bool(self.request.query_params, "unread")
        return notifications_of(self.request.user, unread_only=unread_only)


class NotificationUnreadCountApi(APIView):
    @extend_schema(responses=inline_serializer("UnreadCount", {"unread": serializers.IntegerField()}))
    def get(self, request: Request) -> Response:
        return Response({"unread": unread_count(request.user)})


class NotificationReadApi(APIView):
    @extend_schema(request=None, responses=NotificationOutputSerializer)
    def post(self, request: Request, public_id: Any) -> Response:
        notification = notification_mark_read(user=request.user, notification=_notification_or_404(request, public_id))
        return Response(NotificationOutputSerializer(notification).data)


class NotificationReadAllApi(APIView):
    @extend_schema(request=None, responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}))
    def post(self, request: Request) -> Response:
        return Response({"marked": notifications_mark_all_read(user=request.user)})
