"""The submission letter (tờ trình) of a dossier: its TTr number is taken from the sending
unit's book at the first submission and kept when the dossier is sent again."""

from __future__ import annotations

from django.utils import timezone

from vinhdanh.core.files import store_generated
from vinhdanh.core.models import DocumentType
from vinhdanh.core.numbering import issue_number_for
from vinhdanh.documents.docx import Header, Para, Signature, Table, official_document

from .enums import AttachmentKind
from .models import Attachment, Dossier
from .services import NominationsError


def _number(actor, dossier: Dossier):
    if dossier.number_id:
        return dossier.number
    unit = dossier.sending_unit
    number = issue_number_for(
        actor, dossier, doc_type=DocumentType.TTR, unit=unit,
        issuer_abbreviation=unit.abbreviation or unit.code,
        on=timezone.localdate(), title=f"Tờ trình {dossier.title}", error=NominationsError,
    )  # fmt: skip
    dossier.number = number
    dossier.save(update_fields=["number"])
    return number


def letter_bytes(dossier: Dossier, number_display: str) -> bytes:
    unit, receiver = dossier.sending_unit, dossier.receiving_unit
    nominees = list(dossier.nominees.select_related("person__unit", "unit", "honour"))
    rows = [
        [str(i), n.display_name, n.person.unit.name if n.person_id else n.outsider_details,
         n.honour.name]
        for i, n in enumerate(nominees, 1)
    ]  # fmt: skip
    body = [
        Para(f"Kính gửi: {receiver.name}", align="center", indent=False),
        Para(
            f"{unit.name} đề nghị {receiver.name} xem xét, khen thưởng cho "
            f"{len(nominees)} đối tượng có thành tích năm {dossier.year} "
            f"({dossier.get_kind_display().lower()}), danh sách như sau:"
        ),
        Table(
            ["STT", "Cá nhân/tập thể", "Đơn vị, thông tin", "Hình thức đề nghị"],
            rows,
            widths_mm=[12, 55, 55, 48],
        ),  # fmt: skip
        Para(f"Kính trình {receiver.name} xem xét, quyết định."),
    ]
    header = Header(
        issuer=unit.name.upper(),
        superior=unit.parent.name.upper() if unit.parent_id else "",
        number=number_display,
        date=timezone.localdate(),
    )
    return official_document(
        header, f"Về việc {dossier.title}", body, Signature(position="THỦ TRƯỞNG ĐƠN VỊ"),
        ["Như trên;", "Lưu: VT."], doc_type="TỜ TRÌNH",
    )  # fmt: skip


def submission_letter(actor, dossier: Dossier) -> Attachment:
    """Number (if not yet) and draft the letter, replacing a generated letter kept before."""
    number = _number(actor, dossier)
    stored = store_generated(
        letter_bytes(dossier, number.display), f"To-trinh-{dossier.pk}.docx", user=actor
    )
    existing = dossier.attachments.filter(
        kind=AttachmentKind.SUBMISSION_LETTER, nominee__isnull=True, file__generated=True
    ).first()
    if existing is not None:
        existing.file = stored
        existing.save(update_fields=["file"])
        return existing
    return Attachment.objects.create(
        dossier=dossier, kind=AttachmentKind.SUBMISSION_LETTER, file=stored
    )
