"""factory_boy factories for the domain models."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from vinhdanh.accounts.models import RoleGrant
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.validators import make_cccd
from vinhdanh.registry.models import HonourRecord, InitiativeRecord, RatingRecord

PASSWORD = "Mat-khau-thu-nghiem-2025"

_GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hùng",
    "Lan",
    "Minh",
    "Ngọc",
    "Phúc",
    "Quân",
    "Thảo",
    "Vy",
]
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu"]


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    abbreviation = factory.Sequence(lambda n: f"DV{n}")
    level = UnitLevel.DEPARTMENT
    active_from = dt.date(2015, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"{_FAMILY[n % 8]} {_MIDDLE[n % 5]} {_GIVEN[n % 14]}")
    gender = factory.Sequence(lambda n: "female" if n % 2 else "male")
    date_of_birth = factory.Sequence(lambda n: dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28))
    cccd = factory.LazyAttributeSequence(
        lambda o, n: make_cccd(1, o.gender, o.date_of_birth.year, 100000 + n)
    )
    position = "Chuyên viên"
    hired_on = dt.date(2010, 1, 1)
    unit = factory.SubFactory(UnitFactory)

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                person=self,
                unit=self.unit,
                start=self.hired_on or dt.date(2010, 1, 1),
                position=self.position,
            )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def grant(user, role: str, unit: Unit, **signing) -> RoleGrant:
    """A role on a unit; a signer gets the head's signing capacity ("GIÁM ĐỐC") unless told."""
    if role == "signer" and not signing:
        signing = {"sign_mode": "head", "sign_position": "GIÁM ĐỐC"}
    return RoleGrant.objects.create(user=user, role=role, unit=unit, **signing)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingRecord

    person = factory.SubFactory(PersonFactory)
    year = 2024
    rating_id = "HTT"


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HonourRecord

    person = factory.SubFactory(PersonFactory)
    honour_id = "LDTT"
    achievement_year = 2024
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-SYT")
    decision_date = dt.date(2025, 1, 15)
    issuer = "Sở Y tế"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeRecord

    person = factory.SubFactory(PersonFactory)
    kind_id = "SANG_KIEN"
    scope_id = "CO_SO"
    year = 2024
    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
