"""The statutory forms by code and legal basis. A report year uses the newest version whose
circular applies to it; a new circular's forms are added here as another data module."""

from __future__ import annotations

from . import tt02_2023
from .base import FormVersion

VERSIONS: tuple[FormVersion, ...] = (*tt02_2023.FORMS,)
CODES = tuple(sorted({f.code for f in VERSIONS}))


class UnknownForm(LookupError):
    pass


def form_for(code: str, year: int) -> FormVersion:
    """The version of form ``code`` that applies to report year ``year``."""
    candidates = [f for f in VERSIONS if f.code == code]
    if not candidates:
        raise UnknownForm(
            f"Không có biểu {code}. Các biểu thống kê: {', '.join(CODES)} (.N/BNV-TĐKT)."
        )
    usable = [f for f in candidates if f.valid_from_year <= year]
    if not usable:
        first = min(f.valid_from_year for f in candidates)
        raise UnknownForm(
            f"Chưa có mẫu biểu {code} cho năm {year}: mẫu hiện có (Thông tư 02/2023/TT-BNV) "
            f"áp dụng từ năm {first}."
        )
    return max(usable, key=lambda f: f.valid_from_year)
