"""Who confers what (Luật Điều 80; NĐ 129/2025 Điều 59): every authority level, the commune
case and a deputy (a lower unit's head) case; pure functions on objects, no queries."""

from __future__ import annotations

import pytest

from vinhdanh.catalogue import data
from vinhdanh.catalogue.enums import Authority
from vinhdanh.catalogue.jurisdiction import (
    can_confer,
    confer_refusal,
    unit_authority,
)
from vinhdanh.catalogue.models import Honour
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit


def unit(level, name="Đơn vị thử"):
    return Unit(level=level, name=name)


def honour(code):
    return Honour.objects.get(pk=code)


@pytest.mark.django_db
def test_every_builtin_honour_has_its_authority_from_the_migration():
    rows = dict(Honour.objects.filter(is_builtin=True).values_list("code", "authority"))
    assert all(rows.values()), [c for c, a in rows.items() if not a]
    expected = {
        "HCLD3": Authority.PRESIDENT, "HUY_CHUONG_HN": Authority.PRESIDENT, "AHLD": Authority.PRESIDENT,
        "NGUT": Authority.PRESIDENT, "CSTD_TQ": Authority.PRIME_MINISTER, "CO_TD_CP": Authority.PRIME_MINISTER,
        "BK_TTG": Authority.PRIME_MINISTER, "CSTD_TINH": Authority.MINISTER_PROVINCE,
        "TTLDXS": Authority.MINISTER_PROVINCE, "CO_TD_TINH": Authority.MINISTER_PROVINCE,
        "BK_TINH": Authority.MINISTER_PROVINCE, "XA_TIEU_BIEU": Authority.MINISTER_PROVINCE,
        "KNC": Authority.MINISTER_PROVINCE, "LDTT": Authority.UNIT_HEAD, "CSTT": Authority.UNIT_HEAD,
        "CSTDCS": Authority.UNIT_HEAD, "TTLDTT": Authority.UNIT_HEAD, "GIAY_KHEN": Authority.UNIT_HEAD,
        "GD_VH": Authority.COMMUNE, "THON_VH": Authority.COMMUNE,
    }  # fmt: skip
    for code, authority in expected.items():
        assert rows[code] == authority, code
    assert Honour.objects.filter(is_builtin=True, carries_money=False).count() == 0


@pytest.mark.django_db
def test_authority_loader_is_idempotent_and_keeps_custom_rows(tree):
    from django.apps import apps

    Honour.objects.create(code="KNC_SYT", name="KNC Sở Y tế", category="form", issuer=tree.syt)
    Honour.objects.create(code="KNC_X", name="KNC X", category="form", authority="PRESIDENT")
    Honour.objects.filter(pk="LDTT").update(authority="")
    data.load_authorities(apps)
    data.load_authorities(apps)
    assert honour("LDTT").authority == Authority.UNIT_HEAD
    assert honour("KNC_SYT").authority == Authority.UNIT_HEAD  # from its issuer's level
    assert honour("KNC_X").authority == Authority.PRESIDENT  # an administrator's choice stays


@pytest.mark.parametrize(
    "level, authority",
    [
        (UnitLevel.CENTRAL, Authority.MINISTER_PROVINCE),
        (UnitLevel.MINISTRY_PROVINCE, Authority.MINISTER_PROVINCE),
        (UnitLevel.DEPARTMENT, Authority.UNIT_HEAD),
        (UnitLevel.GRASSROOTS, Authority.UNIT_HEAD),
        (UnitLevel.COMMUNE, Authority.COMMUNE),
    ],
)
def test_unit_authority_from_level(level, authority):
    assert unit_authority(unit(level)) == authority


# (unit level, honour code, may confer)
CASES = [
    # a ministry or province: its own honours only
    (UnitLevel.MINISTRY_PROVINCE, "BK_TINH", True),
    (UnitLevel.MINISTRY_PROVINCE, "CSTD_TINH", True),
    (UnitLevel.CENTRAL, "CO_TD_TINH", True),
    (UnitLevel.MINISTRY_PROVINCE, "BK_TTG", False),
    (UnitLevel.MINISTRY_PROVINCE, "HCLD3", False),
    (UnitLevel.MINISTRY_PROVINCE, "GIAY_KHEN", False),
    # a department (Giám đốc sở) and a grassroots unit under it (its head, a deputy level)
    (UnitLevel.DEPARTMENT, "LDTT", True),
    (UnitLevel.DEPARTMENT, "GIAY_KHEN", True),
    (UnitLevel.GRASSROOTS, "CSTDCS", True),
    (UnitLevel.GRASSROOTS, "TTLDTT", True),
    (UnitLevel.DEPARTMENT, "BK_TINH", False),
    (UnitLevel.GRASSROOTS, "CSTD_TINH", False),
    (UnitLevel.DEPARTMENT, "GD_VH", False),
    # a commune: its own honours and everything a unit head confers
    (UnitLevel.COMMUNE, "GD_VH", True),
    (UnitLevel.COMMUNE, "THON_VH", True),
    (UnitLevel.COMMUNE, "LDTT", True),
    (UnitLevel.COMMUNE, "GIAY_KHEN", True),
    (UnitLevel.COMMUNE, "XA_TIEU_BIEU", False),
    (UnitLevel.COMMUNE, "BK_TINH", False),
    # nobody below the Thủ tướng / Chủ tịch nước
    (UnitLevel.CENTRAL, "CSTD_TQ", False),
    (UnitLevel.CENTRAL, "AHLD", False),
]


@pytest.mark.django_db
@pytest.mark.parametrize("level, code, allowed", CASES)
def test_can_confer_and_refusal(level, code, allowed, django_assert_num_queries):
    h = honour(code)
    u = unit(level, "Ủy ban nhân dân xã Thử")
    with django_assert_num_queries(0):
        assert can_confer(u, h) is allowed
        message = confer_refusal(u, h)
    if allowed:
        assert message is None
        return
    assert message.startswith(f"{h.name} do {Authority(h.authority).label} quyết định (")
    assert "Luật Thi đua, khen thưởng 2022, Điều 80" in message
    assert "Ủy ban nhân dân xã Thử không có thẩm quyền" in message


@pytest.mark.django_db
def test_refusal_wording_upward_downward_and_commune_citation():
    commune = unit(UnitLevel.COMMUNE, "Ủy ban nhân dân xã Phù Đổng")
    assert confer_refusal(commune, honour("HCLD3")) == (
        "Huân chương Lao động hạng Ba do Chủ tịch nước quyết định (Luật Thi đua, khen thưởng "
        "2022, Điều 80); Ủy ban nhân dân xã Phù Đổng không có thẩm quyền. Hãy lập tờ trình đề "
        "nghị cấp trên (chuyển hồ sơ lên cấp trên)."
    )
    department = unit(UnitLevel.DEPARTMENT, "Sở Y tế")
    gd = confer_refusal(department, honour("GD_VH"))
    assert "Nghị định 129/2025/NĐ-CP, Điều 59" in gd and "Chủ tịch UBND xã quyết định" in gd
    province = unit(UnitLevel.MINISTRY_PROVINCE, "Ủy ban nhân dân tỉnh Bắc Ninh")
    assert "thuộc thẩm quyền của cơ quan, đơn vị cấp dưới" in confer_refusal(
        province, honour("GIAY_KHEN")
    )


def test_honour_without_authority_is_refused():
    h = Honour(code="KNC_MOI", name="Kỷ niệm chương mới", authority="")
    assert not can_confer(unit(UnitLevel.MINISTRY_PROVINCE), h)
    assert "chưa được ghi cấp có thẩm quyền" in confer_refusal(unit(UnitLevel.CENTRAL), h)


def test_legal_name_is_the_catalogue_name():
    h = Honour(code="BK_TINH", name="Bằng khen cấp bộ, ban, ngành, tỉnh")
    assert h.legal_name == "Bằng khen cấp bộ, ban, ngành, tỉnh"
