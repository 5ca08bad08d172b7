"""Post-2025 administrative divisions (34 provinces, their communes and wards).

The lists come from the ``vietnam_provinces`` package: static data shipped with the code, so
keeping them in module memory is safe (no per-request state).
"""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, Ward

from vinhdanh.core.text import text_sort_key


@cache
def provinces() -> list[tuple[int, str]]:
    """(code, name) of every province, in Vietnamese alphabetical order of the bare name."""
    rows = [(int(p.code), p.name) for p in Province.iter_all()]
    return sorted(rows, key=lambda r: text_sort_key(_bare(r[1])))


@cache
def _province_names() -> dict[int, str]:
    return dict(provinces())


@cache
def _wards_by_province() -> dict[int, list[tuple[int, str]]]:
    grouped: dict[int, list[tuple[int, str]]] = {}
    for w in Ward.iter_all():
        grouped.setdefault(int(w.province_code), []).append((int(w.code), w.name))
    for rows in grouped.values():
        rows.sort(key=lambda r: text_sort_key(_bare(r[1])))
    return grouped


@cache
def _wards() -> dict[int, tuple[str, int]]:
    return {int(w.code): (w.name, int(w.province_code)) for w in Ward.iter_all()}


def _bare(name: str) -> str:
    """Drop the division type so that "Phường Ba Đình" sorts under B."""
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def wards_of(province_code: int | None) -> list[tuple[int, str]]:
    if not province_code:
        return []
    return _wards_by_province().get(int(province_code), [])


def province_name(code: int | None) -> str:
    if not code:
        return ""
    return _province_names().get(int(code), "")


def ward_name(code: int | None) -> str:
    if not code:
        return ""
    row = _wards().get(int(code))
    return row[0] if row else ""


def ward_province(code: int) -> int | None:
    row = _wards().get(int(code))
    return row[1] if row else None


def address_problem(province_code: int | None, ward_code: int | None) -> tuple[str, str] | None:
    """(field, Vietnamese message) when the pair is not a valid address, else None."""
    if province_code and int(province_code) not in _province_names():
        return (
            "province_code",
            f"Mã tỉnh/thành phố {province_code} không có trong danh mục 34 tỉnh, thành phố.",
        )
    if ward_code:
        if not province_code:
            return "province_code", "Chọn tỉnh/thành phố trước khi chọn xã/phường."
        owner = ward_province(ward_code)
        if owner is None:
            return "ward_code", f"Mã xã/phường {ward_code} không có trong danh mục."
        if owner != int(province_code):
            return (
                "ward_code",
                f"{ward_name(ward_code)} không thuộc {province_name(province_code)}; hãy chọn lại xã/phường.",
            )
    return None


def full_address(street: str, ward_code: int | None, province_code: int | None) -> str:
    return ", ".join(p for p in (street, ward_name(ward_code), province_name(province_code)) if p)
