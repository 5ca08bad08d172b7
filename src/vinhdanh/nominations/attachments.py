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
from vinhdanh.documents.docx import Header, Heading, Para, Signature, Table, official_document
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


def _register_rows(nominee: Nominee, year: int) -> list[list[str]]:
    subject = {"person": nominee.person} if nominee.person_id else {"unit": nominee.unit}
    rows: list[list[str]] = []
    for y, items in timeline_for(**subject):
        if y > year or y <= year - REPORT_YEARS:
            continue
        for item in items:
            r = item["obj"]
            if item["kind"] == "rating":
                rows.append([str(y), "Xếp loại", r.rating.name, ""])
            elif item["kind"] == "honour":
                doc = f"Quyết định số {r.decision_number}" if r.decision_number else ""
                if r.decision_date:
                    doc += f" ngày {r.decision_date:%d/%m/%Y}"
                rows.append([str(y), "Danh hiệu, khen thưởng", r.honour.name, doc.strip()])
            elif item["kind"] == "initiative":
                rows.append([str(y), r.kind.name, f"{r.title} ({r.scope.name})", r.document])
    return rows


def achievement_report_bytes(nominee: Nominee) -> bytes:
    dossier = nominee.dossier
    sender = dossier.sending_unit
    header = Header(
        issuer=sender.name.upper(),
        superior=sender.parent.name.upper() if sender.parent_id else "",
        date=timezone.localdate(),
    )
    title = f"BÁO CÁO THÀNH TÍCH\nĐề nghị tặng {nominee.honour.name}"
    body: list = [Heading("I. SƠ LƯỢC LÝ LỊCH" if nominee.person_id else "I. ĐẶC ĐIỂM, TÌNH HÌNH")]
    if nominee.person_id:
        p = nominee.person
        body += [
            Para(f"Họ và tên: {p.full_name}", indent=False),
            Para(f"Giới tính: {p.get_gender_display()}", indent=False),
            Para(
                "Ngày sinh: " + (f"{p.date_of_birth:%d/%m/%Y}" if p.date_of_birth else ""),
                indent=False,
            ),
            Para(
                f"Chức vụ, đơn vị công tác: {p.position} {p.unit.name}".replace("  ", " "),
                indent=False,
            ),  # fmt: skip
        ]
        signer = Signature(position="NGƯỜI BÁO CÁO THÀNH TÍCH", name=p.full_name)
    else:
        body.append(Para(f"Tên tập thể: {nominee.unit.name}", indent=False))
        signer = Signature(position="THỦ TRƯỞNG ĐƠN VỊ")
    body += [
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Para(
            f"Kết quả thực hiện nhiệm vụ được giao năm {dossier.year} "
            "(đơn vị, cá nhân bổ sung trước khi gửi hồ sơ)."
        ),
        Heading(f"III. CÁC HÌNH THỨC ĐÃ ĐƯỢC GHI NHẬN ({REPORT_YEARS} NĂM GẦN ĐÂY)"),
    ]
    rows = _register_rows(nominee, dossier.year)
    if rows:
        body.append(Table(["Năm", "Loại", "Nội dung", "Văn bản"], rows, widths_mm=[15, 40, 70, 45]))
    else:
        body.append(Para("Sổ thi đua, khen thưởng chưa ghi nhận nội dung nào trong thời gian này."))
    return official_document(header, title, body, signer)


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
