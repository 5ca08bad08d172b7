"""Bulk nominees from an Excel sheet, previewed before anything is saved.

Columns (first row = headers): Số CCCD hoặc Mã đơn vị | Họ tên (người ngoài hệ thống) |
Mã danh hiệu/hình thức. A CCCD picks a person of the sender's subtree, a unit code a
collective of it; an empty first cell with a name is a citizen entered by hand."""

from __future__ import annotations

import io

from django.db import transaction
from openpyxl import load_workbook

from vinhdanh.catalogue.models import Honour
from vinhdanh.core.files import FileRejected, refuse_zip_bomb
from vinhdanh.orgs.models import Person, Unit

from . import services
from .models import Dossier
from .services import NominationsError

HEADERS = ["Số CCCD hoặc Mã đơn vị", "Họ tên (người ngoài hệ thống)", "Mã danh hiệu/hình thức"]
MAX_ROWS = 500


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse(dossier: Dossier, data: bytes) -> list[dict]:
    """Rows as {"line", "key", "name", "honour", "kind", "label", "error"} (nothing saved)."""
    try:
        refuse_zip_bomb(io.BytesIO(data), "Excel")
    except FileRejected as exc:
        raise NominationsError(str(exc), "file") from exc
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is refused the same way
        raise NominationsError("Không đọc được tệp Excel (.xlsx).", "file") from exc
    raw = [
        (i, [_text(v) for v in (row + (None, None, None))[:3]])
        for i, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2)
        if any(v not in (None, "") for v in row)
    ]
    if len(raw) > MAX_ROWS:
        raise NominationsError(f"Tệp có quá {MAX_ROWS} dòng.", "file")
    root = dossier.sending_unit.path
    keys = [k for _i, (k, _n, _h) in raw if k]
    people = {p.cccd: p for p in Person.objects.filter(cccd__in=keys, unit__path__startswith=root)}
    units = {u.code: u for u in Unit.objects.filter(code__in=keys, path__startswith=root)}
    honours = {h.code: h for h in Honour.objects.filter(is_active=True)}
    rows = []
    for line, (key, name, code) in raw:
        row = {"line": line, "key": key, "name": name, "honour": code.upper(), "error": ""}
        if key in people:
            row.update(kind="person", label=people[key].full_name, person=people[key].pk)
        elif key in units:
            row.update(kind="collective", label=units[key].name, unit=units[key].pk)
        elif not key and name:
            row.update(kind="citizen", label=name)
        else:
            row.update(kind="", label=name or key)
            row["error"] = (
                "Không tìm thấy cá nhân (số CCCD) hoặc tập thể (mã đơn vị) thuộc đơn vị đề nghị."
            )
        if not row["error"] and row["honour"] not in honours:
            row["error"] = f"Không có danh hiệu/hình thức mã «{code}»."
        rows.append(row)
    return rows


@transaction.atomic
def confirm(actor, dossier: Dossier, rows: list[dict]) -> int:
    """Add every row (all or nothing): the first refused row stops the import with its line."""
    honours = {h.code: h for h in Honour.objects.all()}
    people = Person.objects.in_bulk([r["person"] for r in rows if r.get("person")])
    units = Unit.objects.in_bulk([r["unit"] for r in rows if r.get("unit")])
    for r in rows:
        if r["error"]:
            raise NominationsError(f"Dòng {r['line']}: {r['error']}")
        data = {"kind": r["kind"], "honour": honours.get(r["honour"]),
                "person": people.get(r.get("person")), "unit": units.get(r.get("unit")),
                "outsider_name": r["name"] if r["kind"] == "citizen" else ""}  # fmt: skip
        try:
            services.nominee_save(actor, dossier, None, data=data)
        except NominationsError as exc:
            raise NominationsError(f"Dòng {r['line']}: {exc.message}") from exc
    return len(rows)
