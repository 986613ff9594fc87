"""Receivers of other apps' signals; connected in ``NotificationsConfig.ready``."""

from __future__ import annotations

from typing import Any

from biliktilik.workflows.models import Decision, Run

from .services import notify_run_changed


def on_run_changed(
    sender: type[Run], run: Run, event: str, decision: Decision | None, actor: Any, **kwargs: Any
) -> None:
    """An approval run started, moved on or finished (sent after the commit)."""
    notify_run_changed(run=run, event=event, decision=decision, actor=actor)
