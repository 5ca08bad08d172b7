"""The one Nghị định 30/2020/NĐ-CP layer: every official .docx VinhDanh emits is laid out here.

Producers (decisions, nominations, council, emulation…) hold wording only: they describe the
content with the blocks below and call ``official_document``. Every thể thức rule lives in
this module (DOCUMENTS.md §1–§7, checked by §9):

- Page: A4 portrait; margins top 25, bottom 20, left 35, right 20 mm (the house preset, inside
  every NĐ 30 range); text width 155 mm (``LAYOUT.text_width_mm``).
- Fonts: Times New Roman everywhere — docDefaults, every style (theme fonts and theme colours
  removed, unused styles dropped), every run, header; black; sizes 11/12/13/14 pt only.
- Body paragraphs: justified, first-line indent 1 cm (567 twips), 3 pt before + 3 pt after
  (≥ 120 twips together), single line spacing (w:line 240, auto). Headings "I. …" bold.
- Page numbers: a centred PAGE field (14 pt) in the default header, none on page 1
  (w:titlePg with an empty first-page header), no footers.
- Head (ô 1–4): borderless two-column table; chủ quản / cơ quan ban hành (bold) with a short
  rule, "Số: 05/QĐ-UBND" (never bold, leading zero below 10) | quốc hiệu, tiêu ngữ with a rule,
  the italic place-date line ("Hà Nội, ngày 05 tháng 3 năm 2026"). ``Header.draft``: a boxed
  "DỰ THẢO" above ô 2, blank number ("Số:      /QĐ-UBND") and blank date; a final document
  never carries "DỰ THẢO".
- Tên loại + trích yếu centred bold with a rule under; optional "Kính gửi:" (ô 9a).
- Blocks: ``Para``/str (body), ``Heading``, ``LegalBasis`` (căn cứ: italic, ";" then "." on
  the last), ``NumberedList``, ``Table`` (fits the text width: tblW/gridCol in dxa, fixed
  layout, first row w:tblHeader, every row w:cantSplit, grid borders), ``SignatureGrid``,
  ``PageBreak``.
- End mark: the last body paragraph ends with "./." (added when missing; ``end_mark=False``
  for texts that carry their own, e.g. minutes "…/.").
- Closing: borderless table, "Nơi nhận:" (bold italic 12 pt, items 11 pt "- …;", last
  "- Lưu: VT, …." — added when the caller gave none) on the left, signature block on the right.
- Signature (ô 7a/7b): ``Signature.lines`` (upper case, bold, 14 pt), then room to sign, then
  the name in bold, plain case. ``signature_lines(mode, …)`` builds the 7a lines per
  DOCUMENTS.md §5 for head / KT. / TM. / Q. / TL. / TUQ.; ``Signature.position``/``on_behalf``
  remain for callers that give the lines themselves.
- Annexes (``Annex``): each starts a new section (new page) with its own numbering
  (w:pgNumType w:start=1, w:titlePg), optional "Phụ lục" label, the title (bold, upper), the
  italic centred "(Kèm theo Quyết định số …/QĐ-… ngày … tháng … năm … của …)", a short rule,
  the content and "./.".

Stable API: ``Layout``/``LAYOUT``, ``Header``, ``Signature``, ``signature_lines``,
``SigningMode``, ``Para``, ``Heading``, ``LegalBasis``, ``NumberedList``, ``Table``,
``SignatureGrid``, ``PageBreak``, ``Annex``, ``DocumentSpec``, ``build``,
``official_document(header, title, body, signature, recipients, *, doc_type, kinh_gui,
annexes, end_mark)``, ``kem_theo_line``, ``docx_text``; dates and places come from ``vn``
(``date_in_words``, ``place_of``, ``place_for_unit``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from .vn import date_in_words

TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Layout:
    page_width_mm: float = 210
    page_height_mm: float = 297
    top_mm: float = 25
    bottom_mm: float = 20
    left_mm: float = 35
    right_mm: float = 20
    font: str = "Times New Roman"
    body_pt: float = 14
    header_pt: float = 13
    table_pt: float = 13
    small_pt: float = 11
    first_line_indent_twips: int = 567  # 1 cm
    space_before_pt: float = 3
    space_after_pt: float = 3  # 3 + 3 pt = 120 twips between paragraphs
    header_left_mm: float = 60  # the issuing body's column; the motto takes the rest

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.left_mm - self.right_mm

    @property
    def text_width_twips(self) -> int:
        return int(self.text_width_mm * TWIPS_PER_MM)


LAYOUT = Layout()

MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
BLANK = "     "  # room the văn thư fills by hand (number, day, month)


# --- Signing authority (DOCUMENTS.md §5) -------------------------------------------------------


class SigningMode:
    HEAD = "head"  # the head signs: CHỦ TỊCH
    KT = "kt"  # deputy for the head: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    TM = "tm"  # for a collective: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH (or KT. … / PHÓ …)
    Q = "q"  # acting head: Q. GIÁM ĐỐC
    TL = "tl"  # by order: TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG
    TUQ = "tuq"  # by written authority: TUQ. CHỦ TỊCH / GIÁM ĐỐC SỞ NỘI VỤ

    choices = [
        (HEAD, "Thủ trưởng ký"),
        (KT, "KT. – cấp phó ký thay thủ trưởng"),
        (TM, "TM. – ký thay mặt tập thể"),
        (Q, "Q. – quyền thủ trưởng"),
        (TL, "TL. – thừa lệnh"),
        (TUQ, "TUQ. – thừa ủy quyền"),
    ]


class SigningError(ValueError):
    pass


def signature_lines(
    mode: str, position: str, head_title: str = "", collective: str = ""
) -> list[str]:
    """The 7a lines (upper case) for a signer holding ``position`` who signs in ``mode`` for the
    head titled ``head_title`` (or, TM., for the ``collective``). NĐ 30 Điều 13, Phụ lục I II.7."""
    position = position.strip().upper()
    head = (head_title or position).strip().upper()
    if not position:
        raise SigningError("Chưa ghi chức vụ của người ký.")
    if mode == SigningMode.HEAD:
        return [position]
    if mode == SigningMode.KT:
        if head == position or head.startswith("PHÓ "):
            raise SigningError(
                "Ký thay (KT.) ghi chức vụ của người đứng đầu ở dòng trên, khác chức vụ của cấp "
                "phó (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7)."
            )
        return [f"KT. {head}", position]
    if mode == SigningMode.TM:
        body = collective.strip().upper()
        if not body:
            raise SigningError("Ký thay mặt (TM.) cần tên tập thể, ví dụ ỦY BAN NHÂN DÂN.")
        if head and head != position:
            return [f"TM. {body}", f"KT. {head}", position]
        return [f"TM. {body}", position]
    if mode == SigningMode.Q:
        return [f"Q. {head}"]
    if mode in (SigningMode.TL, SigningMode.TUQ):
        if head == position:
            raise SigningError("Thừa lệnh/thừa ủy quyền ghi chức vụ người đứng đầu ở dòng trên.")
        prefix = "TL." if mode == SigningMode.TL else "TUQ."
        if mode == SigningMode.TUQ and position.startswith("KT."):
            raise SigningError(
                "Không ủy quyền lại: không ký KT. dưới TUQ. (Nghị định 30/2020/NĐ-CP, Điều 13)."
            )
        return [f"{prefix} {head}", position]
    raise SigningError(f"Cách ký không hợp lệ: {mode}")


# --- What a document is made of -------------------------------------------------------------


@dataclass
class Header:
    issuer: str  # "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"; empty: quốc hiệu only, no number (forms)
    number: str = ""  # "05/QĐ-UBND" (printed "Số: 05/QĐ-UBND"); empty: "Số:      /<symbol>"
    superior: str = ""  # the body above the issuer (chủ quản)
    place: str = ""  # "Hà Nội"
    date: dt.date | None = None
    symbol: str = ""  # "QĐ-UBND": printed after the blank number of an unnumbered document
    draft: bool = False  # "DỰ THẢO" boxed above ô 2; number and date left blank
    draft_label: str = DRAFT_MARK  # "DỰ THẢO lần 2"
    show_date: bool = True  # biên bản (Mẫu 1.9) has no place-date line
    year: int | None = None  # the year printed on a blank date line
    show_number: bool = True  # False: a working list (no "Số:" line at all)


@dataclass
class Signature:
    position: str = ""  # "TRƯỞNG KHỐI" (one 7a line) — or give ``lines``
    name: str = ""
    on_behalf: str = ""  # "TM. KHỐI THI ĐUA SỐ 9" above the position
    note: str = ""  # "(Đã ký)" or a unit name under the position
    lines: list[str] | None = None  # the 7a lines from ``signature_lines``; wins over position

    def heading_lines(self) -> list[str]:
        if self.lines:
            return [ln.upper() for ln in self.lines]
        return [ln.upper() for ln in (self.on_behalf, self.position) if ln]


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | center | left | right
    indent: bool = True
    size: float | None = None
    lead: str = ""  # a bold lead-in printed before the text: "Điều 1."


@dataclass
class Heading:
    text: str
    align: str = "justify"  # "center" for Phần/Chương/Mục


@dataclass
class LegalBasis:
    """Căn cứ lines: italic, one per line, ";" after each and "." after the last."""

    lines: list[str]


@dataclass
class NumberedList:
    items: list[str]
    start: int = 1
    style: str = "{n}. "  # "{n}) ", "- " (then no number)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None  # scaled down to the text width when wider
    align: list[str] | None = None  # per column: left | center | right
    size: float | None = None


@dataclass
class SignatureGrid:
    """Signatures side by side (a covenant signed by every member), ``columns`` per row."""

    signatures: list[Signature]
    columns: int = 2


@dataclass
class PageBreak:
    pass


Block = Para | Heading | LegalBasis | NumberedList | Table | SignatureGrid | PageBreak | str


@dataclass
class Annex:
    """An annex (Mẫu 2.1): new section and page numbering, no head block, no signature."""

    title: str  # "DANH SÁCH CÁC TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN …"
    kem_theo: str  # "(Kèm theo Quyết định số 05/QĐ-UBND ngày … của …)" — see kem_theo_line
    body: list[Block] = field(default_factory=list)
    label: str = ""  # "Phụ lục" / "Phụ lục I" when used


@dataclass
class DocumentSpec:
    header: Header
    title: str
    doc_type: str = ""  # "QUYẾT ĐỊNH", "TỜ TRÌNH", "BIÊN BẢN"; empty: title only
    body: list[Block] = field(default_factory=list)
    signature: Signature | list[Signature] | None = None
    recipients: list[str] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    end_mark: bool = True
    signature_left: Signature | None = None  # a second block on the left (biên bản: thư ký)
    closing_blocks: list[Block] = field(default_factory=list)  # after the signatures


def kem_theo_line(
    doc_name: str, number: str, date: dt.date | None, issuer: str, symbol: str = ""
) -> str:
    """ "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 3 năm 2026 của Chủ tịch …)"; a
    document not yet numbered keeps blanks for the văn thư."""
    num = number or f"{BLANK}/{symbol}"
    when = date_in_words(date) if date else f"ngày{BLANK}tháng{BLANK}năm{BLANK}"
    tail = f" của {issuer}" if issuer else ""
    return f"(Kèm theo {doc_name} số {num} {when}{tail})"


# --- Low-level helpers ------------------------------------------------------------------------

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_ALLOWED_HALF_POINTS = {"22", "24", "26", "28"}


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), LAYOUT.font)


def _font(run, *, size=None, bold=None, italic=None, underline=None):
    rpr = run._element.get_or_add_rPr()
    _set_fonts(rpr)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def _spacing(p, before, after) -> None:
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0  # w:line 240, w:lineRule auto


def _para(container, text="", *, size=None, bold=False, italic=False, align="left",
          indent=False, before=None, after=None, keep_next=False):  # fmt: skip
    p = container.add_paragraph()
    p.alignment = _ALIGN[align]
    _spacing(
        p,
        LAYOUT.space_before_pt if before is None else before,
        LAYOUT.space_after_pt if after is None else after,
    )
    p.paragraph_format.keep_with_next = keep_next
    if indent:
        p.paragraph_format.first_line_indent = Twips(LAYOUT.first_line_indent_twips)
    if text:
        _font(p.add_run(text), size=size or LAYOUT.body_pt, bold=bold, italic=italic)
    return p


def _cell_para(cell, text="", **kwargs):
    """The cell's first (empty) paragraph is reused so cells don't start with a blank line."""
    first = cell.paragraphs[0]
    if not first.text and not getattr(cell, "_used", False):
        cell._used = True
        first.alignment = _ALIGN[kwargs.pop("align", "center")]
        _spacing(first, kwargs.pop("before", 0), kwargs.pop("after", 0))
        if text:
            _font(first.add_run(text), size=kwargs.get("size") or LAYOUT.header_pt,
                  bold=kwargs.get("bold", False), italic=kwargs.get("italic", False))  # fmt: skip
        return first
    kwargs.setdefault("align", "center")
    kwargs.setdefault("after", 0)
    kwargs.setdefault("before", 0)
    kwargs.setdefault("size", LAYOUT.header_pt)
    return _para(cell, text, **kwargs)


_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                   "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")  # fmt: skip


def _border(ppr, edges=("bottom",)) -> None:
    """A paragraph border, inserted where the schema wants w:pBdr (Word rejects it elsewhere)."""
    borders = OxmlElement("w:pBdr")
    for edge in edges:
        el = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):  # fmt: skip
            el.set(qn(key), value)
        borders.append(el)
    for tag in _PPR_AFTER_PBDR:
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(borders)
            return
    ppr.append(borders)


def _short_rule(container, width_mm: float, box_mm: float, *, in_cell=True) -> None:
    """A short horizontal rule, centred: an empty paragraph with a bottom border and side indents."""
    # 3 pt above: the rule stands clear of the descenders of the line above (ư, ậ, p, …).
    p = (
        _cell_para(container, "", before=3, after=2)
        if in_cell
        else _para(container, "", before=3, after=6)
    )
    side = max((box_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    _border(ppr)


def _tbl_borders(table, val: str) -> None:
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            for key, value in (("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                el.set(qn(key), value)
        borders.append(el)
    tbl_pr.append(borders)


def _no_borders(table) -> None:
    _tbl_borders(table, "nil")


def _tight_cells(table, side_twips: int = 28) -> None:
    """Small left/right cell margins (the head block needs the whole 155 mm)."""
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(side_twips))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    # after tblLayout (CT_TblPr: …, tblBorders, shd, tblLayout, tblCellMar, tblLook, …)
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addnext(mar)
    else:
        tbl_pr.append(mar)


def _grid_borders(table) -> None:
    _tbl_borders(table, "single")


def _fit(widths_mm: list[float]) -> list[int]:
    """Column widths in twips, scaled down to the text width when their sum is wider."""
    twips = [w * TWIPS_PER_MM for w in widths_mm]
    total = sum(twips)
    limit = LAYOUT.text_width_twips
    if total > limit:
        twips = [w * limit / total for w in twips]
    return [int(w) for w in twips]


def _widths(table, widths_mm: list[float]) -> None:
    """Fixed layout; w:tblW, w:tblInd and every w:gridCol / w:tcW in dxa, within the text width."""
    widths = _fit(widths_mm)
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblInd", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_ind = OxmlElement("w:tblInd")
    tbl_ind.set(qn("w:w"), "0")
    tbl_ind.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")  # fixed: Word and LibreOffice keep the given widths
    layout.set(qn("w:type"), "fixed")
    # CT_TblPr's child order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, …
    jc = tbl_pr.find(qn("w:jc"))
    style = tbl_pr.find(qn("w:tblStyle"))
    anchor = jc if jc is not None else style
    if anchor is not None:
        anchor.addnext(tbl_w) if anchor is style else anchor.addprevious(tbl_w)
    else:
        tbl_pr.insert(0, tbl_w)
    (jc if jc is not None else tbl_w).addnext(tbl_ind)
    borders = tbl_pr.find(qn("w:tblBorders"))
    (borders if borders is not None else tbl_ind).addnext(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Twips(width)
    for col, width in zip(table.columns, widths, strict=False):
        col.width = Twips(width)


def _row_flags(table, *, header: bool) -> None:
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # a row never straddles two pages
        if header and i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeats on each page


# --- Document-wide setup ------------------------------------------------------------------------


def _clean_styles(doc) -> None:
    """Times New Roman, black, allowed sizes in docDefaults and every style; no theme fonts.
    Styles nothing uses (headings, titles, lists of the template) are dropped."""
    styles = doc.styles.element
    keep = {"Normal", "TableNormal", "NoList", "DefaultParagraphFont", "TableGrid",
            "Header", "Footer"}  # fmt: skip
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for child in list(rpr):
        rpr.remove(child)
    _set_fonts(rpr)
    for tag, value in (("w:color", "000000"), ("w:sz", str(int(LAYOUT.body_pt * 2))),
                       ("w:szCs", str(int(LAYOUT.body_pt * 2))), ("w:lang", None)):  # fmt: skip
        el = OxmlElement(tag)
        if tag == "w:lang":
            el.set(qn("w:val"), "vi-VN")
        else:
            el.set(qn("w:val"), value)
        rpr.append(el)
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme"):
                del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), LAYOUT.font)
    for color in styles.iter(qn("w:color")):
        for attr in list(color.attrib):
            del color.attrib[attr]
        color.set(qn("w:val"), "000000")
    for tag in ("w:sz", "w:szCs"):
        for sz in styles.iter(qn(tag)):
            if sz.get(qn("w:val")) not in _ALLOWED_HALF_POINTS:
                sz.set(qn("w:val"), str(int(LAYOUT.body_pt * 2)))
    for style in styles.findall(qn("w:style")):
        style_rpr = style.find(qn("w:rPr"))
        if style.get(qn("w:type")) in ("paragraph", "character") and style_rpr is None:
            style_rpr = OxmlElement("w:rPr")
            style.append(style_rpr)
        if style_rpr is not None and style_rpr.find(qn("w:rFonts")) is None:
            _set_fonts(style_rpr)


def _page_field(paragraph) -> None:
    """A centred PAGE field (fldSimple) in 14 pt Times New Roman."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, 0, 0)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(LAYOUT.body_pt * 2)))
        rpr.append(el)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _page(section, *, restart: bool) -> None:
    section.page_width = Mm(LAYOUT.page_width_mm)
    section.page_height = Mm(LAYOUT.page_height_mm)
    section.top_margin = Twips(round(LAYOUT.top_mm * TWIPS_PER_MM))
    section.bottom_margin = Twips(round(LAYOUT.bottom_mm * TWIPS_PER_MM))
    section.left_margin = Twips(round(LAYOUT.left_mm * TWIPS_PER_MM))
    section.right_margin = Twips(round(LAYOUT.right_mm * TWIPS_PER_MM))
    section.header_distance = Mm(12)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True  # w:titlePg: no number on page 1
    if restart:
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:pgNumType")):
            sect_pr.remove(old)
        num = OxmlElement("w:pgNumType")
        num.set(qn("w:start"), "1")
        # CT_SectPr order: headerReference*, footerReference*, …, pgSz, pgMar, …, pgNumType, …,
        # titlePg: put it before titlePg/cols/docGrid when present.
        for tag in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:docGrid"):
            anchor = sect_pr.find(qn(tag))
            if anchor is not None:
                anchor.addprevious(num)
                break
        else:
            sect_pr.append(num)


def _drop_template_parts(doc) -> None:
    """The template's stylesWithEffects part (theme fonts, colours) is not used: drop it."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def _own_headers(section) -> None:
    """The section's own headers (not inherited): the PAGE field in the default header, an
    empty first-page header (w:titlePg: page 1 shows no number)."""
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    if not header._p.findall(qn("w:fldSimple")):
        _page_field(header)
    _spacing(section.first_page_header.paragraphs[0], 0, 0)


def _setup(doc) -> None:
    _drop_template_parts(doc)
    _clean_styles(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(LAYOUT.body_pt)
    section = doc.sections[0]
    _page(section, restart=False)
    _own_headers(section)


# --- Parts of the document --------------------------------------------------------------------


def superior_name(name: str) -> str:
    """The chủ quản line, upper case, common words abbreviated (Phụ lục I, mục II.3):
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" → "UBND THÀNH PHỐ HÀ NỘI"."""
    import unicodedata

    text = unicodedata.normalize("NFC", name.strip()).upper()
    for long, short in (("ỦY BAN NHÂN DÂN", "UBND"), ("UỶ BAN NHÂN DÂN", "UBND"),
                        ("HỘI ĐỒNG NHÂN DÂN", "HĐND")):  # fmt: skip
        text = text.replace(long, short)
    return text


def _draft_box(cell, label: str) -> None:
    p = _cell_para(cell, label, size=LAYOUT.body_pt, bold=True, after=6)
    width_mm = 10 + 3.6 * len(label)
    side = max((LAYOUT.header_left_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    _border(p._p.get_or_add_pPr(), ("top", "left", "bottom", "right"))


def _blank_date(header: Header) -> str:
    year = header.year or (header.date.year if header.date else dt.date.today().year)
    text = f"ngày{BLANK}tháng{BLANK}năm {year}"
    return f"{header.place}, {text}" if header.place else text


def _motto_only(doc, header: Header) -> None:
    """Forms without an issuing body or number (báo cáo thành tích, NĐ 152/2025 forms): quốc
    hiệu and tiêu ngữ centred, then the place-date line under them on the right."""
    _para(doc, MOTTO_COUNTRY, size=LAYOUT.header_pt, bold=True, align="center", before=0, after=0)
    _para(doc, MOTTO, size=LAYOUT.body_pt, bold=True, align="center", before=0, after=0)
    _short_rule(doc, 62, LAYOUT.text_width_mm, in_cell=False)
    if header.show_date:
        if header.date and not header.draft:
            line = date_in_words(header.date, header.place)
        else:
            line = _blank_date(header)
        _para(doc, line, size=LAYOUT.body_pt, italic=True, align="right", before=0, after=0)


def _header(doc, header: Header) -> None:
    if not header.issuer:
        _motto_only(doc, header)
        return
    left_mm = LAYOUT.header_left_mm
    right_mm = LAYOUT.text_width_mm - left_mm
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    _tight_cells(table)
    left, right = table.rows[0].cells
    if header.draft:
        _draft_box(left, header.draft_label or DRAFT_MARK)
    if header.superior:
        _cell_para(left, superior_name(header.superior), size=LAYOUT.header_pt)
    _cell_para(left, header.issuer.upper(), size=LAYOUT.header_pt, bold=True)
    # The rule under the issuer: about 40 % of its (longest, once wrapped) line.
    text_mm = len(header.issuer) * 2.6
    lines = max(1, -(-int(text_mm) // int(left_mm - 2)))
    _short_rule(left, max(text_mm / lines * 0.4, 12), left_mm)
    if header.number and not header.draft:
        number = f"Số: {header.number}"
    else:
        symbol = header.symbol or (header.number.split("/", 1)[1] if "/" in header.number else "")
        number = f"Số:{BLANK}{BLANK}/{symbol}"
    if header.show_number:
        _cell_para(left, number, size=LAYOUT.header_pt, before=4)
    _cell_para(right, MOTTO_COUNTRY, size=LAYOUT.header_pt - 1, bold=True)
    _cell_para(right, MOTTO, size=LAYOUT.body_pt, bold=True)
    _short_rule(right, 62, right_mm)
    if header.show_date:
        if header.date and not header.draft:
            line = date_in_words(header.date, header.place)
        else:
            line = _blank_date(header)
        _cell_para(right, line, size=LAYOUT.body_pt, italic=True, before=4)
    _row_flags(table, header=True)


def title_line_capacity(width_mm: float | None = None, size_pt: float | None = None) -> int:
    """How many characters of bold Times New Roman fit on one line, kept a little short so that
    the word processor never wraps a line the layout already broke (average glyph ≈ 0,5 em)."""
    width = LAYOUT.text_width_mm if width_mm is None else width_mm
    em_mm = (size_pt or LAYOUT.body_pt) * 25.4 / 72
    return max(int(width / (em_mm * 0.5)) - 4, 10)


def balanced_lines(text: str, capacity: int) -> list[str]:
    """Break a centred heading into the fewest lines that fit ``capacity`` characters, with the
    line lengths as even as possible (a clerk never leaves "Nội" alone on the last line)."""
    words = text.split()
    if len(" ".join(words)) <= capacity or len(words) < 2:
        return [" ".join(words)] if words else []
    for count in range(2, len(words) + 1):
        best: tuple[int, list[str]] | None = None

        def split(start: int, left: int, acc: list[str]) -> None:
            nonlocal best
            if left == 1:
                line = " ".join(words[start:])
                lines = [*acc, line]
                longest = max(len(x) for x in lines)
                if longest <= capacity and (best is None or longest < best[0]):
                    best = (longest, lines)
                return
            for end in range(start + 1, len(words) - left + 2):
                line = " ".join(words[start:end])
                if len(line) > capacity:
                    break
                split(end, left - 1, [*acc, line])

        split(0, count, [])
        if best is not None:
            return best[1]
    return words


def _title(doc, doc_type: str, title: str) -> None:
    if doc_type:
        _para(doc, doc_type.upper(), bold=True, align="center", before=18, after=0, keep_next=True)
    if title:
        # Manual line breaks (w:br) where the lines are balanced, as NĐ 30 headings are typed.
        lines = balanced_lines(title, title_line_capacity())
        _para(doc, "\n".join(lines), bold=True, align="center", before=0 if doc_type else 18,
              after=0, keep_next=True)  # fmt: skip
    if doc_type or title:
        longest = max(len(doc_type), min(len(title), 70))
        _short_rule(doc, max(min(longest * 2.4, LAYOUT.text_width_mm) * 0.4, 20),
                    LAYOUT.text_width_mm, in_cell=False)  # fmt: skip


def _kinh_gui(doc, recipients: list[str]) -> None:
    if not recipients:
        return
    items = [r.strip().rstrip(";.") for r in recipients if r.strip()]
    if len(items) == 1:
        p = _para(doc, f"Kính gửi: {items[0]}.", align="center", before=6, after=6)
        return
    p = _para(doc, "Kính gửi:", align="left", before=6, after=0)
    p.paragraph_format.left_indent = Mm(35)
    for i, item in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        line = _para(doc, f"- {item}{end}", align="left", before=0, after=0)
        line.paragraph_format.left_indent = Mm(60)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _table(doc, block: Table) -> None:
    cols = len(block.headers)
    size = block.size or LAYOUT.table_pt
    table = doc.add_table(rows=1, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid_borders(table)
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        _cell_para(cell, text, size=size, bold=True)
    aligns = block.align or ["left"] * cols
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, align in zip(cells, row, aligns, strict=False):
            _cell_para(cell, str(text), size=size, align=align)
    widths = block.widths_mm or [LAYOUT.text_width_mm / cols] * cols
    _widths(table, widths)
    _row_flags(table, header=True)
    _para(doc, "", before=0, after=0)


def _signature_cell(cell, sig: Signature) -> None:
    for line in sig.heading_lines():
        _cell_para(cell, line, size=LAYOUT.body_pt, bold=True)
    if sig.note:
        _cell_para(cell, sig.note, size=LAYOUT.header_pt, italic=True)
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
    _row_flags(table, header=False)


def recipients_list(recipients: list[str]) -> list[str]:
    """ "- …;" items, the last "- Lưu: VT, …." (added as "Lưu: VT." when missing)."""
    items = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in recipients if r.strip()]
    if not items or not items[-1].startswith("Lưu"):
        items = [i for i in items if not i.startswith("Lưu")] + ["Lưu: VT"]
    return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


def _recipients(container, recipients: list[str]) -> None:
    in_cell = hasattr(container, "width")
    p = _cell_para(container, "", align="left") if in_cell else _para(container, "", before=12, after=0)  # fmt: skip
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.keep_with_next = True
    _font(p.add_run("Nơi nhận:"), size=12, bold=True, italic=True)
    items = recipients_list(recipients)
    for i, line in enumerate(items):
        last = i == len(items) - 1
        _para(container, line, size=LAYOUT.small_pt, align="left", before=0, after=0,
              keep_next=not last)  # fmt: skip


def _closing(
    doc, signature, recipients: list[str], left_signature: Signature | None = None
) -> None:
    signatures = [] if signature is None else signature if isinstance(signature, list) else [signature]  # fmt: skip
    _para(doc, "", before=0, after=0)
    if len(signatures) == 1 or left_signature is not None:
        table = doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, [LAYOUT.text_width_mm * 0.45, LAYOUT.text_width_mm * 0.55])
        left, right = table.rows[0].cells
        if left_signature is not None:
            _signature_cell(left, left_signature)
        elif recipients:
            _recipients(left, recipients)
        if signatures:
            _signature_cell(right, signatures[0])
        _row_flags(table, header=True)
        if left_signature is not None and recipients:
            _recipients(doc, recipients)
        return
    if signatures:
        _signature_grid(doc, signatures, len(signatures))
    if recipients:
        _recipients(doc, recipients)


def _with_end_mark(blocks: list[Block]) -> list[Block]:
    """The last text paragraph ends with "./."; when the body ends with a table, a "./." line."""
    blocks = list(blocks)
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if isinstance(block, PageBreak):
            continue
        if isinstance(block, str | Para):
            text = block if isinstance(block, str) else block.text
            if not text.strip():
                continue
            if not text.rstrip().endswith("/."):
                text = text.rstrip().rstrip(".;:,") + "./."
            blocks[i] = text if isinstance(block, str) else Para(
                text, block.bold, block.italic, block.align, block.indent, block.size, block.lead)  # fmt: skip
            return blocks
        if isinstance(block, NumberedList) and block.items:
            items = list(block.items)
            if not items[-1].rstrip().endswith("/."):
                items[-1] = items[-1].rstrip().rstrip(".;:,") + "./."
            blocks[i] = NumberedList(items, block.start, block.style)
            return blocks
        break
    blocks.append(Para("./."))
    return blocks


def _body(doc, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, str):
            _para(doc, block, align="justify", indent=True)
        elif isinstance(block, Para):
            p = _para(doc, "", align=block.align,
                      indent=block.indent and block.align == "justify")  # fmt: skip
            size = block.size or LAYOUT.body_pt
            if block.lead:
                _font(p.add_run(block.lead + " "), size=size, bold=True, italic=block.italic)
            if block.text:
                _font(p.add_run(block.text), size=size, bold=block.bold, italic=block.italic)
        elif isinstance(block, Heading):
            _para(doc, block.text, bold=True, align=block.align, indent=block.align == "justify",
                  keep_next=True)  # fmt: skip
        elif isinstance(block, LegalBasis):
            lines = [ln.strip().rstrip(";.,") for ln in block.lines if ln.strip()]
            for i, line in enumerate(lines):
                end = "." if i == len(lines) - 1 else ";"
                _para(doc, line + end, italic=True, align="justify", indent=True)
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


def _annex(doc, annex: Annex) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, restart=True)
    _own_headers(section)
    if annex.label:
        _para(doc, annex.label, bold=True, align="center", before=0, after=0, keep_next=True)
    _para(doc, annex.title.upper(), bold=True, align="center", before=0, after=0, keep_next=True)
    _para(doc, annex.kem_theo, italic=True, align="center", before=0, after=0, keep_next=True)
    _short_rule(doc, 40, LAYOUT.text_width_mm, in_cell=False)
    _body(doc, _with_end_mark(annex.body))


_TBLPR_ORDER = [
    f"w:{t}"
    for t in (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
        "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
        "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
    )
]  # fmt: skip


def _schema_order(doc) -> None:
    """w:tblPr children in the order of the OOXML schema (Word rejects other orders)."""
    rank = {qn(tag): i for i, tag in enumerate(_TBLPR_ORDER)}
    for tbl_pr in doc.element.body.iter(qn("w:tblPr")):
        children = list(tbl_pr)
        children.sort(key=lambda el: rank.get(el.tag, len(rank)))
        for child in children:
            tbl_pr.remove(child)
            tbl_pr.append(child)


def build(spec: DocumentSpec) -> bytes:
    doc = Document()
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    _setup(doc)
    _header(doc, spec.header)
    _title(doc, spec.doc_type, spec.title)
    _kinh_gui(doc, spec.kinh_gui)
    _body(doc, _with_end_mark(spec.body) if spec.end_mark else spec.body)
    _closing(doc, spec.signature, spec.recipients, spec.signature_left)
    _body(doc, spec.closing_blocks)
    for annex in spec.annexes:
        _annex(doc, annex)
    _schema_order(doc)
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
    kinh_gui: list[str] | None = None,
    annexes: list[Annex] | None = None,
    end_mark: bool = True,
    signature_left: Signature | None = None,
    closing_blocks: list[Block] | None = None,
) -> bytes:
    """The .docx bytes of an official document."""
    return build(
        DocumentSpec(
            header,
            title,
            doc_type,
            list(body_blocks),
            signature,
            recipients or [],
            kinh_gui or [],
            annexes or [],
            end_mark,
            signature_left,
            closing_blocks or [],
        )
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
