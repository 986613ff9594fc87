"""Forms of the people pages: the directory filter, the personal data and the employments.

The forms only check the shape of the input (required, a date, a number); the rules live in
``people.services``, whose ``ApplicationError`` the views put next to the field it names.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from biliktilik.org.models import Organisation, Unit

from .enums import AcademicTitle, EmploymentEndReason, Sex, StaffCategory
from .models import Position


def _control_class(widget: forms.Widget) -> str:
    if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapFormMixin:
    """Gives every widget its Bootstrap class, and marks fields with errors as invalid."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            widget = field.widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {_control_class(widget)}".strip()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class DateInput(forms.DateInput):
    """An HTML date picker; it sends ISO dates, which every language's input formats accept."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# --- the staff directory ------------------------------------------------------------------------


class DirectoryFilterForm(BootstrapFormMixin, forms.Form):
    """The filters of the staff directory. Choice lists hold only what the user may see."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    only_unit = forms.BooleanField(label=_("Only this unit, without its subunits"), required=False)
    category = forms.ChoiceField(
        label=_("Staff category"), required=False, choices=[("", _("All categories")), *StaffCategory.choices]
    )
    position = forms.ChoiceField(label=_("Position"), required=False)
    former = forms.BooleanField(label=_("Include former staff"), required=False)

    def __init__(
        self,
        data: Any,
        *,
        organisations: list[Organisation],
        units: list[Unit],
        positions: list[Position],
    ) -> None:
        super().__init__(data)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Name or IIN"), "autocomplete": "off"})
        self._organisations = {str(o.public_id): o for o in organisations}
        self._units = {str(u.public_id): u for u in units}
        self._positions = {str(p.pk): p for p in positions}
        self._set_choices(
            "organisation", [("", _("All organisations"))] + [(str(o.public_id), str(o)) for o in organisations]
        )
        self._set_choices("unit", [("", _("All units")), *_grouped_units(units)])
        self._set_choices("position", [("", _("All positions"))] + [(str(p.pk), p.name) for p in positions])

    def _set_choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_organisation(self) -> Organisation | None:
        value = self.cleaned_data.get("organisation")
        return self._organisations.get(value) if value else None

    def clean_unit(self) -> Unit | None:
        value = self.cleaned_data.get("unit")
        return self._units.get(value) if value else None

    def clean_position(self) -> Position | None:
        value = self.cleaned_data.get("position")
        return self._positions.get(value) if value else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unit, organisation = cleaned.get("unit"), cleaned.get("organisation")
        if unit is not None and organisation is not None and unit.organisation_id != organisation.pk:
            self.add_error("unit", _("The unit belongs to another organisation."))
        return cleaned

    def valid_value(self, name: str) -> Any:
        """The cleaned value of one filter, or None when that filter was left empty or was wrong."""
        if not hasattr(self, "cleaned_data") or name in self.errors:
            return None
        return self.cleaned_data.get(name)


def _grouped_units(units: list[Unit]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Unit choices grouped by organisation, indented by depth in the unit tree."""
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for unit in units:
        label = f"{'  ' * (unit.depth - 1)}{'– ' if unit.depth > 1 else ''}{unit}"
        groups.setdefault(unit.organisation_id, (str(unit.organisation), []))[1].append((str(unit.public_id), label))
    return list(groups.values())


# --- personal data and employments --------------------------------------------------------------


class PersonForm(BootstrapFormMixin, forms.Form):
    """Personal data of a person, as ``people.services.person_update`` takes it."""

    last_name = forms.CharField(label=_("Last name"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    middle_name = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    iin = forms.CharField(
        label=_("IIN"), max_length=12, required=False, help_text=_("12 digits; the birth date is taken from it.")
    )
    external_id = forms.CharField(label=_("External id"), max_length=64, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput())
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    academic_title = forms.ChoiceField(label=_("Academic title"), choices=AcademicTitle.choices, required=False)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation} — {'· ' * (obj.depth - 1)}{obj}"


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})" if obj.organisation_id else obj.name


class EmploymentCreateForm(BootstrapFormMixin, forms.Form):
    """A new employment of a person, as ``people.services.employment_create`` takes it."""

    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    position = PositionChoiceField(label=_("Position"), queryset=Position.objects.none())
    category = forms.ChoiceField(
        label=_("Staff category"),
        required=False,
        choices=[("", _("As the position says")), *StaffCategory.choices],
    )
    rate = forms.DecimalField(label=_("Rate"), max_digits=4, decimal_places=2, initial=1, min_value=0)
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    is_primary = forms.BooleanField(label=_("Main job"), required=False, initial=True)
    competition_date = forms.DateField(label=_("Date of the competition"), required=False, widget=DateInput())
    competition_term_years = forms.IntegerField(
        label=_("Competition term, years"), required=False, min_value=1, max_value=10
    )

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        units: Any,
        positions: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["position"].queryset = positions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("competition_date")) != bool(cleaned.get("competition_term_years")):
            raise ValidationError(_("Give both the date of the competition and its term, or neither."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class EmploymentEndForm(BootstrapFormMixin, forms.Form):
    """The end of an employment, as ``people.services.employment_end`` takes it."""

    end_date = forms.DateField(label=_("End"), widget=DateInput())
    end_reason = forms.ChoiceField(
        label=_("End reason"), choices=[("", "—"), *EmploymentEndReason.choices], required=False
    )

    def service_data(self) -> dict[str, Any]:
        return {"end_date": self.cleaned_data["end_date"], "end_reason": self.cleaned_data["end_reason"]}


# --- the log of full IIN reads ------------------------------------------------------------------


class ReadLogFilterForm(BootstrapFormMixin, forms.Form):
    """The filters of the auditor's page of full IIN reads. A date that is not a date, or a
    range that ends before it starts, is an error next to its field (never silently dropped)."""

    person = forms.CharField(label=_("Person (name or IIN)"), required=False, max_length=100)
    actor = forms.CharField(label=_("Read by"), required=False, max_length=100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The last day must not be before the first day."))
        return data
