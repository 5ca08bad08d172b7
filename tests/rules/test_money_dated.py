"""Dated reward money in the engine core and the what-if contract (CATALOGUE.md "Reward
money"): the multiple and base salary in force on the decision date, refusals naming what is
missing, across 30/06/2025, 01/07/2025, 30/06/2026, 01/07/2026 and 01/03/2027."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from vinhdanh.rules.core import CATALOGUE, handle
from vinhdanh.rules.core.money import MoneyError, MultipleRow, compute_reward


def money(code, kind, day):
    return compute_reward(
        code,
        kind,
        day,
        rows=CATALOGUE.multiple_rows,
        salaries=CATALOGUE.base_salaries,
        name=CATALOGUE.name(code),
    )


@pytest.mark.parametrize(
    "code, kind, day, amount",
    [
        ("LDTT", "individual", date(2024, 1, 1), 540_000),  # NĐ 98/2023 Điều 54 × 1.800.000
        ("LDTT", "individual", date(2025, 6, 30), 710_000),  # 702.000 → 710.000
        ("LDTT", "individual", date(2025, 7, 1), 710_000),
        ("LDTT", "individual", date(2026, 6, 30), 710_000),
        ("LDTT", "individual", date(2026, 7, 1), 760_000),  # 759.000 → 760.000 (NĐ 161/2026)
        ("TTLDTT", "collective", date(2025, 6, 30), 1_880_000),
        ("BK_TINH", "individual", date(2025, 7, 1), 3_510_000),
        ("BK_TINH", "individual", date(2026, 7, 1), 3_800_000),  # 3.795.000 → 3.800.000
        ("GIAY_KHEN", "household", date(2026, 7, 1), 1_140_000),  # 1,5 × 760.000
        ("LDTT", "individual", date(2027, 2, 28), 760_000),
    ],
)
def test_amount_by_date(code, kind, day, amount):
    assert money(code, kind, day).amount == amount


@pytest.mark.parametrize(
    "code, kind, day, missing, message",
    [
        ("BK_TINH", "individual", date(2025, 3, 10), "multiple",
         "Chưa có hệ số tiền thưởng của Bằng khen cấp bộ, ban, ngành, tỉnh (cá nhân) áp dụng "
         "ngày 10/03/2025."),
        ("HCLD3", "collective", date(2025, 6, 30), "multiple",
         "Chưa có hệ số tiền thưởng của Huân chương Lao động hạng Ba (tập thể) áp dụng ngày "
         "30/06/2025."),
        ("LDTT", "individual", date(2023, 12, 31), "multiple",
         "Chưa có hệ số tiền thưởng của Lao động tiên tiến (cá nhân) áp dụng ngày 31/12/2023."),
        ("GD_VH", "household", date(2025, 8, 1), "multiple",
         "Chưa có hệ số tiền thưởng của Gia đình văn hóa (hộ gia đình) áp dụng ngày 01/08/2025."),
        ("LDTT", "individual", None, "date",
         "Chưa có ngày quyết định nên chưa tính được tiền thưởng của Lao động tiên tiến (cá nhân)."),
    ],
)  # fmt: skip
def test_refusals_name_the_missing_parameter(code, kind, day, missing, message):
    with pytest.raises(MoneyError) as info:
        money(code, kind, day)
    assert info.value.missing == missing and info.value.message == message


def test_lapsed_table_from_01_03_2027_until_a_row_is_added():
    with pytest.raises(MoneyError) as info:
        money("LDTT", "individual", date(2027, 3, 1))
    assert info.value.missing == "lapsed"
    assert "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 1" in info.value.message
    confirmed = (
        *CATALOGUE.multiple_rows,
        MultipleRow("LDTT", "individual", date(2027, 3, 1), Decimal("0.3"), "Văn bản mới"),
    )
    reward = compute_reward(
        "LDTT", "individual", date(2027, 3, 1), rows=confirmed, salaries=CATALOGUE.base_salaries
    )
    assert reward.amount == 760_000


def test_no_base_salary_refused():
    rows = (MultipleRow("LDTT", "individual", date(2010, 1, 1), Decimal("0.3"), "x"),)
    with pytest.raises(MoneyError) as info:
        compute_reward(
            "LDTT", "individual", date(2015, 1, 1), rows=rows, salaries=CATALOGUE.base_salaries
        )
    assert info.value.missing == "base_salary"
    assert info.value.message == "Chưa có mức lương cơ sở áp dụng ngày 01/01/2015."


REQUEST = {
    "year": 2025,
    "subject": {
        "kind": "individual",
        "ratings": {"2024": "HTXS", "2025": "HTXS"},
        "titles": [{"code": "CSTDCS", "year": 2024}],
        "initiatives": [{"kind": "SANG_KIEN", "scope": "CO_SO", "year": 2025}],
    },
    "targets": ["LDTT", "BK_TINH"],
}


@pytest.mark.parametrize(
    "day, ldtt, bk_tinh",
    [
        ("2025-03-10", {"multiple": 0.3, "amount": 710_000}, None),
        ("2025-07-01", {"multiple": 0.3, "amount": 710_000}, {"multiple": 1.5, "amount": 3_510_000}),
        ("2026-06-30", {"multiple": 0.3, "amount": 710_000}, {"multiple": 1.5, "amount": 3_510_000}),
        ("2026-07-01", {"multiple": 0.3, "amount": 760_000}, {"multiple": 1.5, "amount": 3_800_000}),
    ],
)  # fmt: skip
def test_contract_reward_by_decision_date(day, ldtt, bk_tinh):
    out = handle({**REQUEST, "decision_date": day})
    first, second = out["results"]
    assert first["reward"] == ldtt and "reward_error" not in first
    assert second["reward"] == bk_tinh
    if bk_tinh is None:
        assert second["reward_error"] == (
            "Chưa có hệ số tiền thưởng của Bằng khen cấp bộ, ban, ngành, tỉnh (cá nhân) áp dụng "
            "ngày 10/03/2025."
        )


@pytest.mark.django_db
def test_cli_uses_database_multiples_and_salary_across_2026(tmp_path):
    for day, amount in (("2026-06-30", 710_000), ("2026-07-01", 760_000)):
        path = tmp_path / "req.json"
        path.write_text(json.dumps({**REQUEST, "decision_date": day}), encoding="utf-8")
        out = io.StringIO()
        call_command("eligibility_check", str(path), stdout=out, stderr=io.StringIO())
        data = json.loads(out.getvalue())
        assert data["results"][0]["reward"] == {"multiple": 0.3, "amount": amount}
    path.write_text(json.dumps({**REQUEST, "decision_date": "2025-03-10"}), encoding="utf-8")
    out = io.StringIO()
    call_command("eligibility_check", str(path), stdout=out, stderr=io.StringIO())
    bk = json.loads(out.getvalue())["results"][1]
    assert bk["reward"] is None and "áp dụng ngày 10/03/2025" in bk["reward_error"]
