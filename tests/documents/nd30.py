"""A reader of .docx files that asserts the DOCUMENTS.md §9 checklist (Nghị định 30/2020/NĐ-CP,
Phụ lục I) on the raw OOXML (zipfile + lxml), plus the page numbering of the PDF rendering.

``check_docx(data, final=True, annex=True)`` returns a ``Report`` (the paragraphs read back)
and raises AssertionError naming the first rule broken."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
TNR = "Times New Roman"
SIZES = {"22", "24", "26", "28"}
NUMBER_RE = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-ZĐ][A-Za-zĐ]*(-[A-ZĐ0-9]+)+$")
DATE_RE = re.compile(r", ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
TEXT_WIDTH_MAX = 9354  # 165 mm


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, attr="val"):
    return None if el is None else el.get(w(attr))


@dataclass
class Para:
    el: etree._Element
    text: str
    in_table: bool
    section: int

    def ppr(self, tag):
        return self.el.find(f"w:pPr/w:{tag}", NS)

    @property
    def jc(self):
        return _val(self.ppr("jc"))

    def runs(self):
        return [r for r in self.el.iter(w("r")) if "".join(r.itertext()).strip()]

    def all_runs(self, prop: str) -> bool:
        runs = self.runs()
        return bool(runs) and all(_on(r.find(f"w:rPr/w:{prop}", NS)) for r in runs)

    def any_run(self, prop: str) -> bool:
        return any(_on(r.find(f"w:rPr/w:{prop}", NS)) for r in self.runs())

    def sizes(self) -> set[str]:
        return {_val(r.find("w:rPr/w:sz", NS)) for r in self.runs()}


def _on(el) -> bool:
    return el is not None and el.get(w("val"), "true") not in ("0", "false")


@dataclass
class Report:
    paragraphs: list[Para] = field(default_factory=list)
    tables: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def find(self, pred) -> list[Para]:
        return [p for p in self.paragraphs if pred(p)]


def read(data: bytes) -> tuple[Report, dict]:
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")}
    doc = parts["word/document.xml"]
    body = doc.find("w:body", NS)
    report = Report()
    section = 0
    for child in body:
        if child.tag == w("p"):
            report.paragraphs.append(Para(child, "".join(child.itertext()), False, section))
            if child.find("w:pPr/w:sectPr", NS) is not None:
                section += 1
        elif child.tag == w("tbl"):
            report.tables.append((child, section))
            for p in child.iter(w("p")):
                report.paragraphs.append(Para(p, "".join(p.itertext()), True, section))
    report.sections = list(doc.iter(w("sectPr")))
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    report.headers = {n: parts[n] for n in parts if n.startswith("word/header")}
    report.footers = {n: parts[n] for n in parts if n.startswith("word/footer")}
    report.targets = targets
    return report, parts


def check_docx(data: bytes, *, final: bool = True, annex: bool = False,
               signature: list[str] | None = None, recipients: bool = True,
               number: bool = True, date: bool = True) -> Report:  # fmt: skip
    report, parts = read(data)
    _page(report)
    _fonts(parts)
    _sizes(parts)
    _body(report)
    _motto(report)
    if number:
        _number(report, final)
    if date:
        _date(report, final)
    _basis(report)
    _page_numbers(report, annex)
    _tables(report)
    if signature is not None:
        _signature(report, signature)
    if recipients:
        _recipients(report)
    _end_mark(report, annex)
    _draft(report, parts, final)
    _rules(report)
    return report


def _page(report):
    assert report.sections, "no w:sectPr"
    for sect in report.sections:
        size = sect.find("w:pgSz", NS)
        assert (_val(size, "w"), _val(size, "h")) == ("11906", "16838"), "paper is not A4"
        assert _val(size, "orient") in (None, "portrait"), "paper not portrait"
        mar = sect.find("w:pgMar", NS)
        top, bottom = int(_val(mar, "top")), int(_val(mar, "bottom"))
        left, right = int(_val(mar, "left")), int(_val(mar, "right"))
        assert 1134 <= top <= 1418 and 1134 <= bottom <= 1418, f"top/bottom {top}/{bottom}"
        assert 1701 <= left <= 1985, f"left margin {left}"
        assert 850 <= right <= 1134, f"right margin {right}"


def _fonts(parts):
    for name, root in parts.items():
        if not name.startswith(("word/document", "word/styles", "word/header", "word/footer")):
            continue
        for fonts in root.iter(w("rFonts")):
            for attr in ("ascii", "hAnsi", "cs"):
                assert fonts.get(w(attr)) == TNR, f"{name}: rFonts {attr}={fonts.get(w(attr))}"
            themes = [a for a in fonts.attrib if a.endswith("Theme")]
            assert not themes, f"{name}: theme font {themes}"
        for color in root.iter(w("color")):
            assert color.get(w("val")) in ("auto", "000000"), f"{name}: colour {color.attrib}"
            assert not color.get(w("themeColor")), f"{name}: theme colour"
    styles = parts["word/styles.xml"]
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert default is not None and default.get(w("ascii")) == TNR, "docDefaults font"


def _sizes(parts):
    for name, root in parts.items():
        if not name.startswith(("word/document", "word/styles", "word/header")):
            continue
        for tag in ("sz", "szCs"):
            for sz in root.iter(w(tag)):
                if sz.getparent().tag == w("rPr"):
                    assert sz.get(w("val")) in SIZES, f"{name}: size {sz.get(w('val'))}"


def _body(report):
    body = [p for p in report.paragraphs if not p.in_table and p.jc == "both" and p.text.strip()]
    assert body, "no justified body paragraph"
    for p in body:
        ind = p.ppr("ind")
        assert _val(ind, "firstLine") in ("567", "720"), f"first-line indent: {p.text[:40]}"
        spacing = p.ppr("spacing")
        before = int(_val(spacing, "before") or 0)
        after = int(_val(spacing, "after") or 0)
        assert before + after >= 120, f"spacing {before}+{after}: {p.text[:40]}"
        line = int(_val(spacing, "line") or 0)
        assert 240 <= line <= 360 and _val(spacing, "lineRule") == "auto", f"line: {p.text[:40]}"


def _motto(report):
    country = report.find(lambda p: p.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = report.find(lambda p: p.text == "Độc lập - Tự do - Hạnh phúc")
    assert country and motto, "quốc hiệu / tiêu ngữ missing or misspelt"
    assert country[0].all_runs("b") and motto[0].all_runs("b"), "quốc hiệu / tiêu ngữ not bold"
    assert country[0].sizes() <= {"24", "26"} and motto[0].sizes() <= {"26", "28"}


def _number(report, final):
    numbers = report.find(lambda p: p.text.startswith("Số:"))
    assert len(numbers) == 1, "one Số line"
    p = numbers[0]
    assert not p.any_run("b"), "Số is bold"
    if final:
        assert NUMBER_RE.match(p.text), f"Số format: {p.text!r}"
    else:
        assert re.match(r"^Số:\s+/", p.text), f"draft Số not blank: {p.text!r}"


def _date(report, final):
    dates = [
        p for p in report.paragraphs
        if re.search(r"ngày .*tháng .*năm \d{4}$", p.text) and p.any_run("i")
        and not p.text.startswith(("(", "Căn cứ", "Xét"))
    ]  # fmt: skip
    assert dates, "no place-date line"
    p = dates[0]
    assert p.all_runs("i"), "place-date not italic"
    if final:
        assert DATE_RE.search(p.text), f"place-date: {p.text!r}"
    else:
        assert "ngày     tháng" in p.text, f"draft date not blank: {p.text!r}"


def _basis(report):
    basis = [p for p in report.paragraphs if p.text.startswith("Căn cứ") and not p.in_table]
    if not basis:
        return
    for p in basis:
        assert p.all_runs("i"), f"căn cứ not italic: {p.text[:40]}"
    for p in basis[:-1]:
        assert p.text.endswith(";"), f"căn cứ must end ';': {p.text[-30:]}"
    last = basis[-1]
    follower = report.paragraphs[report.paragraphs.index(last) + 1]
    if follower.text.startswith("Xét đề nghị"):  # Mẫu 1.2: the last căn cứ, then "Xét …."
        assert last.text.endswith(";") and follower.text.endswith(".")
        assert follower.all_runs("i")
    else:
        assert last.text.endswith("."), f"last căn cứ must end '.': {last.text[-30:]}"


def _page_numbers(report, annex):
    for sect in report.sections:
        assert sect.find("w:titlePg", NS) is not None and _on(sect.find("w:titlePg", NS)), "titlePg"
    first = report.sections[-1] if len(report.sections) == 1 else None
    sect = report.sections[0] if first is None else first
    refs = {
        ref.get(w("type")): ref.get(f"{{{R}}}id") for ref in sect.findall("w:headerReference", NS)
    }
    assert "default" in refs, "no default header"
    default = report.headers["word/" + report.targets[refs["default"]]]
    fields = [f for f in default.iter(w("fldSimple")) if "PAGE" in f.get(w("instr"), "")]
    fields += [t for t in default.iter(w("instrText")) if "PAGE" in (t.text or "")]
    assert fields, "no PAGE field in the default header"
    para = fields[0]
    while para.tag != w("p"):
        para = para.getparent()
    assert _val(para.find("w:pPr/w:jc", NS)) == "center", "page number not centred"
    sizes = {sz.get(w("val")) for sz in para.iter(w("sz"))}
    assert sizes and sizes <= {"26", "28"}, f"page number size {sizes}"
    if "first" in refs:
        first_header = report.headers["word/" + report.targets[refs["first"]]]
        assert not "".join(first_header.itertext()).strip(), "first-page header not empty"
        assert not list(first_header.iter(w("fldSimple"))), "PAGE on page 1"
    for name, footer in report.footers.items():
        assert not [f for f in footer.iter(w("fldSimple")) if "PAGE" in f.get(w("instr"), "")]
    if annex:
        assert len(report.sections) >= 2, "annex is not its own section"
        for sect in report.sections[1:]:
            start = sect.find("w:pgNumType", NS)
            assert _val(start, "start") == "1", "annex page numbers do not restart"
        kem = report.find(lambda p: p.text.startswith("(Kèm theo"))
        assert kem and kem[0].all_runs("i") and kem[0].jc == "center", "(Kèm theo …) line"


def _tables(report):
    for tbl, _section in report.tables:
        tbl_w = tbl.find("w:tblPr/w:tblW", NS)
        assert _val(tbl_w, "type") == "dxa", "tblW not in dxa"
        assert tbl.find("w:tblPr/w:tblInd", NS) is not None, "no tblInd"
        grid = sum(int(_val(g, "w")) for g in tbl.findall("w:tblGrid/w:gridCol", NS))
        assert grid <= TEXT_WIDTH_MAX and int(_val(tbl_w, "w")) <= TEXT_WIDTH_MAX, f"width {grid}"
        assert grid <= 8787 + 5, f"table wider than the 155 mm text width: {grid}"
        rows = tbl.findall("w:tr", NS)
        for row in rows:
            assert row.find("w:trPr/w:cantSplit", NS) is not None, "row may split"
        borders = tbl.find("w:tblPr/w:tblBorders", NS)
        bordered = borders is not None and any(
            _val(e) not in ("nil", "none") for e in borders
        )  # fmt: skip
        if bordered:
            assert rows[0].find("w:trPr/w:tblHeader", NS) is not None, "header row not repeated"
        else:
            texts = "".join(tbl.itertext())
            assert "CỘNG HÒA" in texts or "Nơi nhận" in texts or len(rows) >= 1


def _signature(report, lines):
    paras = report.paragraphs
    idx = next((i for i, p in enumerate(paras) if p.in_table and p.text == lines[0]), None)
    assert idx is not None, f"signature line {lines[0]!r} missing"
    block = [p for p in paras[idx : idx + len(lines)]]
    assert [p.text for p in block] == lines, [p.text for p in block]
    for p in block:
        assert p.text == p.text.upper() and p.all_runs("b"), f"7a line: {p.text}"
        assert p.sizes() <= {"26", "28"}
    assert not lines[0].startswith("KT. PHÓ"), "KT. line names the deputy"
    if lines[0].startswith("KT. ") and len(lines) > 1:
        assert lines[1] != lines[0][4:], "KT. X over X"
    if lines[0].startswith("TUQ."):
        assert not any(ln.startswith("KT.") for ln in lines[1:]), "KT. under TUQ."
    # the name: the last non-empty paragraph of the same cell, after the 7a lines and the note
    cell = block[0].el.getparent()
    rest = [p for p in paras[idx + len(lines) :] if p.el.getparent() is cell]
    names = [p for p in rest if p.text.strip() and not p.text.startswith("(")]
    for name in names[-1:]:
        assert name.all_runs("b") and not name.any_run("caps"), "name not bold / caps"
        assert name.text != name.text.upper(), "name in capitals"
        assert not re.match(r"^(TS|ThS|PGS|GS)\.", name.text), "title before the name"


def _recipients(report):
    labels = report.find(lambda p: p.text == "Nơi nhận:")
    assert labels, "no Nơi nhận"
    label = labels[0]
    assert label.all_runs("b") and label.all_runs("i") and label.sizes() == {"24"}
    i = report.paragraphs.index(label) + 1
    items = []
    while i < len(report.paragraphs) and report.paragraphs[i].text.startswith("- "):
        items.append(report.paragraphs[i])
        i += 1
    assert items, "no recipient"
    for p in items[:-1]:
        assert p.text.endswith(";") and p.sizes() == {"22"}, p.text
    assert items[-1].text.startswith("- Lưu:") and items[-1].text.endswith(".")
    assert items[-1].sizes() == {"22"}


def _end_mark(report, annex):
    main = []
    for p in report.paragraphs:
        if p.section != 0 or p.text == "Nơi nhận:":
            break
        if not p.in_table and p.text.strip():
            main.append(p)
    assert main and main[-1].text.endswith("./."), f"end mark: {main[-1].text[-40:]}"
    if annex:
        last = [p for p in report.paragraphs if p.section >= 1 and p.text.strip()]
        assert last and last[-1].text.endswith("./."), "annex without ./."


def _draft(report, parts, final):
    texts = [report.text()] + ["".join(h.itertext()) for h in report.headers.values()]
    if final:
        assert not any("DỰ THẢO" in t for t in texts), "DỰ THẢO on a final document"
    else:
        marks = report.find(lambda p: p.text.startswith("DỰ THẢO"))
        assert marks and marks[0].all_runs("b"), "no DỰ THẢO mark"
        borders = marks[0].ppr("pBdr")
        assert borders is not None and len(borders) == 4, "DỰ THẢO not boxed"
        assert not any(n.startswith("word/media") for n in parts), "seal image on a draft"


def _rules(report):
    rules = [p for p in report.paragraphs if p.ppr("pBdr") is not None and not p.text.strip()]
    assert len(rules) >= 2, "rules under the heads missing"


# --- PDF ---------------------------------------------------------------------------------


def pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def check_pdf_numbers(pdf: bytes, *, annex_marker: str = "") -> list[str]:
    """Page 1 of each numbered run shows no number; page n ≥ 2 starts with "n"."""
    pages = pdf_pages(pdf)
    n = 0
    for text in pages:
        first = text.strip().splitlines()[0].strip() if text.strip() else ""
        n = 1 if n == 0 or (annex_marker and text.lstrip().startswith(annex_marker)) else n + 1
        if n == 1:
            assert not first.isdigit(), f"page number on a first page: {first!r}"
        else:
            assert first == str(n), f"page {n} header shows {first!r}"
    return pages
