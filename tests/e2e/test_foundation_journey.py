"""Issue "Foundation" journey in a real browser: import people from the downloaded template,
find one by an accent-free search, open the profile timeline, download the list export."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.xlsx import export_rows
from vinhdanh.orgs.models import Membership, Person
from vinhdanh.orgs.validators import make_cccd

NEW_PEOPLE = [
    ("Nguyễn Thị Ánh Tuyết", "Nữ", dt.date(1988, 4, 12), "Điều dưỡng trưởng"),
    ("Đặng Quốc Bảo", "Nam", dt.date(1979, 11, 3), "Bác sĩ"),
]


def _fill_template(src: str, dest: str) -> list[str]:
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    ws.delete_rows(2, ws.max_row)  # drop the example row
    cccds = []
    for i, (name, gender, born, position) in enumerate(NEW_PEOPLE):
        cccd = make_cccd(1, "female" if gender == "Nữ" else "male", born.year, 700 + i)
        cccds.append(cccd)
        row = [None] * len(headers)
        row[col["Số CCCD"]] = cccd
        row[col["Họ và tên"]] = name
        row[col["Giới tính"]] = gender
        row[col["Ngày sinh"]] = born.strftime("%d/%m/%Y")
        row[col["Mã đơn vị"]] = "HN.SYT"
        row[col["Chức vụ"]] = position
        row[col["Lãnh đạo"]] = "Không"
        row[col["Lao động trực tiếp"]] = "Có"
        row[col["Ngày bắt đầu công tác"]] = "01/03/2012"
        ws.append(row)
    wb.save(dest)
    return cccds


def test_import_search_profile_and_export(page, sign_in, personas, tree, tmp_path):
    sign_in(personas.unit_officer, personas.password)

    # 1. Download the people template and fill it in.
    page.get_by_role("link", name="Nhập đơn vị, cá nhân").click()
    with page.expect_download() as template_info:
        page.get_by_role("link", name="Tải tệp mẫu").nth(1).click()
    template = tmp_path / "mau.xlsx"
    template_info.value.save_as(template)
    filled = tmp_path / "ca-nhan.xlsx"
    cccds = _fill_template(str(template), str(filled))

    # 2. Upload, look at the preview, confirm.
    page.get_by_label("Cá nhân", exact=True).check()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(filled))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_be_visible()
    assert Person.objects.filter(cccd__in=cccds).count() == 0  # nothing written before confirming
    page.get_by_label("Tôi đã xem bản xem trước và đồng ý ghi dữ liệu này vào hệ thống").check()
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_text("Hoàn tất").first).to_be_visible()
    assert Person.objects.filter(cccd__in=cccds, unit=tree.syt).count() == 2
    assert Membership.objects.filter(person__cccd__in=cccds, end__isnull=True).count() == 2

    # 3. Accent-free search finds the imported person.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Cá nhân", exact=True
    ).click()
    page.get_by_label("Họ tên hoặc số CCCD").fill("nguyen thi anh tuyet")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Nguyễn Thị Ánh Tuyết")).to_be_visible()
    expect(page.get_by_role("link", name="Đặng Quốc Bảo")).to_have_count(0)

    # 4. Profile: add a rating through the page, see it on the timeline.
    page.get_by_role("link", name="Nguyễn Thị Ánh Tuyết").click()
    expect(page.get_by_role("heading", name="Nguyễn Thị Ánh Tuyết")).to_be_visible()
    form = page.locator("#them-rating")
    form.locator("summary").click()
    form.get_by_label("Năm").fill("2024")
    form.get_by_label("Xếp loại").select_option("HTXS")
    form.get_by_role("button", name="Thêm vào sổ").click()
    expect(page.locator(".timeline")).to_contain_text("Năm 2024")
    expect(page.locator(".timeline")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")

    # 5. Export the people list of the unit and read the rows back.
    page.goto(f"/to-chuc/ca-nhan/?unit={tree.syt.pk}")
    with page.expect_download() as export_info:
        page.get_by_role("link", name="Xuất Excel").click()
    exported = tmp_path / "xuat.xlsx"
    export_info.value.save_as(exported)
    rows = export_rows(exported)
    names = {r[rows[0].index("Họ và tên")] for r in rows[1:]}
    assert {"Nguyễn Thị Ánh Tuyết", "Đặng Quốc Bảo"} <= names
