"""Reward money by the law in force on the decision date (CATALOGUE.md "Reward money"):
NĐ 98/2023 titles only from 01/01/2024, NĐ 152/2025 from 01/7/2025 to 28/02/2027, base salary
2.340.000 đ from 01/7/2024 and 2.530.000 đ from 01/7/2026 (NĐ 161/2026); a missing parameter
is a refusal naming the line, never 0 đ."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import RatingFactory
from vinhdanh.catalogue.jurisdiction import can_confer
from vinhdanh.catalogue.models import Honour
from vinhdanh.decisions import money, services
from vinhdanh.decisions.models import DecisionLine

ISSUE = {"signer_name": "Nguyễn Văn Giám", "signer_position": "Giám đốc"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def make(personas, tree, people):
    RatingFactory(person=people.an, year=2024, rating_id="HTT")

    def build(*codes, kind="individual"):
        decision = services.decision_create(
            personas.unit_officer, issuer=tree.syt, title="Về việc khen thưởng"
        )
        for code in codes:
            honour = Honour.objects.get(pk=code)
            if not can_confer(tree.syt, honour):
                # money is what these tests look at: a line the Sở may not confer is written
                # past the service (decisions.services refuses it; see test_law.py)
                subject = {"person": people.an} if kind == "individual" else {"unit": tree.hospital}
                DecisionLine.objects.create(
                    decision=decision,
                    position=decision.lines.count() + 1,
                    name=people.an.full_name if kind == "individual" else tree.hospital.name,
                    subject_kind=kind,
                    honour=honour,
                    achievement_year=2024,
                    **subject,
                )
                money.recompute(decision)
            elif kind == "individual":
                services.line_add(
                    personas.unit_officer,
                    decision,
                    honour=honour,
                    achievement_year=2024,
                    person=people.an,
                )
            else:
                services.line_add(
                    personas.unit_officer,
                    decision,
                    honour=honour,
                    achievement_year=2024,
                    unit=tree.hospital,
                )
        return decision

    return build


def on(decision, day):
    decision.date = day
    money.recompute(decision)
    return list(DecisionLine.objects.filter(decision=decision).order_by("position"))


@pytest.mark.parametrize(
    "day, amount",
    [
        (dt.date(2024, 6, 30), 540_000),  # 0,3 × 1.800.000, NĐ 98/2023 Điều 54
        (dt.date(2025, 6, 30), 710_000),  # 0,3 × 2.340.000 = 702.000 → 710.000
        (dt.date(2025, 7, 1), 710_000),  # NĐ 152/2025 from here
        (dt.date(2026, 6, 30), 710_000),
        (dt.date(2026, 7, 1), 760_000),  # 0,3 × 2.530.000 = 759.000 → 760.000
    ],
)
def test_ldtt_across_the_dates(make, day, amount):
    decision = make("LDTT")
    (line,) = on(decision, day)
    assert line.amount == amount and str(line.multiple) == "0.30"
    assert money.uncomputable_lines(decision) == []


def test_issue_on_01_07_2026_uses_nd161_base_salary(personas, make):
    decision = services.decision_issue(
        personas.signer, make("LDTT", "GIAY_KHEN"), date=dt.date(2026, 7, 1), **ISSUE
    )
    assert list(decision.lines.order_by("position").values_list("base_salary", "amount")) == [
        (2_530_000, 760_000),
        (2_530_000, 760_000),
    ]
    assert decision.total_amount == 1_520_000


def test_bang_khen_before_july_2025_is_refused_not_zero(make, people):
    decision = make("LDTT", "BK_TINH")
    ldtt, bk = on(decision, dt.date(2025, 3, 10))
    assert ldtt.amount == 710_000
    assert bk.amount is None and bk.multiple is None and bk.base_salary is None
    assert type(decision).objects.get(pk=decision.pk).total_amount == 710_000
    assert money.uncomputable_lines(decision) == [
        f"STT 2, {people.an.full_name}, Bằng khen cấp bộ, ban, ngành, tỉnh: Chưa có hệ số tiền "
        "thưởng của Bằng khen cấp bộ, ban, ngành, tỉnh (cá nhân) áp dụng ngày 10/03/2025."
    ]
    # the same lines dated 01/7/2025 are computed
    decision.date = dt.date(2025, 7, 1)
    assert money.uncomputable_lines(decision) == []
    assert [ln.amount for ln in on(decision, dt.date(2025, 7, 1))] == [710_000, 3_510_000]


def test_giay_khen_collective_30_06_vs_01_07_2025(make):
    decision = make("GIAY_KHEN", kind="collective")
    assert on(decision, dt.date(2025, 6, 30))[0].amount is None
    assert "Giấy khen (tập thể) áp dụng ngày 30/06/2025" in money.uncomputable_lines(decision)[0]
    assert on(decision, dt.date(2025, 7, 1))[0].amount == 1_410_000  # 0,6 × 2.340.000


def test_anything_before_2024_is_refused(make):
    decision = make("LDTT")
    assert on(decision, dt.date(2023, 12, 31))[0].amount is None
    assert money.uncomputable_lines(decision) == [
        "STT 1, Nguyễn Văn An, Lao động tiên tiến: Chưa có hệ số tiền thưởng của Lao động tiên "
        "tiến (cá nhân) áp dụng ngày 31/12/2023."
    ]


def test_no_base_salary_is_named(make):
    from vinhdanh.catalogue.models import BaseSalary, RewardMultiple

    RewardMultiple.objects.create(
        honour_id="LDTT", subject_kind="individual", multiple="0.3",
        valid_from=dt.date(2010, 1, 1), citation="Thử",
    )  # fmt: skip
    decision = make("LDTT")
    assert on(decision, dt.date(2015, 5, 4))[0].amount is None
    assert BaseSalary.objects.filter(valid_from__lte=dt.date(2015, 5, 4)).count() == 0
    assert money.uncomputable_lines(decision)[0].endswith(
        "Chưa có mức lương cơ sở áp dụng ngày 04/05/2015."
    )


def test_nd152_lapsed_from_01_03_2027_until_an_admin_confirms(make, personas):
    from decimal import Decimal

    from vinhdanh.catalogue import services as catalogue_services

    decision = make("LDTT")
    assert on(decision, dt.date(2027, 2, 28))[0].amount == 760_000
    assert on(decision, dt.date(2027, 3, 1))[0].amount is None
    (message,) = money.uncomputable_lines(decision)
    assert "đã hết hiệu lực (Nghị định 152/2025/NĐ-CP, Điều 60 khoản 1)" in message
    assert "quản trị hệ thống cần xác nhận bảng hệ số" in message
    catalogue_services.multiple_create(
        personas.admin,
        honour=Honour.objects.get(pk="LDTT"),
        subject_kind="individual",
        multiple=Decimal("0.3"),
        valid_from=dt.date(2027, 3, 1),
        citation="Văn bản thay thế (xác nhận của quản trị)",
    )
    assert on(decision, dt.date(2027, 3, 1))[0].amount == 760_000
    assert money.uncomputable_lines(decision) == []


def test_no_money_honour_and_lower_title_are_the_only_zeros(make):
    Honour.objects.create(
        code="KNC_KHONG_TIEN", name="Kỷ niệm chương không kèm tiền", category="form",
        for_individual=True, authority="MINISTER_PROVINCE", carries_money=False,
    )  # fmt: skip
    decision = make("LDTT", "CSTDCS", "KNC_KHONG_TIEN", "KNC")
    ldtt, cstdcs, free, knc = on(decision, dt.date(2025, 8, 1))
    assert (ldtt.amount, cstdcs.amount, free.amount) == (0, 2_340_000, 0)
    assert knc.amount is None  # KNC: the issuer's own amount is data, not entered: refused
    assert len(money.uncomputable_lines(decision)) == 1
