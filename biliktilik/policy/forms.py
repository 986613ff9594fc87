"""Forms of the rule pages. They only parse input; the services validate the rules."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Rule


class JSONTextField(forms.CharField):
    """A JSON object typed into a text area."""

    widget = forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace", "spellcheck": "false"})

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in ("", None):
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("This is not valid JSON."), code="invalid_json") from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("Give a JSON object in braces."), code="not_object")
        return data

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=2)
        return value


class NewVersionForm(forms.Form):
    effective_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    title_kk = forms.CharField(
        label=_("Title (Kazakh)"), max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    title_ru = forms.CharField(
        label=_("Title (Russian)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    title_en = forms.CharField(
        label=_("Title (English)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    params = JSONTextField(label=_("Parameters"), required=False)
    scope = JSONTextField(label=_("Applies to"), required=False)
    citation_document = forms.CharField(
        label=_("Document"), max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    citation_clause = forms.CharField(
        label=_("Clause"), max_length=60, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    citation_text = forms.CharField(
        label=_("Text of the clause"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    @classmethod
    def initial_for(cls, rule: Rule) -> dict[str, Any]:
        return {
            "title_kk": rule.title_kk,
            "title_ru": rule.title_ru,
            "title_en": rule.title_en,
            "params": rule.params,
            "scope": rule.scope,
            "citation_document": rule.citation_document,
            "citation_clause": rule.citation_clause,
            "citation_text": rule.citation_text,
        }


class AdoptForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"), widget=forms.Select(attrs={"class": "form-select"}))
    effective_from = forms.DateField(
        label=_("In force from"),
        required=False,
        help_text=_("Leave empty to adopt from the date of the template."),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(o.public_id), str(o)) for o in organisations]
