"""Statistics in a real browser, for each role that sees them: the dashboard's charts and
tables from the home page, a statutory form, a drill-down from one of its cells."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.reports.conftest import stats_data  # noqa: F401 - the known province's records

ROLES = [
    ("province_officer", "HN", "Ủy ban nhân dân Thành phố Hà Nội"),
    ("unit_officer", "HN.SYT", "Sở Y tế"),
    ("viewer", "HN.SYT", "Sở Y tế"),
]


@pytest.mark.parametrize(("persona", "code", "unit_name"), ROLES)
def test_dashboard_and_form_drill_down(page, sign_in, personas, stats_data, persona, code,  # noqa: F811
                                       unit_name):  # fmt: skip
    sign_in(getattr(personas, persona), personas.password)
    page.get_by_role("link", name="Biểu đồ thi đua, khen thưởng").click()
    expect(page.get_by_role("heading", name="Tổng quan thi đua, khen thưởng")).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(5)
    expect(page.locator("#bieu-do-cap-khen table")).to_contain_text("2025")
    assert page.locator("#bieu-do-cap-khen svg rect").count() >= 1

    page.goto(f"/thong-ke/bieu/0603/{code}/2025/")
    expect(page.get_by_text(f"Đơn vị báo cáo: {unit_name}")).to_be_visible()
    expect(page.locator("table.statform")).to_contain_text("Chia theo đối tượng khen thưởng")
    page.locator("table.statform tr.total a").first.click()
    expect(page.get_by_role("heading", name="Dòng 01 (Tổng số), cột 1 (Tổng số)")).to_be_visible()
    expect(page.locator("table.grid")).to_contain_text("Nguyễn Văn An")
