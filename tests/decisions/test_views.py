import datetime as dt

import pytest
from django.urls import reverse

from vinhdanh.decisions import services
from vinhdanh.decisions.models import Decision, DecisionStatus
from vinhdanh.registry.models import EntrySource, HonourRecord


def _urls(decision):
    pk = decision.pk
    line = decision.lines.first()
    return [
        reverse("decisions:decision_list"),
        reverse("decisions:decision_create"),
        reverse("decisions:decision_detail", args=[pk]),
        reverse("decisions:decision_edit", args=[pk]),
        reverse("decisions:line_add", args=[pk]),
        reverse("decisions:line_remove", args=[pk, line.pk]),
        reverse("decisions:decision_issue", args=[pk]),
        reverse("decisions:decision_revoke", args=[pk]),
    ]


def test_views_refuse_anonymous(client, draft):
    for url in _urls(draft):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/dang-nhap/?next=" in response["Location"], url


@pytest.mark.parametrize("who", ["outsider", "nobody"])
def test_views_refuse_outsider_and_roleless(login, personas, draft, who):
    client = login(getattr(personas, who))
    for url in _urls(draft):
        method = client.post if any(p in url for p in ("them-dong", "bo-dong")) else client.get
        response = method(url)
        if who == "outsider" and url == reverse("decisions:decision_list"):
            assert response.status_code == 200
            assert draft.title not in response.content.decode()
        elif who == "outsider" and url == reverse("decisions:decision_create"):
            # an officer of Hà Tĩnh may draft for Hà Tĩnh, never for Sở Y tế Hà Nội
            response = client.post(url, {"issuer": draft.issuer_id, "title": "Chen ngang"})
            assert response.status_code == 200
            assert not Decision.objects.filter(title="Chen ngang").exists()
        else:
            assert response.status_code == 404, url
    assert draft.lines.count() == 2


def test_create_and_edit_via_pages(login, personas, tree):
    client = login(personas.unit_officer)
    page = client.get(reverse("decisions:decision_create")).content.decode()
    assert "Luật Thi đua, khen thưởng" in page and "152/2025/NĐ-CP" in page
    response = client.post(
        reverse("decisions:decision_create"),
        {
            "issuer": tree.syt.pk,
            "title": "Về việc khen thưởng đột xuất",
            "signer": personas.signer.pk,
            "legal_basis": "Căn cứ Luật Thi đua, khen thưởng 2022;",
            "recipients": "Như Điều 3;",
        },
    )
    decision = Decision.objects.get(title="Về việc khen thưởng đột xuất")
    assert response["Location"] == reverse("decisions:decision_detail", args=[decision.pk])
    response = client.post(
        reverse("decisions:decision_edit", args=[decision.pk]),
        {"title": "", "signer": personas.signer.pk, "legal_basis": "x", "recipients": "y"},
    )
    assert response.status_code == 200 and "Nguyễn Văn Giám" in response.content.decode()
    assert decision.signer_id is None or decision.signer == personas.signer
    decision.refresh_from_db()
    assert decision.title == "Về việc khen thưởng đột xuất"


def test_pick_nominees_and_hand_line_via_page(login, personas, tree, approved, people):
    client = login(personas.unit_officer)
    decision = services.decision_create(personas.unit_officer, issuer=tree.syt, title="Khen")
    page = client.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page
    client.post(reverse("decisions:line_add", args=[decision.pk]), {"nominees": [approved.an.pk]})
    client.post(
        reverse("decisions:line_add", args=[decision.pk]),
        {
            "name": "Ông John Smith",
            "details": "Quốc tịch Anh",
            "subject_kind": "individual",
            "honour": "GIAY_KHEN",
            "achievement_year": 2025,
        },
    )
    assert list(decision.lines.values_list("name", "honour_id")) == [
        ("Nguyễn Văn An", "LDTT"),
        ("Ông John Smith", "GIAY_KHEN"),
    ]
    response = client.post(
        reverse("decisions:line_add", args=[decision.pk]),
        {"honour": "GIAY_KHEN", "achievement_year": 2025, "subject_kind": "individual"},
    )
    assert "Chọn đúng một đối tượng" in response.content.decode()


def test_issue_page_signer_only(login, personas, draft):
    url = reverse("decisions:decision_issue", args=[draft.pk])
    assert login(personas.unit_officer).get(url).status_code == 404
    client = login(personas.signer)
    assert "Xác nhận ban hành" in client.get(url).content.decode()
    response = client.post(url, {"date": "01/08/2025", "signer": personas.signer.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.ISSUED and draft.date == dt.date(2025, 8, 1)
    assert (draft.signer, draft.signer_position) == (personas.signer, "GIÁM ĐỐC")
    assert HonourRecord.objects.filter(source=EntrySource.DECISION).count() == 2
    page = client.get(reverse("decisions:decision_detail", args=[draft.pk])).content.decode()
    assert "01/QĐ-SYT" in page and "1.420.000 đ" in page
    assert "Một triệu bốn trăm hai mươi nghìn đồng" in page


def test_revoke_page_requires_reason(login, personas, issued):
    client = login(personas.signer)
    url = reverse("decisions:decision_revoke", args=[issued.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.ISSUED
    client.post(url, {"reason": "Khen thưởng sai đối tượng"})
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.REVOKED
    assert HonourRecord.objects.filter(source=EntrySource.DECISION).count() == 0


def test_list_filters_and_export(login, personas, issued, tree):
    services.decision_create(personas.unit_officer, issuer=tree.syt, title="Dự thảo khác")
    client = login(personas.viewer)
    page = client.get(reverse("decisions:decision_list"), {"status": "issued"}).content.decode()
    assert "01/QĐ-SYT" in page and "Dự thảo khác" not in page
    response = client.get(reverse("decisions:decision_list"), {"export": "xlsx"})
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "01/QĐ-SYT" in values and "Dự thảo khác" in values


def _make_decisions(personas, tree, people, n):
    from vinhdanh.catalogue.models import Honour

    honour = Honour.objects.get(pk="GIAY_KHEN")
    for i in range(n):
        d = services.decision_create(personas.unit_officer, issuer=tree.syt, title=f"QĐ {i}")
        services.line_add(
            personas.unit_officer, d, honour=honour, achievement_year=2020 + i, person=people.an
        )


def test_list_and_detail_query_counts_constant(
    login, personas, tree, people, django_assert_num_queries
):
    client = login(personas.unit_officer)
    _make_decisions(personas, tree, people, 1)
    url = reverse("decisions:decision_list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    first = Decision.objects.order_by("pk").first()
    detail = reverse("decisions:decision_detail", args=[first.pk])
    with CaptureQueriesContext(connection) as detail_one:
        client.get(detail)
    _make_decisions(personas, tree, people, 6)
    from vinhdanh.catalogue.models import Honour

    for year in range(2010, 2016):
        services.line_add(
            personas.unit_officer,
            first,
            honour=Honour.objects.get(pk="LDTT"),
            achievement_year=year,
            person=people.binh,
        )
    with django_assert_num_queries(len(one)):
        client.get(url)
    with django_assert_num_queries(len(detail_one)):
        client.get(detail)
