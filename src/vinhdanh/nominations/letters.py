"""The submission letter (tờ trình) of a dossier: its TTr number is taken from the sending
unit's book at the first submission and kept when the dossier is sent again."""

from __future__ import annotations

from django.utils import timezone

from vinhdanh.core.files import store_generated
from vinhdanh.core.models import DocumentType
from vinhdanh.core.numbering import issue_number_for
from vinhdanh.documents import commendation as cm
from vinhdanh.documents.docx import (
    Annex,
    Header,
    LegalBasis,
    Signature,
    Table,
    kem_theo_line,
    official_document,
)
from vinhdanh.documents.vn import place_for_unit

from .enums import AttachmentKind, NomineeKind
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


_KIND = {
    NomineeKind.PERSON: cm.INDIVIDUAL,
    NomineeKind.CITIZEN: cm.INDIVIDUAL,
    NomineeKind.FOREIGNER: cm.INDIVIDUAL,
    NomineeKind.COLLECTIVE: cm.COLLECTIVE,
    NomineeKind.HOUSEHOLD: cm.HOUSEHOLD,
}
KIND_WORDS = {
    "merit": "công trạng",
    "movement": "theo phong trào thi đua, chuyên đề",
    "ad_hoc": "đột xuất",
    "career": "quá trình cống hiến",
    "foreign": "đối ngoại",
}


def _signature(unit) -> Signature:
    """The sending unit's head (or whoever holds a signer grant with a capacity on it)."""
    from vinhdanh.accounts.models import RoleGrant

    grant = (
        RoleGrant.objects.filter(role="signer", unit=unit)
        .exclude(sign_position="")
        .exclude(sign_mode="")
        .select_related("user")
        .order_by("sign_mode", "pk")
        .first()
    )
    if grant is None:
        return Signature(lines=["THỦ TRƯỞNG ĐƠN VỊ"])
    return Signature(lines=grant.signature_lines(), name=grant.user.full_name)


def _row(i: int, n, honour: str) -> list[str]:
    born = ""
    if n.person_id:
        p = n.person
        year = str(p.date_of_birth.year) if p.date_of_birth else ""
        born = f"{year} ({p.get_gender_display()})".strip()
        where = ", ".join(x for x in (p.position, p.unit.name if p.unit_id else "") if x)
    elif n.unit_id:
        where = n.unit.parent.name if n.unit.parent_id else ""
    else:
        where = n.outsider_details
    return [str(i), n.display_name, born, where, honour, "", ""]


def letter_bytes(dossier: Dossier, number_display: str, on=None) -> bytes:
    """The tờ trình (Mẫu 1.4 layout, DOCUMENTS.md §8.4): Kính gửi the deciding level, căn cứ,
    the proposal per honour with counts equal to the list, "(có danh sách kèm theo)", the
    list as an annex within the text width, Nơi nhận, the head's signature."""
    unit, receiver = dossier.sending_unit, dossier.receiving_unit
    on = on or timezone.localdate()
    nominees = list(
        dossier.nominees.select_related("person__unit", "unit__parent", "honour").order_by(
            "position", "pk"
        )
    )
    groups: dict = {}
    for n in nominees:
        groups.setdefault(n.honour_id, []).append(n)
    head = cm.deciding_head(receiver)

    def legal_name(honour):
        return cm.honour_legal_name(honour, head_title=head, issuer_name=receiver.name)

    proposals = []
    for group in groups.values():
        honour = group[0].honour
        legal = legal_name(honour)
        counts = cm.counts_phrase([_KIND.get(n.kind, cm.INDIVIDUAL) for n in group])
        proposals.append(f"{cm.award_phrase(honour, legal)} cho {counts}")
    kind = KIND_WORDS.get(dossier.kind, "")
    total = cm.counts_phrase([_KIND.get(n.kind, cm.INDIVIDUAL) for n in nominees])
    honours = "; ".join(legal_name(g[0].honour) for g in groups.values())
    subject = f"Về việc đề nghị tặng {honours} cho {total}" if total else dossier.title
    basis = cm.legal_basis(unit, on)
    body: list = [
        LegalBasis(basis),
        f"Trên cơ sở thành tích đạt được năm {dossier.year} và kết quả xét của {unit.name}, "
        f"{unit.name} kính đề nghị {receiver.name} xem xét, khen thưởng {kind} như sau:",
    ]
    for i, proposal in enumerate(proposals):
        end = ";" if i < len(proposals) - 1 else " (có danh sách kèm theo)."
        body.append(f"- {proposal[:1].upper()}{proposal[1:]}{end}")
    body.append(f"Kính trình {receiver.name} xem xét, quyết định./.")
    rows = [_row(i, n, legal_name(n.honour)) for i, n in enumerate(nominees, 1)]
    symbol = f"TTr-{unit.abbreviation or unit.code}"
    annex = Annex(
        title="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        kem_theo=kem_theo_line(
            "Tờ trình", number_display, on if number_display else None, unit.name, symbol
        ),  # fmt: skip
        body=[
            Table(
                [
                    "STT",
                    "Họ và tên / Tên tập thể",
                    "Năm sinh (Nam/Nữ)",
                    "Chức vụ và đơn vị",
                    "Hình thức đề nghị",
                    "Tóm tắt thành tích",
                    "Ghi chú",
                ],
                rows,
                widths_mm=[11, 34, 20, 32, 24, 22, 12],
                size=12,
                align=["center", "left", "center", "left", "left", "left", "left"],
            )  # fmt: skip
        ],
    )
    header = Header(
        issuer=unit.name.upper(),
        superior=unit.parent.name.upper() if unit.parent_id else "",
        number=number_display,
        symbol=symbol,
        place=place_for_unit(unit),
        date=on,
    )
    return official_document(
        header, subject, body, _signature(unit), ["Như trên", f"Lưu: VT, {unit.abbreviation}"],
        doc_type="TỜ TRÌNH", kinh_gui=[receiver.name], annexes=[annex],
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
