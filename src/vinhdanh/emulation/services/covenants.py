"""The bloc's covenant (giao ước thi đua): theme, basis, numbered commitments, each member's
signatory, and the signing.

Lifecycle: editable until "Ký kết" — which needs at least one commitment and a signatory (name
and position) for every member — then locked for good: the signing is registered in the
bloc's book (a GƯ entry; the paper prints no number, giao ước has no NĐ 30 type code), every
signature is stamped, and every later edit is refused. The head's officers (and the owner's)
write; every member reads and downloads the .docx/.pdf.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction, DocumentType
from vinhdanh.core.numbering import issue_number_for
from vinhdanh.documents.docx import (
    Header,
    Heading,
    LegalBasis,
    NumberedList,
    Para,
    Signature,
    SignatureGrid,
    SigningMode,
    official_document,
    signature_lines,
)
from vinhdanh.documents.pdf import render_pdf
from vinhdanh.documents.vn import date_in_words, place_of

from ..models import Bloc, BlocMember, Covenant, CovenantItem, CovenantSignature
from ..permissions import EmulationError, require_bloc_head

COVENANT_FIELDS = ["theme", "basis", "place", "signed_on"]
KEPT_COPIES = (
    1  # the copy sent to the bloc's owner (Ban Thi đua – Khen thưởng) besides one per member
)
TEMP_POSITION = 32000


def is_signed(covenant: Covenant | None) -> bool:
    return covenant is not None and covenant.number_id is not None


def _require_editable(actor, covenant: Covenant) -> None:
    require_bloc_head(actor, covenant.bloc)
    if is_signed(covenant):
        raise EmulationError(
            f"Giao ước đã ký kết ngày {covenant.signed_on:%d/%m/%Y}, không sửa được nội dung và người ký."
        )


def _locked(covenant: Covenant) -> Covenant:
    return (
        Covenant.objects.select_for_update(of=("self",))
        .select_related("bloc", "bloc__owner")
        .get(pk=covenant.pk)
    )


@transaction.atomic
def covenant_save(actor, bloc: Bloc, **data) -> Covenant:
    """Create the bloc's covenant or update its theme, basis, place and planned signing date."""
    require_bloc_head(actor, bloc)
    covenant = Covenant.objects.filter(bloc=bloc).first()
    values = {k: v for k, v in data.items() if k in COVENANT_FIELDS}
    if covenant is None:
        covenant = Covenant.objects.create(bloc=bloc, **values)
        audit.record_create(actor, covenant, unit_id=bloc.owner_id)
        return covenant
    covenant = _locked(covenant)
    _require_editable(actor, covenant)
    before = audit.snapshot(covenant)
    for key, value in values.items():
        setattr(covenant, key, value)
    covenant.save()
    audit.record_update(actor, covenant, before, unit_id=bloc.owner_id)
    return covenant


# --- Commitments --------------------------------------------------------------------------------


@transaction.atomic
def item_add(actor, covenant: Covenant, *, content: str) -> CovenantItem:
    covenant = _locked(covenant)
    _require_editable(actor, covenant)
    if not content.strip():
        raise EmulationError("Nội dung cam kết không được để trống.")
    position = (covenant.items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = CovenantItem.objects.create(
        covenant=covenant, position=position, content=content.strip()
    )
    audit.record_create(actor, item, unit_id=covenant.bloc.owner_id)
    return item


@transaction.atomic
def item_update(actor, item: CovenantItem, *, content: str) -> CovenantItem:
    covenant = _locked(item.covenant)
    _require_editable(actor, covenant)
    if not content.strip():
        raise EmulationError("Nội dung cam kết không được để trống.")
    before = audit.snapshot(item)
    item.content = content.strip()
    item.save(update_fields=["content"])
    audit.record_update(actor, item, before, unit_id=covenant.bloc.owner_id)
    return item


@transaction.atomic
def item_delete(actor, item: CovenantItem) -> None:
    covenant = _locked(item.covenant)
    _require_editable(actor, covenant)
    audit.record_delete(actor, item, unit_id=covenant.bloc.owner_id)
    position = item.position
    item.delete()
    # Keep the numbering 1..n: each following item moves up into the free position.
    for later in covenant.items.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


@transaction.atomic
def item_move(actor, item: CovenantItem, *, up: bool) -> None:
    covenant = _locked(item.covenant)
    _require_editable(actor, covenant)
    neighbour = (
        covenant.items.filter(position__lt=item.position).order_by("-position").first()
        if up
        else covenant.items.filter(position__gt=item.position).order_by("position").first()
    )
    if neighbour is None:
        return
    a, b = item.position, neighbour.position
    # The positions are unique: park one item while the other takes its place.
    CovenantItem.objects.filter(pk=item.pk).update(position=TEMP_POSITION)
    CovenantItem.objects.filter(pk=neighbour.pk).update(position=a)
    CovenantItem.objects.filter(pk=item.pk).update(position=b)
    audit.record(
        actor,
        AuditAction.UPDATE,
        covenant,
        changes={f"item {item.pk} position": [a, b], f"item {neighbour.pk} position": [b, a]},
        note="Đổi thứ tự cam kết",
        unit_id=covenant.bloc.owner_id,
    )


# --- Signatories and signing --------------------------------------------------------------------


@transaction.atomic
def signatories_save(actor, covenant: Covenant, rows: dict[int, tuple[str, str]]) -> None:
    """``rows``: member unit id → (name, position); a row left empty removes the signatory."""
    covenant = _locked(covenant)
    _require_editable(actor, covenant)
    members = set(
        BlocMember.objects.filter(bloc_id=covenant.bloc_id).values_list("unit_id", flat=True)
    )
    if set(rows) - members:
        raise EmulationError("Chỉ ghi được người ký của các đơn vị thành viên khối.")
    existing = {s.unit_id: s for s in CovenantSignature.objects.filter(covenant=covenant)}
    changes: dict[str, list] = {}
    for unit_id, (name, position) in rows.items():
        name, position = (name or "").strip()[:150], (position or "").strip()[:150]
        row = existing.get(unit_id)
        old = [row.signatory_name, row.signatory_position] if row else None
        if not name and not position:
            if row is not None:
                row.delete()
                changes[f"unit {unit_id}"] = [old, None]
            continue
        if row is None:
            CovenantSignature.objects.create(
                covenant=covenant, unit_id=unit_id, signatory_name=name, signatory_position=position
            )
        elif old == [name, position]:
            continue
        else:
            row.signatory_name, row.signatory_position = name, position
            row.save(update_fields=["signatory_name", "signatory_position"])
        changes[f"unit {unit_id}"] = [old, [name, position]]
    if changes:
        audit.record(
            actor, AuditAction.UPDATE, covenant, changes=changes, note="Người ký giao ước",
            unit_id=covenant.bloc.owner_id,
        )  # fmt: skip


def missing_signatories(covenant: Covenant) -> list[str]:
    """Names of the member units without a complete signatory (name and position)."""
    complete = set(
        CovenantSignature.objects.filter(covenant=covenant)
        .exclude(signatory_name="")
        .exclude(signatory_position="")
        .values_list("unit_id", flat=True)
    )
    members = BlocMember.objects.filter(bloc_id=covenant.bloc_id).select_related("unit").order_by("unit__sort_key")  # fmt: skip
    return [m.unit.name for m in members if m.unit_id not in complete]


@transaction.atomic
def covenant_sign(actor, covenant: Covenant, *, signed_on: dt.date | None = None) -> Covenant:
    covenant = _locked(covenant)
    _require_editable(actor, covenant)
    bloc = covenant.bloc
    signed_on = signed_on or covenant.signed_on
    if signed_on is None:
        raise EmulationError("Cần ghi ngày ký giao ước.")
    if not covenant.items.exists():
        raise EmulationError("Giao ước chưa có nội dung cam kết nào.")
    missing = missing_signatories(covenant)
    if missing:
        raise EmulationError("Chưa có người ký (họ tên, chức vụ) của: " + ", ".join(missing) + ".")
    before = audit.snapshot(covenant)
    title = f"Giao ước thi đua năm {bloc.year} của {bloc.name}"
    number = issue_number_for(
        actor,
        covenant,
        issuer_key=bloc.issuer_key,
        issuer_abbreviation=bloc.abbreviation,
        issuer_name=bloc.name,
        unit=bloc.owner,
        doc_type=DocumentType.GU,
        on=signed_on,
        title=title,
        error=EmulationError,
    )
    covenant.number = number
    covenant.signed_on = signed_on
    covenant.save(update_fields=["number", "signed_on", "updated_at"])
    CovenantSignature.objects.filter(covenant=covenant).update(signed_at=timezone.now())
    audit.record(
        actor,
        AuditAction.TRANSITION,
        covenant,
        changes=audit.diff(before, audit.snapshot(covenant)),
        note=f"Ký kết giao ước, số {number.display}",
        unit_id=bloc.owner_id,
    )
    return covenant


# --- Documents ----------------------------------------------------------------------------------


def covenant_content(covenant: Covenant) -> dict:
    """What the .docx and the .pdf print, read once."""
    bloc = covenant.bloc
    items = list(covenant.items.order_by("position"))
    signatures = {s.unit_id: s for s in CovenantSignature.objects.filter(covenant=covenant)}
    members = list(BlocMember.objects.filter(bloc=bloc).select_related("unit").order_by("rotation_order", "unit__sort_key"))  # fmt: skip
    grid = []
    for m in members:
        sig = signatures.get(m.unit_id)
        position = (sig.signatory_position if sig else "") or "Thủ trưởng đơn vị"
        grid.append(
            Signature(
                position=position,
                name=sig.signatory_name if sig else "",
                on_behalf=m.unit.name,
                lines=_signatory_lines(m.unit.name, position),
            )
        )
    place = covenant.place or ""
    date = covenant.signed_on
    header = Header(
        issuer=bloc.name,
        superior=bloc.owner.name,
        number=covenant.number.display if covenant.number_id else "",
        place=place_of(bloc.owner.name),
        date=date,
        symbol=f"{DocumentType.GU.value}-{bloc.abbreviation}",
        draft=covenant.number_id is None,  # not signed yet: DỰ THẢO, blank date
        # No "Số:" line: a giao ước is not a type of NĐ 30 Điều 7 and has no Phụ lục III code,
        # so printing "GƯ" would invent a ký hiệu. The book keeps the signing's entry only.
        show_number=False,
        year=bloc.year,
    )
    return {
        "bloc": bloc,
        "covenant": covenant,
        "header": header,
        "date_line": date_in_words(date, header.place) if date else "",
        "title": f"Giao ước thi đua năm {bloc.year}",
        "items": items,
        "members": members,
        "grid": grid,
        "place": place,
        "copies": len(members) + KEPT_COPIES,
    }


def _signatory_lines(unit_name: str, position: str) -> list[str]:
    """The unit, then the signer's authority (NĐ 30 Phụ lục I II.7): a deputy signs
    "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" under the unit's name."""
    position = position.strip()
    if position.lower().startswith("phó ") and len(position) > 4:
        head = position[4:]
        return [unit_name, *signature_lines(SigningMode.KT, position, head)]
    return [unit_name, position]


def _intro(content: dict) -> list[str]:
    covenant, bloc = content["covenant"], content["bloc"]
    lines = []
    if covenant.basis.strip():
        lines.extend(f"Căn cứ {line.strip().removeprefix('Căn cứ ').rstrip(';.')};" for line in covenant.basis.splitlines() if line.strip())  # fmt: skip
    when = f", {date_in_words(covenant.signed_on)}" if covenant.signed_on else ""
    where = f" tại {content['place']}" if content["place"] else ""
    lines.append(
        f"Hôm nay{when}{where}, các đơn vị thành viên {bloc.name} năm {bloc.year} cùng thống nhất "
        "ký kết giao ước thi đua với các nội dung sau:"
    )
    return lines


def covenant_docx(covenant: Covenant) -> bytes:
    """Giao ước thi đua (DOCUMENTS.md §8.8): căn cứ, the commitments, how it is carried out,
    "… được lập thành N bản …" (one per signatory unit plus the copy kept by the bloc's owner),
    then one signature block per member unit head. Wording only; layout in documents.docx."""
    content = covenant_content(covenant)
    bloc = content["bloc"]
    body: list = []
    if covenant.theme:
        body.append(Para(f"Chủ đề: “{covenant.theme}”", italic=True, align="center", indent=False))
    basis = [ln.strip() for ln in covenant.basis.splitlines() if ln.strip()]
    if basis:
        body.append(LegalBasis([f"Căn cứ {ln.removeprefix('Căn cứ ').rstrip(';.')}" for ln in basis]))  # fmt: skip
    body.append(_intro(content)[-1])
    body.append(Heading("I. NỘI DUNG GIAO ƯỚC"))
    body.append(NumberedList([i.content.strip().rstrip(";.") + ";" for i in content["items"]]))
    body.append(Heading("II. TỔ CHỨC THỰC HIỆN"))
    body.append(
        "Các đơn vị thành viên cam kết tổ chức thực hiện thắng lợi các nội dung giao ước; định kỳ "
        f"sơ kết, tổng kết và báo cáo kết quả về đơn vị Trưởng khối để tổng hợp, báo cáo {bloc.owner.name}."  # fmt: skip
    )
    members = len(content["members"])
    body.append(
        f"Giao ước này được lập thành {content['copies']:02d} bản có giá trị như nhau, mỗi đơn vị "
        f"thành viên giữ 01 bản ({members:02d} bản), {KEPT_COPIES:02d} bản gửi {bloc.owner.name} "
        "để theo dõi./."
    )
    body.append(SignatureGrid(content["grid"], columns=2))
    return official_document(
        content["header"],
        f"{bloc.name} năm {bloc.year}",
        body,
        None,
        [],
        doc_type="GIAO ƯỚC THI ĐUA",
        end_mark=False,  # the "./." closes the text above the signature grid
    )


def covenant_pdf(covenant: Covenant) -> bytes:
    content = covenant_content(covenant)
    content["intro"] = _intro(content)
    rows = [content["grid"][i : i + 2] for i in range(0, len(content["grid"]), 2)]
    content["grid_rows"] = rows
    content["kept_copies"] = KEPT_COPIES
    return render_pdf("emulation/covenants/covenant_pdf.html", content)
