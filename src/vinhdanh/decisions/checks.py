"""The law's checks a decision line must pass before it is signed, gathered in one place:
who may confer the honour (catalogue.jurisdiction, Luật Điều 80 and NĐ 129/2025 Điều 59), the
engine's verdict on the subject (rules), the council's vote (council.selectors) and the money
(decisions.money). Each returns Vietnamese refusal messages; services raise them."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from django.urls import reverse

from vinhdanh.nominations.enums import NomineeKind

# --- who confers ---------------------------------------------------------------------------


def confer_refusal(unit, honour) -> str | None:
    """None when the unit's authority confers the honour, else the refusal naming who does."""
    from vinhdanh.catalogue.jurisdiction import confer_refusal as refusal

    return refusal(unit, honour)


def can_confer(unit, honour) -> bool:
    from vinhdanh.catalogue.jurisdiction import can_confer as allowed

    return allowed(unit, honour)


def authority_confers(authority: str, honour) -> bool:
    """Whether a conferring authority (catalogue.enums.Authority) confers the honour: used
    for external decisions, whose issuer is outside the unit tree."""
    from vinhdanh.catalogue.jurisdiction import ALSO_CONFERS

    if not authority or not honour.authority:
        return True  # nothing to compare against: the scan is the evidence
    return honour.authority == authority or honour.authority in ALSO_CONFERS.get(
        authority, frozenset()
    )


def external_refusal(authority: str, honour) -> str | None:
    from vinhdanh.catalogue.enums import Authority
    from vinhdanh.catalogue.jurisdiction import authority_citation

    if authority_confers(authority, honour):
        return None
    return (
        f"{honour.name} do {Authority(honour.authority).label} quyết định "
        f"({authority_citation(honour.authority)}), không phải {Authority(authority).label}: "
        "kiểm tra lại thẩm quyền ghi trên quyết định hoặc hình thức khen thưởng."
    )


def forward_hint(nominee) -> str:
    """Where a nominee for a higher honour goes: its dossier's forward action."""
    if nominee is None or not nominee.dossier_id:
        return (
            " Lập hồ sơ đề nghị cấp có thẩm quyền khen thưởng (Danh sách hồ sơ → Tạo mới) thay "
            "vì ghi vào quyết định của cơ quan này."
        )
    url = reverse("nominations:dossier_detail", args=[nominee.dossier_id])
    return (
        f" Chuyển hồ sơ “{nominee.dossier.title}” lên cấp trên (nút “Chuyển lên cấp trên” trên "
        f"trang hồ sơ: {url}) để cấp có thẩm quyền quyết định."
    )


def jurisdiction_problems(decision, lines) -> list[str]:
    problems = []
    cache: dict[str, str | None] = {}
    for ln in lines:
        if ln.honour_id not in cache:
            cache[ln.honour_id] = confer_refusal(decision.issuer, ln.honour)
        if cache[ln.honour_id]:
            problems.append(f"{ln.name}: {cache[ln.honour_id]}")
    return problems


# --- the council's vote ----------------------------------------------------------------------


def council_problems(lines) -> list[str]:
    """The council's refusals (each names the nominee and the citation) for the lines from
    nominees: vote under the threshold, no ballot and no written reason, rejected
    (`council.selectors.nominees_may_be_decided`, set-based)."""
    from vinhdanh.council.selectors import nominees_may_be_decided

    nominee_lines = [ln for ln in lines if ln.nominee_id]
    if not nominee_lines:
        return []
    reasons = nominees_may_be_decided([ln.nominee for ln in nominee_lines])
    return [reasons[ln.nominee_id] for ln in nominee_lines if reasons.get(ln.nominee_id)]


# --- money -----------------------------------------------------------------------------------


def money_problems(decision) -> list[str]:
    from . import money

    uncomputable = getattr(money, "uncomputable_lines", None)
    if uncomputable is None:  # pragma: no cover - until the law branch's money part is merged
        return []
    return list(uncomputable(decision))


# --- the engine's verdict --------------------------------------------------------------------

NOMINEE_KIND_OF_LINE = {"individual": NomineeKind.CITIZEN, "household": NomineeKind.HOUSEHOLD}


def judge_lines(lines) -> None:
    """Set verdict_status and verdict on the lines (not saved), like a nominee's: the subject's
    history judged for the line's honour and achievement year; outsiders are "manual". One
    history load per kind and year."""
    from vinhdanh.nominations.verdicts import judge

    by_year = defaultdict(list)
    for ln in lines:
        if ln.person_id:
            kind = NomineeKind.PERSON
        elif ln.unit_id:
            kind = NomineeKind.COLLECTIVE
        else:
            kind = NOMINEE_KIND_OF_LINE.get(ln.subject_kind, NomineeKind.CITIZEN)
        proxy = SimpleNamespace(
            kind=kind, person_id=ln.person_id, unit_id=ln.unit_id, honour_id=ln.honour_id
        )
        by_year[ln.achievement_year].append((ln, proxy))
    for year, pairs in by_year.items():
        judge([p for _ln, p in pairs], year)
        for ln, proxy in pairs:
            ln.verdict_status = proxy.verdict_status
            ln.verdict = proxy.verdict


def failing_checks(verdict: dict) -> list[str]:
    """The failing checks' messages with their citations, for the refusal and the page."""
    out = []
    for check in verdict.get("checks", []) or []:
        if check.get("met") is False or check.get("status") in ("failed", "not_met", "held"):
            text = check.get("message") or check.get("label") or ""
            cite = check.get("citation") or ""
            out.append(f"{text} ({cite})" if cite else text)
    return [t for t in out if t]


def verdict_problems(lines) -> list[str]:
    from vinhdanh.rules.enums import STATUS_LABELS

    problems = []
    for ln in lines:
        if ln.passes_rules:
            continue
        if not ln.verdict_status:
            problems.append(f"{ln.name}: chưa kiểm tra tiêu chuẩn")
            continue
        reasons = failing_checks(ln.verdict)
        label = STATUS_LABELS.get(ln.verdict_status, ln.verdict_status)
        problems.append(
            f"{ln.name} – {ln.honour.name} năm {ln.achievement_year}: {label}"
            + (f" ({'; '.join(reasons[:3])})" if reasons else "")
            + ". Bỏ dòng này, hoặc lãnh đạo ghi lý do vẫn khen thưởng."
        )
    return problems
