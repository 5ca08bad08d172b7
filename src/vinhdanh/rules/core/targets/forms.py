"""Forms of commendation on the regular (công trạng) path: Bằng khen cấp tỉnh (individual and
collective), Bằng khen của Thủ tướng, Huân chương Lao động hạng Ba, hạng Nhì and hạng Nhất
(HCLD1's further counts are empty parameters until filled from the Law: "manual").

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
    ND98,
    ND152,
    SANG_KIEN,
    TO_CONFIRM,
    TOAN_QUOC,
    span,
    years_text,
)
from ..registry import (
    CONVENTION,
    SUMMARY,
    TEXT,
    GroundSpec,
    Message,
    Param,
    Registry,
    Rule,
    TargetSpec,
)
from .common import (
    LAW_FROM,
    ND152_FROM,
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


# -- Huân chương Lao động hạng Nhất: Luật Điều 42 [to confirm]; NĐ 152/2025 Điều 19 -----------

HCLD1_INDIVIDUAL_PARAMS = (
    Param("hcld1_individual_htxs_years", None,
          "HCLĐ hạng Nhất (cá nhân): số năm HTXS tối thiểu trong Y-4 đến Y (chưa nhập: do người xét)"),
    Param("hcld1_individual_cstd_tinh_years", None,
          "HCLĐ hạng Nhất (cá nhân): số lần CSTĐ cấp tỉnh tối thiểu trong Y-4 đến Y"),
    Param("hcld1_individual_national_initiatives", None,
          "HCLĐ hạng Nhất (cá nhân): số sáng kiến, đề tài phạm vi toàn quốc tối thiểu trong Y-4 đến Y"),
)  # fmt: skip
HCLD1_COLLECTIVE_PARAMS = (
    Param("hcld1_collective_run_years", None,
          "HCLĐ hạng Nhất (tập thể): số năm liên tục HTXS (hoặc TTLĐXS) kết thúc năm Y", 1, 25),
    Param("hcld1_collective_co_td_cp", None,
          "HCLĐ hạng Nhất (tập thể): số lần Cờ thi đua của Chính phủ tối thiểu trong chuỗi năm"),
    Param("hcld1_collective_co_td_tinh", None,
          "HCLĐ hạng Nhất (tập thể): số lần Cờ thi đua cấp tỉnh tối thiểu trong chuỗi năm"),
)  # fmt: skip


def _empty(params: Params, specs: tuple[Param, ...]) -> list[str]:
    return [p.key for p in specs if params.get(p.key) is None]


def hcld1_individual_counts(s: Subject, y: int, p: Params) -> tuple[bool | None, Message]:
    """The further counts of the merit path (years HTXS, CSTĐ cấp tỉnh held, nationwide
    initiatives in [Y-4, Y]); while their parameters are empty: None (judged by people)."""
    empty = _empty(p, HCLD1_INDIVIDUAL_PARAMS)
    if empty:
        return None, (
            "Các tiêu chí về số năm HTXS, số lần CSTĐ cấp tỉnh và sáng kiến phạm vi toàn quốc "
            "của Huân chương Lao động hạng Nhất chưa được nhập thành tham số "
            f"({', '.join(empty)}): hồ sơ do cán bộ thi đua, khen thưởng và Hội đồng xét."
        )
    lo = y - 4
    rank = s.h.rank
    htxs = [t for t in range(lo, y + 1) if rank.get(t, 0) >= HTXS]
    cstd, inferred = s.held_years("CSTD_TINH", lo, y)
    national = s.h.count_initiatives(SANG_KIEN, lo, y, TOAN_QUOC) + s.h.count_initiatives(
        DE_TAI, lo, y, TOAN_QUOC
    )
    need_htxs = p["hcld1_individual_htxs_years"]
    need_cstd = p["hcld1_individual_cstd_tinh_years"]
    need_national = p["hcld1_individual_national_initiatives"]
    met = len(htxs) >= need_htxs and len(cstd) >= need_cstd and national >= need_national
    return (
        met,
        lambda: (
            f"Cần trong {span(lo, y)}: ít nhất {need_htxs} năm HTXS, {need_cstd} lần CSTĐ cấp tỉnh, "
            f"{need_national} sáng kiến hoặc đề tài phạm vi toàn quốc; hồ sơ: HTXS "
            f"{years_text(htxs)}; CSTĐ cấp tỉnh {years_text(cstd, inferred)}; {national} sáng kiến, "
            "đề tài toàn quốc."
        ),
    )


def hcld1_collective_run(s: Subject, y: int, p: Params) -> tuple[bool | None, Message]:
    """A run of consecutive years HTXS (or TTLĐXS) ending with Y and the flags it asks; while
    the parameters are empty: None (judged by people)."""
    empty = _empty(p, HCLD1_COLLECTIVE_PARAMS)
    if empty:
        return None, (
            "Số năm liên tục HTXS (hoặc TTLĐXS) và số lần Cờ thi đua của Chính phủ, Cờ thi đua "
            "cấp tỉnh mà Huân chương Lao động hạng Nhất (tập thể) đòi hỏi chưa được nhập thành "
            f"tham số ({', '.join(empty)}): hồ sơ do cán bộ thi đua, khen thưởng và Hội đồng xét."
        )
    n = p["hcld1_collective_run_years"]
    lo = y - n + 1
    rank = s.h.rank
    short = [t for t in range(lo, y + 1) if rank.get(t, 0) < HTXS and not s.holds("TTLDXS", t)]
    flags_cp, _ = s.held_years("CO_TD_CP", lo, y)
    flags_tinh, _ = s.held_years("CO_TD_TINH", lo, y)
    need_cp = p["hcld1_collective_co_td_cp"]
    need_tinh = p["hcld1_collective_co_td_tinh"]
    met = not short and len(flags_cp) >= need_cp and len(flags_tinh) >= need_tinh
    return (
        met,
        lambda: (
            f"Cần {n} năm liên tục HTXS hoặc TTLĐXS ({span(lo, y)}), ít nhất {need_cp} Cờ thi đua "
            f"của Chính phủ và {need_tinh} Cờ thi đua cấp tỉnh trong thời gian đó; hồ sơ: năm chưa "
            f"đạt {years_text(short)}; Cờ Chính phủ {years_text(flags_cp)}; Cờ cấp tỉnh "
            f"{years_text(flags_tinh)}."
        ),
    )


def _hcld1_grounds(kind_article: str) -> tuple[GroundSpec, ...]:
    note = "do người xét, công cụ không tự đánh giá"
    return (
        GroundSpec(
            "hcld1.long_service",
            f"{ND98} {TO_CONFIRM}",
            "Có quá trình cống hiến lâu dài giữ chức vụ lãnh đạo đủ thời gian theo bảng chức vụ "
            f"và thời gian giữ chức vụ ({note}; cần lịch sử chức vụ).",
            dated=(
                (
                    ND152_FROM,
                    f"{ND152}, Điều 19 khoản 1; Điều 9 khoản 2–3; Điều 10; Điều 4 khoản 7",
                ),
            ),
        ),
        GroundSpec(
            "hcld1.world_prize",
            f"{ND98} {TO_CONFIRM}",
            "Đạt giải Nhất hoặc Huy chương vàng thế giới khi được cơ quan có thẩm quyền cử đi "
            f"({note}).",
            dated=((ND152_FROM, f"{ND152}, Điều 19 khoản 2"),),
        ),
        GroundSpec(
            "hcld1.other",
            f"{LAW}, {kind_article} {TO_CONFIRM}",
            "Lập được thành tích đặc biệt xuất sắc đột xuất, có phát minh, sáng chế hoặc công "
            f"trình có phạm vi ảnh hưởng toàn quốc ({note}).",
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
    _register_hcld1(registry)


def _register_hcld1(registry: Registry) -> None:
    law42_1 = f"{LAW}, Điều 42 khoản 1 {TO_CONFIRM}"
    law42_2 = f"{LAW}, Điều 42 khoản 2 {TO_CONFIRM}"
    rules = [
        Rule("hcld1.prior_hcld2", "HCLD1", INDIVIDUAL, law42_1, CONVENTION, LAW_FROM,
             "Đã được tặng Huân chương Lao động hạng Nhì với năm thành tích trước Y-4.",
             prior_form("HCLD2")),
        Rule("hcld1.ratings", "HCLD1", INDIVIDUAL, f"{ND98}, Điều 30 khoản 9", TEXT, LAW_FROM,
             "Năm năm Y-4 đến Y đều xếp loại từ HTT trở lên.", ratings_window),
        Rule("hcld1.ratings", "HCLD1", INDIVIDUAL, f"{ND152}, Điều 33 khoản 7", TEXT,
             ND152_FROM, "Năm năm Y-4 đến Y đều xếp loại từ HTT trở lên.", ratings_window),
        Rule("hcld1.individual_counts", "HCLD1", INDIVIDUAL, law42_1, CONVENTION, LAW_FROM,
             "Số năm HTXS, số lần CSTĐ cấp tỉnh, sáng kiến toàn quốc trong Y-4 đến Y theo tham "
             "số hcld1_individual_*; chưa nhập tham số: do người xét.",
             hcld1_individual_counts, HCLD1_INDIVIDUAL_PARAMS, may_defer=True),
        Rule("hcld1.collective_prior_hcld2", "HCLD1", COLLECTIVE, law42_2, CONVENTION, LAW_FROM,
             "Tập thể đã được tặng Huân chương Lao động hạng Nhì với năm thành tích trước Y-4.",
             prior_form("HCLD2")),
        Rule("hcld1.collective_run", "HCLD1", COLLECTIVE, f"{ND98}, Điều 30 khoản 9 "
             f"{TO_CONFIRM}", CONVENTION, LAW_FROM,
             "Chuỗi năm liên tục HTXS (hoặc TTLĐXS) kết thúc năm Y và số Cờ thi đua theo tham "
             "số hcld1_collective_*; chưa nhập tham số: do người xét.",
             hcld1_collective_run, HCLD1_COLLECTIVE_PARAMS, may_defer=True),
        Rule("hcld1.collective_run", "HCLD1", COLLECTIVE, f"{ND152}, Điều 33 khoản 7; {law42_2}",
             CONVENTION, ND152_FROM,
             "Chuỗi năm liên tục HTXS (hoặc TTLĐXS) kết thúc năm Y và số Cờ thi đua theo tham "
             "số hcld1_collective_*; chưa nhập tham số: do người xét.",
             hcld1_collective_run, HCLD1_COLLECTIVE_PARAMS, may_defer=True),
    ]  # fmt: skip
    for rule in rules:
        registry.register(rule)
    registry.add_target(
        TargetSpec(
            "HCLD1",
            INDIVIDUAL,
            (("hcld1.prior_hcld2", "hcld1.ratings", "hcld1.individual_counts"),),
            discretionary=_hcld1_grounds("Điều 42 khoản 1"),
        )
    )
    registry.add_target(
        TargetSpec(
            "HCLD1",
            COLLECTIVE,
            (("hcld1.collective_prior_hcld2", "hcld1.collective_run"),),
            discretionary=_hcld1_grounds("Điều 42 khoản 2"),
        )
    )
