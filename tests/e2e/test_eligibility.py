"""Browser journey: an officer opens the profile of a person due for CSTĐ cấp tỉnh and sees
the verdict with its checks and citations."""

from __future__ import annotations

import datetime as dt

from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PersonFactory
from tests.rules.conftest import give


def _catalogue():
    """transactional_db flushes the tables after each test; reload the catalogue if needed."""
    from vinhdanh.catalogue import data
    from vinhdanh.catalogue.models import Honour

    if not Honour.objects.exists():
        data.load(django_apps)


def test_profile_shows_cstd_tinh_eligible_with_checks(page, sign_in, personas, tree):
    _catalogue()
    y = timezone.localdate().year
    person = PersonFactory(full_name="Vũ Thị Hồng Nhung", unit=tree.hospital, gender="female",
                           hired_on=dt.date(2012, 3, 1))  # fmt: skip
    give(
        person,
        ratings={y - 3: "HTT", y - 2: "HTXS", y - 1: "HTXS", y: "HTXS"},
        titles=[("LDTT", y - 2), ("CSTDCS", y - 2), ("LDTT", y - 1), ("CSTDCS", y - 1)],
        initiatives=[
            ("SANG_KIEN", "CO_SO", y - 2),
            ("SANG_KIEN", "CO_SO", y - 1),
            ("SANG_KIEN", "TINH", y),
        ],  # fmt: skip
    )
    sign_in(personas.unit_officer, personas.password)
    page.goto(f"/so/ca-nhan/{person.pk}/")
    expect(page.get_by_role("heading", name="Điều kiện khen thưởng")).to_be_visible()
    row = page.locator("section.eligibility table").first.locator('tr[data-target="CSTD_TINH"]')
    expect(row).to_contain_text("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh")
    expect(row.locator(".badge")).to_have_text("Đủ điều kiện")
    checks = row.locator("li")
    expect(checks.first).to_be_visible()  # the checks of an eligible target are open
    expect(row).to_contain_text("Điều 22")
    expect(row.locator("li.unmet")).to_have_count(0)
    page.screenshot(path="/tmp/rules_e2e_profile.png", full_page=True)
