"""The submission letters (tờ trình) of a dossier: one per deciding authority (DOCUMENTS.md
§8.4; Luật Thi đua, khen thưởng 2022, Điều 80: each authority decides its own honours).

Nominees are grouped by their honour's ``authority`` (catalogue). Each group gets its own
letter with its own TTr number from the sending unit's book, counts equal to its own list, and
"Kính gửi" the authority that decides — the receiving level when it confers the honours, the
authority itself when the sender submits to it directly (a ministry or province to the Prime
Minister), else the receiving level "xem xét, trình <authority> quyết định" (the honours above
the receiver go up through it). The group the receiving level decides keeps ``dossier.number``
(the number a decision cites); the others' numbers point at the dossier (``object_id``) and
carry the authority in their trích yếu. Numbers are taken at the first submission and kept
when the dossier is sent again."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from vinhdanh.catalogue.enums import Authority
from vinhdanh.core.files import store_generated
from vinhdanh.core.models import DocumentNumber, DocumentType, NumberStatus
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


def _letter_title(dossier: Dossier, authority_label: str = "") -> str:
    title = f"Tờ trình {dossier.title}"
    return f"{title} ({authority_label})" if authority_label else title


def _number(actor, dossier: Dossier):
    if dossier.number_id:
        return dossier.number
    unit = dossier.sending_unit
    number = issue_number_for(
        actor, dossier, doc_type=DocumentType.TTR, unit=unit,
        issuer_abbreviation=unit.abbreviation or unit.code,
        on=timezone.localdate(), title=_letter_title(dossier), error=NominationsError,
    )  # fmt: skip
    dossier.number = number
    dossier.save(update_fields=["number"])
    return number


def _extra_number(actor, dossier: Dossier, authority_label: str, kept: dict):
    """The TTr number of the letter to another authority: the one given before, or the next."""
    title = _letter_title(dossier, authority_label)
    if title[:500] in kept:
        return kept[title[:500]]
    unit = dossier.sending_unit
    return issue_number_for(
        actor, dossier, doc_type=DocumentType.TTR, unit=unit,
        issuer_abbreviation=unit.abbreviation or unit.code,
        on=timezone.localdate(), title=title, error=NominationsError,
    )  # fmt: skip


@dataclass
class LetterGroup:
    """The nominees one authority decides, and how the letter to it is addressed."""

    authority: str  # catalogue Authority value ("" when the honour has none recorded)
    label: str  # "Thủ tướng Chính phủ"
    nominees: list
    kinh_gui: str  # the addressee
    through: str = ""  # "Thủ tướng Chính phủ": the receiver forwards ("trình … quyết định")
    main: bool = False  # the receiving level decides: keeps dossier.number


AUTHORITY_ADDRESSEE = {
    Authority.PRESIDENT: "Chủ tịch nước",
    Authority.PRIME_MINISTER: "Thủ tướng Chính phủ",
}


def letter_groups(dossier: Dossier, nominees=None) -> list[LetterGroup]:
    """The dossier's nominees split by deciding authority: the receiver's own first, then by
    height (Luật 2022, Điều 80). One query for the nominees when not given."""
    from vinhdanh.catalogue.jurisdiction import HEIGHT, can_confer, unit_authority

    if nominees is None:
        nominees = list(
            dossier.nominees.select_related("person__unit", "unit__parent", "honour").order_by(
                "position", "pk"
            )
        )
    receiver, sender = dossier.receiving_unit, dossier.sending_unit
    by_authority: dict[str, list] = {}
    for n in nominees:
        by_authority.setdefault(n.honour.authority or "", []).append(n)
    groups = []
    for authority, members in by_authority.items():
        honour = members[0].honour
        decided_here = not authority or can_confer(receiver, honour)
        label = Authority(authority).label if authority else ""
        if decided_here:
            groups.append(LetterGroup(authority, label, members, receiver.name, main=True))
            continue
        addressee = AUTHORITY_ADDRESSEE.get(authority, "")
        if addressee and unit_authority(sender) == Authority.MINISTER_PROVINCE:
            groups.append(LetterGroup(authority, addressee, members, addressee))
        else:
            groups.append(
                LetterGroup(
                    authority,
                    addressee or label,
                    members,
                    receiver.name,
                    through=addressee or label,
                )  # fmt: skip
            )
    groups.sort(key=lambda g: (not g.main, HEIGHT.get(g.authority, 0)))
    if groups and not any(g.main for g in groups):
        groups[0].main = True  # the first letter keeps the dossier's own number
    return groups


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


def letter_bytes(dossier: Dossier, number_display: str, on=None, group=None) -> bytes:
    """The tờ trình (Mẫu 1.4 layout, DOCUMENTS.md §8.4): Kính gửi the deciding level, căn cứ,
    the proposal per honour with counts equal to the list, "(có danh sách kèm theo)", the
    list as an annex within the text width, Nơi nhận, the head's signature. ``group`` (a
    ``LetterGroup``) limits the letter to one deciding authority's nominees; without it, the
    first group of ``letter_groups``."""
    unit, receiver = dossier.sending_unit, dossier.receiving_unit
    on = on or timezone.localdate()
    if group is None:
        groups = letter_groups(dossier)
        group = groups[0] if groups else LetterGroup("", "", [], receiver.name, main=True)
    nominees = group.nominees
    groups: dict = {}
    for n in nominees:
        groups.setdefault(n.honour_id, []).append(n)
    head = cm.deciding_head(receiver)

    def legal_name(honour):
        return cm.honour_legal_name(honour, head_title=head, issuer_name=receiver.name)

    proposals = []
    for same_honour in groups.values():
        honour = same_honour[0].honour
        legal = legal_name(honour)
        counts = cm.counts_phrase([_KIND.get(n.kind, cm.INDIVIDUAL) for n in same_honour])
        proposals.append(f"{cm.award_phrase(honour, legal)} cho {counts}")
    kind = KIND_WORDS.get(dossier.kind, "")
    total = cm.counts_phrase([_KIND.get(n.kind, cm.INDIVIDUAL) for n in nominees])
    honours = "; ".join(legal_name(g[0].honour) for g in groups.values())
    subject = f"Về việc đề nghị tặng {honours} cho {total}" if total else dossier.title
    basis = cm.legal_basis(unit, on)
    body: list = [
        LegalBasis(basis),
        f"Trên cơ sở thành tích đạt được năm {dossier.year} và kết quả xét của {unit.name}, "
        f"{unit.name} kính đề nghị {group.kinh_gui} xem xét, khen thưởng {kind} như sau:",
    ]
    for i, proposal in enumerate(proposals):
        end = ";" if i < len(proposals) - 1 else " (có danh sách kèm theo)."
        body.append(f"- {proposal[:1].upper()}{proposal[1:]}{end}")
    if group.through:
        body.append(f"Kính trình {group.kinh_gui} xem xét, trình {group.through} quyết định./.")
    else:
        body.append(f"Kính trình {group.kinh_gui} xem xét, quyết định./.")
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
        doc_type="TỜ TRÌNH", kinh_gui=[group.kinh_gui], annexes=[annex],
    )  # fmt: skip


def submission_letters(actor, dossier: Dossier) -> list[Attachment]:
    """Number (if not yet) and draft one letter per deciding authority, replacing the
    generated letters kept before. The letter the receiving level decides comes first."""
    groups = letter_groups(dossier)
    if not groups:
        groups = [LetterGroup("", "", [], dossier.receiving_unit.name, main=True)]
    kept = {
        n.title: n
        for n in DocumentNumber.objects.filter(
            object_type=dossier._meta.label_lower, object_id=str(dossier.pk),
            doc_type=DocumentType.TTR, status=NumberStatus.ISSUED,
        ).exclude(pk=dossier.number_id)
    }  # fmt: skip
    existing = {
        a.file.original_name: a
        for a in dossier.attachments.filter(
            kind=AttachmentKind.SUBMISSION_LETTER, nominee__isnull=True, file__generated=True
        ).select_related("file")
    }
    out = []
    for group in groups:
        if group.main:
            number = _number(actor, dossier)
            name = f"To-trinh-{dossier.pk}.docx"
        else:
            number = _extra_number(actor, dossier, group.label, kept)
            name = f"To-trinh-{dossier.pk}-{number.seq:02d}-TTr.docx"
        stored = store_generated(
            letter_bytes(dossier, number.display, number.doc_date, group=group), name, user=actor
        )
        attachment = existing.pop(name, None)
        if attachment is not None:
            attachment.file = stored
            attachment.save(update_fields=["file"])
        else:
            attachment = Attachment.objects.create(
                dossier=dossier, kind=AttachmentKind.SUBMISSION_LETTER, file=stored
            )
        out.append(attachment)
    return out


def submission_letter(actor, dossier: Dossier) -> Attachment:
    """The letters of ``submission_letters``; returns the one to the receiving level."""
    return submission_letters(actor, dossier)[0]
