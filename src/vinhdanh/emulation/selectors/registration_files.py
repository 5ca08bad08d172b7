"""Files of registration: the Excel template, the Excel preview (read-only, nothing written),
and the bloc's exports (.xlsx, .docx with a table per unit)."""

from __future__ import annotations

import io
from collections import defaultdict

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook, load_workbook

from vinhdanh.catalogue.models import Honour
from vinhdanh.core.exports import code_list, template_sheet
from vinhdanh.core.files import FileRejected, refuse_zip_bomb
from vinhdanh.core.text import fold, normalize_name
from vinhdanh.orgs.models import Person

from ..models import Registration
from .registrations import individual_honours

COL_CCCD, COL_NAME, COL_HONOUR = "Số CCCD", "Họ và tên", "Danh hiệu"
HEADERS = (COL_CCCD, COL_NAME, COL_HONOUR)
MAX_ROWS = 5000
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- import ----------------------------------------------------------------------------------


def import_template() -> bytes:
    """Header on row 1 (the preview reads it there), CCCD as text, the honour column a
    drop-down of the codes listed on the “Mã danh hiệu” sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đăng ký"
    template_sheet(ws, list(HEADERS), text_columns=[1])
    codes = wb.create_sheet("Mã danh hiệu")
    pairs = list(individual_honours().values_list("code", "name"))
    template_sheet(codes, ["Mã", "Danh hiệu"], pairs)
    if pairs:
        code_list(ws, f"'Mã danh hiệu'!$A$2:$A${len(pairs) + 1}", 3, strict=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value).zfill(12)
    return str(value).strip()


def import_preview(bloc, unit, upload) -> dict:
    """Read an .xlsx of (Số CCCD, Họ và tên, Danh hiệu) rows and check every row.

    Returns {"rows": [{row, cccd, name, code, person, honour, errors, notes}], "errors":
    [{row, column, message}], "notes": [...], "pairs": [(person, honour)]}. Errors refuse the
    whole file; notes (a name that differs from the CCCD's person) are warnings only."""
    errors: list[dict] = []
    try:
        refuse_zip_bomb(upload, getattr(upload, "name", "") or "Excel")
    except FileRejected as exc:
        return {"rows": [], "errors": [{"row": 0, "column": "", "message": str(exc)}], "notes": [], "pairs": []}  # fmt: skip
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same answer
        return {"rows": [], "errors": [{"row": 0, "column": "", "message": "Không đọc được tệp: cần tệp Excel .xlsx hợp lệ."}], "notes": [], "pairs": []}  # fmt: skip
    try:
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = next(it, None) or ()
        folded = [fold(str(h or "")) for h in header]
        index = {}
        for label in HEADERS:
            key = fold(label)
            if key in folded:
                index[label] = folded.index(key)
            else:
                errors.append({"row": 1, "column": label, "message": f"Thiếu cột “{label}”."})
        if errors:
            return {"rows": [], "errors": errors, "notes": [], "pairs": []}
        raw = []
        for number, values in enumerate(it, start=2):
            values = list(values) + [None] * 3
            cccd, name, code = (_cell_text(values[index[label]]) for label in HEADERS)
            if not (cccd or name or code):
                continue
            if len(raw) >= MAX_ROWS:
                errors.append({"row": number, "column": "", "message": f"Tệp có quá {MAX_ROWS} dòng; hãy chia nhỏ."})  # fmt: skip
                break
            raw.append((number, cccd, name, code.upper()))
    finally:
        wb.close()
    people = {
        p.cccd: p
        # Only people of the unit's subtree are looked up: a CCCD outside it reads as unknown,
        # so the file cannot be used to learn who holds a number elsewhere.
        for p in Person.objects.filter(
            cccd__in={r[1] for r in raw if r[1]}, unit__path__startswith=unit.path
        ).select_related("unit")
    }
    honours = {h.code: h for h in Honour.objects.filter(code__in={r[3] for r in raw if r[3]})}
    taken = set(
        Registration.objects.filter(
            year=bloc.year, person__in=[p.pk for p in people.values()]
        ).values_list("person_id", "honour_id")
    )
    rows, notes, pairs, seen = [], [], [], {}
    for number, cccd, name, code in raw:
        row_errors: list[tuple[str, str]] = []
        row_notes: list[tuple[str, str]] = []
        person = people.get(cccd)
        honour = honours.get(code)
        if not cccd:
            row_errors.append((COL_CCCD, "Thiếu số CCCD."))
        elif person is None:
            row_errors.append((COL_CCCD, f"Không có người mang số CCCD {cccd} thuộc {unit.name}."))
        elif name and normalize_name(name) != normalize_name(person.full_name):
            row_notes.append((COL_NAME, f"Họ tên trong tệp “{name}” khác hồ sơ “{person.full_name}” của số CCCD này."))  # fmt: skip
        if not code:
            row_errors.append((COL_HONOUR, "Thiếu mã danh hiệu."))
        elif honour is None:
            row_errors.append((COL_HONOUR, f"Không có danh hiệu mã {code}."))
        elif not honour.for_individual or honour.category != "title":
            row_errors.append((COL_HONOUR, f"{honour.name} ({code}) không phải danh hiệu thi đua cá nhân."))  # fmt: skip
        if person is not None and honour is not None:
            key = (person.pk, honour.code)
            if key in seen:
                row_errors.append((COL_HONOUR, f"Trùng với dòng {seen[key]}."))
            elif key in taken:
                row_errors.append((COL_HONOUR, f"{person.full_name} đã được đăng ký {honour.name} năm {bloc.year}."))  # fmt: skip
            seen.setdefault(key, number)
        for column, message in row_errors:
            errors.append({"row": number, "column": column, "message": message})
        for column, message in row_notes:
            notes.append({"row": number, "column": column, "message": message})
        if not row_errors:
            pairs.append((person, honour))
        rows.append({"row": number, "cccd": cccd, "name": name, "code": code, "person": person,
                     "honour": honour, "errors": row_errors, "notes": row_notes})  # fmt: skip
    if not raw and not errors:
        errors.append({"row": 0, "column": "", "message": "Tệp không có dòng dữ liệu nào."})
    return {"rows": rows, "errors": errors, "notes": notes, "pairs": pairs}


# -- exports ---------------------------------------------------------------------------------

EXPORT_HEADERS = ("Đơn vị", "Đối tượng", "Họ và tên", "Số CCCD", "Mã danh hiệu", "Danh hiệu", "Cảnh báo")  # fmt: skip


def export_rows(registrations):
    for r in registrations:
        yield (
            r.unit.name,
            r.get_kind_display(),
            r.person.full_name if r.person_id else "",
            r.person.cccd if r.person_id else "",
            r.honour_id,
            r.honour.name,
            r.warning,
        )


def export_docx(bloc, registrations, models) -> bytes:
    """A table per unit: "Đăng ký danh hiệu thi đua năm <year>", then its models."""
    by_unit: dict[int, list] = defaultdict(list)
    units = {}
    for r in registrations:
        by_unit[r.unit_id].append(r)
        units[r.unit_id] = r.unit
    models_by_unit: dict[int, list] = defaultdict(list)
    for m in models:
        models_by_unit[m.unit_id].append(m)
        units[m.unit_id] = m.unit
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"ĐĂNG KÝ THI ĐUA NĂM {bloc.year}\n{bloc.name.upper()}")
    run.bold = True
    ordered = sorted(units.values(), key=lambda u: (u.sort_key, u.pk))
    for unit in ordered:
        doc.add_heading(unit.name, level=2)
        doc.add_paragraph(f"Đăng ký danh hiệu thi đua năm {bloc.year}")
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("TT", "Đối tượng", "Họ và tên", "Danh hiệu", "Cảnh báo"), strict=True):  # fmt: skip
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for i, r in enumerate(by_unit.get(unit.pk, []), start=1):
            cells = table.add_row().cells
            cells[0].text = str(i)
            cells[1].text = r.get_kind_display()
            cells[2].text = r.person.full_name if r.person_id else unit.name
            cells[3].text = r.honour.name
            cells[4].text = r.warning
        unit_models = models_by_unit.get(unit.pk, [])
        if unit_models:
            doc.add_paragraph("Mô hình thi đua đăng ký:")
            for m in unit_models:
                doc.add_paragraph(m.name, style="List Bullet")
                for line in m.indicators.splitlines():
                    doc.add_paragraph(f"– {line}")
    if not ordered:
        doc.add_paragraph("Chưa có đơn vị nào đăng ký.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
