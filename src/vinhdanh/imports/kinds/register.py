"""Past years' commendation register: ratings, titles and forms, initiatives, discipline.

One workbook with up to four sheets. The subject column takes a CCCD (a person) or a unit code
(a collective). Each sheet has a natural key (below); the same key twice in the file is an error
naming both rows; an existing row with the same key is "unchanged" when identical and updated
when its details differ. Blank optional cells keep the stored value.
"""

from __future__ import annotations

from django.db import models, transaction

from vinhdanh.catalogue.models import Honour
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.core.text import fold
from vinhdanh.orgs.models import Person
from vinhdanh.orgs.validators import cccd_problem
from vinhdanh.registry.models import DisciplineRecord, EntrySource, HonourRecord

from . import base
from .base import ApplyConflict, Context, Counts, date_or_none, json_value
from .lookups import in_values, units_by_code
from .register_sheets import BOOKS, SHEETS, SUBJECT, Book

__all__ = ["BOOKS", "SHEETS", "apply", "validate"]

_DATE_FIELDS = {"decision_date", "document_date", "start", "end"}


def catalogue_codes(model: type[models.Model]) -> dict[str, str]:
    """fold(code) and fold(name) → code, for one catalogue table."""
    lookup = {}
    for code_, name in model.objects.values_list("pk", "name"):
        lookup[fold(name)] = code_
        lookup[fold(code_)] = code_
    return lookup


def _norm_key(book: Book, values: dict) -> tuple:
    return tuple(fold(values[f]) if f == "title" else values[f] for f in book.key_fields)


def _looks_like_cccd(raw: str) -> bool:
    return raw.isdigit() and len(raw) in (10, 11, 12)


class Subjects:
    """Resolve subject cells to people (by CCCD) and units (by code), scoped, one query each."""

    def __init__(self, raw_values: set[str], scope: base.Scope):
        self.scope = scope
        self.units = units_by_code()
        cccds = [
            self.cccd(v) for v in raw_values if _looks_like_cccd(v) and v.upper() not in self.units
        ]
        self.people = {
            c: (pk, unit_id, path)
            for c, pk, unit_id, path in Person.objects.order_by()
            .filter(in_values("cccd", cccds))
            .values_list("cccd", "id", "unit_id", "unit__path")
        }

    @staticmethod
    def cccd(raw: str) -> str:
        return raw.zfill(12)

    def resolve(self, raw: str) -> tuple[str, int, int] | str:
        """("person"|"unit", id, audit unit id), or a Vietnamese problem message."""
        unit = self.units.get(raw.upper())
        if unit is not None or not _looks_like_cccd(raw):
            if unit is None or not self.scope.covers(unit.path):
                return f"Không tìm thấy đơn vị mã {raw} trong phạm vi của bạn."
            return ("unit", unit.id, unit.id)
        cccd = self.cccd(raw)
        problem = cccd_problem(cccd)
        if problem:
            return problem
        person = self.people.get(cccd)
        if person is None or not self.scope.covers(person[2]):
            return f"Không tìm thấy cá nhân có số CCCD {cccd} trong phạm vi của bạn."
        return ("person", person[0], person[1])


def _existing(book: Book, person_ids: set[int], unit_ids: set[int]) -> dict[tuple, dict]:
    """(subject kind, subject id, *key) → stored row, one query per sheet."""
    cond = models.Q(pk__in=[])
    if person_ids:
        cond |= in_values("person_id", list(person_ids), integers=True)
    if unit_ids:
        cond |= in_values("unit_id", list(unit_ids), integers=True)
    cols = ("id", "person_id", "unit_id", *book.fields)
    result = {}
    for row in book.model.objects.order_by().filter(cond).values_list(*cols):
        stored = dict(zip(cols, row, strict=True))
        subject = (
            ("person", stored["person_id"]) if stored["person_id"] else ("unit", stored["unit_id"])
        )
        result[(*subject, *_norm_key(book, stored))] = stored
    return result


def _changes(book: Book, values: dict, stored: dict) -> dict[str, list]:
    changes = {}
    for name in book.data_fields:
        new = values[name]
        if new is not None and new != stored[name]:
            changes[name] = [json_value(stored[name]), json_value(new)]
    return changes


def _read(wb, ctx: Context) -> dict[str, list]:
    """Parse every present sheet; check cells and catalogue codes (subjects come later)."""
    by_title = {fold(ws.title): ws for ws in wb.worksheets}
    known = {fold(b.sheet.name) for b in BOOKS} | {fold(base.GUIDE_SHEET)}
    unknown = [ws.title for ws in wb.worksheets if fold(ws.title) not in known]
    if unknown:
        names = ", ".join(f"“{b.sheet.name}”" for b in BOOKS)
        raise base.FileProblem(
            "Tệp có trang không nhận diện được: "
            + ", ".join(f"“{t}”" for t in unknown)
            + f". Các trang được nhận: {names}."
        )
    if not any(fold(b.sheet.name) in by_title for b in BOOKS):
        raise base.FileProblem(
            "Tệp không có trang nào của sổ thi đua, khen thưởng. Hãy dùng tệp mẫu."
        )
    parsed: dict[str, list] = {}
    for book in BOOKS:
        ws = by_title.get(fold(book.sheet.name))
        if ws is None:
            continue
        rows, mapping = base.open_sheet(ws, book.sheet)
        present = {c.key for _, c in mapping}
        lookups = {key: catalogue_codes(model) for key, model in book.catalogue.items()}
        counts = ctx.sheets.setdefault(book.sheet.name, Counts())
        items = parsed.setdefault(book.sheet.name, [])
        for number, values, ok in base.iter_rows(rows, book.sheet, mapping, ctx.problems, counts):
            ctx.tick()
            for column in book.sheet.columns:
                if column.key not in present:
                    values[column.key] = None
            for key, lookup in lookups.items():
                raw = values[key]
                if raw is None:
                    continue
                found = lookup.get(fold(raw))
                if found is None:
                    ctx.problems.add(
                        book.sheet.name,
                        number,
                        book.sheet.header(key),
                        f"Mã “{raw}” không có trong danh mục.",
                    )
                    ok = False
                values[key] = found
            if (
                book.model is DisciplineRecord
                and values["start"]
                and values["end"]
                and values["end"] < values["start"]
            ):
                ctx.problems.add(
                    book.sheet.name, number, book.sheet.header("end"), "Đến ngày phải sau Từ ngày."
                )
                ok = False
            if values["subject"] is not None:
                values["subject"] = (
                    base.cccd(values["subject"])
                    if values["subject"].isdigit()
                    else values["subject"]
                )
            items.append((number, values, ok))
    return parsed


def validate(wb, ctx: Context) -> dict:
    parsed = _read(wb, ctx)
    subjects = Subjects(
        {v["subject"] for items in parsed.values() for _, v, _ in items if v["subject"]}, ctx.scope
    )
    honours = {
        code_: (ind, col)
        for code_, ind, col in Honour.objects.values_list(
            "code", "for_individual", "for_collective"
        )
    }
    staged: dict[str, list] = {}
    for book in BOOKS:
        items = parsed.get(book.sheet.name)
        if items is None:
            continue
        sheet, counts = book.sheet.name, ctx.sheets[book.sheet.name]
        resolved = []
        seen: dict[tuple, int] = {}
        for number, values, ok in items:
            if values["subject"] is None:
                continue
            subject = subjects.resolve(values["subject"])
            if isinstance(subject, str):
                ctx.problems.add(sheet, number, SUBJECT.header, subject)
                continue
            if book.model is HonourRecord and values["honour_id"]:
                individual, collective = honours[values["honour_id"]]
                if not (individual if subject[0] == "person" else collective):
                    who = "cá nhân" if subject[0] == "person" else "tập thể"
                    ctx.problems.add(
                        sheet,
                        number,
                        book.sheet.header("honour_id"),
                        f"{values['honour_id']} không dành cho {who}.",
                    )
                    ok = False
            if not ok:
                continue
            key = (subject[0], subject[1], *_norm_key(book, values))
            if key in seen:
                ctx.problems.add(
                    sheet,
                    number,
                    SUBJECT.header,
                    f"Dòng {number} trùng với dòng {seen[key]} ({book.what}).",
                )
                continue
            seen[key] = number
            resolved.append((number, values, subject, key))
        existing = _existing(
            book,
            {s[1] for _, _, s, _ in resolved if s[0] == "person"},
            {s[1] for _, _, s, _ in resolved if s[0] == "unit"},
        )
        rows = staged.setdefault(sheet, [])
        for number, values, _subject, key in resolved:
            stored = existing.get(key)
            if stored is None:
                counts.create += 1
            elif _changes(book, values, stored):
                counts.update += 1
            else:
                counts.unchanged += 1
                continue
            rows.append([number, values["subject"], *(json_value(values[f]) for f in book.fields)])
    for counts in ctx.sheets.values():
        for name, value in counts.as_dict().items():
            setattr(ctx.counts, name, getattr(ctx.counts, name) + value)
    return staged


def apply(staged: dict, ctx: Context) -> None:
    subjects = Subjects({row[1] for rows in staged.values() for row in rows}, ctx.scope)
    plans = []
    for book in BOOKS:
        rows = staged.get(book.sheet.name) or []
        plan = []
        for row in rows:
            values = dict(zip(book.fields, row[2:], strict=True))
            for name in _DATE_FIELDS & values.keys():
                values[name] = date_or_none(values[name])
            subject = subjects.resolve(row[1])
            if isinstance(subject, str):
                raise ApplyConflict(f"Trang “{book.sheet.name}”, dòng {row[0]}: {subject}")
            plan.append((values, subject))
        existing = _existing(
            book,
            {s[1] for _, s in plan if s[0] == "person"},
            {s[1] for _, s in plan if s[0] == "unit"},
        )
        plans.append((book, plan, existing))
    for book, plan, existing in plans:
        counts = ctx.sheets.setdefault(book.sheet.name, Counts())
        for start in range(0, len(plan), base.PROGRESS_EVERY):
            chunk = plan[start : start + base.PROGRESS_EVERY]
            with transaction.atomic():
                _write_chunk(book, chunk, existing, ctx, counts)
                ctx.commit(len(chunk))
            ctx.tick(len(chunk))
    ctx.report(ctx.done)


def _repr(book: Book, obj) -> str:
    return f"{book.sheet.name}: " + " ".join(
        str(json_value(getattr(obj, f))) for f in book.key_fields
    )


def _write_chunk(book: Book, chunk, existing, ctx: Context, counts: Counts) -> None:
    creates, create_units, updates, update_rows = [], [], [], []
    fields: set[str] = set()
    for values, (kind, subject_id, unit_id) in chunk:
        stored = existing.get((kind, subject_id, *_norm_key(book, values)))
        if stored is None:
            obj = book.model(source=EntrySource.IMPORT, **{f"{kind}_id": subject_id})
            for name in book.fields:
                default = (
                    ""
                    if isinstance(
                        book.model._meta.get_field(name.removesuffix("_id")), models.CharField
                    )
                    else None
                )
                setattr(obj, name, values[name] if values[name] is not None else default)
            creates.append(obj)
            create_units.append(unit_id)
            counts.create += 1
            ctx.counts.create += 1
            continue
        changes = _changes(book, values, stored)
        if not changes:
            counts.unchanged += 1
            ctx.counts.unchanged += 1
            continue
        obj = book.model(id=stored["id"], person_id=stored["person_id"], unit_id=stored["unit_id"])
        for name in book.fields:
            setattr(obj, name, stored[name])
        for name in changes:
            setattr(obj, name, values[name])
        fields |= changes.keys()
        updates.append(obj)
        update_rows.append(
            {"id": obj.id, "repr": str(obj.pk), "unit_id": unit_id, "changes": changes}
        )
        counts.update += 1
        ctx.counts.update += 1
    if creates:
        book.model.objects.bulk_create(creates, batch_size=base.PROGRESS_EVERY)
        audit.record_bulk(
            ctx.actor,
            AuditAction.CREATE,
            book.model,
            [
                {
                    "id": obj.pk,
                    "repr": _repr(book, obj),
                    "unit_id": unit_id,
                    "changes": {
                        f: [None, json_value(getattr(obj, f))]
                        for f in ("person_id", "unit_id", *book.fields)
                    },
                }
                for obj, unit_id in zip(creates, create_units, strict=True)
            ],
            note=ctx.note,
        )
    if updates:
        book.model.objects.bulk_update(updates, sorted(fields), batch_size=base.PROGRESS_EVERY)
        audit.record_bulk(ctx.actor, AuditAction.UPDATE, book.model, update_rows, note=ctx.note)
