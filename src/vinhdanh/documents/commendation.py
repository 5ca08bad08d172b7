"""Wording shared by the commendation papers (DOCUMENTS.md §8): căn cứ lines by date, the
issuer's organisation law, counts ("02 tập thể và 05 cá nhân"), the honour's legal name,
money in "đồng", the achievement phrase of a line. Layout stays in ``docx``."""

from __future__ import annotations

import datetime as dt
from collections import Counter

ND152_FROM = dt.date(2025, 7, 1)

LAW_TDKT = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
DECREE_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về "
    "phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi "
    "hành một số điều của Luật Thi đua, khen thưởng"
)
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng"
)
LAW_LOCAL_GOVERNMENT = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
LAW_GOVERNMENT = "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025"

# Lines a user may have typed that the generator writes itself (never printed twice).
_GENERATED_MARKERS = ("luật thi đua", "152/2025", "98/2023", "tổ chức chính quyền địa phương",
                      "tổ chức chính phủ")  # fmt: skip


def decree_line(on: dt.date | None) -> str:
    """NĐ 152/2025 for documents dated from 01/7/2025 (its Điều 59 ends NĐ 98/2023)."""
    return DECREE_152 if (on or dt.date.today()) >= ND152_FROM else DECREE_98


def organisation_law(issuer) -> str:
    """The organisation law of the issuer: Luật Tổ chức chính quyền địa phương for local
    bodies, Luật Tổ chức Chính phủ for central ones."""
    from vinhdanh.orgs.enums import UnitLevel

    return LAW_GOVERNMENT if issuer.level == UnitLevel.CENTRAL else LAW_LOCAL_GOVERNMENT


def legal_basis(issuer, on: dt.date | None, extra: str = "") -> list[str]:
    """Căn cứ lines in order: organisation law, Luật TĐKT, the decree in force on ``on``, then
    the body's own texts typed by the user (quy chế…), without duplicates of the above."""
    lines = [organisation_law(issuer), LAW_TDKT, decree_line(on)]
    for raw in (extra or "").splitlines():
        text = raw.strip().rstrip(";.").strip()
        if not text or any(m in text.lower() for m in _GENERATED_MARKERS):
            continue
        lines.append(text)
    return lines


def two_digits(n: int) -> str:
    """Counts in commendation papers: "02", "12"."""
    return f"{n:02d}"


COLLECTIVE, INDIVIDUAL, HOUSEHOLD = "collective", "individual", "household"
_KIND_WORDS = {COLLECTIVE: "tập thể", INDIVIDUAL: "cá nhân", HOUSEHOLD: "hộ gia đình"}


def counts_phrase(kinds: list[str]) -> str:
    """ "02 tập thể và 05 cá nhân" (collectives first, then individuals, then households)."""
    counter = Counter(kinds)
    parts = [
        f"{two_digits(counter[k])} {_KIND_WORDS[k]}"
        for k in (COLLECTIVE, INDIVIDUAL, HOUSEHOLD)
        if counter[k]
    ]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def honour_legal_name(honour, *, head_title: str = "", issuer_name: str = "") -> str:
    """The honour's legal name for the text: the catalogue's ``Honour.name``; the catalogue's
    generic "Bằng khen cấp …" becomes "Bằng khen của <Chủ tịch> <issuer>" when the deciding
    head is known. Never prefixed with "khen thưởng"."""
    name = honour.name.strip()
    if name.lower().startswith("khen thưởng "):
        name = name[len("khen thưởng ") :]
        name = name[:1].upper() + name[1:]
    if name.lower().startswith(("bằng khen cấp", "giấy khen")) and head_title and issuer_name:
        kind = "Bằng khen" if name.lower().startswith("bằng") else "Giấy khen"
        return f"{kind} của {head_title.strip().capitalize()} {issuer_name.strip()}"
    return name


def award_phrase(honour, legal_name: str) -> str:
    """ "tặng Bằng khen …" / "tặng danh hiệu “Chiến sĩ thi đua cơ sở”"."""
    if getattr(honour, "category", "") == "title":
        return f"tặng danh hiệu “{legal_name}”"
    return f"tặng {legal_name}"


def vnd(amount: int) -> str:
    """Money in official documents: "1.490.000 đồng" (never "đ" or "VNĐ")."""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


ACHIEVEMENT_BY_KIND = {
    "merit": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
    "movement": "Đã có thành tích xuất sắc trong phong trào thi đua năm {year}",
    "ad_hoc": "Đã có thành tích đột xuất năm {year}",
    "career": "Đã có quá trình cống hiến lâu dài",
    "foreign": "Đã có nhiều đóng góp trong hợp tác với Việt Nam",
}


def achievement_phrase(year: int, kind: str = "merit") -> str:
    return ACHIEVEMENT_BY_KIND.get(kind, ACHIEVEMENT_BY_KIND["merit"]).format(year=year)


def most_common(values: list[int]) -> int:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else 0


def head_of_signature(lines: list[str]) -> tuple[str, str]:
    """(prefix, head title) from 7a lines: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] → ("KT.", "CHỦ TỊCH");
    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] → ("TM.", "ỦY BAN NHÂN DÂN"); ["GIÁM ĐỐC"] → ("", …)."""
    first = (lines[0] if lines else "").strip()
    for prefix in ("KT.", "TM.", "Q.", "TL.", "TUQ."):
        if first.startswith(prefix + " "):
            return prefix, first[len(prefix) + 1 :].strip()
    return "", first


def authority_line(lines: list[str], issuer_name: str) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" (the deciding head), or the collective's
    name when it decides (TM.)."""
    prefix, head = head_of_signature(lines)
    if prefix == "TM." or not head:
        return issuer_name.upper()
    return f"{head} {issuer_name}".upper()


def deciding_head(unit) -> str:
    """The title of the head who decides for ``unit`` ("CHỦ TỊCH", "GIÁM ĐỐC"): from a signer
    grant with a recorded capacity on the unit, else "CHỦ TỊCH" for a people's committee."""
    import unicodedata

    from vinhdanh.accounts.models import RoleGrant

    grant = (
        RoleGrant.objects.filter(role="signer", unit=unit)
        .exclude(sign_position="")
        .exclude(sign_mode="")
        .order_by("pk")
        .first()
    )
    if grant is not None:
        if grant.sign_mode == "tm":
            return grant.sign_position
        return grant.sign_head_title or grant.sign_position
    name = unicodedata.normalize("NFC", unit.name).lower()
    if name.startswith(("ủy ban nhân dân", "uỷ ban nhân dân")):
        return "CHỦ TỊCH"
    return ""
