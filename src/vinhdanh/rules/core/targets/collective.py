"""Collective titles: TTLĐXS, TTLĐTT (engine rules), Cờ thi đua cấp tỉnh and Cờ thi đua của
Chính phủ (judged by people: the bloc's leading-unit result is not in the history).

Member counts (`History.members`) describe the judged year Y.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from ..codes import COLLECTIVE, HTT, HTXS, LAW, LOCAL, ND98, ND152, percent, rating_text
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
from .common import LAW_FROM, ND152_FROM, Params

if TYPE_CHECKING:
    from ..engine import Subject

TTLDXS_LDTT_SHARE = Decimal("0.70")  # Luật Điều 27 khoản 1: fixed by the Law itself


def _no_members(y: int) -> str:
    return f"hồ sơ chưa có số liệu thành viên năm {y}"


def _share_check(s: Subject, y: int, share: Decimal) -> tuple[bool, Message]:
    pct = percent(int(share * 1000), 1000)
    required = f"Cần ít nhất {pct} thành viên đạt LĐTT năm {y}"
    m = s.h.members
    if m is None or m.total <= 0:
        return False, lambda: f"{required}; {_no_members(y)}."
    need = int((share * m.total).to_integral_value(rounding=ROUND_CEILING))
    return (
        m.ldtt >= need,
        lambda: (
            f"{required} (tối thiểu {need}/{m.total}); hồ sơ: {m.ldtt}/{m.total} "
            f"({percent(m.ldtt, m.total)})."
        ),
    )


# -- TTLĐXS, Luật Điều 27 khoản 1 ---------------------------------------------------------------


def ttldxs_rating(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    return (
        s.h.rank.get(y, 0) >= HTXS,
        lambda: f"Cần tập thể xếp loại HTXS năm {y}; hồ sơ: {rating_text(s.h.ratings.get(y))}.",
    )


def ttldxs_all_completed(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    required = f"Cần 100% thành viên hoàn thành nhiệm vụ năm {y}"
    m = s.h.members
    if m is None or m.total <= 0:
        return False, lambda: f"{required}; {_no_members(y)}."
    return (
        m.completed >= m.total,
        lambda: f"{required}; hồ sơ: {m.completed}/{m.total} thành viên hoàn thành nhiệm vụ.",
    )


def ttldxs_ldtt_share(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    return _share_check(s, y, TTLDXS_LDTT_SHARE)


def ttldxs_cstdcs(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    required = f"Cần ít nhất 1 thành viên đạt CSTĐCS năm {y}"
    m = s.h.members
    if m is None or m.total <= 0:
        return False, lambda: f"{required}; {_no_members(y)}."
    return m.cstdcs >= 1, lambda: f"{required}; hồ sơ: {m.cstdcs} thành viên."


# -- TTLĐTT, Luật Điều 28 [summary] ------------------------------------------------------------


def ttldtt_rating(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    return (
        s.h.rank.get(y, 0) >= HTT,
        lambda: (
            f"Cần tập thể xếp loại từ HTT trở lên năm {y}; hồ sơ: {rating_text(s.h.ratings.get(y))}."
        ),
    )


def ttldtt_ldtt_share(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    return _share_check(s, y, p["ttldtt.ldtt_share"])


def ttldtt_no_discipline(s: Subject, y: int, p: Params) -> tuple[bool, Message]:
    limit = p["ttldtt.max_disciplined"]
    required = (
        f"Cần không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên năm {y}"
        if limit == 0
        else f"Cần tối đa {limit} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên năm {y}"
    )
    m = s.h.members
    if m is None:
        return False, lambda: f"{required}; {_no_members(y)}."
    return m.warned <= limit, lambda: f"{required}; hồ sơ: {m.warned} thành viên."


def register(registry: Registry) -> None:
    law27 = f"{LAW}, Điều 27 khoản 1"
    law28 = f"{LAW}, Điều 28"
    rules = [
        Rule("ttldxs.rating", "TTLDXS", COLLECTIVE, law27, TEXT, LAW_FROM,
             "Tập thể xếp loại Hoàn thành xuất sắc nhiệm vụ năm xét.", ttldxs_rating),
        Rule("ttldxs.all_completed", "TTLDXS", COLLECTIVE, law27, TEXT, LAW_FROM,
             "100% thành viên hoàn thành nhiệm vụ năm xét.", ttldxs_all_completed),
        Rule("ttldxs.ldtt_share", "TTLDXS", COLLECTIVE, law27, TEXT, LAW_FROM,
             "Ít nhất 70% thành viên đạt Lao động tiên tiến năm xét.", ttldxs_ldtt_share),
        Rule("ttldxs.cstdcs", "TTLDXS", COLLECTIVE, law27, TEXT, LAW_FROM,
             "Có thành viên đạt Chiến sĩ thi đua cơ sở năm xét.", ttldxs_cstdcs),
        Rule("ttldtt.rating", "TTLDTT", COLLECTIVE, law28, SUMMARY, LAW_FROM,
             "Tập thể xếp loại từ Hoàn thành tốt nhiệm vụ trở lên năm xét.", ttldtt_rating),
        Rule("ttldtt.ldtt_share", "TTLDTT", COLLECTIVE, f"{law28}; {LOCAL}", CONVENTION,
             LAW_FROM,
             "Tỷ lệ thành viên đạt Lao động tiên tiến không thấp hơn mức địa phương quy định "
             "(mặc định 70%, theo quy định năm 2025 của Bắc Ninh).", ttldtt_ldtt_share,
             (Param("ttldtt.ldtt_share", Decimal("0.70"),
                    "Tỷ lệ tối thiểu thành viên đạt LĐTT", Decimal(0), Decimal(1)),)),
        Rule("ttldtt.no_discipline", "TTLDTT", COLLECTIVE, LOCAL, SUMMARY, LAW_FROM,
             "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm xét.",
             ttldtt_no_discipline,
             (Param("ttldtt.max_disciplined", 0,
                    "Số thành viên bị kỷ luật từ cảnh cáo trở lên tối đa"),)),
    ]  # fmt: skip
    for rule in rules:
        registry.register(rule)
    registry.add_target(
        TargetSpec(
            "TTLDTT",
            COLLECTIVE,
            (("ttldtt.rating", "ttldtt.ldtt_share", "ttldtt.no_discipline"),),
        )
    )
    registry.add_target(
        TargetSpec(
            "TTLDXS",
            COLLECTIVE,
            (("ttldxs.rating", "ttldxs.all_completed", "ttldxs.ldtt_share", "ttldxs.cstdcs"),),
        )
    )
    registry.add_target(
        TargetSpec(
            "CO_TD_TINH",
            COLLECTIVE,
            manual=(
                GroundSpec(
                    "co_td_tinh.leading_unit",
                    f"{LAW}, Điều 26 khoản 1",
                    "Cần là tập thể dẫn đầu khối, cụm thi đua năm {year} (theo kết quả chấm "
                    "điểm, xếp hạng và suy tôn của khối), hoàn thành vượt mức chỉ tiêu và được "
                    "Hội đồng Thi đua – Khen thưởng bỏ phiếu từ 80% tổng số thành viên trở lên; "
                    "kết quả dẫn đầu khối không có trong dữ liệu gửi công cụ nên do người xét.",
                ),
            ),
        )
    )
    registry.add_target(
        TargetSpec(
            "CO_TD_CP",
            COLLECTIVE,
            manual=(
                GroundSpec(
                    "co_td_cp.leading_unit",
                    f"{LAW}, Điều 25; {ND98}, Điều 32 khoản 1 điểm b",
                    "Cần được chọn trong số tập thể dẫn đầu khối, cụm thi đua của bộ, ngành, "
                    "tỉnh năm {year}, hoặc dẫn đầu khối thi đua của Hội đồng Thi đua – Khen "
                    "thưởng Trung ương, hoặc dẫn đầu phong trào thi đua do Thủ tướng phát động "
                    "từ 5 năm trở lên khi tổng kết; Hội đồng bỏ phiếu từ 80% trở lên; hồ sơ gửi "
                    "trước 30/6. Kết quả dẫn đầu khối không có trong dữ liệu gửi công cụ nên "
                    "do người xét.",
                    dated=(
                        (
                            ND152_FROM,
                            f"{LAW}, Điều 25; {ND152}, Điều 7; Điều 33 khoản 5; Điều 35 khoản 1 "
                            "điểm b",
                        ),
                    ),
                ),
            ),
        )
    )
