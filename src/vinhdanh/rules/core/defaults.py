"""CATALOGUE.md's values: the fallback catalogue when no database is present.

Reward multiples: Nghị định 152/2025/NĐ-CP, Điều 50, 51, 54 (in force from 1 July 2025).
Base salary: Nghị định 38/2019, 24/2023, 73/2024, 161/2026/NĐ-CP. Council vote thresholds (share of all
members): Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .catalogue import FORM, TITLE, Catalogue, CodeInfo
from .codes import COLLECTIVE, HOUSEHOLD, INDIVIDUAL
from .money import rows_from_table

_I = frozenset({INDIVIDUAL})
_C = frozenset({COLLECTIVE})
_H = frozenset({HOUSEHOLD})
_IC = frozenset({INDIVIDUAL, COLLECTIVE})
_ICH = frozenset({INDIVIDUAL, COLLECTIVE, HOUSEHOLD})

CODES: dict[str, CodeInfo] = {
    # Emulation titles (danh hiệu thi đua)
    "LDTT": CodeInfo(TITLE, _I, "Lao động tiên tiến"),
    "CSTT": CodeInfo(TITLE, _I, "Chiến sĩ tiên tiến"),
    "CSTDCS": CodeInfo(TITLE, _I, "Chiến sĩ thi đua cơ sở"),
    "CSTD_TINH": CodeInfo(TITLE, _I, "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"),
    "CSTD_TQ": CodeInfo(TITLE, _I, "Chiến sĩ thi đua toàn quốc"),
    "TTLDTT": CodeInfo(TITLE, _C, "Tập thể lao động tiên tiến"),
    "TTLDXS": CodeInfo(TITLE, _C, "Tập thể lao động xuất sắc"),
    "CO_TD_TINH": CodeInfo(TITLE, _C, "Cờ thi đua cấp bộ, ban, ngành, tỉnh"),
    "CO_TD_CP": CodeInfo(TITLE, _C, "Cờ thi đua của Chính phủ"),
    "XA_TIEU_BIEU": CodeInfo(TITLE, _C, "Xã, phường, đặc khu tiêu biểu"),
    "THON_VH": CodeInfo(TITLE, _C, "Thôn, tổ dân phố văn hóa"),
    "GD_VH": CodeInfo(TITLE, _H, "Gia đình văn hóa"),
    # Forms of commendation (hình thức khen thưởng)
    "GIAY_KHEN": CodeInfo(FORM, _ICH, "Giấy khen"),
    "BK_TINH": CodeInfo(FORM, _ICH, "Bằng khen cấp bộ, ban, ngành, tỉnh"),
    "BK_TTG": CodeInfo(FORM, _ICH, "Bằng khen của Thủ tướng Chính phủ"),
    "HCLD3": CodeInfo(FORM, _IC, "Huân chương Lao động hạng Ba"),
    "HCLD2": CodeInfo(FORM, _IC, "Huân chương Lao động hạng Nhì"),
    "HCLD1": CodeInfo(FORM, _IC, "Huân chương Lao động hạng Nhất"),
    "HCDL3": CodeInfo(FORM, _IC, "Huân chương Độc lập hạng Ba"),
    "HCDL2": CodeInfo(FORM, _IC, "Huân chương Độc lập hạng Nhì"),
    "HCDL1": CodeInfo(FORM, _IC, "Huân chương Độc lập hạng Nhất"),
    "HC_HCM": CodeInfo(FORM, _IC, "Huân chương Hồ Chí Minh"),
    "HC_SAO_VANG": CodeInfo(FORM, _IC, "Huân chương Sao vàng"),
    "HC_DUNG_CAM": CodeInfo(FORM, _I, "Huân chương Dũng cảm"),
    "KNC": CodeInfo(FORM, _I, "Kỷ niệm chương"),
}

# Share of ALL council members whose yes vote is needed.
THRESHOLDS: dict[str, float] = {
    "CSTD_TINH": 0.9,
    "CSTD_TQ": 0.9,
    "AHLD": 0.9,
    "AHLLVT": 0.9,
    "CSTDCS": 0.8,
    "CO_TD_TINH": 0.8,
    "CO_TD_CP": 0.8,
}


def _m(individual: str | None, collective: str | None) -> tuple[Decimal | None, Decimal | None]:
    return (
        Decimal(individual) if individual is not None else None,
        Decimal(collective) if collective is not None else None,
    )


# code: (individual multiple, collective multiple)
MULTIPLES: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "LDTT": _m("0.3", None),
    "CSTT": _m("0.3", None),
    "CSTDCS": _m("1.0", None),
    "CSTD_TINH": _m("3.0", None),
    "CSTD_TQ": _m("4.5", None),
    "TTLDTT": _m(None, "0.8"),
    "TTLDXS": _m(None, "1.5"),
    "THON_VH": _m(None, "1.5"),
    "XA_TIEU_BIEU": _m(None, "2.0"),
    "CO_TD_TINH": _m(None, "8.0"),
    "CO_TD_CP": _m(None, "12.0"),
    "GIAY_KHEN": _m("0.3", "0.6"),
    "BK_TINH": _m("1.5", "3.0"),
    "BK_TTG": _m("3.5", "7.0"),
    "HCLD3": _m("4.5", "9.0"),
    "HCLD2": _m("7.5", "15.0"),
    "HCLD1": _m("9.0", "18.0"),
    "HCDL3": _m("10.5", "21.0"),
    "HCDL2": _m("12.5", "25.0"),
    "HCDL1": _m("15.0", "30.0"),
    "HC_HCM": _m("30.5", "61.0"),
    "HC_SAO_VANG": _m("46.0", "92.0"),
    "HC_DUNG_CAM": _m("4.5", None),
}

BASE_SALARIES: tuple[tuple[date, int], ...] = (
    (date(2019, 7, 1), 1_490_000),  # Nghị định 38/2019/NĐ-CP
    (date(2023, 7, 1), 1_800_000),  # Nghị định 24/2023/NĐ-CP
    (date(2024, 7, 1), 2_340_000),  # Nghị định 73/2024/NĐ-CP
    (date(2026, 7, 1), 2_530_000),  # Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2
)

# Dated multiples (CATALOGUE.md "Reward money"): NĐ 98/2023 Điều 54 titles only from
# 01/01/2024 (its Huân chương, Bằng khen, Giấy khen multiples were not seen: refused); NĐ
# 152/2025 from 01/7/2025 until it lapses on 01/3/2027 (Điều 60 khoản 1); nothing before 2024.
ND98_TITLE_CODES = (
    "LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "THON_VH",
    "XA_TIEU_BIEU", "CO_TD_TINH", "CO_TD_CP",
)  # fmt: skip
MULTIPLE_ROWS = rows_from_table(
    {code: MULTIPLES[code] for code in ND98_TITLE_CODES},
    date(2024, 1, 1),
    "Nghị định 98/2023/NĐ-CP, Điều 54",
    date(2025, 6, 30),
) + rows_from_table(
    MULTIPLES, date(2025, 7, 1), "Nghị định 152/2025/NĐ-CP, Điều 50, 51, 54", date(2027, 2, 28)
)

# Dated council vote thresholds (CATALOGUE.md "Council vote thresholds"): NĐ 98/2023 until
# 30/6/2025; NĐ 152/2025 Điều 33 khoản 5 from 01/7/2025 for CSTĐ toàn quốc, Anh hùng titles
# and Cờ thi đua của Chính phủ; the other three keep the former share under the transition
# (Điều 60 khoản 2) to 31/12/2025, then a jurisdiction parameter with that default.
_ND98_VOTE = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
_ND152_VOTE = "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 5"
_TRANSITION_VOTE = (
    "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 2 (giữ mức cũ đến khi bộ, ngành, tỉnh ban hành "
    "quy định, chậm nhất đến 31/12/2025)"
)
_LOCAL_VOTE = (
    "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 5; Điều 6 khoản 2 (mức do bộ, ngành, tỉnh quy "
    "định; mặc định theo mức cũ) [cần xác nhận theo Thông tư 15/2025/TT-BNV]"
)
_LOCAL_VOTE_CODES = ("CSTD_TINH", "CSTDCS", "CO_TD_TINH")
THRESHOLD_ROWS: tuple[tuple[str, date, float, str], ...] = (
    tuple((code, date(2024, 1, 1), share, _ND98_VOTE) for code, share in THRESHOLDS.items())
    + tuple(
        (
            code,
            date(2025, 7, 1),
            share,
            _TRANSITION_VOTE if code in _LOCAL_VOTE_CODES else _ND152_VOTE,
        )
        for code, share in THRESHOLDS.items()
    )
    + tuple((code, date(2026, 1, 1), THRESHOLDS[code], _LOCAL_VOTE) for code in _LOCAL_VOTE_CODES)
)

CATALOGUE = Catalogue(
    codes=CODES,
    thresholds=THRESHOLDS,
    multiples=MULTIPLES,
    base_salaries=BASE_SALARIES,
    multiple_rows=MULTIPLE_ROWS,
    threshold_rows=THRESHOLD_ROWS,
)
