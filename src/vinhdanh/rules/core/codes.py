"""Stable codes of CATALOGUE.md and the Vietnamese words the engine's messages use.

Codes are the project's identifiers (data files, API); the short Vietnamese names are what a
person reads in a check's message. Nothing here depends on Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

INDIVIDUAL = "individual"
COLLECTIVE = "collective"
HOUSEHOLD = "household"
KINDS = (INDIVIDUAL, COLLECTIVE, HOUSEHOLD)
KIND_NAMES = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể", HOUSEHOLD: "hộ gia đình"}

GENDERS = ("male", "female")

# Yearly rating order (CATALOGUE.md "Ratings"): higher is better; "HTT or better" means >= 3.
RATING_RANK = {"HTXS": 4, "HTT": 3, "HT": 2, "KHT": 1}
HTXS = 4
HTT = 3

SANG_KIEN = "SANG_KIEN"
DE_TAI = "DE_TAI"
INITIATIVE_KINDS = (SANG_KIEN, DE_TAI)
INITIATIVE_KIND_NAMES = {SANG_KIEN: "sáng kiến", DE_TAI: "đề tài khoa học"}

# A wider scope satisfies a narrower requirement (CATALOGUE.md "Initiatives and research").
SCOPE_RANK = {"CO_SO": 1, "TINH": 2, "TOAN_QUOC": 3}
CO_SO, TINH, TOAN_QUOC = 1, 2, 3
SCOPE_NAMES = {"CO_SO": "cơ sở", "TINH": "cấp tỉnh", "TOAN_QUOC": "toàn quốc"}
SCOPE_NAME_BY_RANK = {1: "cơ sở", 2: "cấp tỉnh", 3: "toàn quốc"}
SCOPE_CODE_BY_RANK = {1: "CO_SO", 2: "TINH", 3: "TOAN_QUOC"}

# Short display names used inside messages (the catalogue holds the full names).
SHORT_NAMES = {
    "LDTT": "LĐTT",
    "CSTT": "CSTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_TINH": "CSTĐ cấp tỉnh",
    "CSTD_TQ": "CSTĐ toàn quốc",
    "TTLDTT": "TTLĐTT",
    "TTLDXS": "TTLĐXS",
    "CO_TD_TINH": "Cờ thi đua cấp tỉnh",
    "CO_TD_CP": "Cờ thi đua của Chính phủ",
    "XA_TIEU_BIEU": "Xã tiêu biểu",
    "THON_VH": "Thôn văn hóa",
    "GD_VH": "Gia đình văn hóa",
    "GIAY_KHEN": "Giấy khen",
    "BK_TINH": "Bằng khen cấp tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "HCLD3": "Huân chương Lao động hạng Ba",
    "HCLD2": "Huân chương Lao động hạng Nhì",
    "HCLD1": "Huân chương Lao động hạng Nhất",
    "HCDL3": "Huân chương Độc lập hạng Ba",
    "HCDL2": "Huân chương Độc lập hạng Nhì",
    "HCDL1": "Huân chương Độc lập hạng Nhất",
    "HC_HCM": "Huân chương Hồ Chí Minh",
    "HC_SAO_VANG": "Huân chương Sao vàng",
    "HC_DUNG_CAM": "Huân chương Dũng cảm",
    "KNC": "Kỷ niệm chương",
}

LAW = "Luật Thi đua, khen thưởng 2022"
ND152 = "Nghị định 152/2025/NĐ-CP"
ND98 = "Nghị định 98/2023/NĐ-CP"
TT01 = "Thông tư 01/2024/TT-BNV"
TT15 = "Thông tư 15/2025/TT-BNV"
TO_CONFIRM = "[cần xác nhận]"
LOCAL = "Quy định thi đua, khen thưởng của địa phương"

INFERRED_NOTE = "đủ điều kiện trong lần xét này"


def short_name(code: str) -> str:
    return SHORT_NAMES.get(code, code)


def span(lo: int, hi: int) -> str:
    """'2023–2025' (en dash), or '2025' for a one-year window."""
    return str(lo) if lo == hi else f"{lo}–{hi}"


def years_text(years: Iterable[int], inferred: int | None = None) -> str:
    """'2024, 2025' with the year found eligible in this run marked; 'không năm nào' if empty."""
    parts = [f"{y} ({INFERRED_NOTE})" if y == inferred else str(y) for y in years]
    return ", ".join(parts) if parts else "không năm nào"


def date_text(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def rating_text(code: str | None) -> str:
    return code if code else "chưa có xếp loại"


def percent(part: int, whole: int) -> str:
    """Share as a Vietnamese percentage with a decimal comma: 2/3 → '66,7%'."""
    if whole <= 0:
        return "0%"
    tenths = (part * 1000 + whole // 2) // whole
    whole_pct, frac = divmod(tenths, 10)
    return f"{whole_pct}%" if frac == 0 else f"{whole_pct},{frac}%"
