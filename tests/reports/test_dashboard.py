"""Dashboards (charts with their tables and .xlsx) and the reward fund ledger."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from vinhdanh.core.models import AuditEntry
from vinhdanh.reports.models import RewardFund

pytestmark = pytest.mark.django_db


def test_dashboard_draws_charts_with_their_tables(stats_data, personas, login):
    client = login(personas.province_officer)
    response = client.get(reverse("reports:dashboard"), {"don_vi": "HN", "nam": 2025})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 5 and "cdn" not in html.lower()
    # calendar 2025 by level: state r1–r4 and An's HCLD2 of 05/12/2025 = 5 (Dũng's is out of
    # scope); ministry r6–r8 + TTLDXS = 4 (An's BK_TINH is dated 01/12/2024); Giấy khen = 1
    assert '<th scope="row">2025</th><td>5</td><td>4</td><td>1</td>' in html
    assert "Khen thưởng theo cấp và năm" in html and "Hồ sơ đề nghị theo trạng thái" in html


def test_fairness_shares_use_the_position_at_the_decision(stats_data):
    from vinhdanh.reports.dashboard import fairness

    table, composition = fairness(_hn(), 2025)
    row = dict(table.rows)["2025"]
    # individuals decided in 2025 in Hà Nội: r1 An (leader), r2 Bình (direct), r6 Chi,
    # r8 Bình (direct), Giấy khen An (leader) — HCLD2 of 05/12/2025 is in 2025 too (leader)
    assert row[3] == 6
    assert row[0] == pytest.approx(33.3) and row[2] == pytest.approx(50.0)
    assert row[1] == pytest.approx(50.0)  # Bình twice, Chi once
    assert composition["total"] == 3


def _hn():
    from vinhdanh.orgs.models import Unit

    return Unit.objects.get(code="HN")


def test_each_chart_table_exports_as_xlsx(stats_data, personas, login):
    client = login(personas.province_officer)
    response = client.get(
        reverse("reports:dashboard"), {"don_vi": "HN", "nam": 2025, "xuat": "cap-khen"}
    )
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A1"].value == "Khen thưởng theo cấp và năm"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert rows[0] == ["Năm", "Cấp Nhà nước", "Cấp bộ, tỉnh", "Cấp cơ sở"]
    assert rows[-1] == ["2025", 5, 4, 1]


def test_fund_ledger_balance_and_warning_for_a_draft_that_would_overdraw(personas, login, tree):
    from vinhdanh.decisions.models import Decision, DecisionStatus
    from vinhdanh.reports.ledger import fund_warning

    year = dt.date.today().year
    client = login(personas.unit_officer)
    url = reverse("reports:fund_ledger")
    response = client.post(url, {"don_vi": "HN.SYT", "nam": year, "so_tien": "10.000.000"})
    assert response.status_code == 302
    fund = RewardFund.objects.get(unit=tree.syt, year=year)
    assert fund.amount == 10_000_000
    assert AuditEntry.objects.filter(object_type__icontains="rewardfund").count() == 1
    Decision.objects.create(issuer=tree.syt, title="QĐ 1", status=DecisionStatus.ISSUED,
                            date=dt.date(year, 1, 5), total_amount=7_000_000)  # fmt: skip
    draft = Decision.objects.create(issuer=tree.syt, title="Dự thảo lớn", total_amount=4_000_000)
    html = client.get(url, {"don_vi": "HN.SYT", "nam": year}).content.decode()
    assert "còn lại <strong>3.000.000 đ</strong>" in html
    assert "Quyết định này chi 4.000.000 đ, vượt số dư" in html
    assert fund_warning(draft).startswith("Quyết định này chi 4.000.000 đ")
    draft.total_amount = 3_000_000
    assert fund_warning(draft) == ""


def test_fund_refused_to_a_viewer_and_to_outsiders(personas, login, tree):
    url = reverse("reports:fund_ledger")
    response = login(personas.viewer).post(url, {"don_vi": "HN.SYT", "nam": 2025, "so_tien": "5"})
    assert response.status_code == 422 and not RewardFund.objects.exists()
    assert "không có quyền" in response.content.decode()
    response = login(personas.outsider).post(url, {"don_vi": "HN.SYT", "nam": 2025, "so_tien": "5"})
    assert response.status_code == 404 and not RewardFund.objects.exists()


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:fund_ledger"])
def test_dashboards_refuse_anonymous_outsider_and_roleless(name, client, personas, login):
    url = reverse(name)
    response = client.get(url, {"don_vi": "HN"})
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    assert login(personas.outsider).get(url, {"don_vi": "HN"}).status_code == 404
    assert login(personas.nobody).get(url).status_code == 404


def test_dashboard_query_count_is_flat(stats_data, personas, login, django_assert_max_num_queries):
    client = login(personas.province_officer)
    client.get(reverse("reports:dashboard"), {"don_vi": "HN", "nam": 2025})
    with django_assert_max_num_queries(14):
        client.get(reverse("reports:dashboard"), {"don_vi": "HN", "nam": 2025})


def test_draft_decision_page_warns_when_it_would_overdraw_the_fund(personas, login, tree):
    from vinhdanh.decisions.models import Decision

    year = dt.date.today().year
    RewardFund.objects.create(unit=tree.syt, year=year, amount=1_000_000)
    draft = Decision.objects.create(issuer=tree.syt, title="Dự thảo", total_amount=2_000_000)
    html = login(personas.unit_officer).get(reverse("decisions:decision_detail", args=[draft.pk]))
    html = html.content.decode()
    assert "⚠ Quyết định này chi 2.000.000 đ, vượt số dư quỹ thi đua, khen thưởng" in html


def test_titles_registered_against_achieved(stats_data, people, tree):
    from vinhdanh.emulation.models import Registration
    from vinhdanh.registry.models import HonourRecord
    from vinhdanh.reports.dashboard import registered_vs_achieved

    HonourRecord.objects.create(person=people.an, honour_id="LDTT", achievement_year=2025)
    for person, code in ((people.an, "LDTT"), (people.binh, "LDTT"), (people.chi, "CSTDCS")):
        Registration.objects.create(year=2025, unit=person.unit, kind="individual",
                                    person=person, honour_id=code)  # fmt: skip
    # the hospital registered TTLDXS and holds it for 2025 (stats_data); Sở GD&ĐT did not get it
    for unit in (tree.hospital, tree.sgd):
        Registration.objects.create(year=2025, unit=unit, kind="collective", honour_id="TTLDXS")
    Registration.objects.create(year=2025, unit=tree.syt_ht, kind="collective", honour_id="TTLDXS")
    table = registered_vs_achieved(_hn(), 2025)
    assert dict(table.rows) == {
        "Lao động tiên tiến": [2, 1],
        "Chiến sĩ thi đua cơ sở": [1, 0],
        "Tập thể lao động xuất sắc": [2, 1],
    }
