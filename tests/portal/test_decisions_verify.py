"""Public decisions and certificate verification: no login, no CCCD, no birth date, no money."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory

from .conftest import make_decision

pytestmark = pytest.mark.django_db


def _birth_formats(person):
    d = person.date_of_birth
    return [f"{d:%d/%m/%Y}", d.isoformat(), f"{d.day}/{d.month}/{d.year}"]


def test_decision_detail_lists_names_without_cccd_birth_or_money(client, tree, people):
    decision = make_decision(tree.syt, [people.an, people.binh], units=[tree.hospital])
    html = client.get(reverse("portal:decision_detail", args=[decision.pk])).content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" in html
    assert "Bệnh viện Đa khoa Đống Đa" in html and "Lao động tiên tiến" in html
    assert decision.number.display in html
    for person in (people.an, people.binh):
        assert person.cccd not in html
        for text in _birth_formats(person):
            assert text not in html
    assert "1.728.000" not in html and "3.456.000" not in html and "1728000" not in html


def test_unpublished_and_draft_decisions_404(client, tree, people):
    hidden = make_decision(tree.syt, [people.an], published=False)
    draft = make_decision(tree.syt, [people.binh], status="draft")
    for d in (hidden, draft):
        assert client.get(reverse("portal:decision_detail", args=[d.pk])).status_code == 404
    html = client.get(reverse("portal:decision_list")).content.decode()
    assert hidden.title not in html and draft.title not in html


def test_decision_list_search_accent_free(client, tree, people):
    with_an = make_decision(tree.syt, [people.an])
    with_binh = make_decision(tree.syt, [people.binh])
    html = client.get(reverse("portal:decision_list"), {"q": "nguyen van an"}).content.decode()
    assert with_an.title in html and with_binh.title not in html
    html = client.get(reverse("portal:decision_list"), {"q": "dong da"}).content.decode()
    assert with_an.title not in html


def test_decision_list_query_count_constant(client, tree, people, django_assert_num_queries):
    make_decision(tree.syt, [people.an])
    url = reverse("portal:decision_list")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(12):
        make_decision(tree.syt, [people.binh])
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert response.content.decode().count("/cong-khai/quyet-dinh/") >= 13


def test_decision_list_paginated(client, tree, people):
    for _ in range(30):
        make_decision(tree.syt, [people.an])
    html = client.get(reverse("portal:decision_list")).content.decode()
    assert "Trang 1 / 2" in html


def test_home_shows_latest_published(client, tree, people):
    decision = make_decision(tree.syt, [people.an])
    html = client.get(reverse("portal:home")).content.decode()
    assert decision.title in html
    assert "Đăng xuất" not in html and "Điều hướng chính" not in html


def test_verify_by_token_valid_without_cccd_or_birth(client, tree, people):
    decision = make_decision(tree.syt, [people.an])
    cert = decision.lines.get().certificate
    response = client.get(reverse("portal:verify_token", args=[cert.public_token]))
    html = response.content.decode()
    assert "Còn hiệu lực" in html and "Nguyễn Văn An" in html
    assert "Lao động tiên tiến" in html and decision.number.display in html
    assert "20/12/2025" in html and tree.syt.name in html
    assert people.an.cccd not in html
    for text in _birth_formats(people.an):
        assert text not in html


def test_verify_revoked_decision_says_revoked(client, tree, people):
    decision = make_decision(tree.syt, [people.an], status="revoked")
    cert = decision.lines.get().certificate
    html = client.get(reverse("portal:verify_token", args=[cert.public_token])).content.decode()
    assert "Đã bị hủy bỏ" in html and "Còn hiệu lực" not in html


def test_verify_revoked_line_says_revoked(client, tree, people):
    decision = make_decision(tree.syt, [people.an, people.binh])
    line = decision.lines.get(position=2)
    line.revoked = True
    line.save()
    html = client.get(reverse("portal:verify"), {"serial": line.certificate.serial}).content
    assert "Đã bị hủy bỏ" in html.decode()


def test_verify_by_serial(client, tree, people):
    decision = make_decision(tree.syt, [people.an])
    cert = decision.lines.get().certificate
    html = client.get(reverse("portal:verify"), {"serial": f" {cert.serial.lower()} "}).content
    assert "Còn hiệu lực" in html.decode() and "Nguyễn Văn An" in html.decode()


def test_verify_unknown_gives_clear_message(client, tree, people):
    response = client.get(reverse("portal:verify_token", args=[uuid.uuid4()]))
    assert response.status_code == 404
    assert "Không tìm thấy bằng, giấy khen" in response.content.decode()
    html = client.get(reverse("portal:verify"), {"serial": "KHONG-CO"}).content.decode()
    assert "Không tìm thấy bằng, giấy khen" in html


def test_verify_draft_decision_certificate_unknown(client, tree, people):
    decision = make_decision(tree.syt, [people.an], status="draft")
    cert = decision.lines.get().certificate
    response = client.get(reverse("portal:verify_token", args=[cert.public_token]))
    assert response.status_code == 404


def test_names_are_escaped(client, tree):
    evil = PersonFactory(full_name="<script>alert(1)</script> Văn Độc", unit=tree.syt)
    decision = make_decision(tree.syt, [evil])
    html = client.get(reverse("portal:decision_detail", args=[decision.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_search_without_accents_finds_outsiders_and_issuer(client, tree, people):
    """Line names are folded when written (DecisionLine.name_folded): an outsider typed by
    hand is found without accents, like people and units."""
    from vinhdanh.decisions.models import DecisionLine

    decision = make_decision(tree.syt, [people.an])
    DecisionLine.objects.create(
        decision=decision, position=9, name="Hộ ông Lê Văn Hộ", subject_kind="household",
        honour_id="GIAY_KHEN", achievement_year=2025,
    )  # fmt: skip
    other = make_decision(tree.syt, [people.binh])
    html = client.get(reverse("portal:decision_list"), {"q": "le van ho"}).content.decode()
    assert decision.title in html and other.title not in html
    html = client.get(reverse("portal:decision_list"), {"q": "so y te"}).content.decode()
    assert decision.title in html and other.title in html


def test_external_decision_shows_its_own_number_and_issuer(client, tree, people):
    import datetime as dt

    from vinhdanh.decisions.models import Decision, DecisionLine

    decision = Decision.objects.create(
        issuer=tree.syt, is_external=True, external_number="1234/QĐ-TTg",
        external_issuer_name="Thủ tướng Chính phủ", title="Về việc tặng Bằng khen",
        date=dt.date(2025, 9, 2), status="issued", published=True,
    )  # fmt: skip
    DecisionLine.objects.create(
        decision=decision, position=1, person=people.an, name=people.an.full_name,
        subject_kind="individual", honour_id="BK_TTG", achievement_year=2025,
    )  # fmt: skip
    listing = client.get(reverse("portal:decision_list")).content.decode()
    assert "1234/QĐ-TTg" in listing and "Thủ tướng Chính phủ" in listing
    html = client.get(reverse("portal:decision_detail", args=[decision.pk])).content.decode()
    assert "Quyết định số 1234/QĐ-TTg" in html and "Nguyễn Văn An" in html


def test_decision_detail_lines_paginated(client, tree, many_people):
    decision = make_decision(tree.syt, many_people.make(55))
    url = reverse("portal:decision_detail", args=[decision.pk])
    first = client.get(url).content.decode()
    assert "Trang 1 / 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "<td>55</td>" in second and "<td>55</td>" not in first
