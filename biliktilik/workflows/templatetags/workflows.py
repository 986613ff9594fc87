"""``{% load workflows %}{% workflow_run run %}``: the run partial, for any page that shows an
object going through a route (a plan, an application, ...)."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Run
from ..selectors import run_panel

register = template.Library()


@register.inclusion_tag("workflows/_run.html", takes_context=True)
def workflow_run(context: template.Context, run: Run, next_url: str = "") -> dict[str, Any]:
    """The steps of ``run`` with who decided what and when, and the decision buttons for the
    current user when they may decide. ``next_url``: where a plain (non-htmx) decision returns."""
    request = context["request"]
    return {
        "panel": run_panel(request.user, run),
        "next": next_url,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
