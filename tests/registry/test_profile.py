from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import HonourFactory, InitiativeFactory, RatingFactory
from tests.registry.factories import DisciplineFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.registry.models import HonourRecord, RatingRecord


def person_url(person):
    return reverse("registry:person_profile", args=[person.pk])


def unit_url(unit):
    return reverse("registry:unit_profile", args=[unit.pk])


@pytest.mark.django_db
def test_profile_urls_keep_their_names(people, tree):
    assert person_url(people.an) == f"/so/ca-nhan/{people.an.pk}/"
    assert unit_url(tree.syt) == f"/so/tap-the/{tree.syt.pk}/"


@pytest.mark.django_db
def test_person_profile_facts_and_masked_cccd_for_viewer(login, personas, people):
    people.an.date_of_birth = dt.date(1985, 3, 7)
    people.an.save()
    body = login(personas.viewer).get(person_url(people.an)).content.decode()
    assert "07/03/1985" in body and "Sở Y tế" in body and "Chuyên viên" in body
    assert people.an.cccd not in body
    assert "••••••••" + people.an.cccd[-4:] in body
    assert "Thêm vào sổ" not in body


@pytest.mark.django_db
def test_person_profile_full_cccd_for_officer(login, personas, people):
    body = login(personas.unit_officer).get(person_url(people.an)).content.decode()
    assert people.an.cccd in body
    assert "Thêm vào sổ" in body


@pytest.mark.django_db
def test_person_profile_timeline_newest_first_with_content(login, personas, people):
    RatingFactory(person=people.an, year=2022, rating_id="HTXS")
    HonourFactory(
        person=people.an,
        honour_id="CSTDCS",
        achievement_year=2024,
        decision_number="12/QĐ-SYT",
        decision_date=dt.date(2025, 1, 15),
        issuer="Sở Y tế Hà Nội",
        signer="Trần Văn Ký",
    )
    InitiativeFactory(
        person=people.an, year=2023, title="Số hóa bệnh án", scope_id="TINH", document="5/QĐ-HĐSK"
    )
    DisciplineFactory(
        person=people.an, form_id="KHIEN_TRACH", start=dt.date(2021, 2, 1), end=dt.date(2022, 2, 1)
    )
    response = login(personas.viewer).get(person_url(people.an))
    years = [y for y, _ in response.context["timeline"]]
    assert years == [2024, 2023, 2022, 2021]
    body = response.content.decode()
    order = [
        body.index(s)
        for s in (
            "Chiến sĩ thi đua cơ sở",
            "Số hóa bệnh án",
            "Hoàn thành xuất sắc nhiệm vụ",
            "Khiển trách",
        )
    ]
    assert order == sorted(order)
    for text in ("Quyết định số 12/QĐ-SYT", "15/01/2025", "Sở Y tế Hà Nội", "Người ký: Trần Văn Ký",
                 "Cấp bộ, ban, ngành, tỉnh", "5/QĐ-HĐSK", "Từ 01/02/2021 đến 01/02/2022"):  # fmt: skip
        assert text in body


@pytest.mark.django_db
def test_person_profile_memberships_and_pending_badge(login, personas, people):
    people.an.pending_review = True
    people.an.pending_review_note = "Có đơn khiếu nại"
    people.an.save()
    body = login(personas.viewer).get(person_url(people.an)).content.decode()
    assert "Đang xem xét" in body and "Có đơn khiếu nại" in body
    assert "Quá trình công tác" in body and "01/01/2010" in body


@pytest.mark.parametrize("template", ["registry/person_profile.html", "registry/unit_profile.html"])
def test_profile_has_eligibility_block_after_facts(template):
    """The eligibility engine fills this block; the register pages only reserve its place."""
    from django.template.loader import get_template

    source = get_template(template).template.source
    block = source.index("{% block eligibility %}")
    assert source.index("</dl>") < block < source.index("<h2>")


@pytest.mark.django_db
def test_unit_profile_children_member_count_and_timeline(login, personas, tree, people, fill):
    fill(tree.syt, 1, collective=True)
    response = login(personas.viewer).get(unit_url(tree.syt))
    body = response.content.decode()
    assert "Bệnh viện Đa khoa Đống Đa" in body
    assert response.context["member_count"] == 1
    assert [c.member_count for c in response.context["children"]] == [1]
    assert "Tập thể lao động tiên tiến" in body


@pytest.mark.parametrize("who", ["outsider", "nobody"])
@pytest.mark.django_db
def test_profiles_refused_outside_scope(login, personas, people, tree, who):
    client = login(getattr(personas, who))
    assert client.get(person_url(people.an)).status_code == 404
    assert client.get(unit_url(tree.syt)).status_code == 404


@pytest.mark.django_db
def test_profiles_anonymous_redirected(client, people, tree):
    for url in (person_url(people.an), unit_url(tree.syt)):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


@pytest.mark.parametrize("url_of, kw", [(person_url, "person"), (unit_url, "unit")])
@pytest.mark.django_db
def test_profile_query_count_constant(
    login, personas, people, tree, fill, django_assert_num_queries, url_of, kw
):
    subject = people.an if kw == "person" else tree.syt
    client = login(personas.unit_officer)
    fill(subject, 1, collective=kw == "unit")
    client.get(url_of(subject))
    with CaptureQueriesContext(connection) as ctx:
        client.get(url_of(subject))
    few = len(ctx.captured_queries)
    fill_more = 30
    RatingRecord.objects.filter(**{kw: subject}).delete()
    HonourRecord.objects.filter(**{kw: subject}).delete()
    fill(subject, fill_more, collective=kw == "unit")
    with django_assert_num_queries(few):
        response = client.get(url_of(subject))
    assert sum(len(items) for _, items in response.context["timeline"]) >= 4 * fill_more


def _post_honour(client, person, **extra):
    data = {
        "honour-honour": "CSTDCS",
        "honour-achievement_year": "2024",
        "honour-decision_number": "12/QĐ-SYT",
        "honour-decision_date": "15/01/2025",
        "honour-issuer": "Sở Y tế",
        "honour-signer": "",
        "honour-note": "",
    }
    data.update(extra)
    return client.post(reverse("registry:entry_add", args=["ca-nhan", person.pk, "honour"]), data)


@pytest.mark.django_db
def test_add_honour_from_profile(login, personas, people):
    client = login(personas.unit_officer)
    response = _post_honour(client, people.an)
    assert response.status_code == 302
    record = HonourRecord.objects.get(person=people.an)
    assert (record.honour_id, record.achievement_year, record.decision_date) == (
        "CSTDCS",
        2024,
        dt.date(2025, 1, 15),
    )
    assert (
        AuditEntry.objects.filter(object_type="registry.honourrecord", action="create").count() == 1
    )


@pytest.mark.django_db
def test_add_duplicate_shows_message_and_keeps_input(login, personas, people):
    HonourFactory(
        person=people.an,
        honour_id="CSTDCS",
        achievement_year=2024,
        decision_number="12/QĐ-SYT",
        decision_date=dt.date(2025, 1, 15),
    )
    client = login(personas.unit_officer)
    response = _post_honour(
        client, people.an, **{"honour-decision_number": "99/QĐ-SYT", "honour-signer": "Lê Văn Ký"}
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert (
        "Đã có Chiến sĩ thi đua cơ sở năm 2024 trong sổ (QĐ số 12/QĐ-SYT ngày 15/01/2025)" in body
    )
    assert 'value="99/QĐ-SYT"' in body and 'value="Lê Văn Ký"' in body
    assert re.search(r'<details class="entry-form" id="them-honour" open>', body)
    assert HonourRecord.objects.filter(person=people.an).count() == 1


@pytest.mark.django_db
def test_add_refused_for_viewer_and_outsider(login, personas, people):
    assert _post_honour(login(personas.viewer), people.an).status_code == 403
    assert _post_honour(login(personas.outsider), people.an).status_code == 404
    assert not HonourRecord.objects.exists()


@pytest.mark.django_db
def test_edit_entry_page_updates_and_audits(login, personas, people):
    record = RatingFactory(person=people.an, year=2024, rating_id="HT")
    client = login(personas.unit_officer)
    url = reverse("registry:entry_edit", args=["rating", record.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"rating-year": "2024", "rating-rating": "HTXS", "rating-note": "Điều chỉnh"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.rating_id == "HTXS"
    entry = AuditEntry.objects.get(object_type="registry.ratingrecord", action="update")
    assert entry.changes["rating"] == ["HT", "HTXS"]


@pytest.mark.django_db
def test_delete_entry_needs_confirmation(login, personas, people):
    record = HonourFactory(person=people.an)
    client = login(personas.unit_officer)
    url = reverse("registry:entry_delete", args=["honour", record.pk])
    body = client.get(url).content.decode()
    assert "Bạn có chắc muốn xóa" in body
    assert HonourRecord.objects.filter(pk=record.pk).exists()
    client.post(url)
    assert not HonourRecord.objects.filter(pk=record.pk).exists()
    assert (
        AuditEntry.objects.filter(object_type="registry.honourrecord", action="delete").count() == 1
    )


@pytest.mark.django_db
def test_edit_delete_refused_outside_scope_and_for_viewer(login, personas, people, client):
    record = HonourFactory(person=people.an)
    edit = reverse("registry:entry_edit", args=["honour", record.pk])
    delete = reverse("registry:entry_delete", args=["honour", record.pk])
    assert login(personas.outsider).get(edit).status_code == 404
    assert login(personas.outsider).post(delete).status_code == 404
    assert login(personas.viewer).post(delete).status_code == 403
    assert HonourRecord.objects.filter(pk=record.pk).exists()
    client.logout()
    assert client.get(edit).status_code == 302


@pytest.mark.django_db
def test_pending_review_toggle_from_profile(login, personas, tree):
    client = login(personas.unit_officer)
    url = reverse("registry:pending_review", args=["tap-the", tree.hospital.pk])
    response = client.post(url, {"action": "set", "reason": ""})
    assert response.status_code == 422 and "Nhập lý do" in response.content.decode()
    client.post(url, {"action": "set", "reason": "Đang thanh tra tài chính"})
    tree.hospital.refresh_from_db()
    assert (
        tree.hospital.pending_review
        and tree.hospital.pending_review_note == "Đang thanh tra tài chính"
    )
    client.post(url, {"action": "clear"})
    tree.hospital.refresh_from_db()
    assert not tree.hospital.pending_review
    assert (
        AuditEntry.objects.filter(
            object_type="orgs.unit", object_id=str(tree.hospital.pk), action="update"
        ).count()
        == 2
    )
    assert login(personas.outsider).post(url, {"action": "set", "reason": "x"}).status_code == 404


@pytest.mark.django_db
def test_every_register_view_sends_anonymous_to_login(client, people, tree):
    record = HonourFactory(person=people.an)
    urls = [
        reverse("registry:entry_add", args=["ca-nhan", people.an.pk, "honour"]),
        reverse("registry:entry_add", args=["tap-the", tree.syt.pk, "rating"]),
        reverse("registry:pending_review", args=["ca-nhan", people.an.pk]),
        reverse("registry:entry_edit", args=["honour", record.pk]),
        reverse("registry:entry_delete", args=["honour", record.pk]),
    ]
    for url in urls:
        response = client.post(url, {"reason": "x", "honour-honour": "LDTT"})
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"], url
    assert HonourRecord.objects.filter(pk=record.pk).exists()
    people.an.refresh_from_db()
    assert not people.an.pending_review


@pytest.mark.django_db
def test_outsider_cannot_add_to_collective_or_flag_it(login, personas, tree):
    client = login(personas.outsider)
    url = reverse("registry:entry_add", args=["tap-the", tree.hospital.pk, "rating"])
    assert client.post(url, {"rating-year": "2024", "rating-rating": "HTXS"}).status_code == 404
    flag = reverse("registry:pending_review", args=["tap-the", tree.hospital.pk])
    assert client.post(flag, {"action": "set", "reason": "x"}).status_code == 404
    assert not RatingRecord.objects.exists()
