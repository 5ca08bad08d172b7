"""The number book: reserve, cancel with a reason, never reused, scope, export, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.emulation.fixtures_movements import *  # noqa: F403 (fixtures)
from tests.xlsx import export_rows
from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.core.numbering import number_reserve

BOOK = reverse("emulation:number_book")
RESERVE = reverse("emulation:number_reserve")


def _reserve(client, issuer_key, doc_type="KH", year=2024, title="Kế hoạch thi đua"):
    return client.post(
        RESERVE, {"issuer": issuer_key, "doc_type": doc_type, "year": year, "title": title}
    )


def test_reserve_for_own_unit_takes_next_number(login, khoi9):
    client = login(khoi9.head_officer)
    resp = _reserve(client, f"unit:{khoi9.syt.pk}")
    assert resp.status_code == 302
    number = DocumentNumber.objects.get()
    assert number.display == "01/KH-SYT"
    assert number.status == NumberStatus.RESERVED
    assert number.unit == khoi9.syt
    assert number.reserved_by == khoi9.head_officer
    _reserve(client, f"unit:{khoi9.syt.pk}")
    assert sorted(DocumentNumber.objects.values_list("seq", flat=True)) == [1, 2]


def test_reserve_for_bloc_head_uses_bloc_abbreviation(login, khoi9):
    client = login(khoi9.head_officer)
    _reserve(client, khoi9.bloc.issuer_key, doc_type="QĐ")
    number = DocumentNumber.objects.get()
    assert number.display == "01/QĐ-KTĐ9"
    assert number.issuer_key == khoi9.bloc.issuer_key


def test_reserve_for_foreign_issuer_refused(login, khoi9):
    client = login(khoi9.sgd_officer)  # not head of Khối 9, not Sở Y tế
    resp = _reserve(client, f"unit:{khoi9.syt.pk}")
    assert resp.status_code == 422
    resp = _reserve(client, khoi9.bloc.issuer_key)
    assert resp.status_code == 422
    assert not DocumentNumber.objects.exists()
    # The form is kept with the user's input.
    assert "Kế hoạch thi đua" in resp.content.decode()


def test_cancel_requires_reason(login, khoi9):
    client = login(khoi9.head_officer)
    _reserve(client, f"unit:{khoi9.syt.pk}")
    number = DocumentNumber.objects.get()
    url = reverse("emulation:number_cancel", args=[number.pk])
    page = client.get(url)
    assert "Hủy số 01/KH-SYT" in page.content.decode()
    resp = client.post(url, {"reason": "   "})
    assert resp.status_code == 422
    assert "Cần ghi lý do hủy số." in resp.content.decode()
    number.refresh_from_db()
    assert number.status == NumberStatus.RESERVED


def test_cancel_with_reason_kept_and_never_reused(login, khoi9):
    client = login(khoi9.head_officer)
    _reserve(client, f"unit:{khoi9.syt.pk}")
    number = DocumentNumber.objects.get()
    resp = client.post(
        reverse("emulation:number_cancel", args=[number.pk]), {"reason": "Lấy nhầm loại văn bản"}
    )
    assert resp.status_code == 302
    number.refresh_from_db()
    assert number.status == NumberStatus.CANCELLED
    assert number.cancel_reason == "Lấy nhầm loại văn bản"
    assert AuditEntry.objects.filter(
        object_type="core.documentnumber", object_id=str(number.pk), action="transition"
    ).exists()
    _reserve(client, f"unit:{khoi9.syt.pk}")
    assert sorted(DocumentNumber.objects.values_list("seq", flat=True)) == [1, 2]
    # A cancelled number cannot be cancelled again.
    resp = client.post(reverse("emulation:number_cancel", args=[number.pk]), {"reason": "lần nữa"})
    assert resp.status_code == 422
    assert "Chỉ hủy được số đang giữ" in resp.content.decode()


def test_book_lists_only_scope(login, khoi9, tree, personas):
    number_reserve(
        personas.admin,
        issuer_key=f"unit:{tree.syt_ht.pk}",
        issuer_abbreviation="SYT",
        issuer_name="Sở Y tế Hà Tĩnh",
        unit=tree.syt_ht,
        doc_type="KH",
        year=2024,
        title="Văn bản Hà Tĩnh",
    )
    number_reserve(
        personas.admin,
        issuer_key=khoi9.bloc.issuer_key,
        issuer_abbreviation="KTĐ9",
        issuer_name=khoi9.bloc.name,
        unit=khoi9.hanoi,
        doc_type="KH",
        year=2024,
        title="Kế hoạch của Khối 9",
    )
    number_reserve(
        personas.admin,
        issuer_key=f"unit:{khoi9.sgd.pk}",
        issuer_abbreviation="SGDĐT",
        unit=khoi9.sgd,
        doc_type="CV",
        year=2024,
        title="Công văn Sở Giáo dục",
    )
    head = login(khoi9.head_officer).get(BOOK).content.decode()
    assert "Kế hoạch của Khối 9" in head  # a bloc they head
    assert "Văn bản Hà Tĩnh" not in head
    assert "Công văn Sở Giáo dục" not in head
    city = login(khoi9.city_officer).get(BOOK).content.decode()
    assert "Kế hoạch của Khối 9" in city and "Công văn Sở Giáo dục" in city
    assert "Văn bản Hà Tĩnh" not in city
    # A number outside the book cannot be cancelled either.
    foreign = DocumentNumber.objects.get(title="Văn bản Hà Tĩnh")
    resp = login(khoi9.head_officer).post(
        reverse("emulation:number_cancel", args=[foreign.pk]), {"reason": "x"}
    )
    assert resp.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == NumberStatus.RESERVED


def test_book_filters_and_export(login, khoi9):
    client = login(khoi9.head_officer)
    _reserve(client, f"unit:{khoi9.syt.pk}", doc_type="KH", title="Kế hoạch A")
    _reserve(client, f"unit:{khoi9.syt.pk}", doc_type="BC", title="Báo cáo B")
    html = client.get(BOOK, {"doc_type": "BC"}).content.decode()
    assert "Báo cáo B" in html and "Kế hoạch A" not in html
    resp = client.get(BOOK, {"export": "xlsx"})
    rows = export_rows(resp)
    assert rows[0][0] == "Số, ký hiệu"
    assert {r[0] for r in rows[1:]} == {"01/KH-SYT", "01/BC-SYT"}


def test_book_refused_to_outsider_anonymous_viewer(client, login, khoi9, personas, tree):
    resp = client.get(BOOK)
    assert resp.status_code == 302 and "next=" in resp["Location"]
    assert client.post(RESERVE, {}).status_code == 302
    number = number_reserve(
        personas.admin,
        issuer_key=f"unit:{tree.syt.pk}",
        issuer_abbreviation="SYT",
        unit=tree.syt,
        doc_type="KH",
        year=2024,
    )
    outsider = login(personas.outsider)
    assert "01/KH-SYT" not in outsider.get(BOOK).content.decode()
    assert outsider.get(reverse("emulation:number_cancel", args=[number.pk])).status_code == 404
    assert (
        outsider.post(
            RESERVE, {"issuer": f"unit:{tree.syt.pk}", "doc_type": "KH", "year": 2024}
        ).status_code
        == 422
    )
    viewer = login(personas.viewer)
    assert viewer.get(BOOK).status_code == 404
    assert viewer.post(RESERVE, {}).status_code == 404
    assert DocumentNumber.objects.count() == 1


QUERIES_BOOK = 10


@pytest.mark.parametrize("rows", [1, 25])
def test_book_query_count_constant(login, khoi9, django_assert_num_queries, rows):
    for _ in range(rows):
        number_reserve(
            khoi9.head_officer,
            issuer_key=f"unit:{khoi9.syt.pk}",
            issuer_abbreviation="SYT",
            unit=khoi9.syt,
            doc_type="KH",
            year=2024,
        )
    client = login(khoi9.head_officer)
    client.get(BOOK)  # warm up session/caches
    with django_assert_num_queries(QUERIES_BOOK):
        client.get(BOOK)
