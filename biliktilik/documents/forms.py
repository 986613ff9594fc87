"""The upload form of a print template."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class PrintTemplateForm(forms.Form):
    body = forms.CharField(label=_("HTML template"), widget=forms.Textarea(attrs={"rows": 14}), required=False)
    file = forms.FileField(label=_("Word document (.docx)"), required=False)
    texts = forms.CharField(
        label=_("Texts of the form (JSON)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean_texts(self) -> dict[str, Any]:
        raw = self.cleaned_data.get("texts") or ""
        if not raw.strip():
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError(_('Write the texts as JSON: {"key": "text"}.')) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_('Write the texts as JSON: {"key": "text"}.'))
        return value
