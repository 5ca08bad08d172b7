"""The forms on screen and as .xlsx: preview, drill-down, checks, scope."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"reports:{name}", args=args)


def test_preview_shows_the_form_layout_with_links_to_each_cell(stats_data, personas, login):
    client = login(personas.province_officer)
    response = client.get(url("form_detail", "0602", "HN", 2025))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Biểu số: 0602.N/BNV-TĐKT" in html
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in html
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương)" in html
    assert "Huân chương Lao động hạng Ba" in html  # made from the data
    assert url("form_cell", "0602", "HN", 2025, "01", "7.tt") in html
    assert 'colspan="12"' in html  # "Chia ra" over every split column


def test_preview_lists_failed_checks_with_the_records_at_fault(stats_data, personas, login):
    html = login(personas.province_officer).get(url("form_detail", "0603", "HN", 2025))
    html = html.content.decode()
    assert "✘ Dòng 05 = tổng các dòng 06–10" in html
    assert "Lê Minh Chi" in html
    assert "✘ Mục trong sổ (năm thành tích 2025) đều có ngày quyết định" in html
    assert "1 mục chưa ghi ngày quyết định" in html  # Bình's undated Bằng khen


def test_drill_down_lists_the_records_a_cell_counts(stats_data, personas, login, tree):
    client = login(personas.province_officer)
    response = client.get(url("form_cell", "0602", "HN", 2025, "06", "1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Số liệu trên biểu: <strong>2</strong>; các bản ghi được tính: <strong>2</strong>" in html
    )
    assert tree.hospital.name in html and tree.syt.name in html
    assert reverse("registry:unit_profile", args=[tree.hospital.pk]) in html
    assert client.get(url("form_cell", "0602", "HN", 2025, "99", "1")).status_code == 404
    assert client.get(url("form_cell", "0602", "HN", 2025, "01", "nope")).status_code == 404


def test_xlsx_has_the_paper_layout_and_reads_back(stats_data, personas, login):
    client = login(personas.province_officer)
    response = client.get(
        url("form_xlsx", "0602", "HN", 2025), {"nguoi_ky": "=HYPERLINK(1)", "nguoi_lap": "Lan"}
    )
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb.active
    assert ws["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert ws["A2"].value.startswith("Ban hành theo Thông tư số 02/2023/TT-BNV")
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in cells
    assert "Năm 2025" in cells
    assert "Đơn vị báo cáo: Ủy ban nhân dân Thành phố Hà Nội" in cells
    assert "THỦ TRƯỞNG ĐƠN VỊ" in cells and "NGƯỜI LẬP BIỂU" in cells and "Lan" in cells
    # a signer typed as a formula stays text
    assert "'=HYPERLINK(1)" in cells and cells["'=HYPERLINK(1)"].data_type == "s"
    merged = {str(r) for r in ws.merged_cells.ranges}
    chia_ra = cells["Chia ra"]
    assert f"{chia_ra.coordinate}:P{chia_ra.row}" in merged  # D.. over the 12 split columns
    assert "A6:A9" in merged and "B6:B9" in merged  # label headings run down 4 heading rows
    # the column-index row, then the body: row 01 of the total and the split columns
    index_row = next(r for r in ws.iter_rows(min_row=6) if r[0].value == "A")
    assert [c.value for c in index_row[:5]] == ["A", "B", "C", "1", "2.1"]
    body = {
        r[1].value: [c.value for c in r[3:]]
        for r in ws.iter_rows(min_row=index_row[0].row + 1)
        if r[1].value
    }
    assert body["01"] == [4, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]
    assert body["07"] == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    labels = [r[0].value for r in ws.iter_rows(min_row=index_row[0].row + 1)]
    assert "  - Tập thể" in labels and "    + Doanh nhân" in labels


@pytest.mark.parametrize("form", ["0601", "0603", "0604", "0605"])
def test_every_form_downloads(form, stats_data, personas, login):
    response = login(personas.province_officer).get(url("form_xlsx", form, "HN", 2025))
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A1"].value == f"Biểu số: {form}.N/BNV-TĐKT"


VIEWS = [
    ("index", ()),
    ("form_detail", ("0602", "HN", 2025)),
    ("form_cell", ("0602", "HN", 2025, "01", "1")),
    ("form_xlsx", ("0602", "HN", 2025)),
]


@pytest.mark.parametrize(("name", "args"), VIEWS)
def test_anonymous_is_sent_to_login(name, args, client, stats_data):
    response = client.get(url(name, *args))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


@pytest.mark.parametrize(("name", "args"), VIEWS[1:])
def test_outsider_and_department_get_404_for_the_province(name, args, personas, login, stats_data):
    for user in (personas.outsider, personas.unit_officer, personas.nobody):
        response = login(user).get(url(name, *args))
        assert response.status_code == 404, (user, name)


def test_department_officer_reports_on_its_subtree(stats_data, personas, login):
    client = login(personas.unit_officer)
    html = client.get(url("form_detail", "0603", "HN.SYT", 2025)).content.decode()
    assert "Đơn vị báo cáo: Sở Y tế" in html
    assert "Đơn vị nhận báo cáo: Ủy ban nhân dân Thành phố Hà Nội" in html
    drill = client.get(url("form_cell", "0603", "HN.SYT", 2025, "01", "1")).content.decode()
    assert "Nguyễn Văn An" in drill and "Trần Thị Bình" in drill and "Lê Minh Chi" not in drill


def test_index_lists_forms_and_redirects_to_the_chosen_one(personas, login):
    client = login(personas.unit_officer)
    html = client.get(url("index")).content.decode()
    assert "0605.N/BNV-TĐKT" in html and "HN.SYT" in html and "HT.SYT" not in html
    response = client.get(url("index"), {"bieu": "0601", "don_vi": "HN.SYT", "nam": "2025"})
    assert response["Location"] == url("form_detail", "0601", "HN.SYT", 2025)
    assert login(personas.nobody).get(url("index")).status_code == 404


def test_unknown_form_or_year_is_404(personas, login):
    client = login(personas.province_officer)
    assert client.get(url("form_detail", "0699", "HN", 2025)).status_code == 404
    assert client.get(url("form_detail", "0601", "HN", 1900)).status_code == 404
    assert client.get(url("form_detail", "0601", "KHONG", 2025)).status_code == 404


def test_preview_query_count_does_not_grow_with_records(
    stats_data, personas, login, django_assert_max_num_queries
):
    client = login(personas.province_officer)
    client.get(url("form_detail", "0602", "HN", 2025))  # warm the session
    with django_assert_max_num_queries(12):
        client.get(url("form_detail", "0602", "HN", 2025))


def test_cross_form_checks_name_the_bodies_without_officers(stats_data, personas, login):
    from vinhdanh.reports.models import TdktOfficer

    client = login(personas.province_officer)
    html = client.get(url("form_detail", "0604", "HN", 2025)).content.decode()
    assert "✔ Có tổ chức làm công tác TĐKT" in html
    assert "✔ Không bản ghi nào được tính ở cả biểu 0602 và biểu 0603" in html
    TdktOfficer.objects.all().delete()
    html = client.get(url("form_detail", "0604", "HN", 2025)).content.decode()
    assert "✘ Có tổ chức làm công tác TĐKT" in html
    assert "Biểu 0604 dòng 01 = 2; biểu 0605 dòng 01 = 0" in html
    assert "Ban TĐKT" in html and "Phòng TĐKT" in html and "Phòng cũ" not in html


def test_submit_is_refused_while_checks_fail_and_accepted_with_a_reason(
    stats_data, personas, login
):
    from vinhdanh.core.models import AuditEntry
    from vinhdanh.reports.models import ReportSubmission

    client = login(personas.province_officer)
    target = url("form_submit", "0603", "HN", 2025)
    response = client.post(target, {"nguoi_ky": "Nguyễn Văn Chủ"})
    html = response.content.decode()
    assert response.status_code == 422 and not ReportSubmission.objects.exists()
    assert "Biểu 0603.N/BNV-TĐKT còn 2 điều kiện khớp số chưa đạt" in html
    assert "ghi lý do vẫn gửi báo cáo" in html
    response = client.post(target, {"nguoi_ky": "Nguyễn Văn Chủ", "ly_do": "Chi chưa có chức vụ"})
    assert response.status_code == 302
    sub = ReportSubmission.objects.get()
    assert (sub.form_code, sub.year, sub.unit.code, sub.signer_name) == (
        "0603",
        2025,
        "HN",
        "Nguyễn Văn Chủ",
    )
    assert sub.cells["01|1"] == 4 and sub.cells["05|1"] == 3
    assert sub.override_reason == "Chi chưa có chức vụ" and len(sub.failed_checks) == 2
    assert AuditEntry.objects.filter(note="Gửi biểu 0603.N/BNV-TĐKT năm 2025").count() == 1
    html = client.get(url("form_detail", "0603", "HN", 2025)).content.decode()
    assert "gửi khi chưa khớp, lý do: Chi chưa có chức vụ" in html


def test_submit_refused_to_viewer_outsider_and_anonymous(stats_data, personas, login, client):
    from vinhdanh.reports.models import ReportSubmission

    target = url("form_submit", "0604", "HN.SYT", 2025)
    response = client.post(target)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    response = login(personas.viewer).post(target, {"ly_do": "x"})
    assert response.status_code == 403  # visible, but submitting is the officers' right
    assert "không có quyền gửi báo cáo" in response.content.decode()
    assert login(personas.outsider).post(target, {"ly_do": "x"}).status_code == 404
    assert not ReportSubmission.objects.exists()
