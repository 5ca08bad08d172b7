"""Certificates (bằng khen, giấy khen) of an issued decision: one per line with a serial number
and a public token; printed either on a pre-printed blank (fields placed in mm) or as a full
design with a QR code pointing to the public verification page."""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.catalogue.enums import HonourCategory
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.core.text import fold
from vinhdanh.documents.pdf import html_to_pdf

from .checks import can_confer
from .models import Certificate, CertificateBlank, Decision, DecisionStatus
from .services import DecisionsError

FIELDS = {
    "authority": "Người (cơ quan) tặng",
    "name": "Họ tên / tên tập thể",
    "details": "Chức vụ, đơn vị",
    "honour": "Danh hiệu / hình thức",
    "reason": "Thành tích (Đã có thành tích …)",
    "place_date": "Địa danh, ngày tháng năm",
    "signer": "Chức vụ người ký (KT., TM. …)",
    "signer_name": "Họ tên người ký",
    "decision": "Số quyết định",
    "date": "Ngày quyết định",
    "book": "Số vào sổ",
}
DEFAULT_POSITIONS = {
    "authority": {"x": 60, "y": 62, "size": 14},
    "name": {"x": 60, "y": 85, "size": 22},
    "details": {"x": 60, "y": 96, "size": 14},
    "honour": {"x": 60, "y": 105, "size": 16},
    "reason": {"x": 60, "y": 116, "size": 14},
    "place_date": {"x": 170, "y": 135, "size": 13},
    "signer": {"x": 185, "y": 142, "size": 13},
    "signer_name": {"x": 185, "y": 175, "size": 13},
    "decision": {"x": 25, "y": 175, "size": 12},
    "date": {"x": 25, "y": 181, "size": 12},
    "book": {"x": 25, "y": 187, "size": 12},
}


def wording(decision: Decision, line, certificate=None) -> dict:
    """The variable text of a certificate (DOCUMENTS.md §8.7): the deciding head, the
    recipient, "Đã có thành tích …" as in the decision, the place and the decision's date, the
    signer block as issued, "Quyết định số …", the register (sổ vàng) number."""
    from vinhdanh.documents import commendation as cm
    from vinhdanh.documents.vn import date_in_words, place_for_unit

    lines = [ln for ln in (decision.signer_position or "").splitlines() if ln.strip()]
    _, head = cm.head_of_signature(lines)
    name = line.name
    if line.subject_kind == cm.INDIVIDUAL and line.person_id:
        name = f"{'Bà' if getattr(line.person, 'gender', '') == 'female' else 'Ông'} {line.name}"
    kinds = {line.nominee.dossier.kind} if line.nominee_id else set()
    reason = cm.achievement_phrase(line.achievement_year, kinds.pop() if kinds else "merit")
    date = decision.date
    return {
        "authority": cm.authority_line(lines, decision.issuer.name),
        "name": name,
        "details": line.details,
        "honour": cm.honour_legal_name(
            line.honour, head_title=head, issuer_name=decision.issuer.name
        ),
        "reason": reason + ".",
        "place_date": date_in_words(date, place_for_unit(decision.issuer)) if date else "",
        "signer": "\n".join(lines),
        "signer_name": decision.signer_name,
        "decision": f"Quyết định số {decision.number.display}" if decision.number else "",
        "date": f"ngày {date:%d/%m/%Y}" if date else "",
        "book": f"Số vào sổ: {certificate.serial}" if certificate is not None else "",
    }


def verify_path(token) -> str:
    """The public verification page of a certificate."""
    try:
        return reverse("portal:verify_token", args=[token])
    except NoReverseMatch:  # the portal is not mounted: the path it is published at
        return f"/cong-khai/xac-minh/{token}/"


DEV_BASE_URL = "http://127.0.0.1:8000"
NO_BASE_URL = (
    "Chưa cấu hình địa chỉ công khai của cổng thông tin (biến môi trường PUBLIC_BASE_URL, ví "
    "dụ https://thiduakhenthuong.hanoi.gov.vn): mã QR trên bằng, giấy khen phải dẫn tới địa chỉ "
    "đầy đủ mà người dân mở được. Đề nghị quản trị hệ thống cấu hình rồi in lại."
)


def public_base_url() -> str:
    """The portal's absolute address for QR codes; refused when production has none."""
    base = (getattr(settings, "PUBLIC_BASE_URL", "") or "").strip().rstrip("/")
    if base:
        return base
    if settings.DEBUG:
        return DEV_BASE_URL
    raise DecisionsError(NO_BASE_URL)


def verify_url(token) -> str:
    return public_base_url() + verify_path(token)


def qr_data_uri(text: str) -> str:
    import qrcode

    img = qrcode.make(text, box_size=4, border=1)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


# A form's certificate is headed by the kind of paper its catalogue name starts with; a
# title's certificate by the title itself ("CHIẾN SĨ THI ĐUA CƠ SỞ", "LAO ĐỘNG TIÊN TIẾN").
CERTIFICATE_KINDS = (
    "Bằng khen",
    "Giấy khen",
    "Cờ thi đua",
    "Huân chương",
    "Huy chương",
    "Kỷ niệm chương",
)


def heading_of(honour) -> str:
    """The heading printed on the certificate, from the catalogue's name of the honour."""
    name = (honour.name or "").strip()
    folded = fold(name)
    for kind in CERTIFICATE_KINDS:
        if folded.startswith(fold(kind)):
            return kind.upper()
    if honour.category == HonourCategory.TITLE:
        return name.upper()
    return name.upper() or "BẰNG KHEN"


title_of = heading_of  # former name


def printable_lines(decision: Decision):
    """The issued decision's lines a certificate may be printed for: never for an external
    decision (not this unit's to print), only honours the issuer confers."""
    if decision.is_external:
        raise DecisionsError(
            "Quyết định của cấp khác được ghi nhận: cơ quan ban hành ("
            + decision.external_issuer_name
            + ") cấp bằng, giấy khen; không in bằng, giấy khen mang tên đơn vị này."
        )
    if decision.status != DecisionStatus.ISSUED:
        raise DecisionsError("Chỉ cấp bằng, giấy khen cho quyết định đã ban hành và còn hiệu lực.")
    lines = list(decision.lines.filter(revoked=False).select_related("honour").order_by("position"))
    return [ln for ln in lines if can_confer(decision.issuer, ln.honour)]


@transaction.atomic
def certificates_issue(actor, decision: Decision) -> int:
    """Create the missing Certificate rows (serial = decision number + line position)."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer", "number")
        .get(pk=decision.pk)
    )
    if not (
        can_on_unit(actor, Capability.MANAGE_NOMINATIONS, decision.issuer)
        or can_on_unit(actor, Capability.SIGN, decision.issuer)
    ):
        raise DecisionsError("Bạn không có quyền cấp bằng, giấy khen của quyết định này.")
    printable = printable_lines(decision)
    if not printable:
        raise DecisionsError(
            "Không có dòng nào thuộc thẩm quyền của " + decision.issuer.name + " để cấp bằng, "
            "giấy khen (Luật Thi đua, khen thưởng 2022, Điều 80)."
        )
    have = set(
        Certificate.objects.filter(line__decision=decision).values_list("line_id", flat=True)
    )
    lines = [ln for ln in printable if ln.pk not in have]
    prefix = f"{decision.number.year}/{decision.number.display}"
    rows = [Certificate(line=ln, serial=f"{prefix}-{ln.position:04d}"[:40]) for ln in lines]
    Certificate.objects.bulk_create(rows, batch_size=1000)
    if rows:
        audit.record(
            actor,
            AuditAction.CREATE,
            decision,
            changes={"certificates": [None, len(rows)]},
            note=f"Cấp {len(rows)} bằng, giấy khen theo Quyết định {decision.number.display}",
        )
    return len(rows)


def _certificates(decision: Decision):
    printable = [ln.pk for ln in printable_lines(decision)]
    return (
        Certificate.objects.filter(line_id__in=printable)
        .select_related("line__honour", "line__person", "line__nominee__dossier")
        .order_by("line__position")
    )


def full_design_html(decision: Decision, certificates=None) -> str:
    certs = list(certificates if certificates is not None else _certificates(decision))
    base = public_base_url()  # refused before anything is drawn when production has none
    items = []
    for c in certs:
        url = base + verify_path(c.public_token)
        heading = heading_of(c.line.honour)
        items.append(
            {
                "cert": c,
                "line": c.line,
                "heading": heading,
                "title": heading,
                "qr": qr_data_uri(url),
                "url": url,
                "w": wording(decision, c.line, c),
            }
        )
    return render_to_string(
        "decisions/certificate_full.html", {"decision": decision, "items": items}
    )


CHUNK = 200  # certificates per WeasyPrint run: keeps the layout engine's memory bounded


def _merge(parts: list[bytes]) -> bytes:
    if len(parts) == 1:
        return parts[0]
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def full_design_pdf(decision: Decision) -> bytes:
    """One page per certificate, rendered in chunks and joined (memory stays flat at 2.000)."""
    certs = list(_certificates(decision))
    parts = [
        html_to_pdf(full_design_html(decision, certs[i : i + CHUNK]))
        for i in range(0, max(len(certs), 1), CHUNK)
    ]
    return _merge(parts)


# A sample certificate for the test page.
SAMPLE = {
    "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
    "name": "Ông Nguyễn Văn Mẫu",
    "details": "Trưởng phòng, Sở Y tế",
    "honour": "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố Hà Nội",
    "reason": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
    "place_date": "Hà Nội, ngày 05 tháng 3 năm 2026",
    "signer": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "signer_name": "Trần Văn Ký",
    "decision": "Quyết định số 01/QĐ-UBND",
    "date": "ngày 05/03/2026",
    "book": "Số vào sổ: 01-01",
}

# The printer's shift, measured on the printed test page: positions["_offset"] = {"x", "y"} in
# mm (negative: left / up), added to every field. The test page prints a "+" mark at MARK_MM
# from the top-left corner; the clerk measures where it really lands and enters the difference.
OFFSET_KEY = "_offset"
MARK_MM = 20


def blank_offset(blank: CertificateBlank) -> tuple[float, float]:
    offset = (blank.positions or {}).get(OFFSET_KEY) or {}
    return float(offset.get("x", 0) or 0), float(offset.get("y", 0) or 0)


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def blank_html(blank: CertificateBlank, decision: Decision | None, *, sample=None, grid=False):
    positions = {**DEFAULT_POSITIONS, **(blank.positions or {})}
    dx, dy = blank_offset(blank)
    if sample is not None:
        pages = [sample]
    else:
        pages = [wording(decision, c.line, c) for c in _certificates(decision)]
    placed = [
        [
            {
                "text": page[key],
                "x": _mm(float(positions[key]["x"]) + dx),
                "y": _mm(float(positions[key]["y"]) + dy),
                "size": positions[key]["size"],
            }
            for key in FIELDS
            if key in positions and page.get(key)
        ]
        for page in pages
    ]
    marks = [
        {"x": _mm(MARK_MM + dx), "y": _mm(MARK_MM + dy)},
        {"x": _mm(blank.width_mm - MARK_MM + dx), "y": _mm(blank.height_mm - MARK_MM + dy)},
    ]
    return render_to_string(
        "decisions/certificate_blank.html",
        {
            "blank": blank, "pages": placed, "grid": grid, "marks": marks, "mark_mm": MARK_MM,
            "offset": {"x": _mm(dx), "y": _mm(dy)},
            "grid_mm": [{"mm": mm, "x": _mm(mm + dx), "y": _mm(mm + dy)}
                        for mm in range(0, 300, 10)],
        },
    )  # fmt: skip


def blank_preview_html(blank: CertificateBlank) -> str:
    """The test page (grid, calibration marks, a sample certificate) as HTML: printed as PDF by
    ``blank_preview_pdf``, shown on screen on the calibration form."""
    return blank_html(blank, None, sample=SAMPLE, grid=True)


def blank_preview_pdf(blank: CertificateBlank) -> bytes:
    return html_to_pdf(blank_preview_html(blank))


def blank_batch_pdf(blank: CertificateBlank, decision: Decision) -> bytes:
    return html_to_pdf(blank_html(blank, decision))
