"""The decision as an official document (Nghị định 30/2020/NĐ-CP): .docx with the list annex,
and its PDF (LibreOffice), both kept as generated files of the decision."""

from __future__ import annotations

import io

from django.db import transaction
from docx import Document

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.files import store_generated
from vinhdanh.documents.docx import (
    Header,
    Heading,
    PageBreak,
    Para,
    Signature,
    Table,
    _body,  # the annex is appended after the signature block with the same helpers
    official_document,
)
from vinhdanh.documents.pdf import DocumentError, docx_to_pdf
from vinhdanh.documents.vn import money_in_words, place_of
from vinhdanh.orgs.models import Unit

from .models import Decision, DecisionStatus
from .services import DecisionsError


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def _superior_and_place(issuer: Unit) -> tuple[str, str]:
    ids = issuer.ancestor_ids()
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    superior = names.get(ids[-2], "") if len(ids) > 1 else ""
    return superior.upper(), place_of(names.get(ids[0], ""))


def decision_docx(decision: Decision, lines: list) -> bytes:
    issuer = decision.issuer
    superior, place = _superior_and_place(issuer)
    number = decision.number.display if decision.number else ""
    subject = decision.title
    if subject.lower().startswith("về việc "):
        subject = subject[len("Về việc ") :]
    head = (decision.signer_position or "Thủ trưởng").upper()
    total = sum(ln.amount for ln in lines)
    body = [Para(f"{head} {issuer.name.upper()}", bold=True, align="center", indent=False)]
    body += [Para(text.strip(), italic=True) for text in decision.legal_basis.splitlines() if text]
    body.append(
        Para(f"Theo đề nghị của Trưởng bộ phận thi đua, khen thưởng {issuer.name}.", italic=True)
    )
    body.append(Para("QUYẾT ĐỊNH:", bold=True, align="center", indent=False))
    body.append(
        Para(
            f"Điều 1. Khen thưởng {len(lines)} cá nhân, tập thể, hộ gia đình có tên trong danh "
            f"sách kèm theo Quyết định này (có thành tích năm "
            f"{', '.join(sorted({str(ln.achievement_year) for ln in lines}))})."
        )
    )
    body.append(
        Para(
            f"Điều 2. Tiền thưởng kèm theo được chi theo quy định của Nghị định số "
            f"152/2025/NĐ-CP; tổng số tiền: {_vnd(total)} (Bằng chữ: {money_in_words(total)})."
        )
    )
    body.append(
        Para(
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng bộ phận "
            "thi đua, khen thưởng, thủ trưởng các đơn vị liên quan và các cá nhân, tập thể có tên "
            "tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        )
    )
    annex = [
        PageBreak(),
        Heading(f"DANH SÁCH KHEN THƯỞNG (Kèm theo Quyết định số {number or '…'})"),
        Table(
            ["STT", "Họ và tên / tập thể", "Chức vụ, đơn vị", "Hình thức", "Số tiền"],
            [
                [
                    str(ln.position),
                    ln.name,
                    ln.details,
                    ln.honour.name,
                    _vnd(ln.amount),
                ]
                for ln in lines
            ]
            + [["", "Tổng cộng", "", "", _vnd(total)]],
            widths_mm=[14, 44, 44, 34, 29],
            align=["center", "left", "left", "left", "right"],
        ),
        Para(f"Tổng số tiền bằng chữ: {money_in_words(total)}.", italic=True, indent=False),
    ]
    data = official_document(
        Header(
            issuer=issuer.name.upper(),
            number=number,
            superior=superior,
            place=place,
            date=decision.date,
        ),
        f"Về việc khen thưởng {subject}".replace("khen thưởng khen thưởng", "khen thưởng"),
        body,
        Signature(position=decision.signer_position or "", name=decision.signer_name),
        [r.strip() for r in decision.recipients.splitlines() if r.strip()],
        doc_type="QUYẾT ĐỊNH",
    )
    # The annex follows the signature and "Nơi nhận", on a new page, in the same layout.
    doc = Document(io.BytesIO(data))
    _body(doc, annex)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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
    lines = list(decision.lines.select_related("honour").order_by("position"))
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
