"""People (cá nhân): keyed by CCCD; re-importing updates, never duplicates.

A person whose unit changes gets a membership move (the open Membership is closed today and a
new one opened); a new person gets an open Membership from the hiring date (or today).
Blank optional cells keep the value already stored.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.core.text import normalize_name
from vinhdanh.orgs.enums import Gender
from vinhdanh.orgs.models import Membership, Person
from vinhdanh.orgs.validators import cccd_problem

from . import base
from .base import ApplyConflict, Column, Context, SheetSpec, date_or_none, json_value
from .lookups import in_values, units_by_code

SHEET = SheetSpec(
    "Cá nhân",
    (
        Column(
            "cccd",
            "Số CCCD",
            base.cccd,
            True,
            "12 chữ số; khớp giới tính và năm sinh. Dùng để nhận ra người đã có.",
            "001085012345",
        ),
        Column(
            "full_name",
            "Họ và tên",
            base.text(150),
            True,
            "Họ tên đầy đủ, có dấu.",
            "Nguyễn Văn An",
        ),
        Column(
            "gender",
            "Giới tính",
            base.choice({Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}, "Giới tính"),
            True,
            "Nam hoặc Nữ.",
            "Nam",
        ),
        Column(
            "date_of_birth",
            "Ngày sinh",
            base.date(),
            False,
            "dd/mm/yyyy hoặc ô kiểu ngày của Excel.",
            dt.date(1985, 3, 12),
        ),
        Column(
            "unit_code",
            "Mã đơn vị",
            base.code(40),
            True,
            "Mã đơn vị đang công tác, trong phạm vi của bạn.",
            "HN.SYT",
        ),
        Column(
            "position",
            "Chức vụ",
            base.text(150),
            False,
            "Ví dụ Chuyên viên, Trưởng phòng.",
            "Chuyên viên",
        ),
        Column(
            "is_leader",
            "Lãnh đạo",
            base.yes_no,
            False,
            "Có nếu giữ chức vụ lãnh đạo, quản lý; Không nếu không.",
            "Không",
        ),
        Column(
            "is_direct_worker",
            "Lao động trực tiếp",
            base.yes_no,
            False,
            "Có nếu là người lao động trực tiếp.",
            "Không",
        ),
        Column(
            "hired_on",
            "Ngày bắt đầu công tác",
            base.date(),
            False,
            "dd/mm/yyyy.",
            dt.date(2010, 9, 1),
        ),
    ),
    "Mỗi dòng là một cá nhân. Nhập lại cùng một tệp sẽ cập nhật theo số CCCD, không tạo trùng.",
)
SHEETS = (SHEET,)

# Staged row layout (JSON list): number, then the fields below in this order.
FIELDS = (
    "cccd",
    "full_name",
    "gender",
    "date_of_birth",
    "unit_code",
    "position",
    "is_leader",
    "is_direct_worker",
    "hired_on",
)
# Person fields compared and written; unit is handled apart (membership move).
PERSON_FIELDS = (
    "full_name",
    "gender",
    "date_of_birth",
    "position",
    "is_leader",
    "is_direct_worker",
    "hired_on",
)
_DATE_FIELDS = {"date_of_birth", "hired_on"}
# Who the person is (nhân thân): a change needs the user's explicit confirmation (the preview
# lists each one; ``services.import_confirm`` refuses without it). The CCCD is the match key of
# this kind, so it never changes here; it is listed for kinds that may change it.
IDENTITY_FIELDS = ("full_name", "date_of_birth", "gender", "cccd")
IDENTITY_LABELS = {
    "full_name": "Họ tên",
    "date_of_birth": "Ngày sinh",
    "gender": "Giới tính",
    "cccd": "Số CCCD",
}
PREVIEW_LIMIT = 1000  # identity changes kept for the preview (all are counted)


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if name == "gender":
        return Gender(value).label
    return str(value)


def identity_changes(changes: dict[str, list]) -> list[list[str]]:
    """[label, old shown, new shown] for the identity fields among ``changes``."""
    return [
        [IDENTITY_LABELS[name], _shown(name, changes[name][0]), _shown(name, changes[name][1])]
        for name in IDENTITY_FIELDS
        if name in changes
    ]


def _existing(cccds: list[str]) -> dict[str, tuple]:
    """cccd → (id, unit_id, unit path, *PERSON_FIELDS) in one query."""
    qs = Person.objects.order_by().filter(in_values("cccd", cccds))
    return {
        row[0]: row[1:]
        for row in qs.values_list("cccd", "id", "unit_id", "unit__path", *PERSON_FIELDS).iterator(
            chunk_size=5000
        )
    }


def _changes(values: dict[str, Any], current: tuple) -> dict[str, list]:
    """{field: [old, new]} for the fields the row changes (blank cells keep the stored value)."""
    changes = {}
    for i, name in enumerate(PERSON_FIELDS):
        new = values[name]
        if new is None:
            continue
        old = current[3 + i]
        if new != old:
            changes[name] = [old, new]
    return changes


def validate(wb, ctx: Context) -> dict:
    ws = base.find_sheet(wb, SHEET, fallback_first=True)
    if ws is None:
        raise base.FileProblem("Tệp không có trang dữ liệu cá nhân.")
    rows, mapping = base.open_sheet(ws, SHEET)
    present = {c.key for _, c in mapping}
    sheet = SHEET.name
    h_cccd, h_unit = SHEET.header("cccd"), SHEET.header("unit_code")
    units = units_by_code()
    scope = ctx.scope
    seen: dict[str, int] = {}
    names: dict[str, str] = {}  # raw → normalised (names repeat)
    unit_of: dict[str, int | str] = {}  # code → unit id, or the problem message
    missing = [key for key in FIELDS if key not in present]
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, values, ok in base.iter_rows(rows, SHEET, mapping, ctx.problems, ctx.counts):
        ctx.tick()
        for key in missing:
            values[key] = None
        raw_name = values["full_name"]
        if raw_name:
            name = names.get(raw_name)
            if name is None:
                name = names[raw_name] = normalize_name(raw_name)
            values["full_name"] = name
        cccd = values["cccd"]
        if cccd is not None:
            problem = cccd_problem(cccd, gender=values["gender"], birth=values["date_of_birth"])
            if problem:
                ctx.problems.add(sheet, number, h_cccd, problem)
                ok = False
            elif cccd in seen:
                ctx.problems.add(
                    sheet, number, h_cccd, f"Số CCCD {cccd} trùng với dòng {seen[cccd]}."
                )
                ok = False
            else:
                seen[cccd] = number
        code = values["unit_code"]
        if code is not None:
            unit_id = unit_of.get(code)
            if unit_id is None:
                unit = units.get(code.upper())
                if unit is None or not scope.covers(unit.path):
                    unit_id = ctx.unit_error(code)
                elif not unit.active:
                    unit_id = f"Đơn vị mã {code} đã ngừng hoạt động."
                else:
                    unit_id = unit.id
                unit_of[code] = unit_id
            if unit_id.__class__ is str:
                ctx.problems.add(sheet, number, h_unit, unit_id)
                ok = False
            else:
                values["unit_id"] = unit_id
        if ok:
            parsed.append((number, values))

    existing = _existing([v["cccd"] for _, v in parsed])
    staged = []
    counts = ctx.counts
    identity: list[dict] = []
    identity_count = 0
    for number, values in parsed:
        current = existing.get(values["cccd"])
        if current is None:
            counts.create += 1
        elif not scope.covers(current[2]):
            ctx.problems.add(
                sheet,
                number,
                h_cccd,
                f"Số CCCD {values['cccd']} là của cá nhân thuộc đơn vị ngoài phạm vi của bạn.",
            )
            continue
        elif current[1] != values["unit_id"] or (changes := _changes(values, current)):
            counts.update += 1
            if current[1] != values["unit_id"]:
                changes = _changes(values, current)
            shown = identity_changes(changes)
            if shown:
                identity_count += 1
                if len(identity) < PREVIEW_LIMIT:
                    identity.append(
                        {
                            "row": number,
                            "cccd": values["cccd"],
                            "name": current[3],
                            "changes": shown,
                        }
                    )
        else:
            counts.unchanged += 1
            continue
        birth, hired = values["date_of_birth"], values["hired_on"]
        staged.append(
            [
                number,
                values["cccd"],
                values["full_name"],
                values["gender"],
                birth.isoformat() if birth else None,
                values["unit_code"],
                values["position"],
                values["is_leader"],
                values["is_direct_worker"],
                hired.isoformat() if hired else None,
            ]
        )
    ctx.extra["identity"] = {"count": identity_count, "rows": identity}
    return {"rows": staged}


def _plan(staged: dict, ctx: Context):
    """Re-read the database and turn staged rows into creates and updates (nothing written)."""
    rows = staged["rows"]
    units = units_by_code()
    existing = _existing([r[1] for r in rows])
    plan = []
    for row in rows:
        number = row[0]
        values = dict(zip(FIELDS, row[1:], strict=True))
        for name in _DATE_FIELDS:
            values[name] = date_or_none(values[name])
        unit = units.get(values["unit_code"].upper())
        if unit is None or not unit.active or not ctx.scope.covers(unit.path):
            raise ApplyConflict(f"Dòng {number}: {ctx.unit_error(values['unit_code'])}")
        values["unit_id"] = unit.id
        current = existing.get(values["cccd"])
        if current is not None and not ctx.scope.covers(current[2]):
            raise ApplyConflict(
                f"Dòng {number}: cá nhân có số CCCD {values['cccd']} đã chuyển ra ngoài phạm vi của bạn."
            )
        if (
            current is not None
            and not ctx.identity_confirmed
            and identity_changes(_changes(values, current))
        ):
            raise ApplyConflict(
                f"Dòng {number}: thông tin nhân thân của cá nhân có số CCCD {values['cccd']} sẽ thay "
                "đổi nhưng thay đổi này chưa được xác nhận."
            )
        plan.append((values, current))
    return plan


def apply(staged: dict, ctx: Context) -> None:
    """Write batch after batch; the next batch's objects are built in a helper thread meanwhile.

    Building (model instances, derived name columns, audit changes) is pure Python without
    database access; running it while this thread waits for PostgreSQL to insert the previous
    batch hides part of it. Each batch still commits with its audit rows and progress.
    """
    plan = _plan(staged, ctx)
    today = timezone.localdate()
    builder = _Builder()
    step = base.PROGRESS_EVERY
    chunks = [plan[i : i + step] for i in range(0, len(plan), step)]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-build") as pool:
        pending = pool.submit(_build, chunks[0], today, builder) if chunks else None
        for i, chunk in enumerate(chunks):
            built = pending.result()
            if i + 1 < len(chunks):
                pending = pool.submit(_build, chunks[i + 1], today, builder)
            with transaction.atomic():
                _write(built, ctx, today)
                ctx.commit(len(chunk))
            ctx.tick(len(chunk))
    ctx.report(ctx.done)


class _Builder:
    """Makes Person objects through Model.__init__'s positional fast path, and computes the
    derived name columns once per distinct name (``refresh_derived`` depends on the name only;
    Vietnamese names repeat a lot)."""

    def __init__(self):
        fields = Person._meta.concrete_fields
        self.index = {f.attname: i for i, f in enumerate(fields)}
        self.template = [f.get_default() for f in fields]
        self.derived: dict[str, tuple[str, str, str]] = {}

    def new(self, **values) -> Person:
        args = self.template.copy()
        for name, value in values.items():
            args[self.index[name]] = value
        person = Person(*args)
        self.derive(person)
        return person

    def derive(self, person: Person) -> None:
        cached = self.derived.get(person.full_name)
        if cached is None:
            raw = person.full_name
            person.refresh_derived()
            self.derived[raw] = (person.full_name, person.name_folded, person.sort_key)
        else:
            person.full_name, person.name_folded, person.sort_key = cached


@dataclass
class _Built:
    creates: list[Person] = field(default_factory=list)
    created_changes: list[dict] = field(default_factory=list)
    updates: list[Person] = field(default_factory=list)
    update_changes: list[dict] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    moves: dict[int, int] = field(default_factory=dict)  # person id → new unit id
    unchanged: int = 0


def _build(chunk, today: dt.date, builder: _Builder) -> _Built:
    """Model instances and audit changes for one batch; no database access (runs in a thread)."""
    built = _Built()
    for values, current in chunk:
        if current is None:
            person = builder.new(
                cccd=values["cccd"],
                full_name=values["full_name"],
                gender=values["gender"],
                date_of_birth=values["date_of_birth"],
                unit_id=values["unit_id"],
                position=values["position"] or "",
                is_leader=bool(values["is_leader"]),
                is_direct_worker=bool(values["is_direct_worker"]),
                hired_on=values["hired_on"],
            )
            built.creates.append(person)
            built.created_changes.append(_created(person, today))
            continue
        changes = _changes(values, current)
        person = Person(
            id=current[0], unit_id=current[1], **dict(zip(PERSON_FIELDS, current[3:], strict=True))
        )
        for name, (_old, new) in changes.items():
            setattr(person, name, new)
        if current[1] != values["unit_id"]:
            changes["unit"] = [current[1], values["unit_id"]]
            person.unit_id = values["unit_id"]
            built.moves[person.id] = values["unit_id"]
        if not changes:
            built.unchanged += 1
            continue
        builder.derive(person)
        built.update_fields |= changes.keys()
        built.updates.append(person)
        built.update_changes.append(changes)
    return built


def _write(built: _Built, ctx: Context, today: dt.date) -> None:
    creates, updates, update_changes = built.creates, built.updates, built.update_changes
    update_fields, moves = built.update_fields, built.moves
    ctx.counts.create += len(creates)
    ctx.counts.update += len(updates)
    ctx.counts.unchanged += built.unchanged
    if creates:
        _insert_people(creates)
        _open_memberships([p.id for p in creates], today)
        audit.record_bulk(
            ctx.actor,
            AuditAction.CREATE,
            Person,
            [
                {"id": p.id, "repr": p.full_name, "unit_id": p.unit_id, "changes": changes}
                for p, changes in zip(creates, built.created_changes, strict=True)
            ],
            note=ctx.note,
        )
    if updates:
        fields = {"unit_id" if f == "unit" else f for f in update_fields}
        if "full_name" in fields:
            fields |= {"name_folded", "sort_key"}
        Person.objects.bulk_update(updates, sorted(fields), batch_size=base.PROGRESS_EVERY)
        audit.record_bulk(
            ctx.actor,
            AuditAction.UPDATE,
            Person,
            [
                {
                    "id": p.id,
                    "repr": p.full_name,
                    "unit_id": p.unit_id,
                    "changes": {k: [json_value(a), json_value(b)] for k, (a, b) in ch.items()},
                }
                for p, ch in zip(updates, update_changes, strict=True)
            ],
            note=ctx.note,
        )
    if moves:
        _move(moves, updates, ctx, today)


def _created(person: Person, today: dt.date) -> dict:
    """Who was created where, and the membership opened with it.

    Kept short on purpose (the audit INSERT is the costliest part of a 50,000-row import): the
    complete row stays in the stored upload, named by the job in the entry's note.
    """
    return {
        "cccd": [None, person.cccd],
        "full_name": [None, person.full_name],
        "unit": [None, person.unit_id],
        "membership_start": [None, min(person.hired_on or today, today).isoformat()],
    }


def _insert_people(people: list[Person]) -> None:
    """Insert new people and set their ids: ``bulk_create``, or on PostgreSQL one COPY with ids
    reserved from the sequence (the Python side of ``bulk_create`` — per-field preparation and
    text-array escaping — costs more than reading the file)."""
    if connection.vendor != "postgresql":
        Person.objects.bulk_create(people, batch_size=base.PROGRESS_EVERY)
        return
    fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Person._meta.db_table, len(people)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(
            [
                connection.ops.quote_name("id"),
                *(connection.ops.quote_name(f.column) for f in fields),
            ]
        )
        sql = f"COPY {connection.ops.quote_name(Person._meta.db_table)} ({columns}) FROM STDIN"
        attnames = [f.attname for f in fields]
        with cursor.cursor.copy(sql) as copy:
            for person, pk in zip(people, ids, strict=True):
                person.pk = pk
                person.created_at = person.updated_at = now
                person._state.adding = False
                copy.write_row((pk, *(getattr(person, name) for name in attnames)))


_OPEN_MEMBERSHIPS = """
INSERT INTO {membership} ("person_id", "unit_id", "position", "start")
SELECT p."id", p."unit_id", p."position",
       CASE WHEN p."hired_on" IS NOT NULL AND p."hired_on" < %s THEN p."hired_on" ELSE %s END
FROM {person} p WHERE p."id" IN ({ids})
"""


def _open_memberships(person_ids: list[int], today: dt.date) -> None:
    """One INSERT … SELECT opening the membership of every new person (from the hiring date).

    Recorded in the person's own audit row (``membership_start``), not as a row of its own.
    """
    if connection.vendor == "postgresql":
        ids = "SELECT (jsonb_array_elements_text(%s::jsonb))::bigint"
    else:
        ids = "SELECT value FROM json_each(%s)"
    sql = _OPEN_MEMBERSHIPS.format(
        membership=connection.ops.quote_name(Membership._meta.db_table),
        person=connection.ops.quote_name(Person._meta.db_table),
        ids=ids,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [today, today, json.dumps(person_ids)])


def _move(moves: dict[int, int], updates: list[Person], ctx: Context, today: dt.date) -> None:
    """Close each moved person's open membership today and open one in the new unit."""
    open_rows = list(
        Membership.objects.filter(
            in_values("person_id", list(moves), integers=True), end__isnull=True
        ).only("id", "person_id", "unit_id", "start")
    )
    for m in open_rows:
        m.end = max(today, m.start)
    Membership.objects.bulk_update(open_rows, ["end"], batch_size=base.PROGRESS_EVERY)
    closed_end = {m.person_id: m.end for m in open_rows}
    positions = {p.id: p.position for p in updates}
    opened = [
        Membership(
            person_id=pid,
            unit_id=unit_id,
            position=positions.get(pid, ""),
            start=closed_end.get(pid, today),
        )
        for pid, unit_id in moves.items()
    ]
    Membership.objects.bulk_create(opened, batch_size=base.PROGRESS_EVERY)
    audit.record_bulk(
        ctx.actor,
        AuditAction.UPDATE,
        Membership,
        [
            {
                "id": m.id,
                "repr": f"Kết thúc công tác tại đơn vị #{m.unit_id}",
                "unit_id": m.unit_id,
                "changes": {"end": [None, json_value(m.end)]},
            }
            for m in open_rows
        ],
        note=ctx.note,
    )
    _audit_memberships(ctx, AuditAction.CREATE, opened)


def _audit_memberships(ctx: Context, action: str, memberships: list[Membership]) -> None:
    audit.record_bulk(
        ctx.actor,
        action,
        Membership,
        [
            {
                "id": m.id,
                "repr": f"Công tác tại đơn vị #{m.unit_id}",
                "unit_id": m.unit_id,
                "changes": {
                    "person": [None, m.person_id],
                    "unit": [None, m.unit_id],
                    "start": [None, json_value(m.start)],
                },
            }
            for m in memberships
        ],
        note=ctx.note,
    )
