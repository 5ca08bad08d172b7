"""Official documents as .docx (python-docx), laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.

Every layout rule lives in ``LAYOUT`` and the helpers below: A4, margins (top/bottom 20–25 mm,
left 30–35 mm, right 15–20 mm), Times New Roman 13–14 pt, the header block (issuing body and
number on the left, the national motto and the place and date on the right) as a borderless
two-column table, the document type and title centred in bold, the signature block on the
right, "Nơi nhận:" on the left. Callers describe the content with the small block classes
(Para, Heading, NumberedList, Table, SignatureGrid) and call ``official_document``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .vn import date_in_words


@dataclass(frozen=True)
class Layout:
    page_width_mm: float = 210
    page_height_mm: float = 297
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    font: str = "Times New Roman"
    body_pt: float = 14
    header_pt: float = 13
    table_pt: float = 13
    small_pt: float = 11
    first_line_indent_mm: float = 10
    header_left_mm: float = 70  # the issuing body's column; the motto takes the rest

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.left_mm - self.right_mm


LAYOUT = Layout()

MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# --- What a document is made of -------------------------------------------------------------


@dataclass
class Header:
    issuer: str  # the body issuing the document, e.g. "KHỐI THI ĐUA SỐ 9"
    number: str = ""  # "01/BB-KTĐ9" (printed as "Số: 01/BB-KTĐ9"); empty: "Số:      /..."
    superior: str = ""  # the body above the issuer, e.g. "UBND THÀNH PHỐ HÀ NỘI"
    place: str = ""  # "Hà Nội"
    date: dt.date | None = None


@dataclass
class Signature:
    position: str  # "TRƯỞNG KHỐI"
    name: str = ""
    on_behalf: str = ""  # "TM. KHỐI THI ĐUA SỐ 9" above the position
    note: str = ""  # "(Đã ký)" or a unit name under the position


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | center | left | right
    indent: bool = True


@dataclass
class Heading:
    text: str


@dataclass
class NumberedList:
    items: list[str]
    start: int = 1
    style: str = "{n}. "  # "{n}) ", "- " (then no number)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    align: list[str] | None = None  # per column: left | center | right


@dataclass
class SignatureGrid:
    """Signatures side by side (a covenant signed by every member), ``columns`` per row."""

    signatures: list[Signature]
    columns: int = 2


@dataclass
class PageBreak:
    pass


Block = Para | Heading | NumberedList | Table | SignatureGrid | PageBreak | str


@dataclass
class DocumentSpec:
    header: Header
    title: str
    doc_type: str = ""  # "BIÊN BẢN", "GIAO ƯỚC THI ĐUA", "BÁO CÁO"; empty: title only
    body: list[Block] = field(default_factory=list)
    signature: Signature | list[Signature] | None = None
    recipients: list[str] = field(default_factory=list)


# --- Low-level helpers ------------------------------------------------------------------------

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _font(run, *, size=None, bold=None, italic=None, underline=None):
    run.font.name = LAYOUT.font
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), LAYOUT.font)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def _para(container, text="", *, size=None, bold=False, italic=False, align="left",
          indent=False, before=0, after=3, keep_next=False):  # fmt: skip
    p = container.add_paragraph()
    p.alignment = _ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    if indent:
        fmt.first_line_indent = Mm(LAYOUT.first_line_indent_mm)
    if text:
        _font(p.add_run(text), size=size or LAYOUT.body_pt, bold=bold, italic=italic)
    return p


def _cell_para(cell, text="", **kwargs):
    """The cell's first (empty) paragraph is reused so cells don't start with a blank line."""
    first = cell.paragraphs[0]
    if not first.text and not getattr(cell, "_used", False):
        cell._used = True
        first.alignment = _ALIGN[kwargs.pop("align", "center")]
        fmt = first.paragraph_format
        fmt.space_before = Pt(kwargs.pop("before", 0))
        fmt.space_after = Pt(kwargs.pop("after", 0))
        if text:
            _font(first.add_run(text), size=kwargs.get("size") or LAYOUT.header_pt,
                  bold=kwargs.get("bold", False), italic=kwargs.get("italic", False))  # fmt: skip
        return first
    kwargs.setdefault("align", "center")
    kwargs.setdefault("after", 0)
    kwargs.setdefault("size", LAYOUT.header_pt)
    return _para(cell, text, **kwargs)


def _short_rule(cell, width_mm: float, cell_mm: float) -> None:
    """A short horizontal rule, centred: an empty paragraph with a bottom border and side indents."""
    p = _cell_para(cell, "", size=4, after=2)
    side = max((cell_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _grid_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "4"),
            ("w:space", "0"),
            ("w:color", "000000"),
        ):
            el.set(qn(key), value)
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")  # fixed: Word and LibreOffice keep the given widths
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(width)


# --- Parts of the document --------------------------------------------------------------------


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width = Mm(LAYOUT.page_width_mm)
    section.page_height = Mm(LAYOUT.page_height_mm)
    section.top_margin = Mm(LAYOUT.top_mm)
    section.bottom_margin = Mm(LAYOUT.bottom_mm)
    section.left_margin = Mm(LAYOUT.left_mm)
    section.right_margin = Mm(LAYOUT.right_mm)
    normal = doc.styles["Normal"]
    normal.font.name = LAYOUT.font
    normal.font.size = Pt(LAYOUT.body_pt)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), LAYOUT.font)


def _header(doc, header: Header) -> None:
    left_mm = LAYOUT.header_left_mm
    right_mm = LAYOUT.text_width_mm - left_mm
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    left, right = table.rows[0].cells
    if header.superior:
        _cell_para(left, header.superior.upper(), size=LAYOUT.header_pt)
    _cell_para(left, header.issuer.upper(), size=LAYOUT.header_pt, bold=True)
    _short_rule(left, 25, left_mm)
    _cell_para(left, f"Số: {header.number}" if header.number else "Số:       /", size=LAYOUT.header_pt, before=4)  # fmt: skip
    _cell_para(right, MOTTO_COUNTRY, size=LAYOUT.header_pt - 1, bold=True)
    _cell_para(right, MOTTO, size=LAYOUT.body_pt, bold=True)
    _short_rule(right, 58, right_mm)
    if header.date:
        _cell_para(right, date_in_words(header.date, header.place), size=LAYOUT.body_pt, italic=True, before=4)  # fmt: skip


def _title(doc, doc_type: str, title: str) -> None:
    if doc_type:
        _para(doc, doc_type.upper(), bold=True, align="center", before=18, after=0, keep_next=True)
    if title:
        _para(doc, title, bold=True, align="center", before=0 if doc_type else 18, after=12,
              keep_next=True)  # fmt: skip


def _table(doc, block: Table) -> None:
    cols = len(block.headers)
    table = doc.add_table(rows=1, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid_borders(table)
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        _cell_para(cell, text, size=LAYOUT.table_pt, bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on each page
    aligns = block.align or ["left"] * cols
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, align in zip(cells, row, aligns, strict=False):
            _cell_para(cell, str(text), size=LAYOUT.table_pt, align=align)
    widths = block.widths_mm or [LAYOUT.text_width_mm / cols] * cols
    _widths(table, widths)
    _para(doc, "", after=0)


def _signature_cell(cell, sig: Signature) -> None:
    if sig.on_behalf:
        _cell_para(cell, sig.on_behalf.upper(), size=LAYOUT.body_pt, bold=True)
    _cell_para(cell, sig.position.upper(), size=LAYOUT.body_pt, bold=True)
    if sig.note:
        _cell_para(cell, sig.note, size=LAYOUT.body_pt - 1, italic=True)
    for _ in range(4):
        _cell_para(cell, "", size=LAYOUT.body_pt)
    if sig.name:
        _cell_para(cell, sig.name, size=LAYOUT.body_pt, bold=True)


def _signature_grid(doc, signatures: list[Signature], columns: int) -> None:
    columns = max(1, min(columns, len(signatures) or 1))
    rows = (len(signatures) + columns - 1) // columns
    table = doc.add_table(rows=rows, cols=columns)
    _no_borders(table)
    _widths(table, [LAYOUT.text_width_mm / columns] * columns)
    for i, sig in enumerate(signatures):
        _signature_cell(table.rows[i // columns].cells[i % columns], sig)
    for row in table.rows:  # a signature never straddles two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _recipients(container, recipients: list[str]) -> None:
    p = _cell_para(container, "", align="left") if hasattr(container, "width") else _para(container, "", before=12, after=0)  # fmt: skip
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.keep_with_next = True
    _font(p.add_run("Nơi nhận:"), size=12, bold=True, italic=True)
    for i, name in enumerate(recipients):
        last = i == len(recipients) - 1
        line = _para(container, f"- {name.rstrip(';.')}{'.' if last else ';'}", size=LAYOUT.small_pt, align="left", after=0, keep_next=not last)  # fmt: skip
        line.paragraph_format.space_after = Pt(0)


def _closing(doc, signature, recipients: list[str]) -> None:
    signatures = [] if signature is None else signature if isinstance(signature, list) else [signature]  # fmt: skip
    _para(doc, "", after=0)
    if len(signatures) == 1:
        table = doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, [LAYOUT.text_width_mm * 0.45, LAYOUT.text_width_mm * 0.55])
        left, right = table.rows[0].cells
        if recipients:
            _recipients(left, recipients)
        _signature_cell(right, signatures[0])
        return
    if signatures:
        _signature_grid(doc, signatures, len(signatures))
    if recipients:
        _recipients(doc, recipients)


def _body(doc, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, str):
            _para(doc, block, align="justify", indent=True)
        elif isinstance(block, Para):
            _para(doc, block.text, bold=block.bold, italic=block.italic, align=block.align,
                  indent=block.indent and block.align == "justify")  # fmt: skip
        elif isinstance(block, Heading):
            _para(
                doc, block.text, bold=True, align="justify", indent=True, before=6, keep_next=True
            )
        elif isinstance(block, NumberedList):
            for i, item in enumerate(block.items, start=block.start):
                _para(doc, block.style.format(n=i) + item, align="justify", indent=True)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, SignatureGrid):
            _signature_grid(doc, block.signatures, block.columns)
        elif isinstance(block, PageBreak):
            doc.add_page_break()
        else:  # pragma: no cover - a programming error, not a user's
            raise TypeError(f"Unknown block {block!r}")


def build(spec: DocumentSpec) -> bytes:
    doc = Document()
    _setup(doc)
    _header(doc, spec.header)
    _title(doc, spec.doc_type, spec.title)
    _body(doc, spec.body)
    _closing(doc, spec.signature, spec.recipients)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def official_document(
    header: Header,
    title: str,
    body_blocks: list[Block],
    signature: Signature | list[Signature] | None = None,
    recipients: list[str] | None = None,
    *,
    doc_type: str = "",
) -> bytes:
    """The .docx bytes of an official document."""
    return build(
        DocumentSpec(header, title, doc_type, list(body_blocks), signature, recipients or [])
    )


def docx_text(data: bytes) -> str:
    """All the text of a .docx, paragraphs and table cells, one per line (tests, previews)."""
    doc = Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(parent):
        for child in parent.iter_inner_content():
            if hasattr(child, "rows"):
                for row in child.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                lines.append(child.text)

    walk(doc)
    return "\n".join(lines)
