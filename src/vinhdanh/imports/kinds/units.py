"""Units (đơn vị): keyed by code; a parent may be an existing unit or a row earlier in the file.

Unit files are small (hundreds of rows), so units are written one by one through ``Unit.save``
(which maintains the materialised path); a changed parent moves the whole subtree with one
UPDATE of the paths.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from vietnam_provinces import Province, Ward

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import PATH_STEP, Unit

from . import base
from .base import ApplyConflict, CellError, Column, Context, SheetSpec, date_or_none, json_value

_CODE = re.compile(r"^[A-Za-z0-9_.\-]+$")


def _unit_code(value: Any) -> str:
    result = base.code(40)(value)
    if not _CODE.match(result):
        raise CellError("Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.")
    return result


def _province(value: Any) -> int:
    number = base.integer(1, 999)(value)
    try:
        Province.from_code(number)
    except ValueError as exc:
        raise CellError(f"Mã tỉnh {number} không có trong danh mục đơn vị hành chính.") from exc
    return number


def _ward(value: Any) -> int:
    number = base.integer(1, 99999)(value)
    try:
        Ward.from_code(number)
    except ValueError as exc:
        raise CellError(
            f"Mã xã/phường {number} không có trong danh mục đơn vị hành chính."
        ) from exc
    return number


SHEET = SheetSpec(
    "Đơn vị",
    (
        Column(
            "code",
            "Mã đơn vị",
            _unit_code,
            True,
            "Mã duy nhất, chữ không dấu, số, dấu chấm, gạch. Dùng để nhận ra đơn vị đã có.",
            "HN.SYT.BVTA",
        ),
        Column("name", "Tên đơn vị", base.text(255), True, "Tên đầy đủ.", "Bệnh viện Thanh Nhàn"),
        Column(
            "abbreviation",
            "Tên viết tắt",
            base.text(30),
            True,
            "Dùng trong số hiệu văn bản; không trùng trong cùng đơn vị cấp trên.",
            "BVTN",
        ),
        Column(
            "level",
            "Cấp",
            base.choice(dict(UnitLevel.choices), "Cấp"),
            True,
            "Mã hoặc tên cấp: "
            + "; ".join(f"{c} – {label}" for c, label in UnitLevel.choices)
            + ".",
            UnitLevel.GRASSROOTS.label,
        ),
        Column(
            "parent_code",
            "Mã đơn vị cấp trên",
            _unit_code,
            False,
            "Đơn vị đã có trong phạm vi của bạn hoặc một dòng phía trên trong tệp.",
            "HN.SYT",
        ),
        Column(
            "province_code",
            "Mã tỉnh",
            _province,
            False,
            "Mã tỉnh/thành phố theo danh mục 2025 (ví dụ 1 = Hà Nội).",
            1,
        ),
        Column(
            "ward_code",
            "Mã xã/phường",
            _ward,
            False,
            "Mã xã/phường/đặc khu; phải thuộc tỉnh đã nhập.",
            70,
        ),
        Column("address", "Địa chỉ", base.text(255), False, "Số nhà, đường.", "42 Thanh Nhàn"),
        Column(
            "active_from", "Hoạt động từ", base.date(), False, "dd/mm/yyyy.", dt.date(1960, 1, 1)
        ),
    ),
    "Mỗi dòng là một đơn vị. Đơn vị cấp trên phải có sẵn hoặc nằm ở dòng phía trên.",
)
SHEETS = (SHEET,)

FIELDS = (
    "code",
    "name",
    "abbreviation",
    "level",
    "parent_code",
    "province_code",
    "ward_code",
    "address",
    "active_from",
)
UNIT_FIELDS = (
    "name",
    "abbreviation",
    "level",
    "province_code",
    "ward_code",
    "address",
    "active_from",
)


def _load() -> dict[str, dict]:
    cols = ("id", "code", "path", "parent_id", "active_to", *UNIT_FIELDS)
    return {
        row[1].upper(): dict(zip(cols, row, strict=True))
        for row in Unit.objects.order_by().values_list(*cols)
    }


def validate(wb, ctx: Context) -> dict:
    ws = base.find_sheet(wb, SHEET, fallback_first=True)
    if ws is None:
        raise base.FileProblem("Tệp không có trang dữ liệu đơn vị.")
    rows, mapping = base.open_sheet(ws, SHEET)
    present = {c.key for _, c in mapping}
    sheet, scope, problems = SHEET.name, ctx.scope, ctx.problems
    h = SHEET.header
    units = _load()
    taken_abbr = {(u["parent_id"], u["abbreviation"].upper()): u["code"] for u in units.values()}
    in_file: dict[str, dict] = {}  # code → {"row", "path"} (path "" for new units)
    staged = []
    for number, values, ok in base.iter_rows(rows, SHEET, mapping, problems, ctx.counts):
        ctx.tick()
        for key in FIELDS:
            if key not in present:
                values[key] = None
        code = values["code"]
        if code is None:
            continue
        key = code.upper()
        current = units.get(key)
        if key in in_file:
            problems.add(
                sheet, number, h("code"), f"Mã đơn vị {code} trùng với dòng {in_file[key]['row']}."
            )
            continue
        if current is not None and not scope.covers(current["path"]):
            problems.add(
                sheet,
                number,
                h("code"),
                f"Mã đơn vị {code} đã được dùng cho một đơn vị ngoài phạm vi của bạn.",
            )
            continue
        # Parent: an existing unit in scope, or a row above; blank keeps an existing unit's parent.
        parent_key = values["parent_code"].upper() if values["parent_code"] else None
        parent_id: int | None | str = current["parent_id"] if current else None
        if parent_key:
            parent = units.get(parent_key)
            if parent_key in in_file:
                parent_id = in_file[parent_key]["id"]
            elif parent is None or not scope.covers(parent["path"]):
                problems.add(
                    sheet,
                    number,
                    h("parent_code"),
                    ctx.unit_error(values["parent_code"])
                    + " Nếu đơn vị cấp trên cũng có trong tệp, hãy đặt nó ở dòng phía trên.",
                )
                ok = False
            elif current is not None and parent["path"].startswith(current["path"]):
                problems.add(
                    sheet,
                    number,
                    h("parent_code"),
                    "Đơn vị cấp trên không được là chính đơn vị này hoặc đơn vị cấp dưới của nó.",
                )
                ok = False
            else:
                parent_id = parent["id"]
        elif current is None and not scope.everywhere:
            problems.add(
                sheet,
                number,
                h("parent_code"),
                "Cần mã đơn vị cấp trên: chỉ quản trị toàn hệ thống mới tạo được đơn vị cấp cao nhất.",
            )
            ok = False
        province, ward = values["province_code"], values["ward_code"]
        if ward is not None:
            ward_province = int(Ward.from_code(ward).province_code)
            if province is None and current is not None:
                province = current["province_code"]
            if province is not None and ward_province != province:
                problems.add(
                    sheet,
                    number,
                    h("ward_code"),
                    f"Xã/phường mã {ward} không thuộc tỉnh mã {province}.",
                )
                ok = False
            values["province_code"] = ward_province
        abbr = values["abbreviation"]
        if abbr and ok:
            holder = taken_abbr.get((parent_id, abbr.upper()))
            if holder is not None and holder.upper() != key:
                problems.add(
                    sheet,
                    number,
                    h("abbreviation"),
                    f"Tên viết tắt {abbr} đã dùng cho đơn vị {holder} cùng đơn vị cấp trên.",
                )
                ok = False
            else:
                taken_abbr[(parent_id, abbr.upper())] = code
        in_file[key] = {"row": number, "id": current["id"] if current else f"row{number}"}
        if not ok:
            continue
        if current is None:
            ctx.counts.create += 1
        elif parent_id != current["parent_id"] or _changes(values, current):
            ctx.counts.update += 1
        else:
            ctx.counts.unchanged += 1
            continue
        staged.append([number, *(json_value(values[k]) for k in FIELDS)])
    return {"rows": staged}


def _changes(values: dict, current: dict) -> dict[str, list]:
    changes = {}
    for name in UNIT_FIELDS:
        new = values[name]
        if new is not None and new != current[name]:
            changes[name] = [json_value(current[name]), json_value(new)]
    return changes


def apply(staged: dict, ctx: Context) -> None:
    created: list[dict] = []
    updated: list[dict] = []
    with transaction.atomic():
        units = _load()
        for row in staged["rows"]:
            number = row[0]
            values = dict(zip(FIELDS, row[1:], strict=True))
            values["active_from"] = date_or_none(values["active_from"])
            current = units.get(values["code"].upper())
            parent = units.get(values["parent_code"].upper()) if values["parent_code"] else None
            if values["parent_code"] and parent is None:
                raise ApplyConflict(f"Dòng {number}: {ctx.unit_error(values['parent_code'])}")
            if current is None:
                unit = Unit(
                    code=values["code"],
                    parent_id=parent["id"] if parent else None,
                    address=values["address"] or "",
                )
                for name in UNIT_FIELDS:
                    if values[name] is not None:
                        setattr(unit, name, values[name])
                unit.save()
                ctx.counts.create += 1
                snap = audit.snapshot(unit, {"code", "parent", *UNIT_FIELDS})
                created.append(
                    {
                        "id": unit.pk,
                        "repr": unit.name,
                        "unit_id": unit.pk,
                        "changes": {k: [None, v] for k, v in snap.items()},
                    }
                )
            else:
                unit = Unit.objects.get(pk=current["id"])
                if not ctx.scope.covers(unit.path):
                    raise ApplyConflict(
                        f"Dòng {number}: đơn vị mã {values['code']} đã chuyển ra ngoài phạm vi của bạn."
                    )
                changes = _changes(values, current)
                for name in changes:
                    setattr(unit, name, values[name])
                moved = parent is not None and parent["id"] != unit.parent_id
                if moved:
                    changes["parent"] = [unit.parent_id, parent["id"]]
                    unit.parent_id = parent["id"]
                if not changes:
                    ctx.counts.unchanged += 1
                else:
                    unit.save()
                    if moved:
                        _move_subtree(unit)
                    ctx.counts.update += 1
                    updated.append(
                        {"id": unit.pk, "repr": unit.name, "unit_id": unit.pk, "changes": changes}
                    )
            units[values["code"].upper()] = {
                "id": unit.pk,
                "code": unit.code,
                "path": unit.path,
                "parent_id": unit.parent_id,
                "active_to": unit.active_to,
                **{n: getattr(unit, n) for n in UNIT_FIELDS},
            }
            ctx.tick()
        audit.record_bulk(ctx.actor, AuditAction.CREATE, Unit, created, note=ctx.note)
        audit.record_bulk(ctx.actor, AuditAction.UPDATE, Unit, updated, note=ctx.note)
        ctx.commit(len(staged["rows"]))  # one transaction: all units or none
    ctx.report(ctx.done)


def _move_subtree(unit: Unit) -> None:
    """Rewrite the paths of ``unit`` and its subtree under its new parent, with one UPDATE."""
    old = Unit.objects.values_list("path", flat=True).get(pk=unit.pk)
    parent_path = Unit.objects.values_list("path", flat=True).get(pk=unit.parent_id)
    new = f"{parent_path}{unit.pk:0{PATH_STEP}d}."
    delta = new.count(".") - old.count(".")
    Unit.objects.filter(path__startswith=old).update(
        path=Concat(Value(new), Substr("path", len(old) + 1)), depth=F("depth") + delta
    )
    unit.path = new
