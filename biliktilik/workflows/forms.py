"""Forms of the route pages. They only shape the input; the services validate the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from biliktilik.org.enums import AUTHORITY_KINDS, OrganisationKind
from biliktilik.org.models import Organisation
from biliktilik.org.selectors import organisations_visible_to

from .enums import OFFICE_DECIDERS, STEP_ACTIONS, Decider
from .models import Route, Step
from .registry import condition_choices, purpose_choices
from .services import MAX_STEPS, StepSpec


class RouteForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Latin letters, digits, hyphens; stays the same across versions."),
    )
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=purpose_choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the route comes from: document and clause."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any) -> None:
        """``organisations``: the ones the user may choose when creating; None when editing."""
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
            del self.fields["code"]
        else:
            org_field = self.fields["organisation"]
            assert isinstance(org_field, forms.ModelChoiceField)
            org_field.queryset = organisations
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("id", f"id_route_{name}")

    @staticmethod
    def initial_for(route: Route) -> dict[str, Any]:
        return {
            "title_kk": route.title_kk,
            "title_ru": route.title_ru,
            "title_en": route.title_en,
            "purpose": route.purpose,
            "notes": route.notes,
            "is_active": route.is_active,
        }


class StepForm(forms.Form):
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    notes = forms.CharField(label=_("Source clause"), max_length=300, required=False)
    decider = forms.ChoiceField(label=_("Decider"), choices=[("", "—"), *Decider.choices])
    condition = forms.ChoiceField(label=_("Applies"), choices=condition_choices, required=False)
    decider_organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Deciding organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For an office of another organisation."),
    )
    decider_office = forms.ChoiceField(
        label=_("Deciding office"), choices=[("", "—"), *((d.value, d.label) for d in OFFICE_DECIDERS)], required=False
    )
    authority_kind = forms.ChoiceField(
        label=_("Kind of authority"),
        choices=[("", _("The nearest")), *((k, OrganisationKind(k).label) for k in sorted(AUTHORITY_KINDS))],
        required=False,
        help_text=_("For the authority above the organisation."),
    )
    actions = forms.MultipleChoiceField(
        label=_("Allowed decisions"),
        choices=[(a.value, a.label) for a in STEP_ACTIONS],
        widget=forms.CheckboxSelectMultiple,
        initial=[a.value for a in STEP_ACTIONS],
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The deciding organisation is chosen among those the author may see (SEC-01).
        organisation_field = self.fields["decider_organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = organisations_visible_to(user).order_by("path")
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                field.widget.attrs.setdefault("class", "form-control form-control-sm")

    def spec(self) -> StepSpec:
        data = self.cleaned_data
        return StepSpec(
            title_kk=data["title_kk"],
            title_ru=data.get("title_ru", ""),
            title_en=data.get("title_en", ""),
            notes=data.get("notes", ""),
            decider=data["decider"],
            condition=data.get("condition") or "",
            actions=tuple(data["actions"]),
            decider_organisation_id=data["decider_organisation"].pk if data.get("decider_organisation") else None,
            decider_office=data.get("decider_office") or "",
            authority_kind=data.get("authority_kind") or "",
        )

    @staticmethod
    def initial_for(step: Step) -> dict[str, Any]:
        return {
            "title_kk": step.title_kk,
            "title_ru": step.title_ru,
            "title_en": step.title_en,
            "notes": step.notes,
            "decider": step.decider,
            "condition": step.condition,
            "decider_organisation": step.decider_organisation_id,
            "decider_office": step.decider_office,
            "authority_kind": step.authority_kind,
            "actions": list(step.actions),
            "ORDER": step.order,
        }


class BaseStepFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Order")
        form.fields["ORDER"].widget.attrs.update({"class": "form-control form-control-sm step-order"})
        form.fields["DELETE"].label = _("Remove")
        form.fields["DELETE"].widget.attrs.update({"class": "form-check-input"})


StepFormSet = forms.formset_factory(
    StepForm,
    formset=BaseStepFormSet,
    extra=2,
    can_order=True,
    can_delete=True,
    max_num=MAX_STEPS,
    validate_max=True,
)


def steps_of(formset: Any) -> list[StepSpec]:
    """The steps of a valid formset, in the order the user gave, without the removed ones."""
    return [form.spec() for form in formset.ordered_forms]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a.value, a.label) for a in STEP_ACTIONS])
    comment = forms.CharField(required=False, max_length=4000)
    expected_step = forms.IntegerField(min_value=1)
