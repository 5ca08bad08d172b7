"""Every write to a dossier while it is prepared (draft): permission, validation, write, audit.

Duplicates: a subject may not be proposed for the same honour and achievement year in
another dossier unless that dossier was returned or recalled (drafts of other dossiers
count: two units preparing the same proposal should find out now), nor when the register
already holds that honour for that year (registry.HonourRecord).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.http import Http404

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit
from vinhdanh.core import audit
from vinhdanh.registry.models import HonourRecord

from . import verdicts
from .enums import DossierStatus, NomineeKind
from .models import Dossier, Nominee

DOSSIER_FIELDS = ("kind", "title", "year", "sending_unit", "receiving_unit", "movement")
NOMINEE_FIELDS = (
    "kind",
    "person",
    "unit",
    "outsider_name",
    "outsider_details",
    "honour",
    "justification",
)
CLOSED_STATUSES = (DossierStatus.RETURNED, DossierStatus.RECALLED)
# The sender may change a dossier while it is with them: drafted, returned or recalled.
EDITABLE_STATUSES = (DossierStatus.DRAFT, DossierStatus.RETURNED, DossierStatus.RECALLED)
HONOUR_FITS = {
    NomineeKind.PERSON: "for_individual",
    NomineeKind.CITIZEN: "for_individual",
    NomineeKind.FOREIGNER: "for_individual",
    NomineeKind.COLLECTIVE: "for_collective",
    NomineeKind.HOUSEHOLD: "for_household",
}


class NominationsError(Exception):
    """A refused change to a dossier, with an actionable Vietnamese message."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


def require_sender(actor, unit) -> None:
    if not can_on_unit(actor, Capability.MANAGE_NOMINATIONS, unit):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")


def require_editable(dossier: Dossier) -> None:
    if dossier.status not in EDITABLE_STATUSES:
        raise NominationsError(
            "Hồ sơ đang ở cấp tiếp nhận, không sửa được; chỉ sửa hồ sơ dự thảo, "
            "bị trả lại hoặc đã rút lại.",
            code="state",
        )


def _check_dossier(dossier: Dossier) -> None:
    sender, receiver = dossier.sending_unit, dossier.receiving_unit
    if receiver is None or receiver.pk == sender.pk or not sender.path.startswith(receiver.path):
        raise NominationsError(
            "Cấp tiếp nhận phải là một đơn vị cấp trên của đơn vị đề nghị.", "receiving_unit"
        )
    if dossier.movement_id and dossier.kind != "movement":
        raise NominationsError(
            "Chỉ hồ sơ khen thưởng theo phong trào mới gắn với một phong trào thi đua.", "movement"
        )


@transaction.atomic
def dossier_create(actor, *, data: dict) -> Dossier:
    dossier = Dossier(**{k: data.get(k) for k in DOSSIER_FIELDS if k != "receiving_unit"})
    require_sender(actor, dossier.sending_unit)
    dossier.receiving_unit = data.get("receiving_unit") or dossier.sending_unit.parent
    _check_dossier(dossier)
    dossier.created_by = actor
    dossier.save()
    audit.record_create(actor, dossier)
    return dossier


@transaction.atomic
def dossier_update(actor, dossier: Dossier, *, data: dict) -> Dossier:
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    before = audit.snapshot(dossier, [f for f in DOSSIER_FIELDS])
    year_changed = "year" in data and data["year"] != dossier.year
    for key in DOSSIER_FIELDS:
        if key in data:
            setattr(dossier, key, data[key])
    require_sender(actor, dossier.sending_unit)
    _check_dossier(dossier)
    dossier.save()
    if year_changed:
        for nominee in dossier.nominees.select_related("honour"):
            _check_duplicate(nominee)
        verdicts.refresh(dossier)
    audit.record_update(actor, dossier, before)
    return dossier


def _check_subject(nominee: Nominee, dossier: Dossier) -> None:
    kind = nominee.kind
    if kind == NomineeKind.PERSON:
        if nominee.person is None:
            raise NominationsError("Chọn cá nhân trong danh sách.", "person")
        if not nominee.person.unit.path.startswith(dossier.sending_unit.path):
            raise NominationsError(
                "Cá nhân này không thuộc đơn vị đề nghị hoặc đơn vị trực thuộc.", "person"
            )
        nominee.unit = None
        nominee.outsider_name = nominee.outsider_details = ""
    elif kind == NomineeKind.COLLECTIVE:
        if nominee.unit is None:
            raise NominationsError("Chọn tập thể trong danh sách.", "unit")
        if not nominee.unit.path.startswith(dossier.sending_unit.path):
            raise NominationsError(
                "Tập thể này không thuộc đơn vị đề nghị hoặc đơn vị trực thuộc.", "unit"
            )
        nominee.person = None
        nominee.outsider_name = nominee.outsider_details = ""
    else:
        if not nominee.outsider_name.strip():
            raise NominationsError("Nhập họ tên (hoặc tên hộ gia đình).", "outsider_name")
        nominee.person = nominee.unit = None
    honour = nominee.honour
    if honour is None:
        raise NominationsError("Chọn danh hiệu hoặc hình thức khen thưởng đề nghị.", "honour")
    if not getattr(honour, HONOUR_FITS[kind]):
        raise NominationsError(
            f"{honour.name} không dành cho đối tượng «{NomineeKind(kind).label}».", "honour"
        )


def _check_duplicate(nominee: Nominee) -> None:
    """Refuse the same subject for the same honour and year elsewhere (see module doc)."""
    if nominee.kind not in (NomineeKind.PERSON, NomineeKind.COLLECTIVE):
        return
    dossier = nominee.dossier
    subject = {"person": nominee.person} if nominee.person_id else {"unit": nominee.unit}
    other = (
        Nominee.objects.filter(honour=nominee.honour, dossier__year=dossier.year, **subject)
        .exclude(dossier=dossier)
        .exclude(dossier__status__in=CLOSED_STATUSES)
        .select_related("dossier")
        .first()
    )
    if other is not None:
        raise NominationsError(
            f"{nominee.display_name} đã được đề nghị {nominee.honour.name} năm {dossier.year} "
            f"trong hồ sơ «{other.dossier.title}» (mã {other.dossier.pk}, "
            f"{other.dossier.get_status_display().lower()}).",
            "honour",
            code="duplicate",
        )
    same = nominee.dossier.nominees.filter(honour=nominee.honour, **subject).exclude(pk=nominee.pk)
    if same.exists():
        raise NominationsError(
            f"{nominee.display_name} đã có trong hồ sơ này với {nominee.honour.name}.",
            "honour",
            code="duplicate",
        )
    record = HonourRecord.objects.filter(
        honour=nominee.honour, achievement_year=dossier.year, **subject
    ).first()
    if record is not None:
        number = record.decision_number or "(không ghi số)"
        raise NominationsError(
            f"{nominee.display_name} đã được tặng {nominee.honour.name} năm {dossier.year} "
            f"theo quyết định số {number}.",
            "honour",
            code="duplicate",
        )


@transaction.atomic
def nominee_save(actor, dossier: Dossier, nominee: Nominee | None, *, data: dict) -> Nominee:
    """Add (nominee None) or change a nominee of a draft dossier; the verdict is refreshed."""
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    creating = nominee is None
    if creating:
        last = dossier.nominees.aggregate(m=Max("position"))["m"] or 0
        nominee = Nominee(dossier=dossier, position=last + 1)
        before = None
    else:
        before = audit.snapshot(nominee, NOMINEE_FIELDS)
    for key in NOMINEE_FIELDS:
        if key in data:
            value = data[key]
            setattr(nominee, key, value if value is not None or key in ("person", "unit") else "")
    _check_subject(nominee, dossier)
    _check_duplicate(nominee)
    verdicts.judge([nominee], dossier.year)
    nominee.save()
    if creating:
        audit.record_create(actor, nominee, unit_id=dossier.sending_unit_id)
    else:
        audit.record_update(actor, nominee, before, unit_id=dossier.sending_unit_id)
    return nominee


@transaction.atomic
def nominee_delete(actor, nominee: Nominee) -> None:
    dossier = nominee.dossier
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    audit.record_delete(actor, nominee, unit_id=dossier.sending_unit_id)
    nominee.delete()


@transaction.atomic
def verdicts_refresh(actor, dossier: Dossier) -> int:
    require_sender(actor, dossier.sending_unit)
    require_editable(dossier)
    count = verdicts.refresh(dossier)
    audit.record(actor, "update", dossier, note=f"Kiểm tra lại tiêu chuẩn {count} đối tượng")
    return count
