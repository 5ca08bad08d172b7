"""Forms of commendation on the regular (công trạng) path: Bằng khen cấp tỉnh (individual and
collective), Bằng khen của Thủ tướng, Huân chương Lao động hạng Ba and hạng Nhì.

When the regular path of a Bằng khen is unmet, the verdict lists the other grounds of the
article (achievement in a movement, ad hoc achievement, contribution) as manual grounds:
people judge them (RULES.md, BK_TINH).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codes import (
    CO_SO,
    COLLECTIVE,
    DE_TAI,
    HTXS,
    INDIVIDUAL,
    LAW,
    LOCAL,
    SANG_KIEN,
    span,
    years_text,
)
from ..registry import SUMMARY, TEXT, GroundSpec, Message, Registry, Rule, TargetSpec
from .common import (
    LAW_FROM,
    Params,
    cstdcs_in_window,
    htxs_years,
    prior_form,
    ratings_text,
    ratings_window,
)

if TYPE_CHECKING:
    from ..engine import Subject

# -- Bằng khen cấp tỉnh, individual: Luật Điều 74 khoản 1 điểm d --------------------------------


def bk_tinh_cstdcs(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """CSTĐCS for Y-1 and Y (Y may be found eligible in this run)."""
    years, inferred = s.held_years("CSTDCS", y - 1, y)
    return (
        len(years) == 2,
        lambda: (
            f"Cần CSTĐCS 2 năm liên tục {span(y - 1, y)}; hồ sơ có: {years_text(years, inferred)}."
        ),
    )


def bk_tinh_htxs(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Rating HTXS for both Y-1 and Y."""
    rank = s.h.rank
    met = rank.get(y - 1, 0) >= HTXS and rank.get(y, 0) >= HTXS
    return (
        met,
        lambda: (
            f"Cần xếp loại HTXS 2 năm liên tục {span(y - 1, y)}; hồ sơ: {ratings_text(s, y - 1, y)}."
        ),
    )


def bk_tinh_initiatives(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Two initiatives, or two accepted research projects, of scope CO_SO or wider
    recognised in [Y-1, Y]. Read literally: two of the same kind; one of each is not
    enough [convention]."""
    h = s.h
    initiatives = h.count_initiatives(SANG_KIEN, y - 1, y, CO_SO)
    research = h.count_initiatives(DE_TAI, y - 1, y, CO_SO)
    return (
        initiatives >= 2 or research >= 2,
        lambda: (
            f"Cần 2 sáng kiến hoặc 2 đề tài khoa học phạm vi cơ sở trở lên trong {span(y - 1, y)}; "
            f"hồ sơ có: {initiatives} sáng kiến, {research} đề tài."
        ),
    )


# -- Bằng khen cấp tỉnh, collective [summary, provincial rules] --------------------------------


def bk_tinh_collective(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """Rating HTXS, or the TTLĐXS title, for both Y-1 and Y."""
    rank = s.h.rank
    parts = []
    met = True
    for t in (y - 1, y):
        if rank.get(t, 0) >= HTXS:
            parts.append(f"{t} HTXS")
            continue
        state = s.holds("TTLDXS", t)
        if state:
            parts.append(
                f"{t} TTLĐXS" + (" (đủ điều kiện trong lần xét này)" if state == 2 else "")
            )
            continue
        met = False
        parts.append(f"{t} {s.h.ratings.get(t) or 'chưa có xếp loại'}, không có TTLĐXS")
    return (
        met,
        lambda: (
            f"Cần tập thể xếp loại HTXS (hoặc đạt TTLĐXS) cả 2 năm {span(y - 1, y)}; hồ sơ: "
            f"{'; '.join(parts)}."
        ),
    )


# -- Bằng khen của Thủ tướng, individual: Luật Điều 73 khoản 1 điểm b ---------------------------


def bk_ttg_no_recent(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """No BK_TTG with achievement year in [Y-4, Y]: the window starts after the previous one."""
    lo = y - 4
    recent = sorted(t for t in s.h.years_of("BK_TTG") if lo <= t <= y)
    return (
        not recent,
        lambda: (
            f"Cần chưa được tặng Bằng khen của Thủ tướng Chính phủ với năm thành tích trong "
            f"{span(lo, y)}; hồ sơ có: {years_text(recent)}."
        ),
    )


def hcld2_cstd_tinh(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    """CSTĐ cấp tỉnh held for a year in [Y-4, Y] (Y may be found eligible in this run)."""
    lo = y - 4
    years, inferred = s.held_years("CSTD_TINH", lo, y)
    return (
        bool(years),
        lambda: (
            f"Cần đạt CSTĐ cấp tỉnh trong một năm thuộc {span(lo, y)}; hồ sơ có: "
            f"{years_text(years, inferred)}."
        ),
    )


def _grounds(article: str, prefix: str, authority: str) -> tuple[GroundSpec, ...]:
    note = "do người xét, công cụ không tự đánh giá"
    return (
        GroundSpec(
            f"{prefix}.movement",
            article,
            f"Lập được thành tích xuất sắc trong phong trào thi đua do {authority} phát động "
            f"({note}).",
        ),
        GroundSpec(
            f"{prefix}.ad_hoc",
            article,
            f"Lập được thành tích đột xuất ({note}; kết quả khen đột xuất, chuyên đề không "
            "tính làm căn cứ khen công trạng).",
        ),
        GroundSpec(
            f"{prefix}.contribution",
            article,
            f"Có đóng góp, cống hiến được ghi nhận theo quy định của điều này ({note}).",
        ),
    )


def register(registry: Registry) -> None:
    law74 = f"{LAW}, Điều 74 khoản 1 điểm d"
    law73 = f"{LAW}, Điều 73 khoản 1 điểm b"
    law44 = f"{LAW}, Điều 44 khoản 1"
    law43 = f"{LAW}, Điều 43"
    rules = [
        Rule("bk_tinh.cstdcs", "BK_TINH", INDIVIDUAL, law74, TEXT, LAW_FROM,
             "Hai năm liên tục đạt Chiến sĩ thi đua cơ sở (Y-1 và Y).", bk_tinh_cstdcs),
        Rule("bk_tinh.htxs", "BK_TINH", INDIVIDUAL, law74, TEXT, LAW_FROM,
             "Hai năm liên tục xếp loại HTXS (Y-1 và Y) — đi cùng điều kiện sáng kiến.",
             bk_tinh_htxs),
        Rule("bk_tinh.initiatives", "BK_TINH", INDIVIDUAL, law74, TEXT, LAW_FROM,
             "Hai sáng kiến (hoặc hai đề tài khoa học) phạm vi cơ sở trở lên được công nhận "
             "trong Y-1 đến Y — đi cùng điều kiện HTXS.", bk_tinh_initiatives),
        Rule("bk_tinh.collective", "BK_TINH", COLLECTIVE, f"{LAW}, Điều 74; {LOCAL}", SUMMARY,
             LAW_FROM, "Tập thể xếp loại HTXS (hoặc đạt TTLĐXS) hai năm liên tục Y-1 và Y.",
             bk_tinh_collective),
        Rule("bk_ttg.prior_bk_tinh", "BK_TTG", INDIVIDUAL, law73, TEXT, LAW_FROM,
             "Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh với năm thành tích trước Y-4.",
             prior_form("BK_TINH")),
        Rule("bk_ttg.ratings", "BK_TTG", INDIVIDUAL, law73, TEXT, LAW_FROM,
             "Năm năm Y-4 đến Y đều xếp loại từ HTT trở lên.", ratings_window),
        Rule("bk_ttg.cstdcs", "BK_TTG", INDIVIDUAL, law73, TEXT, LAW_FROM,
             "Có ít nhất 3 năm đạt CSTĐCS trong năm năm Y-4 đến Y.", cstdcs_in_window),
        Rule("bk_ttg.no_recent", "BK_TTG", INDIVIDUAL, law73, TEXT, LAW_FROM,
             "Chưa có Bằng khen của Thủ tướng với năm thành tích trong Y-4 đến Y.",
             bk_ttg_no_recent),
        Rule("hcld3.prior_bk_ttg", "HCLD3", INDIVIDUAL, law44, SUMMARY, LAW_FROM,
             "Đã được tặng Bằng khen của Thủ tướng với năm thành tích trước Y-4.",
             prior_form("BK_TTG")),
        Rule("hcld3.ratings", "HCLD3", INDIVIDUAL, law44, SUMMARY, LAW_FROM,
             "Năm năm Y-4 đến Y đều xếp loại từ HTT trở lên.", ratings_window),
        Rule("hcld3.htxs", "HCLD3", INDIVIDUAL, law44, SUMMARY, LAW_FROM,
             "Có ít nhất 1 năm HTXS trong Y-4 đến Y.", htxs_years(1)),
        Rule("hcld3.cstdcs", "HCLD3", INDIVIDUAL, law44, SUMMARY, LAW_FROM,
             "Có ít nhất 3 năm đạt CSTĐCS trong Y-4 đến Y.", cstdcs_in_window),
        Rule("hcld2.prior_hcld3", "HCLD2", INDIVIDUAL, law43, TEXT, LAW_FROM,
             "Đã được tặng Huân chương Lao động hạng Ba với năm thành tích trước Y-4.",
             prior_form("HCLD3")),
        Rule("hcld2.ratings", "HCLD2", INDIVIDUAL, law43, TEXT, LAW_FROM,
             "Năm năm Y-4 đến Y đều xếp loại từ HTT trở lên.", ratings_window),
        Rule("hcld2.htxs", "HCLD2", INDIVIDUAL, law43, TEXT, LAW_FROM,
             "Có ít nhất 2 năm HTXS trong Y-4 đến Y.", htxs_years(2)),
        Rule("hcld2.cstd_tinh", "HCLD2", INDIVIDUAL, law43, TEXT, LAW_FROM,
             "Đạt CSTĐ cấp tỉnh trong một năm thuộc Y-4 đến Y.", hcld2_cstd_tinh),
    ]  # fmt: skip
    for rule in rules:
        registry.register(rule)
    bk_tinh_grounds = _grounds(f"{LAW}, Điều 74 khoản 1", "bk_tinh", "bộ, ban, ngành, tỉnh")
    registry.add_target(
        TargetSpec(
            "BK_TINH",
            INDIVIDUAL,
            (("bk_tinh.cstdcs",), ("bk_tinh.htxs", "bk_tinh.initiatives")),
            discretionary=bk_tinh_grounds,
        )
    )
    registry.add_target(
        TargetSpec(
            "BK_TINH",
            COLLECTIVE,
            (("bk_tinh.collective",),),
            discretionary=_grounds(f"{LAW}, Điều 74", "bk_tinh", "bộ, ban, ngành, tỉnh"),
        )
    )
    registry.add_target(
        TargetSpec(
            "BK_TTG",
            INDIVIDUAL,
            (("bk_ttg.prior_bk_tinh", "bk_ttg.ratings", "bk_ttg.cstdcs", "bk_ttg.no_recent"),),
            discretionary=_grounds(
                f"{LAW}, Điều 73 khoản 1", "bk_ttg", "Chính phủ, Thủ tướng Chính phủ"
            ),
        )
    )
    registry.add_target(
        TargetSpec(
            "HCLD3",
            INDIVIDUAL,
            (("hcld3.prior_bk_ttg", "hcld3.ratings", "hcld3.htxs", "hcld3.cstdcs"),),
        )
    )
    registry.add_target(
        TargetSpec(
            "HCLD2",
            INDIVIDUAL,
            (("hcld2.prior_hcld3", "hcld2.ratings", "hcld2.htxs", "hcld2.cstd_tinh"),),
        )
    )
