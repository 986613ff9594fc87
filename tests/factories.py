"""Factories for tests: build rows through the same tree APIs the services use."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from biliktilik.accounts.models import RoleGrant, User
from biliktilik.org.enums import OrganisationKind, UnitKind
from biliktilik.org.models import Organisation, Unit
from biliktilik.people.enums import StaffCategory
from biliktilik.people.iin import make_iin
from biliktilik.people.models import Employment, Person, Position

_serial = itertools.count(1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.UNIVERSITY
    code = factory.Sequence(lambda n: f"org-{n}")
    name_kk = factory.Sequence(lambda n: f"Ұйым {n}")
    name_ru = factory.Sequence(lambda n: f"Организация {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):  # type: ignore[no-untyped-def]
        if parent is not None:
            return model_class.objects.add_child(parent, kwargs)
        return model_class.objects.add_root(kwargs)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    parent = None
    # A child unit belongs to its parent's organisation; a root unit gets a new organisation.
    organisation = factory.Maybe(
        "parent",
        yes_declaration=factory.LazyAttribute(lambda o: o.parent.organisation),
        no_declaration=factory.SubFactory(OrganisationFactory),
    )
    kind = UnitKind.DEPARTMENT
    code = factory.Sequence(lambda n: f"u{n}")
    name_kk = factory.Sequence(lambda n: f"Бөлімше {n}")
    name_ru = factory.Sequence(lambda n: f"Подразделение {n}")
    name_en = factory.Sequence(lambda n: f"Unit {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):  # type: ignore[no-untyped-def]
        if parent is not None:
            return model_class.objects.add_child(parent, kwargs)
        return model_class.objects.add_root(kwargs)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("code",)

    code = "lecturer"
    name_kk = "Лектор"
    name_ru = "Лектор"
    name_en = "Lecturer"
    category = StaffCategory.FACULTY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    last_name = factory.Iterator(["Әбілқасымов", "Серікбаева", "Иванов", "Нұрланова", "Петрова"])
    first_name = factory.Iterator(["Асқар", "Гүлнұр", "Сергей", "Әйгерім", "Анна"])
    middle_name = factory.Iterator(["Бекұлы", "Маратқызы", "Петрович", "", "Ивановна"])
    iin = factory.LazyFunction(lambda: make_iin(dt.date(1960, 1, 1) + dt.timedelta(days=next(_serial)), 1000))


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    organisation = factory.LazyAttribute(lambda o: o.unit.organisation)
    position = factory.SubFactory(PositionFactory)
    category = factory.LazyAttribute(lambda o: o.position.category)
    rate = 1
    start_date = dt.date(2020, 9, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-12345")


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = "employee"
    organisation = factory.SubFactory(OrganisationFactory)
