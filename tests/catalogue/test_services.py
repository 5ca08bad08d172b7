from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import HonourFactory
from tests.registry.factories import DisciplineFactory
from vinhdanh.catalogue import services
from vinhdanh.catalogue.models import (
    BaseSalary,
    DisciplineForm,
    Honour,
    InitiativeKind,
    RewardMultiple,
)
from vinhdanh.catalogue.services import CatalogueError
from vinhdanh.core.models import AuditEntry


def knc(**extra):
    data = dict(
        code="KNC_BYT", name="Kỷ niệm chương Vì sức khỏe nhân dân", short_name="KNC Vì sức khỏe nhân dân",
        category="form", for_individual=True, for_collective=False, for_household=False,
        decider="Bộ trưởng Bộ Y tế", rank=5, position=500, is_active=True, issuer=None,
    )  # fmt: skip
    data.update(extra)
    return data


@pytest.mark.django_db
def test_honour_create_by_admin_audited(personas, tree):
    honour = services.code_entry_create(personas.admin, Honour, knc(issuer=tree.syt))
    assert Honour.objects.get(pk="KNC_BYT").issuer == tree.syt
    assert not honour.is_builtin
    entry = AuditEntry.objects.get(object_type="catalogue.honour", object_id="KNC_BYT")
    assert entry.action == "create" and entry.changes["name"] == [
        None,
        "Kỷ niệm chương Vì sức khỏe nhân dân",
    ]


@pytest.mark.django_db
def test_officer_cannot_edit_catalogue(personas):
    with pytest.raises(PermissionDenied):
        services.code_entry_create(personas.province_officer, Honour, knc())
    with pytest.raises(PermissionDenied):
        services.base_salary_create(
            personas.unit_officer, valid_from=dt.date(2026, 7, 1), amount=2_530_000, source="NĐ"
        )
    assert not Honour.objects.filter(pk="KNC_BYT").exists()


@pytest.mark.django_db
def test_duplicate_code_refused(personas):
    with pytest.raises(CatalogueError, match="Mã LDTT đã có"):
        services.code_entry_create(personas.admin, Honour, knc(code="LDTT"))


@pytest.mark.django_db
def test_unused_code_renamed_in_transaction(personas):
    services.code_entry_create(personas.admin, Honour, knc())
    services.code_entry_update(
        personas.admin, Honour, "KNC_BYT", knc(code="KNC_YTE", name="Kỷ niệm chương ngành Y tế")
    )
    assert not Honour.objects.filter(pk="KNC_BYT").exists()
    assert Honour.objects.get(pk="KNC_YTE").name == "Kỷ niệm chương ngành Y tế"
    entry = AuditEntry.objects.filter(object_type="catalogue.honour", action="update").get()
    assert entry.changes["code"] == ["KNC_BYT", "KNC_YTE"]


@pytest.mark.django_db
def test_used_code_cannot_change(personas, people):
    services.code_entry_create(personas.admin, Honour, knc())
    HonourFactory(person=people.an, honour_id="KNC_BYT")
    with pytest.raises(CatalogueError) as exc:
        services.code_entry_update(personas.admin, Honour, "KNC_BYT", knc(code="KNC_YTE"))
    assert "đã được dùng ở 1 mục" in exc.value.message and "không được đổi mã" in exc.value.message
    assert (
        Honour.objects.filter(pk="KNC_BYT").exists()
        and not Honour.objects.filter(pk="KNC_YTE").exists()
    )
    # the name may still change
    services.code_entry_update(personas.admin, Honour, "KNC_BYT", knc(name="Tên mới"))
    assert Honour.objects.get(pk="KNC_BYT").name == "Tên mới"


@pytest.mark.django_db
def test_code_used_by_multiple_cannot_change(personas):
    services.code_entry_create(personas.admin, Honour, knc())
    services.multiple_create(
        personas.admin,
        honour=Honour.objects.get(pk="KNC_BYT"),
        subject_kind="individual",
        multiple=Decimal("0.5"),
        valid_from=dt.date(2025, 7, 1),
        citation="QĐ Bộ Y tế",
    )
    with pytest.raises(CatalogueError, match="đã được dùng"):
        services.code_entry_update(personas.admin, Honour, "KNC_BYT", knc(code="KNC_YTE"))


@pytest.mark.django_db
def test_builtin_code_cannot_be_renamed_or_deleted(personas):
    with pytest.raises(CatalogueError, match="không được đổi"):
        services.code_entry_update(personas.admin, Honour, "LDTT", {"code": "LD_TT"})
    with pytest.raises(CatalogueError, match="không được xóa"):
        services.code_entry_delete(personas.admin, Honour.objects.get(pk="LDTT"))
    with pytest.raises(CatalogueError, match="không được xóa"):
        services.code_entry_delete(personas.admin, DisciplineForm.objects.get(pk="CANH_CAO"))
    with pytest.raises(CatalogueError, match="không được xóa"):
        services.code_entry_delete(personas.admin, InitiativeKind.objects.get(pk="DE_TAI"))
    assert Honour.objects.filter(pk="LDTT").exists()


@pytest.mark.django_db
def test_custom_unused_deleted_used_refused(personas, people):
    services.code_entry_create(
        personas.admin,
        DisciplineForm,
        {"code": "TAM_DINH_CHI", "name": "Tạm đình chỉ", "severity": 2},
    )
    services.code_entry_create(
        personas.admin, DisciplineForm, {"code": "PHE_BINH", "name": "Phê bình", "severity": 1}
    )
    DisciplineFactory(person=people.an, form_id="TAM_DINH_CHI")
    with pytest.raises(CatalogueError, match="đã được dùng ở 1 mục"):
        services.code_entry_delete(personas.admin, DisciplineForm.objects.get(pk="TAM_DINH_CHI"))
    services.code_entry_delete(personas.admin, DisciplineForm.objects.get(pk="PHE_BINH"))
    assert not DisciplineForm.objects.filter(pk="PHE_BINH").exists()
    entry = AuditEntry.objects.get(object_type="catalogue.disciplineform", action="delete")
    assert entry.changes["name"] == ["Phê bình", None]


@pytest.mark.django_db
def test_multiple_new_row_keeps_history(personas):
    honour = Honour.objects.get(pk="CSTDCS")
    services.multiple_create(
        personas.admin,
        honour=honour,
        subject_kind="individual",
        multiple=Decimal("1.2"),
        valid_from=dt.date(2027, 1, 1),
        citation="Nghị định mới",
    )
    rows = list(
        RewardMultiple.objects.filter(honour=honour)
        .order_by("valid_from")
        .values_list("multiple", "valid_from")
    )
    assert rows == [(Decimal("1.00"), dt.date(2025, 7, 1)), (Decimal("1.20"), dt.date(2027, 1, 1))]
    with pytest.raises(CatalogueError, match="Đã có hệ số tiền thưởng"):
        services.multiple_create(
            personas.admin,
            honour=honour,
            subject_kind="individual",
            multiple=Decimal("2"),
            valid_from=dt.date(2027, 1, 1),
            citation="x",
        )
    with pytest.raises(CatalogueError, match="không dành cho tập thể"):
        services.multiple_create(
            personas.admin,
            honour=honour,
            subject_kind="collective",
            multiple=Decimal("2"),
            valid_from=dt.date(2027, 1, 1),
            citation="x",
        )


@pytest.mark.django_db
def test_base_salary_new_row_audited(personas):
    services.base_salary_create(
        personas.admin, valid_from=dt.date(2026, 7, 1), amount=2_530_000, source="Nghị định mới"
    )
    assert BaseSalary.objects.count() == 4
    assert AuditEntry.objects.get(object_type="catalogue.basesalary").changes["amount"] == [
        None,
        2_530_000,
    ]
    with pytest.raises(CatalogueError, match="Đã có mức lương cơ sở áp dụng từ 01/07/2026"):
        services.base_salary_create(
            personas.admin, valid_from=dt.date(2026, 7, 1), amount=1, source="x"
        )
