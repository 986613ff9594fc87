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
