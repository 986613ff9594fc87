from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ITEM_FIELDS, PlanItem


class DateInput(forms.DateInput):
    input_type = "date"


class ItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = list(ITEM_FIELDS)
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)


class MinutesForm(forms.Form):
    meeting_date = forms.DateField(label=_("meeting date"), widget=DateInput())
    meeting_number = forms.CharField(label=_("minutes number"), max_length=40)
    meeting_present = forms.IntegerField(label=_("present"), min_value=1, max_value=10000)
    meeting_decision = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 2}))


class AmendForm(forms.Form):
    reason = forms.CharField(label=_("reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "approve"), ("return", "return"), ("reject", "reject")])
    expected_step = forms.IntegerField(required=False)
    comment = forms.CharField(required=False, max_length=4000)


# --- perspective plans (PLN-04) and PD-centre programmes (PLN-05, PLN-07) ----------------------------

from typing import Any  # noqa: E402

from biliktilik.ledger.enums import PDForm, TrainerCategory  # noqa: E402

from .models import StageStatus, TrainerRole  # noqa: E402


def _category_choices() -> list[tuple[str, Any]]:
    from biliktilik.people.enums import StaffCategory

    return [("", _("All staff")), *StaffCategory.choices]


class PerspectivePlanForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    from_year = forms.IntegerField(label=_("from year"), min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label=_("to year"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PerspectiveStageForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    from_year = forms.IntegerField(label=_("from year"), min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label=_("to year"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StageMonitorForm(forms.Form):
    stage = forms.IntegerField(widget=forms.HiddenInput())
    status = forms.ChoiceField(label=_("status"), choices=StageStatus.choices)
    notes = forms.CharField(label=_("monitoring notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PerspectiveTargetForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    category = forms.ChoiceField(label=_("staff category"), choices=_category_choices, required=False)
    people = forms.IntegerField(label=_("people to train"), min_value=0, initial=0)
    hours = forms.DecimalField(label=_("academic hours"), min_value=0, max_digits=9, decimal_places=1, initial=0)
    money = forms.DecimalField(label=_("money, KZT"), min_value=0, max_digits=14, decimal_places=2, initial=0)


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("title"), max_length=300)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DirectionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)


class TopicForm(forms.Form):
    direction = forms.IntegerField(widget=forms.HiddenInput())
    title = forms.CharField(label=_("topic"), max_length=500)
    form = forms.ChoiceField(label=_("form"), choices=PDForm.choices)
    start_date = forms.DateField(label=_("start"), widget=DateInput())
    end_date = forms.DateField(label=_("end"), widget=DateInput())
    hours = forms.DecimalField(label=_("academic hours"), min_value=0, max_digits=7, decimal_places=1)
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=10000)


class TrainerForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=TrainerRole.choices)
    category = forms.ChoiceField(label=_("category"), choices=TrainerCategory.choices)
    person = forms.UUIDField(label=_("person of the system"), required=False)
    name = forms.CharField(label=_("or a name"), max_length=300, required=False)


class DecisionForm(forms.Form):
    entry = forms.IntegerField()
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
    reason = forms.CharField(required=False, max_length=4000)
