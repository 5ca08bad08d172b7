"""Vietnamese wording in official documents: dates and sums of money written in words.

Nghị định 30/2020/NĐ-CP, Phụ lục I: the place and date line reads "Hà Nội, ngày 05 tháng 01 năm
2024" — days below 10 and the months 1 and 2 take a leading zero.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
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


_PLACE_PREFIXES = re.compile(
    r"^(?:(?:ủy|uỷ) ban nhân dân|hội đồng nhân dân|ubnd|hđnd)\s+", re.IGNORECASE
)
_PLACE_KIND = re.compile(r"^(?:thành phố|tỉnh|xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE)


def place_of(body_name: str) -> str:
    """The place for the date line from a local body's name, either spelling of "Ủy"/"Uỷ":
    "Ủy ban nhân dân thành phố Hà Nội" / "Uỷ ban nhân dân Thành phố Hà Nội" → "Hà Nội",
    "Ủy ban nhân dân phường Ba Đình" → "Ba Đình". Other bodies give "" (no place)."""
    name = unicodedata.normalize("NFC", body_name.strip())
    name = _PLACE_PREFIXES.sub("", name)
    if not _PLACE_KIND.match(name):
        return ""
    return _PLACE_KIND.sub("", name).strip()


def _bare(name: str) -> str:
    return _PLACE_KIND.sub("", unicodedata.normalize("NFC", name.strip())).strip()


def place_for_unit(unit) -> str:
    """The place (địa danh) of a unit's documents (NĐ 30, Phụ lục I, mục II.4): the commune for
    a commune-level body, else the province where the body sits — from the unit's recorded
    locality (orgs divisions), walking up to the nearest ancestor that has one; failing that,
    from a local body's name ("Ủy ban nhân dân tỉnh X" → "X")."""
    from vinhdanh.orgs.divisions import province_name, ward_name
    from vinhdanh.orgs.enums import UnitLevel
    from vinhdanh.orgs.models import Unit

    ids = list(reversed(unit.ancestor_ids())) if unit.pk else []
    chain = {u.pk: u for u in Unit.objects.filter(pk__in=ids)} if ids else {}
    units = [chain.get(pk, unit) for pk in ids] or [unit]
    if units[0].pk != unit.pk:
        units.insert(0, unit)
    for u in units:
        if u.level == UnitLevel.COMMUNE and u.ward_code and ward_name(u.ward_code):
            return _bare(ward_name(u.ward_code))
        if u.province_code and province_name(u.province_code):
            return _bare(province_name(u.province_code))
        place = place_of(u.name)
        if place:
            return place
    return ""
