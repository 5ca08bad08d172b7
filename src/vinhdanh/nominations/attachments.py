"""Attachments of a dossier: uploads (checked by core.files), replacements, removal, and the
achievement report (báo cáo thành tích) drafted from the register as .docx.

The sender adds, replaces and removes attachments while the dossier is with them (draft,
returned, recalled); everyone who may see the dossier may download them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vinhdanh.core import audit
from vinhdanh.core.files import FileRejected, store_generated, store_upload
from vinhdanh.documents.commendation import deciding_head, honour_legal_name
from vinhdanh.documents.docx import (
    Header,
    Heading,
    Para,
    Signature,
    SignatureGrid,
    Table,
    official_document,
)
from vinhdanh.documents.vn import place_for_unit
from vinhdanh.orgs.divisions import full_address
from vinhdanh.registry.selectors import timeline_for

from .enums import AttachmentKind, NomineeKind
from .models import Attachment, Dossier, Nominee
from .services import NominationsError, require_editable, require_sender

REPORT_YEARS = 5


@transaction.atomic
def attachment_upload(
    actor, dossier: Dossier, upload, *, kind: str, nominee: Nominee | None = None
) -> Attachment:
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    if kind not in AttachmentKind.values:
        raise NominationsError("Chọn loại tài liệu.", "kind")
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise NominationsError("Đối tượng không thuộc hồ sơ này.", "nominee")
    try:
        stored = store_upload(upload, user=actor)
    except FileRejected as exc:
        raise NominationsError(str(exc), "file") from exc
    attachment = Attachment.objects.create(dossier=dossier, nominee=nominee, kind=kind, file=stored)
    audit.record_create(actor, attachment, unit_id=dossier.sending_unit_id)
    return attachment


@transaction.atomic
def attachment_replace(actor, attachment: Attachment, upload) -> Attachment:
    """Put an edited version (e.g. the achievement report after editing) in the old one's place."""
    dossier = attachment.dossier
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    try:
        stored = store_upload(upload, user=actor)
    except FileRejected as exc:
        raise NominationsError(str(exc), "file") from exc
    before = audit.snapshot(attachment, ["file"])
    attachment.file = stored
    attachment.carried_from = None
    attachment.save(update_fields=["file", "carried_from"])
    audit.record_update(actor, attachment, before, unit_id=dossier.sending_unit_id)
    return attachment


@transaction.atomic
def attachment_delete(actor, attachment: Attachment) -> None:
    dossier = attachment.dossier
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    audit.record_delete(actor, attachment, unit_id=dossier.sending_unit_id)
    attachment.delete()


def _register(nominee: Nominee, year: int) -> dict[str, list[list[str]]]:
    """From the register, the last REPORT_YEARS years: danh hiệu thi đua, hình thức khen
    thưởng (year, form, số-ngày-cơ quan of the decision), ratings and initiatives."""
    subject = {"person": nominee.person} if nominee.person_id else {"unit": nominee.unit}
    out: dict[str, list[list[str]]] = {"titles": [], "forms": [], "ratings": [], "initiatives": []}
    for y, items in timeline_for(**subject):
        if y > year or y <= year - REPORT_YEARS:
            continue
        for item in items:
            r = item["obj"]
            if item["kind"] == "rating":
                out["ratings"].append([str(y), r.rating.name])
            elif item["kind"] == "honour":
                doc = f"Quyết định số {r.decision_number}" if r.decision_number else ""
                if r.decision_date:
                    doc += f" ngày {r.decision_date:%d/%m/%Y}"
                if r.issuer:
                    doc += f" của {r.issuer}"
                key = "titles" if r.honour.category == "title" else "forms"
                out[key].append([str(y), r.honour.name, doc.strip()])
            elif item["kind"] == "initiative":
                out["initiatives"].append([str(y), f"{r.title} ({r.scope.name})", r.document])
    for rows in out.values():
        rows.sort(key=lambda row: row[0])
    return out


def _awards_section(register: dict) -> list:
    body: list = [Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")]
    for label, key in (("1. Danh hiệu thi đua", "titles"), ("2. Hình thức khen thưởng", "forms")):
        body.append(Para(label, bold=True))
        rows = register[key]
        if rows:
            body.append(
                Table(
                    [
                        "Năm",
                        "Danh hiệu thi đua" if key == "titles" else "Hình thức khen thưởng",
                        "Số, ngày, tháng, năm của quyết định; cơ quan ban hành",
                    ],
                    rows,
                    widths_mm=[18, 62, 75],
                    align=["center", "left", "left"],
                )  # fmt: skip
            )
        else:
            body.append(
                f"Sổ thi đua, khen thưởng chưa ghi nhận {label[3:].lower()} nào trong "
                f"{REPORT_YEARS} năm gần đây."
            )
    return body


KIND_TITLE = {
    "ad_hoc": "khen thưởng đột xuất",
    "career": "khen thưởng quá trình cống hiến",
    "movement": "khen thưởng thi đua theo chuyên đề",
    "foreign": "khen thưởng đối ngoại",
}


def _subtitle(nominee: Nominee) -> str:
    dossier = nominee.dossier
    receiver = dossier.receiving_unit
    honour = honour_legal_name(
        nominee.honour, head_title=deciding_head(receiver), issuer_name=receiver.name
    )
    kind = KIND_TITLE.get(dossier.kind)
    if kind:
        return f"Đề nghị {kind}: tặng {honour}"
    return f"Đề nghị tặng {honour}"


def _career_rows(person) -> list[list[str]]:
    from vinhdanh.orgs.models import Membership

    rows = []
    for m in Membership.objects.filter(person=person).select_related("unit").order_by("start"):
        end = m.end or timezone.localdate()
        years = max(0, round((end - m.start).days / 365.25, 1))
        rows.append([
            f"{m.start:%m/%Y} – " + (f"{m.end:%m/%Y}" if m.end else "nay"),
            m.position or "",
            m.unit.name,
            f"{years:g}".replace(".", ","),
        ])  # fmt: skip
    return rows


def _person_report(nominee: Nominee, register: dict) -> list:
    p = nominee.person
    dossier = nominee.dossier
    born = f"{p.date_of_birth:%d/%m/%Y}" if p.date_of_birth else "……"
    unit_address = full_address(p.unit.address, p.unit.ward_code, p.unit.province_code)
    body: list = [
        Para(p.full_name, bold=True, align="center", indent=False),
        Para(f"{p.position}, {p.unit.name}".lstrip(", "), align="center", indent=False),
        Heading("I. SƠ LƯỢC LÝ LỊCH"),
        f"- Họ và tên (ghi đầy đủ bằng chữ in thường, không viết tắt): {p.full_name}.",
        f"- Sinh ngày, tháng, năm: {born}. Giới tính: {p.get_gender_display()}.",
        "- Quê quán: ……",
        "- Trú quán: ……",
        f"- Đơn vị công tác: {p.unit.name}" + (f" ({unit_address})" if unit_address else "") + ".",
        f"- Chức vụ (Đảng, chính quyền, đoàn thể): {p.position or '……'}.",
        "- Trình độ chuyên môn, nghiệp vụ: ……",
        "- Học hàm, học vị, danh hiệu, giải thưởng: ……",
    ]
    if dossier.kind == "career":
        body.append(Para("Quá trình công tác:", bold=True))
        rows = _career_rows(p) or [["", "", "", ""]]
        body.append(
            Table(
                [
                    "Từ tháng, năm đến tháng, năm",
                    "Chức vụ",
                    "Đơn vị công tác",
                    "Số năm giữ chức vụ",
                ],
                rows,
                widths_mm=[38, 40, 55, 22],
                align=["center", "left", "left", "center"],
            )  # fmt: skip
        )
    body.append(Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    if dossier.kind == "ad_hoc":
        body += [
            Para("1. Hoàn cảnh, thời gian, địa điểm xảy ra sự việc:", bold=True),
            "……",
            Para("2. Thành tích đột xuất đạt được (hành động, kết quả, tác dụng):", bold=True),
            "……",
        ]
    elif dossier.kind == "movement":
        movement = dossier.movement.name if dossier.movement_id else "……"
        body += [
            Para(f"1. Kết quả thực hiện phong trào thi đua “{movement}”:", bold=True),
            "……",
            Para("2. Các giải pháp, cách làm mới, sáng kiến trong phong trào:", bold=True),
            *_initiative_lines(register),
        ]
    elif dossier.kind == "career":
        body += [
            Para("1. Tóm tắt quá trình cống hiến:", bold=True),
            "……",
            Para("2. Những đóng góp chủ yếu trong thời gian giữ chức vụ:", bold=True),
            "……",
        ]
    else:
        body += [
            Para("1. Quyền hạn, nhiệm vụ được giao:", bold=True),
            "……",
            Para("2. Thành tích đạt được:", bold=True),
            f"Kết quả thực hiện nhiệm vụ được giao năm {dossier.year} (chỉ tiêu, số liệu, hiệu "
            "quả; cá nhân bổ sung trước khi gửi hồ sơ): ……",
            *_rating_lines(register),
            *_initiative_lines(register),
        ]
    return body + _awards_section(register)


def _rating_lines(register: dict) -> list:
    if not register["ratings"]:
        return []
    return ["Kết quả xếp loại: " + "; ".join(f"năm {y}: {r}" for y, r in register["ratings"]) + "."]


def _initiative_lines(register: dict) -> list:
    if not register["initiatives"]:
        return ["Sáng kiến, đề tài, giải pháp: ……"]
    return [
        f"- Năm {y}: {title}" + (f", {doc}" if doc else "") + ";"
        for y, title, doc in register["initiatives"]
    ]


def _collective_report(nominee: Nominee, register: dict) -> list:
    unit = nominee.unit
    dossier = nominee.dossier
    address = full_address(unit.address, unit.ward_code, unit.province_code)
    founded = f"{unit.active_from:%d/%m/%Y}" if unit.active_from else "……"
    children = unit.children.filter(active_to__isnull=True).count()
    staff = unit.people.count()
    body: list = [
        Para(unit.name, bold=True, align="center", indent=False),
        Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        Para("1. Đặc điểm, tình hình:", bold=True),
        f"- Tên tập thể: {unit.name}.",
        f"- Địa điểm trụ sở chính: {address or '……'}; điện thoại: ……; fax: ……; địa chỉ trang "
        "tin điện tử, thư điện tử: …….",
        f"- Quá trình thành lập và phát triển: thành lập ngày {founded}; ……",
        f"- Cơ cấu tổ chức: {children} đơn vị trực thuộc; tổng số cán bộ, công chức, viên chức, "
        f"người lao động: {staff} người.",
        "- Tổ chức đảng, đoàn thể: ……",
        Para("2. Chức năng, nhiệm vụ:", bold=True),
        "……",
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Para(
            "1. Kết quả thực hiện các chỉ tiêu, nhiệm vụ được giao (có số liệu, theo từng năm):",
            bold=True,
        ),
        f"Năm {dossier.year}: …… (tập thể bổ sung trước khi gửi hồ sơ).",
        *_rating_lines(register),
        Para("2. Các đổi mới, sáng kiến, giải pháp, mô hình mới:", bold=True),
        *_initiative_lines(register),
        Para(
            "3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước:", bold=True
        ),  # fmt: skip
        "……",
    ]
    return body + _awards_section(register)


def achievement_report_bytes(nominee: Nominee) -> bytes:
    """The achievement report (báo cáo thành tích) per the NĐ 152/2025 forms (DOCUMENTS.md
    §8.3): no issuing body and no number; quốc hiệu, place-date; "BÁO CÁO THÀNH TÍCH" +
    "Đề nghị tặng …"; sections I–III (with the đột xuất / chuyên đề / cống hiến variants of the
    individual report); signature and confirmation blocks. Drafted from the register; the
    sender downloads, edits and uploads it back (attachment_replace)."""
    dossier = nominee.dossier
    register = _register(nominee, dossier.year)
    header = Header(
        issuer="",
        place=place_for_unit(dossier.sending_unit),
        date=timezone.localdate(),
    )
    if nominee.person_id:
        body = _person_report(nominee, register)
        signatures = [
            Signature(lines=["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"], note="(Ký, đóng dấu)"),
            Signature(
                lines=["NGƯỜI BÁO CÁO THÀNH TÍCH"],
                note="(Ký, ghi rõ họ và tên)",
                name=nominee.person.full_name,
            ),  # fmt: skip
        ]
    else:
        body = _collective_report(nominee, register)
        signatures = [
            Signature(lines=["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN"], note="(Ký, đóng dấu)"),
            Signature(lines=["THỦ TRƯỞNG ĐƠN VỊ"], note="(Ký, đóng dấu)"),
        ]
    # The confirmation of the submitting level closes the form, after the report's signatures.
    confirm = SignatureGrid(
        [Signature(lines=["XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"], note="(Ký, đóng dấu)")],
        columns=1,
    )
    return official_document(
        header,
        _subtitle(nominee),
        body,
        signatures,
        doc_type="BÁO CÁO THÀNH TÍCH",
        closing_blocks=[confirm],
    )


@transaction.atomic
def achievement_report_generate(actor, nominee: Nominee) -> Attachment:
    """Draft the nominee's achievement report from the register; an existing report of the
    nominee is replaced (the sender then downloads, edits and uploads it back)."""
    dossier = nominee.dossier
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    if nominee.kind not in (NomineeKind.PERSON, NomineeKind.COLLECTIVE):
        raise NominationsError(
            "Chỉ lập tự động báo cáo thành tích cho cá nhân, tập thể trong hệ thống; "
            "với đối tượng nhập tay, hãy tải lên báo cáo."
        )
    data = achievement_report_bytes(nominee)
    name = f"Bao-cao-thanh-tich-{nominee.pk}.docx"
    stored = store_generated(data, name, user=actor)
    existing = dossier.attachments.filter(
        nominee=nominee, kind=AttachmentKind.ACHIEVEMENT_REPORT
    ).first()
    if existing is not None:
        before = audit.snapshot(existing, ["file"])
        existing.file = stored
        existing.save(update_fields=["file"])
        audit.record_update(actor, existing, before, unit_id=dossier.sending_unit_id)
        return existing
    attachment = Attachment.objects.create(
        dossier=dossier, nominee=nominee, kind=AttachmentKind.ACHIEVEMENT_REPORT, file=stored
    )
    audit.record_create(actor, attachment, unit_id=dossier.sending_unit_id)
    return attachment
