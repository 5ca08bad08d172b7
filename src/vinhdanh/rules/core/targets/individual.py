"""Individual emulation titles: LĐTT, CSTĐCS, CSTĐ cấp tỉnh, CSTĐ toàn quốc.

Luật Thi đua, khen thưởng 2022, Điều 21–24; council thresholds are catalogue data
(NĐ 98/2023 Điều 30 khoản 7), not checks, because the vote is not in the history.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ..codes import (
    CO_SO,
    DE_TAI,
    HTT,
    HTXS,
    INDIVIDUAL,
    LAW,
    SANG_KIEN,
    TINH,
    TO_CONFIRM,
    TOAN_QUOC,
    TT01,
    TT15,
    date_text,
    rating_text,
    span,
    years_text,
)
from ..registry import CONVENTION, SUMMARY, TEXT, Message, Param, Registry, Rule, TargetSpec
from .common import LAW_FROM, TT15_FROM, Params, held_text, initiatives_text

if TYPE_CHECKING:
    from ..engine import Subject

# -- LĐTT, Luật Điều 24 khoản 1 ---------------------------------------------------------------


def ldtt_rating(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Rating for Y is HTT or better."""
    rating = s.h.ratings.get(y)
    return s.h.rank.get(
        y, 0
    ) >= HTT, lambda: f"Cần xếp loại từ HTT trở lên năm {y}; hồ sơ: {rating_text(rating)}."


@lru_cache(maxsize=256)
def tenure_cutoff(year: int, months: int) -> date:
    """Latest first working day that still gives `months` full months by 31 Dec of `year`.

    Six months before the end of 2025 is 1 July 2025: a person starting on 1 July works July
    to December in full and is considered; one starting on 2 July is not.
    """
    index = (year + 1) * 12 - months  # months since year 0, counted from 1 Jan of year + 1
    cy, cm = divmod(index, 12)
    return date(cy, cm + 1, 1)


def ldtt_tenure(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """A person hired less than `ldtt.min_months` months before the end of Y is not
    considered (TT 01/2024/TT-BNV); maternity leave and training under 12 months count as
    time worked, so only the first working day matters."""
    months = p["ldtt.min_months"]
    cutoff = tenure_cutoff(y, months)
    hired = s.h.hired_on

    def message() -> str:
        required = (
            f"Cần bắt đầu công tác chậm nhất ngày {date_text(cutoff)} (đủ {months} tháng tính "
            f"đến 31/12/{y}; thời gian nghỉ thai sản, đào tạo dưới 12 tháng vẫn tính)"
        )
        if hired is None:
            return f"{required}; hồ sơ không ghi ngày bắt đầu công tác nên không loại trừ."
        return f"{required}; hồ sơ: bắt đầu ngày {date_text(hired)}."

    return (True if hired is None else hired <= cutoff), message


# -- CSTĐCS, Luật Điều 23 ----------------------------------------------------------------------


def cstdcs_ldtt(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """LĐTT for Y (a recorded CSTT, the armed forces' LĐTT, counts too)."""
    state = s.holds("LDTT", y) or (1 if s.h.has("CSTT", y) else 0)
    return state > 0, lambda: f"Cần danh hiệu LĐTT năm {y}; hồ sơ: {held_text(state)}."


def cstdcs_excellence(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Rating HTXS for Y, or an initiative of Y with scope CO_SO or wider, or an accepted
    research project of Y."""
    h = s.h
    initiatives = h.count_initiatives(SANG_KIEN, y, y, CO_SO)
    research = h.count_initiatives(DE_TAI, y, y, 0)
    met = h.rank.get(y, 0) >= HTXS or initiatives > 0 or research > 0
    return (
        met,
        lambda: (
            f"Cần năm {y} có một trong: xếp loại HTXS, sáng kiến phạm vi cơ sở trở lên, đề tài "
            f"khoa học được nghiệm thu; hồ sơ: xếp loại {rating_text(h.ratings.get(y))}, "
            f"{initiatives} sáng kiến, {research} đề tài."
        ),
    )


# -- CSTĐ cấp tỉnh, Luật Điều 22 ---------------------------------------------------------------


def cstd_tinh_run(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """CSTĐCS in each of Y-2, Y-1 and Y."""
    years, inferred = s.held_years("CSTDCS", y - 2, y)
    return (
        len(years) == 3,
        lambda: (
            f"Cần 3 năm liên tục đạt CSTĐCS ({span(y - 2, y)}); hồ sơ có: "
            f"{years_text(years, inferred)}."
        ),
    )


def cstd_tinh_initiative(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """An initiative or accepted research of scope TINH or wider recognised in [Y-2, Y]."""
    lo = y - 2
    return (
        s.h.any_initiative(lo, y, TINH),
        lambda: (
            f"Cần sáng kiến hoặc đề tài khoa học phạm vi cấp tỉnh trở lên trong {span(lo, y)}; "
            f"hồ sơ có: {initiatives_text(s.h.initiatives_in(lo, y))}."
        ),
    )


# -- CSTĐ toàn quốc, Luật Điều 21 --------------------------------------------------------------


def cstd_tq_twice(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """CSTĐ cấp tỉnh held for Y and for Y-3: two consecutive three-year runs [convention]."""
    now = s.holds("CSTD_TINH", y)
    before = s.holds("CSTD_TINH", y - 3)
    years, inferred = s.held_years("CSTD_TINH", y - 5, y)
    return (
        bool(now and before),
        lambda: (
            f"Cần CSTĐ cấp tỉnh hai lần liên tiếp (năm {y - 3} và năm {y}); hồ sơ có trong "
            f"{span(y - 5, y)}: {years_text(years, inferred)}."
        ),
    )


def cstd_tq_initiative(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """An initiative or accepted research of scope TOAN_QUOC recognised in [Y-5, Y]."""
    lo = y - 5
    return (
        s.h.any_initiative(lo, y, TOAN_QUOC),
        lambda: (
            f"Cần sáng kiến hoặc đề tài khoa học phạm vi toàn quốc trong {span(lo, y)}; "
            f"hồ sơ có: {initiatives_text(s.h.initiatives_in(lo, y))}."
        ),
    )


def register(registry: Registry) -> None:
    law24 = f"{LAW}, Điều 24 khoản 1"
    law23 = f"{LAW}, Điều 23"
    law22 = f"{LAW}, Điều 22"
    law21 = f"{LAW}, Điều 21"
    rules = [
        Rule("ldtt.rating", "LDTT", INDIVIDUAL, law24, TEXT, LAW_FROM,
             "Xếp loại năm xét từ Hoàn thành tốt nhiệm vụ trở lên.", ldtt_rating),
        Rule("ldtt.tenure", "LDTT", INDIVIDUAL, TT01, SUMMARY, LAW_FROM,
             "Người mới tuyển dụng dưới số tháng quy định tính đến 31/12 năm xét thì không "
             "xét; nghỉ thai sản, đào tạo dưới 12 tháng vẫn tính thời gian công tác.",
             ldtt_tenure,
             (Param("ldtt.min_months", 6, "Số tháng công tác tối thiểu trong năm xét", 0, 12),)),
        Rule("cstdcs.ldtt", "CSTDCS", INDIVIDUAL, law23, TEXT, LAW_FROM,
             "Đạt danh hiệu Lao động tiên tiến năm xét.", cstdcs_ldtt),
        Rule("cstdcs.excellence", "CSTDCS", INDIVIDUAL, law23, TEXT, LAW_FROM,
             "Năm xét có một trong: xếp loại HTXS; sáng kiến phạm vi cơ sở trở lên; đề tài "
             "khoa học được nghiệm thu.", cstdcs_excellence),
        Rule("cstd_tinh.cstdcs_run", "CSTD_TINH", INDIVIDUAL, law22, TEXT, LAW_FROM,
             "Ba năm liên tục đạt Chiến sĩ thi đua cơ sở (Y-2, Y-1, Y).", cstd_tinh_run),
        Rule("cstd_tinh.initiative", "CSTD_TINH", INDIVIDUAL, law22, TEXT, LAW_FROM,
             "Sáng kiến hoặc đề tài khoa học phạm vi cấp bộ, ngành, tỉnh trở lên được công "
             "nhận trong ba năm Y-2 đến Y.", cstd_tinh_initiative),
        Rule("cstd_tq.cstd_tinh_twice", "CSTD_TQ", INDIVIDUAL, law21, CONVENTION, LAW_FROM,
             "Hai lần liên tục đạt CSTĐ cấp tỉnh: năm Y và năm Y-3 (hai chu kỳ ba năm liền "
             "nhau).", cstd_tq_twice),
        Rule("cstd_tq.initiative", "CSTD_TQ", INDIVIDUAL, law21, TEXT, LAW_FROM,
             "Sáng kiến hoặc đề tài khoa học phạm vi toàn quốc được công nhận trong sáu năm "
             "Y-5 đến Y.", cstd_tq_initiative),
    ]  # fmt: skip
    for rule in rules:
        registry.register(rule)
    # From 05/8/2025 TT 15/2025/TT-BNV replaces TT 01/2024; its article was not seen, so the
    # check stays as it is and its citation carries the mark (RULES.md, LDTT).
    tenure = registry.version("ldtt.tenure", LAW_FROM)
    registry.register(
        Rule(tenure.id, tenure.target, tenure.kind, f"{TT15} {TO_CONFIRM}", SUMMARY, TT15_FROM,
             tenure.description, tenure.check, tenure.params)
    )  # fmt: skip
    registry.add_target(TargetSpec("LDTT", INDIVIDUAL, (("ldtt.rating", "ldtt.tenure"),)))
    registry.add_target(TargetSpec("CSTDCS", INDIVIDUAL, (("cstdcs.ldtt", "cstdcs.excellence"),)))
    registry.add_target(
        TargetSpec("CSTD_TINH", INDIVIDUAL, (("cstd_tinh.cstdcs_run", "cstd_tinh.initiative"),))
    )
    registry.add_target(
        TargetSpec("CSTD_TQ", INDIVIDUAL, (("cstd_tq.cstd_tinh_twice", "cstd_tq.initiative"),))
    )
