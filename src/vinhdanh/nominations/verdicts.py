"""The engine's verdict for each nominee: evaluated for the dossier's year with the rules
of the subject's jurisdiction, stored on the nominee (status + checks with citations).
Outsiders (citizens, foreigners, households) are not in the register: "manual"."""

from __future__ import annotations

from vinhdanh.orgs.models import Person, Unit
from vinhdanh.rules.enums import STATUS_LABELS
from vinhdanh.rules.selectors import cached_catalogue, cached_jurisdictions, load_people, load_units

from .enums import NomineeKind

MANUAL = "manual"
OUTSIDER_NOTE = (
    "Đối tượng ngoài hệ thống: không có dữ liệu thi đua, khen thưởng để kiểm tra tự động."
)


def judge(nominees, year: int) -> None:
    """Set verdict_status and verdict on the nominees (not saved): one load per kind."""
    catalogue = cached_catalogue()
    juris = cached_jurisdictions(year)
    person_ids = [n.person_id for n in nominees if n.kind == NomineeKind.PERSON]
    unit_ids = [n.unit_id for n in nominees if n.kind == NomineeKind.COLLECTIVE]
    people, paths = ({}, {})
    if person_ids:
        people, extra = load_people(
            Person.objects.filter(pk__in=person_ids), None, catalogue=catalogue,
            fields=("unit__path",), stream=False,
        )  # fmt: skip
        paths = {pk: row[0] for pk, row in extra.items()}
    units, unit_paths = ({}, {})
    if unit_ids:
        units, extra = load_units(
            Unit.objects.filter(pk__in=unit_ids), year, catalogue=catalogue,
            fields=("path",), with_records_after=True,
        )  # fmt: skip
        unit_paths = {pk: row[0] for pk, row in extra.items()}
    for nominee in nominees:
        if nominee.kind == NomineeKind.PERSON:
            history, path = people.get(nominee.person_id), paths.get(nominee.person_id, "")
        elif nominee.kind == NomineeKind.COLLECTIVE:
            history, path = units.get(nominee.unit_id), unit_paths.get(nominee.unit_id, "")
        else:
            history, path = None, ""
        if history is None:
            nominee.verdict_status = MANUAL
            nominee.verdict = {"status": MANUAL, "note": OUTSIDER_NOTE, "checks": []}
            continue
        engine = juris.engine_for_path(path)
        code = nominee.honour_id
        if code not in engine.registry.targets(history.kind):
            nominee.verdict_status = MANUAL
            nominee.verdict = {
                "status": MANUAL,
                "note": "Danh hiệu/hình thức này chưa có tiêu chuẩn tự động: xét thủ công.",
                "checks": [],
            }
            continue
        verdict = engine.verdict(history, code, year).to_dict()
        verdict["year"] = year
        nominee.verdict_status = verdict["status"]
        nominee.verdict = verdict


def refresh(dossier) -> int:
    """Judge every nominee of the dossier again and store the verdicts (one UPDATE)."""
    from .models import Nominee

    nominees = list(dossier.nominees.all())
    judge(nominees, dossier.year)
    if nominees:
        Nominee.objects.bulk_update(nominees, ["verdict_status", "verdict"])
    return len(nominees)


def label(status: str) -> str:
    return STATUS_LABELS.get(status, status)
