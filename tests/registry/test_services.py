from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.factories import HonourFactory, RatingFactory
from vinhdanh.catalogue.models import (
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    Rating,
)
from vinhdanh.core.models import AuditEntry
from vinhdanh.registry import services
from vinhdanh.registry.models import DisciplineRecord, HonourRecord, RatingRecord
from vinhdanh.registry.services import RegistryError


def honour(code):
    return Honour.objects.get(pk=code)


@pytest.mark.django_db
def test_honour_create_audited_with_after(personas, people):
    record = services.honour_create(
        personas.unit_officer,
        person=people.an,
        honour=honour("CSTDCS"),
        achievement_year=2024,
        decision_number="12/QĐ-SYT",
        decision_date=dt.date(2025, 1, 15),
        issuer="Sở Y tế",
        signer="Nguyễn Văn Giám",
    )
    assert (
        HonourRecord.objects.filter(
            person=people.an, honour_id="CSTDCS", achievement_year=2024
        ).count()
        == 1
    )
    entry = AuditEntry.objects.get(object_type="registry.honourrecord", object_id=str(record.pk))
    assert entry.action == "create"
    assert entry.changes["honour"] == [None, "CSTDCS"]
    assert entry.changes["decision_date"] == [None, "2025-01-15"]
    assert entry.unit_id == people.an.unit_id
    assert entry.actor == personas.unit_officer


@pytest.mark.django_db
def test_honour_create_duplicate_refused_naming_existing(personas, people):
    HonourFactory(
        person=people.an,
        honour_id="CSTDCS",
        achievement_year=2024,
        decision_number="12/QĐ-SYT",
        decision_date=dt.date(2025, 1, 15),
    )
    with pytest.raises(RegistryError) as exc:
        services.honour_create(
            personas.unit_officer, person=people.an, honour=honour("CSTDCS"), achievement_year=2024
        )
    assert exc.value.code == "duplicate"
    assert (
        exc.value.message
        == "Đã có Chiến sĩ thi đua cơ sở năm 2024 trong sổ (QĐ số 12/QĐ-SYT ngày 15/01/2025)."
    )
    assert HonourRecord.objects.filter(person=people.an).count() == 1


@pytest.mark.django_db
def test_rating_create_duplicate_year_refused(personas, people):
    RatingFactory(person=people.an, year=2024, rating_id="HTXS")
    with pytest.raises(RegistryError) as exc:
        services.rating_create(
            personas.unit_officer, person=people.an, year=2024, rating=Rating.objects.get(pk="HTT")
        )
    assert "Đã có xếp loại năm 2024 trong sổ (Hoàn thành xuất sắc nhiệm vụ)" in exc.value.message
    assert RatingRecord.objects.get(person=people.an).rating_id == "HTXS"


@pytest.mark.django_db
def test_honour_for_collective_only_refused_for_person(personas, people):
    with pytest.raises(RegistryError, match="không dành cho cá nhân"):
        services.honour_create(
            personas.unit_officer, person=people.an, honour=honour("TTLDTT"), achievement_year=2024
        )


@pytest.mark.django_db
def test_honour_for_individual_only_refused_for_unit(personas, tree):
    with pytest.raises(RegistryError, match="không dành cho tập thể"):
        services.honour_create(
            personas.unit_officer,
            unit=tree.hospital,
            honour=honour("CSTDCS"),
            achievement_year=2024,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "year, decision_date, field",
    [
        (1900, None, "achievement_year"),
        (dt.date.today().year + 1, None, "achievement_year"),
        (2024, dt.date(2023, 12, 31), "decision_date"),
        (2024, dt.date.today() + dt.timedelta(days=1), "decision_date"),
    ],
)
def test_honour_dates_validated(personas, people, year, decision_date, field):
    with pytest.raises(RegistryError) as exc:
        services.honour_create(
            personas.unit_officer,
            person=people.an,
            honour=honour("LDTT"),
            achievement_year=year,
            decision_date=decision_date,
        )
    assert exc.value.field == field
    assert not HonourRecord.objects.exists()


@pytest.mark.django_db
def test_discipline_end_before_start_refused(personas, people):
    with pytest.raises(RegistryError, match="Ngày kết thúc"):
        services.discipline_create(
            personas.unit_officer,
            person=people.an,
            form=DisciplineForm.objects.get(pk="CANH_CAO"),
            start=dt.date(2024, 5, 1),
            end=dt.date(2024, 4, 1),
        )
    assert not DisciplineRecord.objects.exists()


@pytest.mark.django_db
def test_initiative_same_title_year_refused(personas, people):
    kw = dict(
        person=people.an,
        kind=InitiativeKind.objects.get(pk="SANG_KIEN"),
        scope=InitiativeScope.objects.get(pk="CO_SO"),
        year=2024,
        title="Số hóa hồ sơ bệnh án",
    )
    services.initiative_create(personas.unit_officer, **kw)
    with pytest.raises(RegistryError) as exc:
        services.initiative_create(
            personas.unit_officer, **{**kw, "title": "số hóa hồ sơ bệnh án "}
        )
    assert exc.value.code == "duplicate"


@pytest.mark.django_db
def test_create_outside_scope_not_found(personas, people):
    with pytest.raises(Http404):
        services.rating_create(
            personas.outsider, person=people.an, year=2024, rating=Rating.objects.get(pk="HTT")
        )


@pytest.mark.django_db
def test_create_viewer_forbidden(personas, people):
    with pytest.raises(PermissionDenied):
        services.rating_create(
            personas.viewer, person=people.an, year=2024, rating=Rating.objects.get(pk="HTT")
        )
    assert not RatingRecord.objects.exists()


@pytest.mark.django_db
def test_update_audited_before_after(personas, people):
    record = HonourFactory(
        person=people.an, honour_id="LDTT", achievement_year=2024, decision_number="1/QĐ-SYT"
    )
    services.entry_update(
        personas.unit_officer, record, decision_number="2/QĐ-SYT", signer="Lê Văn Ký"
    )
    record.refresh_from_db()
    assert record.decision_number == "2/QĐ-SYT"
    entry = AuditEntry.objects.get(object_type="registry.honourrecord", action="update")
    assert entry.changes == {
        "decision_number": ["1/QĐ-SYT", "2/QĐ-SYT"],
        "signer": ["", "Lê Văn Ký"],
    }


@pytest.mark.django_db
def test_update_into_duplicate_refused(personas, people):
    HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2024)
    other = HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2023)
    with pytest.raises(RegistryError, match="Đã có Lao động tiên tiến năm 2024"):
        services.entry_update(personas.unit_officer, other, achievement_year=2024)
    other.refresh_from_db()
    assert other.achievement_year == 2023


@pytest.mark.django_db
def test_delete_audited_before(personas, people):
    record = RatingFactory(person=people.an, year=2023, rating_id="HT")
    pk = record.pk
    services.entry_delete(personas.unit_officer, record)
    assert not RatingRecord.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(object_type="registry.ratingrecord", action="delete")
    assert entry.changes["rating"] == ["HT", None] and entry.changes["year"] == [2023, None]


@pytest.mark.django_db
def test_pending_review_set_and_clear_audited(personas, people):
    services.pending_review_set(personas.unit_officer, people.an, reason="Đang bị thanh tra")
    people.an.refresh_from_db()
    assert people.an.pending_review and people.an.pending_review_note == "Đang bị thanh tra"
    services.pending_review_clear(personas.unit_officer, people.an)
    people.an.refresh_from_db()
    assert not people.an.pending_review and people.an.pending_review_note == ""
    entries = list(
        AuditEntry.objects.filter(object_type="orgs.person", object_id=str(people.an.pk)).order_by(
            "id"
        )
    )
    assert [e.changes for e in entries] == [
        {"pending_review": [False, True], "pending_review_note": ["", "Đang bị thanh tra"]},
        {"pending_review": [True, False], "pending_review_note": ["Đang bị thanh tra", ""]},
    ]


@pytest.mark.django_db
def test_pending_review_needs_reason(personas, tree):
    with pytest.raises(RegistryError, match="lý do"):
        services.pending_review_set(personas.unit_officer, tree.hospital, reason="  ")
    tree.hospital.refresh_from_db()
    assert not tree.hospital.pending_review


@pytest.mark.django_db
def test_pending_review_viewer_forbidden(personas, tree):
    with pytest.raises(PermissionDenied):
        services.pending_review_set(personas.viewer, tree.hospital, reason="Khiếu nại")
