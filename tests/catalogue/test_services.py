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
            personas.unit_officer, valid_from=dt.date(2027, 7, 1), amount=2_700_000, source="NĐ"
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
    assert rows == [
        (Decimal("1.00"), dt.date(2024, 1, 1)),
        (Decimal("1.00"), dt.date(2025, 7, 1)),
        (Decimal("1.20"), dt.date(2027, 1, 1)),
    ]
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
        personas.admin, valid_from=dt.date(2027, 7, 1), amount=2_700_000, source="Nghị định mới"
    )
    assert BaseSalary.objects.count() == 5
    assert AuditEntry.objects.get(object_type="catalogue.basesalary").changes["amount"] == [
        None,
        2_700_000,
    ]
    with pytest.raises(CatalogueError, match="Đã có mức lương cơ sở áp dụng từ 01/07/2027"):
        services.base_salary_create(
            personas.admin, valid_from=dt.date(2027, 7, 1), amount=1, source="x"
        )


@pytest.mark.django_db
def test_only_the_national_admin_edits_the_catalogue(tree, personas):
    from tests.factories import UserFactory, grant
    from vinhdanh.accounts.permissions import is_national_admin

    unit_admin = UserFactory(username="qt_syt")
    grant(unit_admin, "admin", tree.syt)
    superuser = UserFactory(username="root", is_superuser=True)
    assert is_national_admin(personas.admin)  # admin on Hà Nội, a root unit
    assert is_national_admin(superuser)
    assert not is_national_admin(unit_admin)
    assert not is_national_admin(personas.province_officer)
    with pytest.raises(PermissionDenied, match="quản trị hệ thống cấp trung ương"):
        services.base_salary_create(
            unit_admin, valid_from=dt.date(2027, 7, 1), amount=2_700_000, source="NĐ"
        )
    with pytest.raises(PermissionDenied):
        services.multiple_create(
            unit_admin,
            honour=Honour.objects.get(pk="LDTT"),
            subject_kind="individual",
            multiple=Decimal("0.4"),
            valid_from=dt.date(2027, 3, 1),
            citation="x",
        )
    with pytest.raises(PermissionDenied):
        services.code_entry_update(unit_admin, Honour, "LDTT", {"authority": "PRESIDENT"})
    assert Honour.objects.get(pk="LDTT").authority == "UNIT_HEAD"
    assert not BaseSalary.objects.filter(valid_from=dt.date(2027, 7, 1)).exists()
    services.multiple_create(
        superuser,
        honour=Honour.objects.get(pk="LDTT"),
        subject_kind="individual",
        multiple=Decimal("0.3"),
        valid_from=dt.date(2027, 3, 1),
        valid_to=None,
        citation="Văn bản thay thế Nghị định 152/2025/NĐ-CP",
    )
    assert AuditEntry.objects.filter(object_type="catalogue.rewardmultiple").count() == 1


@pytest.mark.django_db
def test_law_in_force_rows_loaded_and_loader_idempotent():
    from django.apps import apps

    from vinhdanh.catalogue import data
    from vinhdanh.catalogue.models import VoteThreshold

    def snapshot():
        return (
            sorted(RewardMultiple.objects.values_list("honour_id", "subject_kind", "valid_from", "valid_to", "multiple", "citation")),
            sorted(BaseSalary.objects.values_list("valid_from", "amount", "source")),
            sorted(VoteThreshold.objects.values_list("honour_id", "valid_from", "share", "citation")),
        )  # fmt: skip

    before = snapshot()
    data.load_law_in_force(apps)
    data.load(apps)
    assert snapshot() == before
    salary = BaseSalary.objects.get(valid_from=dt.date(2026, 7, 1))
    assert salary.amount == 2_530_000 and "161/2026/NĐ-CP" in salary.source
    nd98 = RewardMultiple.objects.filter(valid_from=dt.date(2024, 1, 1))
    assert set(nd98.values_list("citation", flat=True)) == {"Nghị định 98/2023/NĐ-CP, Điều 54"}
    assert not nd98.filter(honour_id__in=["BK_TINH", "GIAY_KHEN", "HCLD3"]).exists()
    assert set(nd98.values_list("valid_to", flat=True)) == {dt.date(2025, 6, 30)}
    nd152 = RewardMultiple.objects.filter(valid_from=dt.date(2025, 7, 1))
    assert set(nd152.values_list("valid_to", flat=True)) == {dt.date(2027, 2, 28)}
    assert not RewardMultiple.objects.filter(valid_from__lt=dt.date(2024, 1, 1)).exists()
    assert VoteThreshold.objects.get(
        honour_id="CSTD_TQ", valid_from=dt.date(2025, 7, 1)
    ).citation == ("Nghị định 152/2025/NĐ-CP, Điều 33 khoản 5")
    assert VoteThreshold.objects.get(
        honour_id="CSTDCS", valid_from=dt.date(2026, 1, 1)
    ).share == Decimal("0.80")
