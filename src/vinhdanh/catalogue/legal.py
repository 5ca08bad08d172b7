"""The legal texts the product cites, as data, and who cites each one.

Every citation of a rule (rules.core registry: rule versions and the grounds people judge) and
of a catalogue row (reward multiples, base salaries, vote thresholds, conferring authority)
names one of these texts; `texts_cited(citation)` finds them by the text's number as it is
written in citations. The "Căn cứ pháp lý" pages (signed-in and public) list the texts with
their dates and, derived from the registry and the catalogue rows (never typed twice), the
rules and parameters that cite each. A date left None was not checked against the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LegalText:
    code: str
    kind: str  # Luật, Nghị định, Thông tư, Quyết định
    number: str
    title: str
    issuer: str
    signed: dt.date | None
    in_force_from: dt.date | None
    in_force_to: dt.date | None = None  # last day in force (None: in force, no end known)
    note: str = ""
    patterns: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.kind} {self.number}"

    def in_force_on(self, on: dt.date) -> bool:
        if self.in_force_from is None or on < self.in_force_from:
            return False
        return self.in_force_to is None or on <= self.in_force_to


D = dt.date
TEXTS: tuple[LegalText, ...] = (
    LegalText("LUAT_TDKT_2022", "Luật", "06/2022/QH15", "Luật Thi đua, khen thưởng", "Quốc hội",
              D(2022, 6, 15), D(2024, 1, 1), None, "",
              ("Luật Thi đua, khen thưởng 2022", "06/2022/QH15")),
    LegalText("ND_98_2023", "Nghị định", "98/2023/NĐ-CP",
              "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", "Chính phủ",
              D(2023, 12, 31), D(2024, 1, 1), D(2025, 6, 30),
              "Được thay thế bởi Nghị định 152/2025/NĐ-CP từ 01/7/2025 (trừ các trường hợp "
              "chuyển tiếp tại Điều 60 của Nghị định đó).", ("98/2023/NĐ-CP",)),
    LegalText("ND_152_2025", "Nghị định", "152/2025/NĐ-CP",
              "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", "Chính phủ",
              D(2025, 6, 14), D(2025, 7, 1), D(2027, 2, 28),
              "Hết hiệu lực từ 01/3/2027 nếu không được gia hạn hoặc thay thế sớm hơn (Điều 60 "
              "khoản 1): mọi quy tắc dẫn chiếu cần rà soát trước ngày đó.", ("152/2025/NĐ-CP",)),
    LegalText("TT_01_2024", "Thông tư", "01/2024/TT-BNV",
              "Quy định chi tiết một số điều của Luật Thi đua, khen thưởng", "Bộ Nội vụ",
              None, D(2024, 1, 1), D(2025, 8, 4),
              "Ngày ban hành và số điều chưa được đối chiếu.", ("01/2024/TT-BNV",)),
    LegalText("TT_15_2025", "Thông tư", "15/2025/TT-BNV",
              "Thay thế Thông tư 01/2024/TT-BNV", "Bộ Nội vụ", None, D(2025, 8, 5), None,
              "Chưa đối chiếu nội dung: các quy tắc dẫn chiếu được đánh dấu [cần xác nhận].",
              ("15/2025/TT-BNV",)),
    LegalText("ND_129_2025", "Nghị định", "129/2025/NĐ-CP",
              "Phân định thẩm quyền của chính quyền địa phương hai cấp (thẩm quyền cấp xã)",
              "Chính phủ", None, D(2025, 7, 1), None, "Ngày ban hành chưa được đối chiếu.",
              ("129/2025/NĐ-CP",)),
    LegalText("ND_38_2019", "Nghị định", "38/2019/NĐ-CP", "Quy định mức lương cơ sở",
              "Chính phủ", D(2019, 5, 9), D(2019, 7, 1), D(2023, 6, 30), "", ("38/2019/NĐ-CP",)),
    LegalText("ND_24_2023", "Nghị định", "24/2023/NĐ-CP", "Quy định mức lương cơ sở",
              "Chính phủ", D(2023, 5, 14), D(2023, 7, 1), D(2024, 6, 30), "", ("24/2023/NĐ-CP",)),
    LegalText("ND_73_2024", "Nghị định", "73/2024/NĐ-CP", "Quy định mức lương cơ sở",
              "Chính phủ", D(2024, 6, 30), D(2024, 7, 1), D(2026, 6, 30),
              "Được thay thế bởi Nghị định 161/2026/NĐ-CP từ 01/7/2026.", ("73/2024/NĐ-CP",)),
    LegalText("ND_161_2026", "Nghị định", "161/2026/NĐ-CP", "Quy định mức lương cơ sở",
              "Chính phủ", D(2026, 5, 15), D(2026, 7, 1), None,
              "Mức lương cơ sở 2.530.000 đồng/tháng (Điều 3 khoản 2).", ("161/2026/NĐ-CP",)),
    LegalText("ND_30_2020", "Nghị định", "30/2020/NĐ-CP", "Về công tác văn thư", "Chính phủ",
              D(2020, 3, 5), D(2020, 3, 5), None,
              "Thể thức văn bản hành chính (số, ký hiệu của quyết định khen thưởng).",
              ("30/2020/NĐ-CP",)),
    LegalText("QUY_DINH_DIA_PHUONG", "Quy định", "của bộ, ngành, tỉnh",
              "Quy định về công tác thi đua, khen thưởng của bộ, ngành, tỉnh (ví dụ Bắc Ninh: "
              "QĐ 86/2025/QĐ-UBND, hiệu lực 15/12/2025)", "Bộ, ngành, Ủy ban nhân dân tỉnh",
              None, None, None, "Mỗi bộ, ngành, tỉnh ban hành quy định riêng; tham số theo "
              "đơn vị trên màn hình Quy tắc.",
              ("Quy định thi đua, khen thưởng của địa phương", "86/2025/QĐ-UBND",
               "bộ, ngành, tỉnh quy định")),
)  # fmt: skip
BY_CODE = {t.code: t for t in TEXTS}


def texts_cited(citation: str) -> list[str]:
    """Codes of the listed texts a citation names (empty: a citation to no listed text)."""
    return [t.code for t in TEXTS if any(p in citation for p in t.patterns)]


def rule_citations() -> list[tuple[str, str, dt.date | None, str]]:
    """(kind "rule" | "ground", id, valid_from, citation) of every rule version and every
    ground of every target (each dated citation of a ground too)."""
    from vinhdanh.rules.core import DEFAULT_REGISTRY

    rows: list[tuple[str, str, dt.date | None, str]] = [
        ("rule", r.id, r.valid_from, r.citation) for r in DEFAULT_REGISTRY.all_rules()
    ]
    seen: set[tuple[str, str]] = set()
    for kind in ("individual", "collective"):
        for code in DEFAULT_REGISTRY.targets(kind):
            spec = DEFAULT_REGISTRY.target(code, kind)
            for ground in (*spec.discretionary, *spec.manual):
                for start, citation in ((None, ground.citation), *ground.dated):
                    if (ground.ground, citation) not in seen:
                        seen.add((ground.ground, citation))
                        rows.append(("ground", ground.ground, start, citation))
    return rows


def catalogue_citations() -> list[tuple[str, str, str]]:
    """(parameter label, citation, detail) of every catalogue row that cites a text: three
    queries (multiples, base salaries, thresholds) plus the authority citations."""
    from . import data
    from .models import BaseSalary, RewardMultiple, VoteThreshold

    rows: list[tuple[str, str, str]] = []
    multiples: dict[str, int] = {}
    for citation in RewardMultiple.objects.values_list("citation", flat=True):
        multiples[citation] = multiples.get(citation, 0) + 1
    rows += [("Hệ số tiền thưởng", c, f"{n} dòng") for c, n in sorted(multiples.items())]
    for valid_from, source in BaseSalary.objects.order_by("valid_from").values_list(
        "valid_from", "source"
    ):
        rows.append(("Lương cơ sở", source, f"từ {valid_from:%d/%m/%Y}"))
    thresholds: dict[str, list[str]] = {}
    for code, citation in VoteThreshold.objects.order_by("honour_id").values_list(
        "honour_id", "citation"
    ):
        thresholds.setdefault(citation, []).append(code)
    rows += [("Ngưỡng biểu quyết", c, ", ".join(codes)) for c, codes in sorted(thresholds.items())]
    rows.append(("Thẩm quyền quyết định", data.AUTHORITY_CITATION, "danh hiệu, hình thức"))
    rows.append(("Thẩm quyền quyết định", data.AUTHORITY_COMMUNE_CITATION, "cấp xã"))
    return rows


def legal_index() -> list[dict]:
    """Each listed text with the rules, grounds and parameters that cite it."""
    today = dt.date.today()
    by_text: dict[str, dict] = {
        t.code: {"text": t, "in_force": t.in_force_on(today), "rules": [], "parameters": []}
        for t in TEXTS
    }
    for kind, ident, start, citation in rule_citations():
        for code in texts_cited(citation):
            by_text[code]["rules"].append(
                {"kind": kind, "id": ident, "valid_from": start, "citation": citation}
            )
    for label, citation, detail in catalogue_citations():
        for code in texts_cited(citation):
            by_text[code]["parameters"].append(
                {"label": label, "citation": citation, "detail": detail}
            )
    return list(by_text.values())
