"""Permission names in the active language.

Django stores the default permissions' names in English ("Can add PD record") when it migrates,
and the admin's user and group forms list them as they are stored. ``translated_permission_str``
names the four default permissions (add, change, delete, view) from the translated verbose name
of their model instead; ``CoreConfig.ready`` installs it as ``Permission.__str__``. Custom
permissions keep their stored name (give them a translated one in ``Meta.permissions``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_name(permission: Any) -> str:
    model = permission.content_type.model_class()
    if model is None:
        return str(permission.name)
    action, _sep, model_name = permission.codename.partition("_")
    if model_name != model._meta.model_name or action not in _ACTIONS:
        return str(permission.name)
    return str(_ACTIONS[action]) % {"model": model._meta.verbose_name}


def translated_permission_str(permission: Any) -> str:
    content_type = permission.content_type
    model = content_type.model_class()
    app = model._meta.app_config.verbose_name if model is not None else content_type.app_label
    subject = model._meta.verbose_name if model is not None else content_type.model
    return f"{app} | {subject} | {permission_name(permission)}"
