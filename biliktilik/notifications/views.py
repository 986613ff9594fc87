"""Pages of notifications: my notifications, marking them read (htmx or plain forms), opening
one, and the navbar bell. Everyone sees their own notifications only."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from biliktilik.core.query import query_page

from .messages import Message
from .messages import render as render_message
from .models import Notification
from .selectors import Bell, notification_get, notifications_of
from .services import notification_mark_read, notifications_mark_all_read

CHANGED_EVENT = "notifications:changed"


@dataclass(frozen=True)
class Item:
    notification: Notification
    message: Message


def _item(notification: Notification) -> Item:
    return Item(notification, render_message(notification))


def _notification_or_404(request: HttpRequest, public_id: UUID) -> Notification:
    notification = notification_get(request.user, public_id=public_id)
    if notification is None:
        raise Http404(_("No such notification."))
    return notification


def _list_context(request: HttpRequest) -> dict[str, object]:
    page = Paginator(notifications_of(request.user), settings.BILIKTILIK_PAGE_SIZE).get_page(query_page(request.GET))
    return {
        "page": page,
        "items": [_item(n) for n in page.object_list],
        "notification_bell": Bell(request.user),
    }


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/list.html", _list_context(request))


@login_required
@require_POST
def notification_read(request: HttpRequest, public_id: UUID) -> HttpResponse:
    notification = notification_mark_read(user=request.user, notification=_notification_or_404(request, public_id))
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "notifications/_item.html", {"item": _item(notification)})
        response["HX-Trigger"] = CHANGED_EVENT
        return response
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    marked = notifications_mark_all_read(user=request.user)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(request, "notifications/_list.html", _list_context(request))
        response["HX-Trigger"] = CHANGED_EVENT
        return response
    if marked:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
@require_GET
def notification_open(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Go to the page a notification is about, marking it read on the way."""
    notification = notification_mark_read(user=request.user, notification=_notification_or_404(request, public_id))
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The navbar bell alone, for htmx to refresh it after a change."""
    return render(request, "notifications/_bell.html", {"notification_bell": Bell(request.user)})
