"""Factories for the compliance tests: PD records, created directly as rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from biliktilik.ledger.enums import DeliveryMode, PDForm, RecordStatus
from biliktilik.ledger.models import PDRecord
from tests.factories import OrganisationFactory, PersonFactory


class PDRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PDRecord

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    form = PDForm.COURSE_SHORT
    title = factory.Sequence(lambda n: f"Course {n}")
    end_date = dt.date(2024, 5, 20)
    start_date = factory.LazyAttribute(lambda o: o.end_date - dt.timedelta(days=5))
    hours = Decimal("72")
    delivery_mode = DeliveryMode.WITHOUT_LEAVE
    in_profile = True
    management_topic = False
    status = RecordStatus.VERIFIED
