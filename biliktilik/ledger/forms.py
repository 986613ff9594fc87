"""Page forms of the ledger. They only collect input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from biliktilik.core.errors import ApplicationError
from biliktilik.org.enums import AUTHORITY_KINDS
from biliktilik.org.models import Organisation
from biliktilik.people.models import Person

from .enums import (
    DeliveryMode,
    EvidenceKind,
    FundingSource,
    Initiative,
    PDForm,
    RecordStatus,
    TrainerCategory,
)
from .models import PDRecord
from .services import RECORD_FIELDS, TrainerInput


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


def _bootstrap(form: forms.BaseForm) -> None:
    for bound in form.fields.values():
        widget = bound.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def add_application_error(form: forms.BaseForm, exc: ApplicationError) -> None:
    """Show a service's error next to the field it names, or above the form."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


def provider_choices() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind__in=sorted(AUTHORITY_KINDS)).order_by("path")


class RecordForm(forms.Form):
    """A PD record (LED-01). ``person`` is offered to HR; ``status`` only to HR; the evidence
    fields let the first document be uploaded on the same page."""

    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation keeping the record"), queryset=Organisation.objects.none()
    )
    form = forms.ChoiceField(label=_("Form of PD"), choices=PDForm.choices)
    title = forms.CharField(label=_("Title / topic"), max_length=500)
    provider: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Provider (from the list)"), queryset=Organisation.objects.none(), required=False
    )
    provider_name = forms.CharField(label=_("Provider (as written)"), max_length=300, required=False)
    is_foreign = forms.BooleanField(label=_("Foreign provider"), required=False)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, initial="KZ")
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    end_date = forms.DateField(label=_("Completion"), widget=DateInput())
    hours = forms.DecimalField(label=_("Academic hours"), max_digits=7, decimal_places=1)
    delivery_mode = forms.ChoiceField(label=_("Delivery mode"), choices=DeliveryMode.choices)
    is_distance = forms.BooleanField(label=_("Distance learning"), required=False)
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)
    cost = forms.DecimalField(label=_("Cost, KZT"), max_digits=12, decimal_places=2, initial=0, required=False)
    in_profile = forms.BooleanField(label=_("In the profile of the disciplines taught"), required=False)
    management_topic = forms.BooleanField(label=_("Management topic"), required=False)
    initiative = forms.ChoiceField(label=_("Initiative"), choices=Initiative.choices)
    justification = forms.CharField(
        label=_("Justification (for another form)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    external_id = forms.CharField(label=_("External id"), max_length=64, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (RecordStatus.PENDING, RecordStatus.PENDING.label),
            (RecordStatus.VERIFIED, RecordStatus.VERIFIED.label),
        ],
        initial=RecordStatus.VERIFIED,
        required=False,
    )
    evidence_file = forms.FileField(label=_("Document (PDF, JPG, PNG, DOCX)"), required=False)
    evidence_kind = forms.ChoiceField(
        label=_("Document type"), choices=EvidenceKind.choices, initial=EvidenceKind.CERTIFICATE, required=False
    )
    evidence_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    evidence_issued_on = forms.DateField(label=_("Date of issue"), widget=DateInput(), required=False)
    evidence_issuer = forms.CharField(label=_("Issued by"), max_length=300, required=False)

    EVIDENCE_FIELDS = ("evidence_file", "evidence_kind", "evidence_number", "evidence_issued_on", "evidence_issuer")

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person] | None,
        organisations: QuerySet[Organisation] | None,
        may_verify: bool,
        with_evidence: bool,
        with_external_id: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            person_field = self.fields["person"]
            assert isinstance(person_field, forms.ModelChoiceField)
            person_field.queryset = people
        if organisations is None:
            del self.fields["organisation"]
        else:
            organisation_field = self.fields["organisation"]
            assert isinstance(organisation_field, forms.ModelChoiceField)
            organisation_field.queryset = organisations
            if organisations.count() == 1:
                organisation_field.initial = organisations.first()
        provider_field = self.fields["provider"]
        assert isinstance(provider_field, forms.ModelChoiceField)
        provider_field.queryset = provider_choices()
        if not may_verify:
            del self.fields["status"]
        if not with_evidence:
            for name in self.EVIDENCE_FIELDS:
                del self.fields[name]
        if not with_external_id:
            del self.fields["external_id"]
        _bootstrap(self)

    def record_values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in RECORD_FIELDS if name in self.cleaned_data}
        if data.get("cost") is None:
            data["cost"] = 0
        return data

    @classmethod
    def initial_from(cls, record: PDRecord) -> dict[str, Any]:
        return {name: getattr(record, name) for name in RECORD_FIELDS}


class TrainerForm(forms.Form):
    name = forms.CharField(label=_("Trainer"), max_length=300, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *TrainerCategory.choices], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


TrainerFormSet = forms.formset_factory(TrainerForm, extra=3, max_num=30)


def trainers_from(formset: forms.BaseFormSet) -> list[TrainerInput]:
    """The filled rows of the trainers formset; a name without a category is passed on so the
    service can refuse it with a clear message."""
    return [
        TrainerInput(name=f.cleaned_data.get("name", ""), category=f.cleaned_data.get("category", ""))
        for f in formset.forms
        if f.cleaned_data.get("name") or f.cleaned_data.get("category")
    ]


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF, JPG, PNG, DOCX)"))
    kind = forms.ChoiceField(label=_("Document type"), choices=EvidenceKind.choices, initial=EvidenceKind.CERTIFICATE)
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    issued_on = forms.DateField(label=_("Date of issue"), widget=DateInput(), required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *RecordStatus.choices], required=False
    )
    form = forms.ChoiceField(label=_("Form of PD"), choices=[("", _("Any form")), *PDForm.choices], required=False)
    date_from = forms.DateField(label=_("Completed from"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("Completed until"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            organisation_field = self.fields["organisation"]
            assert isinstance(organisation_field, forms.ModelChoiceField)
            organisation_field.queryset = organisations
        _bootstrap(self)


class ImportForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    dry_run = forms.BooleanField(label=_("Only check, do not import"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = organisations
        if len(organisations) == 1:
            organisation_field.initial = organisations[0]
        _bootstrap(self)
