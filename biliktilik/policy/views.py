"""Pages of rule sets: the list, one rule set with the citation beside each rule, one rule with
its versions, publishing a new version, and adopting a template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError

from . import readers, selectors
from .evaluators import describe_params, describe_scope
from .forms import AdoptForm, NewVersionForm
from .models import Rule, RuleSet
from .permissions import can_manage_rule_set
from .services import rule_publish_new_version, rule_set_adopt


class RuleView:
    """A rule as a page shows it: its parameters and scope in words."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.params_text = describe_params(rule.kind, rule.params)
        self.scope_text = describe_scope(rule.scope) if rule.kind == "periodic_requirement" else ""
        # A kind (or deadline code) no feature reads yet is shown, but not as if in force.
        self.readers = readers.readers_of(rule.kind, rule.params)
        self.applied = bool(self.readers)


def _group(rule_sets: list[RuleSet]) -> dict[str, list[RuleSet]]:
    groups: dict[str, list[RuleSet]] = {"national": [], "own": [], "templates": []}
    for rule_set in rule_sets:
        key = "national" if rule_set.is_national else "templates" if rule_set.is_template else "own"
        groups[key].append(rule_set)
    return groups


@login_required
def rule_set_list(request: HttpRequest) -> HttpResponse:
    rule_sets = selectors.rule_set_list(request.user)
    return render(request, "policy/rule_set_list.html", {"groups": _group(rule_sets), "count": len(rule_sets)})


@login_required
def rule_set_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    rule_set = selectors.rule_set_get(request.user, public_id=public_id)
    if rule_set is None:
        raise Http404(_("No such rule set, or you may not see it."))
    rules = list(rule_set.rules.all())
    current = [RuleView(r) for r in rules if r.effective_to is None]
    closed = [RuleView(r) for r in rules if r.effective_to is not None]
    adopt_form = None
    if rule_set.is_template:
        organisations = selectors.organisations_managed_by(request.user)
        if organisations:
            adopt_form = AdoptForm(organisations=organisations)
    context = {
        "rule_set": rule_set,
        "current": current,
        "closed": closed,
        "can_manage": can_manage_rule_set(request.user, rule_set) and not rule_set.is_template,
        "adopt_form": adopt_form,
        "adoptions": [a for a in rule_set.adoptions.all() if a.owner is not None],
    }
    return render(request, "policy/rule_set_detail.html", context)


@login_required
def rule_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    rule = selectors.rule_get(request.user, public_id=public_id)
    if rule is None:
        raise Http404(_("No such rule, or you may not see it."))
    versions = [RuleView(r) for r in selectors.rule_versions(rule)]
    context = {
        "rule": rule,
        "view": RuleView(rule),
        "versions": versions,
        "can_manage": can_manage_rule_set(request.user, rule.rule_set)
        and rule.is_published
        and rule.effective_to is None,
    }
    return render(request, "policy/rule_detail.html", context)


@login_required
def rule_new_version(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Edit = publish a new version: the current one closes on the day the new one starts."""
    rule = selectors.rule_get(request.user, public_id=public_id)
    if rule is None:
        raise Http404(_("No such rule, or you may not see it."))
    if not can_manage_rule_set(request.user, rule.rule_set):
        raise PermissionDenied
    field_errors: dict[str, str] = {}
    if request.method == "POST":
        form = NewVersionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = rule_publish_new_version(
                    actor=request.user,
                    rule=rule,
                    effective_from=data["effective_from"],
                    params=data["params"],
                    scope=data["scope"],
                    title_kk=data["title_kk"],
                    title_ru=data["title_ru"],
                    title_en=data["title_en"],
                    citation_document=data["citation_document"],
                    citation_clause=data["citation_clause"],
                    citation_text=data["citation_text"],
                )
            except ApplicationError as error:
                field_errors = {str(k): str(v) for k, v in error.extra.get("errors", {}).items()}
                if not field_errors:
                    field_errors = {error.field or "__all__": str(error.message)}
                target = (error.field or "").split(".")[0]
                if target in form.fields:
                    form.add_error(target, str(error.message))
                else:
                    form.add_error(None, str(error.message))
            else:
                messages.success(
                    request,
                    _("Version %(version)s is published and in force from %(date)s.")
                    % {"version": new.version, "date": new.effective_from.strftime("%d.%m.%Y")},
                )
                return redirect("policy:rule_detail", public_id=new.public_id)
    else:
        form = NewVersionForm(initial=NewVersionForm.initial_for(rule))
    return render(
        request,
        "policy/rule_new_version.html",
        {"rule": rule, "view": RuleView(rule), "form": form, "field_errors": field_errors},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def rule_set_adopt_view(request: HttpRequest, public_id: Any) -> HttpResponse:
    template = selectors.rule_set_get(request.user, public_id=public_id)
    if template is None or not template.is_template:
        raise Http404(_("No such template."))
    organisations = selectors.organisations_managed_by(request.user)
    if not organisations:
        raise PermissionDenied
    form = AdoptForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation you manage."))
        return redirect("policy:rule_set_detail", public_id=template.public_id)
    organisation = next(o for o in organisations if str(o.public_id) == form.cleaned_data["organisation"])
    try:
        adopted = rule_set_adopt(
            actor=request.user,
            organisation=organisation,
            template_code=template.code,
            effective_from=form.cleaned_data["effective_from"],
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("policy:rule_set_detail", public_id=template.public_id)
    messages.success(request, _("“%(org)s” adopted the rule set.") % {"org": organisation})
    return redirect("policy:rule_set_detail", public_id=adopted.public_id)
