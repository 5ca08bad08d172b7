"""The decision's files. A draft's .docx/.pdf are generated on request and never kept or
numbered; issuing generates them once, with number, date, signer and authority line, and
keeps them as the issued files (core.StoredFile with its SHA-256): every download after that
serves exactly those bytes, whatever changes later in the catalogue or the units."""

from __future__ import annotations

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.core.files import store_generated
from vinhdanh.documents.pdf import DocumentError, docx_to_pdf

from .documents import decision_docx
from .models import Decision, DecisionStatus
from .services import DecisionsError


def _stem(decision: Decision) -> str:
    if decision.number_id:
        return f"quyet-dinh-{decision.number.seq:02d}-{decision.number.year}"
    return f"du-thao-quyet-dinh-{decision.pk}"


def _render(decision: Decision, lines: list) -> tuple[bytes, bytes]:
    data = decision_docx(decision, lines)
    try:
        pdf = docx_to_pdf(data)
    except DocumentError as exc:
        raise DecisionsError(str(exc)) from exc
    return data, pdf


def store_issued_files(actor, decision: Decision, lines: list) -> Decision:
    """Called inside `services.decision_issue`'s transaction, after numbering: a refused
    conversion refuses the whole issue (nothing numbered, nothing written)."""
    data, pdf = _render(decision, lines)
    before = audit.snapshot(decision, ["docx_file", "pdf_file"])
    stem = _stem(decision)
    decision.docx_file = store_generated(data, f"{stem}.docx", user=actor)
    decision.pdf_file = store_generated(pdf, f"{stem}.pdf", user=actor)
    decision.save(update_fields=["docx_file", "pdf_file", "updated_at"])
    audit.record_update(
        actor,
        decision,
        before,
        note=(
            f"Lưu văn bản ban hành: .docx sha256 {decision.docx_file.sha256}, "
            f".pdf sha256 {decision.pdf_file.sha256}"
        ),
    )
    return decision


def draft_file(actor, decision: Decision, kind: str) -> tuple[bytes, str]:
    """The draft's .docx or .pdf, generated now, without a number; nothing is stored."""
    if decision.is_external:
        raise DecisionsError(
            "Quyết định của cấp khác được ghi nhận: không tạo văn bản mang tên cơ quan này."
        )
    if decision.status != DecisionStatus.DRAFT:
        raise DecisionsError("Quyết định đã ban hành: tải văn bản đã lưu khi ban hành.")
    if not (
        can_on_unit(actor, Capability.MANAGE_NOMINATIONS, decision.issuer)
        or can_on_unit(actor, Capability.SIGN, decision.issuer)
    ):
        raise DecisionsError("Bạn không có quyền tạo văn bản của quyết định này.")
    assert decision.number_id is None  # a draft is never numbered
    lines = list(decision.lines.select_related("honour").order_by("position"))
    if not lines:
        raise DecisionsError("Quyết định chưa có dòng khen thưởng nào.")
    if kind == "docx":
        return decision_docx(decision, lines), f"{_stem(decision)}.docx"
    _docx, pdf = _render(decision, lines)
    return pdf, f"{_stem(decision)}.pdf"
