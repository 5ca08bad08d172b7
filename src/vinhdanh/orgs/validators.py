"""Validation of Vietnamese identifiers.

CCCD (căn cước công dân, 12 digits; Thông tư 59/2021/TT-BCA Điều 7): digits 1–3 are the
province of birth registration (001–096), digit 4 encodes century and gender (0/1 = 20th
century male/female, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd, 8/9 = 19th), digits 5–6 are the
last two digits of the year of birth, digits 7–12 a serial.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

_CCCD = re.compile(r"^\d{12}$")
_CENTURY_BASE = {0: 1900, 2: 2000, 4: 2100, 6: 2200, 8: 1800}


def cccd_problem(
    value: str, *, gender: str | None = None, birth: dt.date | None = None
) -> str | None:
    """Vietnamese message describing what is wrong with a CCCD, or None when it is valid."""
    if not value or not _CCCD.match(value):
        return "CCCD phải gồm đúng 12 chữ số."
    province = int(value[:3])
    if not 1 <= province <= 96:
        return f"CCCD có mã tỉnh {value[:3]} không hợp lệ (001–096)."
    code = int(value[3])
    century = _CENTURY_BASE[code - code % 2]
    is_female = code % 2 == 1
    if gender is not None and gender in {"male", "female"} and is_female != (gender == "female"):
        return "CCCD không khớp giới tính (chữ số thứ 4)."
    if birth is not None and century + int(value[4:6]) != birth.year:
        return f"CCCD không khớp năm sinh {birth.year} (chữ số 4–6)."
    return None


def validate_cccd(value: str) -> None:
    problem = cccd_problem(value)
    if problem:
        raise ValidationError(problem, code="cccd")


def make_cccd(province: int, gender: str, birth_year: int, serial: int) -> str:
    """Build a well-formed CCCD (used by demo data and tests)."""
    century = birth_year - birth_year % 100
    base = {1900: 0, 2000: 2, 2100: 4, 2200: 6, 1800: 8}[century]
    return f"{province:03d}{base + (1 if gender == 'female' else 0)}{birth_year % 100:02d}{serial % 1_000_000:06d}"
