from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import HonourFactory
from vinhdanh.catalogue.models import BaseSalary, Honour, VoteThreshold
from vinhdanh.core.models import AuditEntry

INDEX = "/danh-muc/"


@pytest.mark.django_db
def test_index_shows_every_section_for_viewer(login, personas):
    assert reverse("catalogue:index") == INDEX
    body = login(personas.viewer).get(INDEX).content.decode()
    for text in (
        "Hoàn thành xuất sắc nhiệm vụ", "Danh hiệu thi đua", "Hình thức khen thưởng", "Danh hiệu vinh dự nhà nước",
        "Huân chương Lao động hạng Ba", "Anh hùng Lao động", "1 × lương cơ sở", "0,3 × lương cơ sở", "Nghị định 152/2025/NĐ-CP",
        "01/07/2025", "2.340.000 đ", "Nghị định 73/2024/NĐ-CP", "≥ 90%", "≥ 80%", "Toàn quốc", "Đề tài khoa học",
        "Buộc thôi việc",
    ):  # fmt: skip
        assert text in body, text
    assert "Thêm hệ số mới" not in body and "/sua/" not in body


@pytest.mark.django_db
def test_index_admin_sees_edit_buttons(login, personas):
    body = login(personas.admin).get(INDEX).content.decode()
    assert "Thêm hệ số mới" in body and "Thêm mức lương cơ sở mới" in body
    assert reverse("catalogue:edit", args=["danh-hieu", "LDTT"]) in body


@pytest.mark.django_db
def test_index_refused_to_nobody_and_anonymous(login, personas, client):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    assert login(personas.nobody).get(INDEX).status_code == 404


@pytest.mark.django_db
def test_index_query_count_constant(login, personas, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(personas.admin)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as ctx:
        client.get(INDEX)
    for i in range(20):
        Honour.objects.create(
            code=f"KNC_{i}", name=f"Kỷ niệm chương {i}", category="form", for_individual=True
        )
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(INDEX)


@pytest.mark.parametrize("who", ["province_officer", "unit_officer", "viewer", "outsider"])
@pytest.mark.django_db
def test_non_admin_cannot_post_catalogue(login, personas, who):
    client = login(getattr(personas, who))
    response = client.post(
        reverse("catalogue:create", args=["luong-co-so"]),
        {"valid_from": "01/07/2027", "amount": "2700000", "source": "NĐ"},
    )
    assert response.status_code == 403
    assert client.get(reverse("catalogue:edit", args=["danh-hieu", "LDTT"])).status_code == 403
    assert BaseSalary.objects.count() == 4


@pytest.mark.django_db
def test_admin_adds_ministry_knc_with_issuer(login, personas, tree):
    client = login(personas.admin)
    response = client.post(
        reverse("catalogue:create", args=["danh-hieu"]),
        {"code": "knc_syt", "name": "Kỷ niệm chương Sở Y tế", "short_name": "", "category": "form", "for_individual": "on",
         "decider": "Giám đốc Sở Y tế", "authority": "UNIT_HEAD", "carries_money": "on", "issuer": tree.syt.pk, "rank": "5", "position": "900", "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    honour = Honour.objects.get(pk="KNC_SYT")
    assert honour.issuer == tree.syt and honour.for_individual and not honour.is_builtin
    assert AuditEntry.objects.filter(
        object_type="catalogue.honour", object_id="KNC_SYT", action="create"
    ).exists()


@pytest.mark.django_db
def test_admin_adds_threshold_and_salary(login, personas):
    client = login(personas.admin)
    client.post(
        reverse("catalogue:create", args=["nguong-bieu-quyet"]),
        {
            "honour": "CSTDCS",
            "share": "85",
            "valid_from": "01/01/2027",
            "citation": "Nghị định mới",
        },
    )
    assert VoteThreshold.objects.get(honour_id="CSTDCS", valid_from="2027-01-01").share == Decimal(
        "0.85"
    )
    client.post(
        reverse("catalogue:create", args=["luong-co-so"]),
        {"valid_from": "01/07/2027", "amount": "2700000", "source": "Nghị định mới"},
    )
    assert BaseSalary.objects.filter(amount=2_700_000).exists()
    body = client.get(INDEX).content.decode()
    assert "2.700.000 đ" in body and "2.530.000 đ" in body and "≥ 85%" in body


@pytest.mark.django_db
def test_duplicate_salary_form_keeps_input(login, personas):
    client = login(personas.admin)
    response = client.post(
        reverse("catalogue:create", args=["luong-co-so"]),
        {"valid_from": "01/07/2024", "amount": "9999999", "source": "Văn bản thử"},
    )
    body = response.content.decode()
    assert "Đã có mức lương cơ sở áp dụng từ 01/07/2024" in body
    assert 'value="9999999"' in body and 'value="Văn bản thử"' in body
    assert BaseSalary.objects.count() == 4


@pytest.mark.django_db
def test_used_code_rename_refused_in_form(login, personas, people):
    Honour.objects.create(
        code="KNC_SYT",
        name="Kỷ niệm chương Sở Y tế",
        category="form",
        for_individual=True,
        authority="UNIT_HEAD",
    )
    HonourFactory(person=people.an, honour_id="KNC_SYT")
    client = login(personas.admin)
    data = {
        "code": "KNC_MOI",
        "name": "Kỷ niệm chương Sở Y tế",
        "category": "form",
        "for_individual": "on",
        "authority": "UNIT_HEAD",
        "carries_money": "on",
        "rank": "0",
        "position": "1000",
        "is_active": "on",
    }
    body = client.post(
        reverse("catalogue:edit", args=["danh-hieu", "KNC_SYT"]), data
    ).content.decode()
    assert "không được đổi mã" in body
    assert (
        Honour.objects.filter(pk="KNC_SYT").exists()
        and not Honour.objects.filter(pk="KNC_MOI").exists()
    )


@pytest.mark.django_db
def test_delete_builtin_refused_custom_needs_confirmation(login, personas):
    Honour.objects.create(
        code="KNC_SYT",
        name="Kỷ niệm chương Sở Y tế",
        category="form",
        for_individual=True,
        authority="UNIT_HEAD",
    )
    client = login(personas.admin)
    body = client.post(reverse("catalogue:delete", args=["danh-hieu", "LDTT"])).content.decode()
    assert "không được xóa" in body and Honour.objects.filter(pk="LDTT").exists()
    url = reverse("catalogue:delete", args=["danh-hieu", "KNC_SYT"])
    assert "Bạn có chắc muốn xóa" in client.get(url).content.decode()
    assert Honour.objects.filter(pk="KNC_SYT").exists()
    client.post(url)
    assert not Honour.objects.filter(pk="KNC_SYT").exists()


@pytest.mark.django_db
def test_catalogue_changes_anonymous_to_login_outsider_forbidden(client, login, personas):
    Honour.objects.create(
        code="KNC_SYT",
        name="Kỷ niệm chương Sở Y tế",
        category="form",
        for_individual=True,
        authority="UNIT_HEAD",
    )
    urls = [
        reverse("catalogue:create", args=["ky-luat"]),
        reverse("catalogue:edit", args=["danh-hieu", "KNC_SYT"]),
        reverse("catalogue:delete", args=["danh-hieu", "KNC_SYT"]),
    ]
    for url in urls:
        response = client.post(url, {"code": "X", "name": "X", "severity": "1"})
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    outsider = login(personas.outsider)
    for url in urls:
        assert outsider.post(url, {"code": "X", "name": "X", "severity": "1"}).status_code == 403
    assert Honour.objects.filter(pk="KNC_SYT").exists()


@pytest.mark.django_db
def test_admin_renames_honour_and_audit_has_before_after(login, personas):
    Honour.objects.create(
        code="KNC_SYT",
        name="Kỷ niệm chương Sở Y tế",
        category="form",
        for_individual=True,
        authority="UNIT_HEAD",
    )
    client = login(personas.admin)
    data = {
        "code": "KNC_SYT",
        "name": "Kỷ niệm chương Vì sức khỏe",
        "category": "form",
        "for_individual": "on",
        "authority": "UNIT_HEAD",
        "carries_money": "on",
        "rank": "0",
        "position": "1000",
        "is_active": "on",
    }
    assert (
        client.post(reverse("catalogue:edit", args=["danh-hieu", "KNC_SYT"]), data).status_code
        == 302
    )
    entry = AuditEntry.objects.get(
        object_type="catalogue.honour", object_id="KNC_SYT", action="update"
    )
    assert entry.changes == {"name": ["Kỷ niệm chương Sở Y tế", "Kỷ niệm chương Vì sức khỏe"]}


@pytest.mark.django_db
def test_index_shows_conferring_authority(login, personas):
    Honour.objects.filter(pk="KNC").update(authority="")
    body = login(personas.viewer).get(INDEX).content.decode()
    assert "Luật Thi đua, khen thưởng 2022, Điều 80" in body
    for label in ("Chủ tịch nước", "Thủ tướng Chính phủ", "Bộ trưởng, Chủ tịch UBND tỉnh",
                  "Thủ trưởng cơ quan, đơn vị; Giám đốc sở; Chủ tịch UBND xã", "Chưa ghi thẩm quyền"):  # fmt: skip
        assert label in body, label


@pytest.mark.django_db
def test_admin_sets_authority_and_no_money_flag_audited(login, personas):
    Honour.objects.create(code="KNC_SYT", name="KNC Sở Y tế", category="form", for_individual=True)
    data = {"code": "KNC_SYT", "name": "KNC Sở Y tế", "category": "form", "for_individual": "on",
            "authority": "MINISTER_PROVINCE", "rank": "0", "position": "1000", "is_active": "on"}  # fmt: skip
    login(personas.admin).post(reverse("catalogue:edit", args=["danh-hieu", "KNC_SYT"]), data)
    h = Honour.objects.get(pk="KNC_SYT")
    assert h.authority == "MINISTER_PROVINCE" and h.carries_money is False
    entry = AuditEntry.objects.get(object_id="KNC_SYT", action="update")
    assert entry.changes["authority"] == ["", "MINISTER_PROVINCE"]
    missing = dict(data, authority="")
    body = (
        login(personas.admin)
        .post(reverse("catalogue:edit", args=["danh-hieu", "KNC_SYT"]), missing)
        .content.decode()
    )
    assert "Trường này là bắt buộc" in body or "bắt buộc" in body


@pytest.mark.django_db
def test_unit_admin_gets_403_on_every_catalogue_change(login, tree):
    from tests.factories import UserFactory, grant

    unit_admin = UserFactory(username="qt_syt")
    grant(unit_admin, "admin", tree.syt)
    client = login(unit_admin)
    body = client.get(INDEX).content.decode()
    assert "Thêm hệ số mới" not in body and "/sua/" not in body
    posts = [
        ("luong-co-so", {"valid_from": "01/07/2027", "amount": "2700000", "source": "NĐ"}),
        ("he-so-tien-thuong", {"honour": "LDTT", "subject_kind": "individual", "multiple": "0.4",
                               "valid_from": "01/03/2027", "citation": "x"}),
        ("nguong-bieu-quyet", {"honour": "CSTDCS", "share": "50", "valid_from": "01/01/2027", "citation": "x"}),
        ("danh-hieu", {"code": "KNC_X", "name": "X", "category": "form", "for_individual": "on",
                       "authority": "UNIT_HEAD", "rank": "0", "position": "1"}),
    ]  # fmt: skip
    for section, data in posts:
        response = client.post(reverse("catalogue:create", args=[section]), data)
        assert response.status_code == 403, section
    assert client.get(reverse("catalogue:edit", args=["danh-hieu", "LDTT"])).status_code == 403
    assert BaseSalary.objects.count() == 4
    assert not Honour.objects.filter(pk="KNC_X").exists()
    assert not VoteThreshold.objects.filter(valid_from="2027-01-01").exists()
    assert not AuditEntry.objects.filter(object_type__startswith="catalogue.").exists()
