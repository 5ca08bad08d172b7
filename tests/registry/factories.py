from __future__ import annotations

import datetime as dt

import factory

from tests.factories import PersonFactory
from vinhdanh.registry.models import DisciplineRecord


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplineRecord

    person = factory.SubFactory(PersonFactory)
    form_id = "KHIEN_TRACH"
    start = dt.date(2023, 3, 1)
    end = dt.date(2024, 3, 1)
    decision = factory.Sequence(lambda n: f"{n + 1}/QĐ-KL")
