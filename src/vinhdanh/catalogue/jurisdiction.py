"""Who may confer what: a unit's conferring authority against an honour's (pure reads).

Luật Thi đua, khen thưởng 2022, Điều 80; since the 2025 reform the commune chairman also holds
the former district powers (Nghị định 129/2025/NĐ-CP, Điều 59). The functions take objects and
read no database: a caller checking many lines passes units and honours it already loaded.

A deputy signing "KT." for the head confers with the unit's authority: the authority belongs
to the unit (its level), not to the person who signs.
"""

from __future__ import annotations

from vinhdanh.orgs.enums import UnitLevel

from . import data
from .enums import Authority

LEVEL_AUTHORITY: dict[str, Authority] = {
    UnitLevel.CENTRAL: Authority.MINISTER_PROVINCE,
    UnitLevel.MINISTRY_PROVINCE: Authority.MINISTER_PROVINCE,
    UnitLevel.DEPARTMENT: Authority.UNIT_HEAD,
    UnitLevel.GRASSROOTS: Authority.UNIT_HEAD,
    UnitLevel.COMMUNE: Authority.COMMUNE,
}

# What an authority confers besides its own honours: the commune chairman also confers what
# a unit head confers (LĐTT, CSTĐCS, TTLĐTT, Giấy khen).
ALSO_CONFERS: dict[str, frozenset[str]] = {
    Authority.COMMUNE: frozenset({Authority.UNIT_HEAD}),
}


# Height of each authority in the chain, to tell "ask the level above" from "a lower level's".
HEIGHT: dict[str, int] = {
    Authority.UNIT_HEAD: 1,
    Authority.COMMUNE: 1,
    Authority.MINISTER_PROVINCE: 2,
    Authority.PRIME_MINISTER: 3,
    Authority.PRESIDENT: 4,
}


def unit_authority(unit) -> Authority:
    """The conferring authority of the head of ``unit``, from the unit's level."""
    return LEVEL_AUTHORITY[unit.level]


def authority_citation(authority: str) -> str:
    if authority == Authority.COMMUNE:
        return data.AUTHORITY_COMMUNE_CITATION
    return data.AUTHORITY_CITATION


def can_confer(unit, honour) -> bool:
    """True when the head of ``unit`` may sign a decision conferring ``honour``."""
    if not honour.authority:
        return False
    own = unit_authority(unit)
    return honour.authority == own or honour.authority in ALSO_CONFERS.get(own, frozenset())


def confer_refusal(unit, honour) -> str | None:
    """None when ``unit`` may confer ``honour``; else a Vietnamese refusal naming who confers
    it, the article, and the lawful path (a submission to the higher level)."""
    if can_confer(unit, honour):
        return None
    if not honour.authority:
        return (
            f"{honour.name} chưa được ghi cấp có thẩm quyền quyết định trong danh mục "
            f"({data.AUTHORITY_CITATION}); quản trị hệ thống cấp trung ương cần bổ sung "
            "trước khi ra quyết định."
        )
    label = Authority(honour.authority).label
    head = f"{honour.name} do {label} quyết định ({authority_citation(honour.authority)}); "
    if HEIGHT[honour.authority] <= HEIGHT[unit_authority(unit)]:
        return head + (
            f"{unit.name} không có thẩm quyền. Việc khen thưởng này thuộc thẩm quyền của "
            "cơ quan, đơn vị cấp dưới."
        )
    return head + (
        f"{unit.name} không có thẩm quyền. Hãy lập tờ trình đề nghị cấp trên "
        "(chuyển hồ sơ lên cấp trên)."
    )
