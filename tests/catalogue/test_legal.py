"""Legal texts as data; every citation of a rule or a catalogue row names a listed text; the
"Căn cứ pháp lý" pages (signed-in and public) and "Tham số theo thời gian"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from vinhdanh.catalogue import data, legal
from vinhdanh.catalogue.models import BaseSalary, RewardMultiple, VoteThreshold
from vinhdanh.rules.core.money import ND152_LAPSE_CITATION


def test_every_rule_and_ground_citation_maps_to_a_listed_text():
    rows = legal.rule_citations()
    assert len(rows) > 40
    unmapped = [(kind, ident, c) for kind, ident, _start, c in rows if not legal.texts_cited(c)]
    assert unmapped == []


@pytest.mark.django_db
def test_every_catalogue_citation_maps_to_a_listed_text():
    citations = (
        list(RewardMultiple.objects.values_list("citation", flat=True))
        + list(BaseSalary.objects.values_list("source", flat=True))
        + list(VoteThreshold.objects.values_list("citation", flat=True))
        + [data.AUTHORITY_CITATION, data.AUTHORITY_COMMUNE_CITATION, ND152_LAPSE_CITATION]
    )
    assert [c for c in citations if not legal.texts_cited(c)] == []


def test_texts_have_their_dates():
    nd152 = legal.BY_CODE["ND_152_2025"]
    assert nd152.in_force_from == dt.date(2025, 7, 1) and nd152.in_force_to == dt.date(2027, 2, 28)
    assert nd152.in_force_on(dt.date(2027, 2, 28)) and not nd152.in_force_on(dt.date(2027, 3, 1))
    assert legal.BY_CODE["ND_98_2023"].in_force_on(dt.date(2025, 6, 30))
    assert not legal.BY_CODE["ND_98_2023"].in_force_on(dt.date(2025, 7, 1))
    assert legal.texts_cited("Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2") == ["ND_161_2026"]
    for code in ("LUAT_TDKT_2022", "TT_01_2024", "TT_15_2025", "ND_73_2024", "ND_129_2025", "ND_30_2020"):  # fmt: skip
        assert code in legal.BY_CODE


@pytest.mark.django_db
def test_index_derives_citing_rules_and_parameters(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        entries = {e["text"].code: e for e in legal.legal_index()}
    nd98_rules = {r["id"] for r in entries["ND_98_2023"]["rules"]}
    assert {"general.pending_review", "hcld1.ratings"} <= nd98_rules
    nd152_rules = {r["id"] for r in entries["ND_152_2025"]["rules"]}
    assert {"general.pending_review", "hcld1.ratings", "co_td_cp.leading_unit"} <= nd152_rules
    labels = {p["label"] for p in entries["ND_152_2025"]["parameters"]}
    assert {"Hệ số tiền thưởng", "Ngưỡng biểu quyết"} <= labels
    assert [p["detail"] for p in entries["ND_161_2026"]["parameters"]] == ["từ 01/07/2026"]
    assert {r["id"] for r in entries["TT_15_2025"]["rules"]} == {"ldtt.tenure"}
    assert entries["ND_129_2025"]["parameters"][0]["label"] == "Thẩm quyền quyết định"


@pytest.mark.django_db
def test_signed_in_and_public_legal_pages(client, login, personas):
    signed = reverse("catalogue:legal_texts")
    public = reverse("portal:legal_texts")
    assert public == "/cong-khai/can-cu-phap-ly/"
    response = client.get(signed)
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    assert login(personas.nobody).get(signed).status_code == 404
    for body in (
        login(personas.viewer).get(signed).content.decode(),
        client.get(public).content.decode(),
    ):
        for text in ("Nghị định 152/2025/NĐ-CP", "28/02/2027", "Nghị định 161/2026/NĐ-CP", "15/05/2026",
                     "Luật 06/2022/QH15", "Thông tư 15/2025/TT-BNV", "hcld1.ratings", "Lương cơ sở (từ 01/07/2026)"):  # fmt: skip
            assert text in body, text


@pytest.mark.django_db
def test_parameters_by_date_page(client, login, personas):
    url = reverse("catalogue:parameters_by_date")
    assert client.get(url).status_code == 302
    assert login(personas.nobody).get(url).status_code == 404
    viewer = login(personas.viewer)
    body = viewer.get(url, {"ngay": "2026-06-30"}).content.decode()
    assert "Ngày 30/06/2026:" in body and "lương cơ sở 2.340.000 đ/tháng" in body
    body = viewer.get(url, {"ngay": "01/07/2026"}).content.decode()
    assert "lương cơ sở 2.530.000 đ/tháng (Nghị định 161/2026/NĐ-CP" in body
    assert "Thêm hệ số mới" not in body
    body = viewer.get(url, {"ngay": "2025-03-10"}).content.decode()
    assert "11 hệ số tiền thưởng đang áp dụng" in body  # NĐ 98/2023: titles only
    body = viewer.get(url, {"ngay": "2023-12-31"}).content.decode()
    assert "chưa có hệ số nào: không tính được tiền thưởng" in body
    body = viewer.get(url, {"ngay": "2027-03-01"}).content.decode()
    assert "đã hết hiệu lực vào ngày này" in body
    body = viewer.get(url, {"ngay": "31/02/2026"}).content.decode()
    assert "Ngày không hợp lệ" in body
    assert "Thêm hệ số mới" in login(personas.admin).get(url).content.decode()
