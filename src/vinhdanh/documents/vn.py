"""Vietnamese wording in official documents: dates and sums of money written in words.

Nghị định 30/2020/NĐ-CP, Phụ lục I: the place and date line reads "Hà Nội, ngày 05 tháng 01 năm
2024" — days below 10 and the months 1 and 2 take a leading zero.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from num2words import num2words


def date_in_words(date: dt.date, place: str = "") -> str:
    """``ngày 21 tháng 5 năm 2024``, preceded by ``place, `` when a place is given."""
    day = f"{date.day:02d}" if date.day < 10 else str(date.day)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    text = f"ngày {day} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text


def _group_words(n: int, *, leading: bool) -> str:
    """Words for 0 < n < 1000. A group after a higher one spells its hundreds ("không trăm")."""
    if leading or n >= 100:
        return num2words(n, lang="vi")
    if n < 10:
        return f"không trăm lẻ {num2words(n, lang='vi')}"
    return f"không trăm {num2words(n, lang='vi')}"


def _below_billion(n: int, *, leading: bool) -> str:
    groups = [(n // 1_000_000) % 1000, (n // 1000) % 1000, n % 1000]
    words: list[str] = []
    for value, scale in zip(groups, ["triệu", "nghìn", ""], strict=True):
        if not value:
            continue
        words.append(_group_words(value, leading=leading and not words))
        if scale:
            words.append(scale)
    return " ".join(words)


def number_in_words(n: int) -> str:
    """Vietnamese words for an integer, e.g. 1.021 → "một nghìn không trăm hai mươi mốt";
    above a billion the count of "tỷ" is itself spelled ("hai nghìn năm trăm tỷ")."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return "không"
    billions, rest = divmod(n, 1_000_000_000)
    parts = []
    if billions:
        parts.append(f"{number_in_words(billions)} tỷ")
    if rest:
        parts.append(_below_billion(rest, leading=not billions))
    return " ".join(parts)


def money_in_words(amount: int | Decimal) -> str:
    """``Hai triệu ba trăm bốn mươi nghìn đồng`` (whole đồng; fractions are dropped)."""
    text = f"{number_in_words(int(amount))} đồng"
    return text[0].upper() + text[1:]


_PLACE_PREFIXES = re.compile(r"^(?:ủy ban nhân dân|ủy ban nhân dân|ubnd|hđnd)\s+", re.IGNORECASE)
_PLACE_KIND = re.compile(r"^(?:thành phố|tỉnh)\s+", re.IGNORECASE)


def place_of(body_name: str) -> str:
    """The place for the date line from a province/city body's name:
    "Ủy ban nhân dân Thành phố Hà Nội" → "Hà Nội". Other bodies give "" (no place)."""
    name = _PLACE_PREFIXES.sub("", body_name.strip())
    if not _PLACE_KIND.match(name):
        return ""
    return _PLACE_KIND.sub("", name)
