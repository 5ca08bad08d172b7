"""The decision as an official document (Nghị định 30/2020/NĐ-CP): .docx with the list annex,
and its PDF (LibreOffice), both kept as generated files of the decision."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.files import store_generated
from vinhdanh.documents import commendation as cm
from vinhdanh.documents.docx import (
    Annex,
    Header,
    Heading,
    LegalBasis,
    Para,
    Signature,
    Table,
    kem_theo_line,
    official_document,
)
from vinhdanh.documents.pdf import DocumentError, docx_to_pdf
from vinhdanh.documents.vn import date_in_words, money_in_words, place_for_unit
from vinhdanh.orgs.models import Unit

from .models import Decision, DecisionStatus
from .services import DecisionsError


def _superior(issuer: Unit) -> str:
    """The body above the issuer (cơ quan chủ quản) for a department-level issuer."""
    from vinhdanh.orgs.enums import UnitLevel

    if issuer.level in (UnitLevel.CENTRAL, UnitLevel.MINISTRY_PROVINCE) or not issuer.parent_id:
        return ""
    return Unit.objects.filter(pk=issuer.parent_id).values_list("name", flat=True).first() or ""


def _signature(decision: Decision, lines: list) -> tuple[Signature | None, str, str]:
    """The signature block, the head's title the authority line names ("CHỦ TỊCH") and the
    signing mode. Issued: as kept at issue; draft: from the chosen signer's capacity."""
    from vinhdanh.accounts.services import signing_grant

    grant = signing_grant(decision.signer, decision.issuer) if decision.signer_id else None
    mode = grant.sign_mode if grant else ""
    head = ""
    if grant:
        head = grant.sign_head_title or grant.sign_position
    if decision.status != DecisionStatus.DRAFT and decision.signer_position:
        heading = [ln for ln in decision.signer_position.splitlines() if ln.strip()]
        if not head:
            first = heading[0] if heading else ""
            head = first.split(". ", 1)[1] if ". " in first[:5] else first
        return Signature(lines=heading, name=decision.signer_name), head, mode
    if grant:
        from .services import signature_of

        try:
            return signature_of(decision.signer, decision.issuer, lines), head, mode
        except DecisionsError:
            return None, head, mode
    return None, head, mode


def _subject(title: str) -> str:
    title = " ".join(title.split())
    if not title.lower().startswith("về việc"):
        title = f"Về việc {title[:1].lower()}{title[1:]}"
    return title


def decision_docx(decision: Decision, lines: list) -> bytes:
    """The decision (Mẫu 1.2) with its list annex, laid out by documents.docx."""
    issuer = decision.issuer
    draft = decision.status == DecisionStatus.DRAFT
    number = "" if draft or not decision.number else decision.number.display
    symbol = f"QĐ-{issuer.abbreviation}"
    signature, head, mode = _signature(decision, lines)
    head_title = head.strip()
    authority = (
        f"{head_title} {issuer.name}".upper()
        if head_title and mode != "tm"
        else issuer.name.upper()
    )
    deciding = f"{head_title.capitalize()} {issuer.name}" if head_title else issuer.name

    # Căn cứ; then "Xét đề nghị của … tại Tờ trình số …" per dossier the lines came from.
    basis = cm.legal_basis(issuer, decision.date, decision.legal_basis)
    proposals = []
    seen = set()
    for ln in lines:
        dossier = ln.nominee.dossier if ln.nominee_id else None
        if dossier is None or dossier.pk in seen:
            continue
        seen.add(dossier.pk)
        ttr = dossier.number
        when = f" {date_in_words(ttr.doc_date)}" if ttr and ttr.doc_date else ""
        where = f" tại Tờ trình số {ttr.display}{when}" if ttr else ""
        proposals.append(f"{dossier.sending_unit.name}{where}")
    if proposals:
        basis.append("Xét đề nghị của " + "; của ".join(proposals))
    else:
        basis.append("Xét đề nghị của Trưởng ban Thi đua - Khen thưởng")

    # Điều 1 / Điều 2 per honour, counting collectives and individuals.
    groups: dict = {}
    for ln in lines:
        groups.setdefault(ln.honour_id, []).append(ln)
    awards, money = [], []
    for group in groups.values():
        honour = group[0].honour
        legal = cm.honour_legal_name(honour, head_title=head_title, issuer_name=issuer.name)
        counts = cm.counts_phrase([ln.subject_kind for ln in group])
        awards.append(f"{cm.award_phrase(honour, legal)} cho {counts}")
        each = []
        for kind, word in ((cm.COLLECTIVE, "tập thể"), (cm.INDIVIDUAL, "cá nhân"),
                           (cm.HOUSEHOLD, "hộ gia đình")):  # fmt: skip
            amount = cm.most_common([ln.amount for ln in group if ln.subject_kind == kind])
            if amount:
                each.append(f"mỗi {word} được thưởng {cm.vnd(amount)}")
        if each:
            lead = f"{legal}: " if len(groups) > 1 else ""
            money.append(lead + "; ".join(each))
    years = sorted({ln.achievement_year for ln in lines})
    kinds = {ln.nominee.dossier.kind for ln in lines if ln.nominee_id}
    kind = kinds.pop() if len(kinds) == 1 else "merit"
    achievement = cm.achievement_phrase(years[-1] if years else decision.date.year, kind)
    article1 = "; ".join(awards)
    article1 = article1[:1].upper() + article1[1:]
    total = sum(ln.amount for ln in lines)

    body = [
        Para(authority, bold=True, align="center", indent=False),
        LegalBasis(basis),
        Para("QUYẾT ĐỊNH:", bold=True, align="center", indent=False),
        Para(
            lead="Điều 1.",
            text=f"{article1} (có danh sách kèm theo), {achievement[:1].lower()}{achievement[1:]}.",
        ),
    ]
    if money:
        sentence = "; ".join(m[:1].upper() + m[1:] if i == 0 else m for i, m in enumerate(money))
        body.append(
            Para(
                lead="Điều 2.",
                text=f"{sentence}. Tổng số tiền thưởng: {cm.vnd(total)} (Bằng chữ: "
                f"{money_in_words(total)}), từ Quỹ thi đua, khen thưởng của {issuer.name}.",
            )
        )
    else:
        body.append(Para("Hình thức khen thưởng tại Điều 1 không kèm tiền thưởng.", lead="Điều 2."))
    body.append(Para("Quyết định này có hiệu lực kể từ ngày ký.", lead="Điều 3."))
    body.append(
        Para(
            f"Chánh Văn phòng {issuer.name}, Thủ trưởng các cơ quan, đơn vị có liên quan và các "
            "tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        )
    )
    recipients = ["Như Điều 3"] + [
        r.strip().lstrip("-").strip().rstrip(";.")
        for r in decision.recipients.splitlines()
        if r.strip() and "như điều 3" not in r.lower()
    ]

    # Annex: I. TẬP THỂ / II. CÁ NHÂN, each line with its achievement.
    several = len(groups) > 1
    names = sorted({cm.honour_legal_name(g[0].honour, head_title=head_title,
                                         issuer_name=issuer.name) for g in groups.values()})  # fmt: skip
    title = "DANH SÁCH CÁC TẬP THỂ VÀ CÁ NHÂN ĐƯỢC " + (
        "KHEN THƯỞNG" if several else f"TẶNG {names[0].upper()}"
    )
    annex_body: list = []
    sections = [
        ("TẬP THỂ", [ln for ln in lines if ln.subject_kind == cm.COLLECTIVE], "Tên tập thể"),
        ("CÁ NHÂN", [ln for ln in lines if ln.subject_kind == cm.INDIVIDUAL], "Họ và tên"),
        ("HỘ GIA ĐÌNH", [ln for ln in lines if ln.subject_kind == cm.HOUSEHOLD], "Hộ gia đình"),
    ]
    roman = iter(["I", "II", "III"])
    for label, rows, col in sections:
        if not rows:
            continue
        annex_body.append(Heading(f"{next(roman)}. {label}"))
        headers = ["STT", col, "Chức vụ, đơn vị", "Thành tích"]
        widths = [14, 47, 44, 50]
        data = []
        for i, ln in enumerate(rows, 1):
            row = [
                str(i),
                _addressed(ln),
                ln.details or "",
                cm.achievement_phrase(ln.achievement_year, kind),
            ]
            if several:
                row.append(cm.honour_legal_name(ln.honour, head_title=head_title,
                                                issuer_name=issuer.name))  # fmt: skip
            data.append(row)
        if several:
            headers.append("Hình thức")
            widths = [14, 38, 35, 38, 30]
        annex_body.append(Table(headers, data, widths_mm=widths,
                                align=["center", "left", "left", "left", "left"]))  # fmt: skip
    annex = Annex(
        title=title,
        kem_theo=kem_theo_line(
            "Quyết định", number, None if draft else decision.date, deciding, symbol
        ),
        body=annex_body,
    )
    return official_document(
        Header(
            issuer=issuer.name.upper(),
            number=number,
            symbol=symbol,
            superior=_superior(issuer).upper(),
            place=place_for_unit(issuer),
            date=decision.date,
            draft=draft,
            year=(decision.date or dt.date.today()).year,
        ),
        _subject(decision.title),
        body,
        signature or Signature(lines=[head_title.upper()] if head_title else ["THỦ TRƯỞNG ĐƠN VỊ"]),
        recipients,
        doc_type="QUYẾT ĐỊNH",
        annexes=[annex],
    )


def _addressed(line) -> str:
    """ "Ông Nguyễn Văn An" / "Bà …" for a person on record; the name as kept otherwise."""
    if line.subject_kind != cm.INDIVIDUAL or not line.person_id:
        return line.name
    gender = getattr(line.person, "gender", "")
    return f"{'Bà' if gender == 'female' else 'Ông'} {line.name}"


@transaction.atomic
def documents_generate(actor, decision: Decision) -> Decision:
    """Draft the .docx and its PDF and keep both on the decision (replacing older ones)."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer", "number")
        .get(pk=decision.pk)
    )
    if decision.status == DecisionStatus.REVOKED:
        raise DecisionsError("Quyết định đã bị hủy bỏ, không tạo lại văn bản.")
    if not (
        can_on_unit(actor, Capability.MANAGE_NOMINATIONS, decision.issuer)
        or can_on_unit(actor, Capability.SIGN, decision.issuer)
    ):
        raise DecisionsError("Bạn không có quyền tạo văn bản của quyết định này.")
    lines = list(
        decision.lines.select_related(
            "honour", "person", "nominee__dossier__number", "nominee__dossier__sending_unit"
        ).order_by("position")
    )
    if not lines:
        raise DecisionsError("Quyết định chưa có dòng khen thưởng nào.")
    data = decision_docx(decision, lines)
    try:
        pdf = docx_to_pdf(data)
    except DocumentError as exc:
        raise DecisionsError(str(exc)) from exc
    before = audit.snapshot(decision, ["docx_file", "pdf_file"])
    stem = (
        f"quyet-dinh-{decision.number.seq:02d}-{decision.number.year}"
        if decision.number
        else (f"du-thao-quyet-dinh-{decision.pk}")
    )
    decision.docx_file = store_generated(data, f"{stem}.docx", user=actor)
    decision.pdf_file = store_generated(pdf, f"{stem}.pdf", user=actor)
    decision.save(update_fields=["docx_file", "pdf_file", "updated_at"])
    audit.record_update(actor, decision, before, note="Tạo văn bản quyết định (.docx, .pdf)")
    return decision
