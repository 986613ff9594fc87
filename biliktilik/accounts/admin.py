"""Administration of users and role grants, and the rule of who may use the admin site.

Who may use ``/admin/``: system administrators only, that is superusers and users holding an
active ``sysadmin`` role grant. Three things keep it so:

1. The site's entry check (``admin.site.has_permission``, replaced below) lets a request in
   only when the user is active, is marked ``is_staff``, and is a system administrator
   (``scope_of(user).everything``). A staff flag alone opens nothing.
2. ``is_staff`` is not edited by hand: the user page below and the grant services
   (``biliktilik.accounts.services``) derive it as "superuser or holds a sysadmin grant that
   has not ended", so it is set only for system administrators. Code that creates a sysadmin
   grant outside the services (the demo data) sets ``is_staff=True`` on the user the same way;
   ``createsuperuser`` sets it for superusers.
3. Every model admin (``biliktilik.org.admin.SystemAdministratorAdmin``, also adopted below
   for the third-party models) grants its rights to system administrators and to nobody else,
   whatever Django permissions a user holds, and audits every edit made through it.

Role grants are added and ended only through the services; they are never deleted.
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from biliktilik.core.admin_rules import audit_admin_change
from biliktilik.core.errors import ApplicationError
from biliktilik.org.admin import ReadOnlyInline, SystemAdministratorAdmin, is_system_administrator

from .models import RoleGrant, User
from .services import grant_check, grant_create, grant_end, grant_end_check, sync_staff_flag


def admin_site_has_permission(request: HttpRequest) -> bool:
    """The entry check of the admin site: an active staff user who is a system administrator."""
    user = request.user
    return bool(user.is_active and user.is_staff and is_system_administrator(user))


admin.site.has_permission = admin_site_has_permission  # type: ignore[method-assign]
admin.site.site_header = _("Biliktilik administration")
admin.site.site_title = _("Biliktilik administration")


class RoleGrantInline(ReadOnlyInline):
    """The user's grants, shown; they are granted and ended on the role-grant pages."""

    model = RoleGrant
    fk_name = "user"
    fields = ["role", "organisation", "unit", "valid_from", "valid_to"]
    readonly_fields = ["role", "organisation", "unit", "valid_from", "valid_to"]
    show_change_link = True


@admin.register(User)
class UserAdmin(SystemAdministratorAdmin, DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Person"), {"fields": ("person",)}),
    )
    readonly_fields = ["is_staff", "last_login", "date_joined"]
    raw_id_fields = ["person"]
    list_display = ["username", "person", "email", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["person"]
    search_fields = ["username", "email", "first_name", "last_name", "person__search_name"]
    inlines = [RoleGrantInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        sync_staff_flag(form.instance)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """The password page saves outside ``save_model``; audit it too (never the value)."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.filter(pk=id).first()
            if user is not None:
                audit_admin_change(request.user, user, {"password": ("***", "***")})
        return response


class RoleGrantAddForm(forms.ModelForm):
    """A new grant, checked by the service's rules so that errors show next to their field."""

    class Meta:
        model = RoleGrant
        fields = ["user", "role", "organisation", "unit", "valid_from", "valid_to"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            grant_check(
                user=data.get("user"),  # type: ignore[arg-type]
                role=data.get("role") or "",
                organisation=data.get("organisation"),
                unit=data.get("unit"),
                valid_from=data.get("valid_from"),
                valid_to=data.get("valid_to"),
            )
        except ApplicationError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc.message))
        return data

    def validate_unique(self) -> None:
        """Uniqueness is the service's overlap rule, checked in ``clean``."""


class RoleGrantEndForm(forms.ModelForm):
    """An existing grant: only its last day may be set, and only earlier (the grant ends)."""

    class Meta:
        model = RoleGrant
        fields = ["valid_to"]

    def clean_valid_to(self) -> Any:
        on = self.cleaned_data.get("valid_to")
        if on is None:
            raise forms.ValidationError(_("Give the last day of the grant."))
        try:
            grant_end_check(RoleGrant.objects.get(pk=self.instance.pk), on)
        except ApplicationError as exc:
            raise forms.ValidationError(str(exc.message)) from exc
        return on


@admin.register(RoleGrant)
class RoleGrantAdmin(SystemAdministratorAdmin):
    """Grants go through ``biliktilik.accounts.services``: adding calls ``grant_create`` and
    changing sets the last day through ``grant_end``. A grant is never deleted (SEC-02)."""

    list_display = ["user", "role", "organisation", "unit", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name_kk", "organisation__code", "unit__name_kk"]
    list_select_related = ["user", "organisation", "unit"]
    raw_id_fields = ["user", "organisation", "unit"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = RoleGrantEndForm if obj is not None else RoleGrantAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["user", "role", "organisation", "unit", "valid_from"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: RoleGrant, form: Any, change: bool) -> None:
        # The services write the audit events; the mixin's own audit is not used here.
        if change:
            ended = grant_end(actor=request.user, grant=obj, on=form.cleaned_data["valid_to"])
        else:
            data = form.cleaned_data
            ended = grant_create(
                actor=request.user,
                user=data["user"],
                role=data["role"],
                organisation=data["organisation"],
                unit=data.get("unit"),
                valid_from=data.get("valid_from"),
                valid_to=data.get("valid_to"),
            )
        obj.pk, obj.valid_to = ended.pk, ended.valid_to


# Third-party models in the admin site follow the same rule: system administrators only, every
# edit audited.
for _model, _base in (
    (Group, GroupAdmin),
    (TokenProxy, TokenAdmin),
    (DBTaskResult, DBTaskResultAdmin),
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, type(f"Audited{_base.__name__}", (SystemAdministratorAdmin, _base), {}))
