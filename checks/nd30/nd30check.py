#!/usr/bin/env python3
"""Independent checker of Nghị định 30/2020/NĐ-CP thể thức on .docx files.

Written only from DOCUMENTS.md (§1–§9); it imports nothing from the project. It reads the
OOXML parts with zipfile + lxml, resolves run and paragraph properties through styles and
docDefaults, and reports, per file, PASS or every failed rule with the paragraph's text.

    python checks/nd30/nd30check.py FILE_OR_DIR... [--kind auto] [--draft]

Exit status 0 only when every file passes (warnings do not fail a file).
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W_NS, "r": R_NS}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


KINDS = ("decision", "letter", "report", "minutes", "covenant", "review")

FONT = "Times New Roman"
SIZES = {22, 24, 26, 28}  # 11/12/13/14 pt (§9 "Sizes")
MARGINS = {  # twips (§9 "Margins")
    "top": (1134, 1418),
    "bottom": (1134, 1418),
    "left": (1701, 1985),
    "right": (850, 1134),
}
A4 = (11906, 16838)
MAX_TEXT_WIDTH = 9354  # 165 mm, the widest text area the margins allow
TOL = 3  # twips of rounding slack (python-docx and Word round mm to twips)

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
SO_RE = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-ZĐ][A-Za-zĐ]*(-[A-ZĐ0-9]+)+$")
SO_DRAFT_RE = re.compile(r"^Số:\s*(…|\.+|_+)?\s*/[^\W\d_][^\W_]*(-[^\W_]+)+$")
# any upper-case Vietnamese letters in the code: "01/GƯ-KTĐ9" (giao ước has no listed code, §4)
SO_LOOSE_RE = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[^\W\d_][^\W_]*(-[^\W_]+)+$")
DATE_RE = re.compile(r", ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
DATE_DRAFT_RE = re.compile(r", ngày\s*(…|\.+|_+)?\s*tháng\s*(…|\.+|_+)?\s*năm\s*\d{4}$")
PLACE_DATE_RE = re.compile(r"^[A-ZĐÀ-Ỹ][^\d,;:()]{0,40}, ngày\b")
SEC_CODES = {"decision": "QĐ", "report": "BC", "review": "BC", "minutes": "BB"}
TITLE_CODES = {  # Phụ lục III type codes by tên loại (§4)
    "QUYẾT ĐỊNH": "QĐ",
    "BIÊN BẢN": "BB",
    "BÁO CÁO": "BC",
    "TỜ TRÌNH": "TTr",
    "KẾ HOẠCH": "KH",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "GIẤY MỜI": "GM",
}
TITLES = {
    "QUYẾT ĐỊNH": "decision",
    "BIÊN BẢN": "minutes",
    "BÁO CÁO": "report",
    "GIAO ƯỚC THI ĐUA": "covenant",
    "TỜ TRÌNH": "report",
    "KẾ HOẠCH": "report",
    "THÔNG BÁO": "report",
    "HƯỚNG DẪN": "report",
    "CHƯƠNG TRÌNH": "report",
    "QUY CHẾ": "report",
    "QUY ĐỊNH": "report",
    "GIẤY MỜI": "letter",
}
ACADEMIC = re.compile(r"^(TS|ThS|PGS|GS|TSKH|PGS\.TS|GS\.TS|BS|CN|KS)\.", re.I)
COPY_MARKS = ("SAO Y", "SAO LỤC", "TRÍCH SAO")


# --- Reading the package -------------------------------------------------------------------


def _truthy(el) -> bool | None:
    if el is None:
        return None
    val = el.get(w("val"))
    return val is None or val.lower() not in ("0", "false", "off", "none")


@dataclass
class Styles:
    by_id: dict
    default_para: str | None
    default_rpr: object | None
    default_ppr: object | None
    default_table: str | None

    @classmethod
    def load(cls, root) -> Styles:
        by_id, default_para, default_table = {}, None, None
        if root is None:
            return cls({}, None, None, None, None)
        for st in root.findall("w:style", NS):
            sid = st.get(w("styleId"))
            by_id[sid] = st
            if st.get(w("default")) in ("1", "true"):
                if st.get(w("type")) == "paragraph":
                    default_para = sid
                elif st.get(w("type")) == "table":
                    default_table = sid
        rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        ppr = root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        return cls(by_id, default_para, rpr, ppr, default_table)

    def chain(self, sid: str | None) -> list:
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            out.append(st)
            based = st.find("w:basedOn", NS)
            sid = based.get(w("val")) if based is not None else None
        return out


@dataclass
class Para:
    el: object
    text: str
    runs: list
    in_table: bool
    section: int
    cell: object = None  # the w:tc holding it, if any
    table: object = None  # the outermost w:tbl holding it, if any
    index: int = 0


@dataclass
class Doc:
    path: str
    zf: zipfile.ZipFile
    root: object
    styles: Styles
    rels: dict
    paras: list = field(default_factory=list)  # every paragraph, document order
    tables: list = field(default_factory=list)  # (w:tbl, section) outermost only
    sections: list = field(default_factory=list)  # sectPr elements, in order

    def part(self, target: str):
        name = "word/" + target.lstrip("/") if not target.startswith("word/") else target
        name = name.replace("word//", "word/")
        try:
            return etree.fromstring(self.zf.read(name))
        except KeyError:
            return None


def _runs(p) -> list:
    return p.xpath(
        "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:fldSimple/w:r | ./w:smartTag/w:r"
        " | ./w:sdt/w:sdtContent/w:r | ./w:hyperlink/w:fldSimple/w:r",
        namespaces=NS,
    )


def _run_text(r) -> str:
    out = []
    for child in r:
        if child.tag == w("t"):
            out.append(child.text or "")
        elif child.tag == w("tab"):
            out.append("\t")
        elif child.tag in (w("br"), w("cr")):
            out.append("\n")
    return "".join(out)


def para_text(p) -> str:
    return "".join(_run_text(r) for r in _runs(p))


def load(path: str) -> Doc:
    zf = zipfile.ZipFile(path)
    root = etree.fromstring(zf.read("word/document.xml"))
    try:
        styles_root = etree.fromstring(zf.read("word/styles.xml"))
    except KeyError:
        styles_root = None
    rels = {}
    try:
        rel_root = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
        for rel in rel_root:
            rels[rel.get("Id")] = rel.get("Target")
    except KeyError:
        pass
    doc = Doc(path, zf, root, Styles.load(styles_root), rels)
    body = root.find("w:body", NS)
    section = 0

    def add_para(p, in_table, cell=None, table=None):
        doc.paras.append(
            Para(p, para_text(p), _runs(p), in_table, section, cell, table, len(doc.paras))
        )

    def walk_table(tbl, outer):
        for tr in tbl.findall("w:tr", NS):
            for tc in tr.findall("w:tc", NS):
                for child in tc:
                    if child.tag == w("p"):
                        add_para(child, True, tc, outer)
                    elif child.tag == w("tbl"):
                        walk_table(child, outer)

    def walk(container):
        nonlocal section
        for child in container:
            if child.tag == w("p"):
                add_para(child, False)
                sp = child.find("w:pPr/w:sectPr", NS)
                if sp is not None:
                    doc.sections.append(sp)
                    section += 1
            elif child.tag == w("tbl"):
                doc.tables.append((child, section))
                walk_table(child, child)
            elif child.tag == w("sdt"):
                content = child.find("w:sdtContent", NS)
                if content is not None:
                    walk(content)

    walk(body)
    final = body.find("w:sectPr", NS)
    if final is not None:
        doc.sections.append(final)
    return doc


# --- Effective properties ------------------------------------------------------------------


def _pstyle(doc: Doc, p) -> str | None:
    ps = p.find("w:pPr/w:pStyle", NS)
    return ps.get(w("val")) if ps is not None else doc.styles.default_para


def rpr_chain(doc: Doc, r, p) -> list:
    """rPr elements from the most specific (the run) to the least (docDefaults)."""
    chain = []
    rpr = r.find("w:rPr", NS) if r is not None else None
    if rpr is not None:
        chain.append(rpr)
        rs = rpr.find("w:rStyle", NS)
        if rs is not None:
            chain += [s.find("w:rPr", NS) for s in doc.styles.chain(rs.get(w("val")))]
    if p is not None:
        chain += [s.find("w:rPr", NS) for s in doc.styles.chain(_pstyle(doc, p))]
    chain.append(doc.styles.default_rpr)
    return [c for c in chain if c is not None]


def ppr_chain(doc: Doc, p) -> list:
    chain = [p.find("w:pPr", NS)]
    chain += [s.find("w:pPr", NS) for s in doc.styles.chain(_pstyle(doc, p))]
    chain.append(doc.styles.default_ppr)
    return [c for c in chain if c is not None]


def rprop(doc: Doc, r, p, tag: str):
    for rpr in rpr_chain(doc, r, p):
        el = rpr.find(f"w:{tag}", NS)
        if el is not None:
            return el
    return None


def rbool(doc: Doc, r, p, tag: str) -> bool:
    return bool(_truthy(rprop(doc, r, p, tag)))


def rsize(doc: Doc, r, p) -> int | None:
    el = rprop(doc, r, p, "sz")
    return int(el.get(w("val"))) if el is not None else None


def rfont(doc: Doc, r, p, attr: str) -> str | None:
    for rpr in rpr_chain(doc, r, p):
        el = rpr.find("w:rFonts", NS)
        if el is not None and (el.get(w(attr)) or el.get(w(attr + "Theme"))):
            return el.get(w(attr)) or "theme:" + el.get(w(attr + "Theme"))
    return None


def pprop(doc: Doc, p, path: str, attr: str):
    for ppr in ppr_chain(doc, p):
        el = ppr.find(path, NS)
        if el is not None and el.get(w(attr)) is not None:
            return el.get(w(attr))
    return None


def jc(doc: Doc, p) -> str:
    val = pprop(doc, p, "w:jc", "val") or "left"
    return {"start": "left", "end": "right", "distribute": "both"}.get(val, val)


def text_runs(para: Para) -> list:
    return [r for r in para.runs if _run_text(r).strip()]


def all_runs(doc: Doc, para: Para, pred) -> bool:
    runs = text_runs(para)
    return bool(runs) and all(pred(r) for r in runs)


def is_bold(doc, para):
    return all_runs(doc, para, lambda r: rbool(doc, r, para.el, "b"))


def is_italic(doc, para):
    return all_runs(doc, para, lambda r: rbool(doc, r, para.el, "i"))


def sizes(doc, para) -> set:
    return {rsize(doc, r, para.el) for r in text_runs(para)}


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# --- Findings ------------------------------------------------------------------------------


@dataclass
class Finding:
    rule: str
    message: str
    text: str = ""
    warning: bool = False

    def render(self) -> str:
        tag = "WARN" if self.warning else "FAIL"
        where = f'\n      ¶ "{_short(self.text)}"' if self.text else ""
        return f"  {tag} [{self.rule}] {self.message}{where}"


def _short(text: str, n: int = 110) -> str:
    text = text.replace("\n", " ").replace("\t", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


class Checker:
    def __init__(self, doc: Doc, kind: str = "auto", draft: bool = False):
        self.doc = doc
        self.draft = draft
        self.findings: list[Finding] = []
        self.kind = kind if kind != "auto" else self.detect_kind()

    def fail(self, rule, message, text="", warning=False):
        self.findings.append(Finding(rule, message, text, warning))

    def warn(self, rule, message, text=""):
        self.fail(rule, message, text, warning=True)

    # --- structure ---

    def detect_kind(self) -> str:
        title = self.title()
        if title is not None:
            up = title.text.strip().upper()
            for key, kind in TITLES.items():
                if up.startswith(key):
                    if kind == "report":
                        nxt = " ".join(
                            p.text for p in self.doc.paras[title.index : title.index + 3]
                        )
                        if re.search(r"sơ kết|tổng kết", nxt, re.I):
                            return "review"
                    return kind
        return "letter"

    def title(self) -> Para | None:
        for para in self.doc.paras:
            if para.in_table:
                continue
            up = para.text.strip().upper()
            if any(up == t or up.startswith(t + " ") for t in TITLES) and is_upper(para.text):
                return para
        return None

    def achievement_report(self) -> bool:
        title = self.title()
        return title is not None and title.text.strip().upper().startswith("BÁO CÁO THÀNH TÍCH")

    def annex_start(self) -> int | None:
        """Index of the first paragraph of the first annex section, if any."""
        for para in self.doc.paras:
            if para.text.strip().startswith("(Kèm theo") and para.section > 0:
                first = [p for p in self.doc.paras if p.section == para.section]
                return first[0].index
        return None

    def regions(self):
        """(head end, body paragraphs, closing paragraphs) of the main part (before annex)."""
        paras = self.doc.paras
        annex = self.annex_start()
        main = paras[:annex] if annex is not None else paras
        title = self.title()
        if title is not None:
            start = title.index + 1
        else:  # a công văn: the head ends with the first table; the body after it
            kinh = next((p for p in main if p.text.strip().startswith("Kính gửi")), None)
            first_tbl = next((p for p in main if p.in_table), None)
            if kinh is not None:
                start = kinh.index
            elif first_tbl is not None:
                tbl = first_tbl.table
                start = max(p.index for p in main if p.table is tbl) + 1
            else:
                start = 0
        closing = len(main)
        for p in main[start:]:
            if p.text.strip().startswith("Nơi nhận"):
                closing = p.index
                break
            if p.in_table and self.borderless(p.table):
                closing = p.index
                break
        ends = [p.index for p in main[start:closing] if not p.in_table and _has_end_mark(p.text)]
        if ends:
            closing = min(closing, ends[-1] + 1)
        body = [p for p in main[start:closing] if not p.in_table]
        return start, body, main[closing:]

    # --- tables ---

    def table_borders(self, tbl) -> bool:
        """True when any border of the table or its cells is visible."""

        def visible(container) -> bool:
            if container is None:
                return False
            for b in container:
                val = b.get(w("val"))
                if val not in (None, "none", "nil"):
                    return True
            return False

        style = tbl.find("w:tblPr/w:tblStyle", NS)
        sid = style.get(w("val")) if style is not None else self.doc.styles.default_table
        own = tbl.find("w:tblPr/w:tblBorders", NS)
        if own is not None:
            # an explicit tblBorders overrides the style's edges it names
            names = {b.tag for b in own}
            for st in self.doc.styles.chain(sid):
                sb = st.find("w:tblPr/w:tblBorders", NS)
                if sb is not None and visible([b for b in sb if b.tag not in names]):
                    return True
            if visible(own):
                return True
        else:
            for st in self.doc.styles.chain(sid):
                if visible(st.find("w:tblPr/w:tblBorders", NS)):
                    return True
        return any(visible(tc) for tc in tbl.iterfind(".//w:tcPr/w:tcBorders", NS))

    def borderless(self, tbl) -> bool:
        return tbl is not None and not self.table_borders(tbl)

    # --- the checks ---

    def run(self) -> list[Finding]:
        self.check_page()
        self.check_fonts()
        self.check_sizes()
        self.check_head()
        self.check_body()
        self.check_basis()
        self.check_page_numbers()
        self.check_annex()
        self.check_tables()
        self.check_signatures()
        self.check_recipients()
        self.check_draft()
        self.check_copies()
        self.check_kind()
        return self.findings

    def check_page(self):
        for i, sp in enumerate(self.doc.sections, 1):
            pg = sp.find("w:pgSz", NS)
            if pg is None:
                self.fail("paper", f"section {i}: no w:pgSz (A4 required)")
                continue
            wd, ht = int(pg.get(w("w"), 0)), int(pg.get(w("h"), 0))
            landscape = pg.get(w("orient")) == "landscape"
            if landscape:
                has_table = any(s == i - 1 for _, s in self.doc.tables)
                if (abs(wd - A4[1]) > TOL) or (abs(ht - A4[0]) > TOL):
                    self.fail("paper", f"section {i}: landscape page {wd}×{ht} is not A4")
                if not has_table:
                    self.fail("paper", f"section {i}: landscape only for a section with tables")
            elif abs(wd - A4[0]) > TOL or abs(ht - A4[1]) > TOL:
                self.fail("paper", f"section {i}: page {wd}×{ht} twips, A4 portrait is 11906×16838")
            mar = sp.find("w:pgMar", NS)
            if mar is None:
                self.fail("margins", f"section {i}: no w:pgMar")
                continue
            for side, (lo, hi) in MARGINS.items():
                val = mar.get(w(side))
                val = int(val) if val is not None else -1
                # landscape: the long edges swap, the rule still reads top/bottom/left/right
                if not lo - TOL <= val <= hi + TOL:
                    self.fail("margins", f"section {i}: {side} margin {val} twips not in [{lo}, {hi}]")  # fmt: skip

    def _font_el(self, el, where: str, text: str = ""):
        fonts = el.find("w:rFonts", NS) if el is not None else None
        if fonts is not None:
            for attr, val in fonts.attrib.items():
                local = etree.QName(attr).localname
                if local.lower().endswith("theme"):
                    self.fail("font", f"{where}: theme font {local}={val}", text)
                elif local in ("ascii", "hAnsi", "cs") and val != FONT:
                    self.fail("font", f"{where}: {local}={val!r}, must be {FONT}", text)
        color = el.find("w:color", NS) if el is not None else None
        if color is not None:
            val = (color.get(w("val")) or "auto").lower()
            if val not in ("auto", "000000") or color.get(w("themeColor")):
                self.fail("color", f"{where}: colour {val}, must be black (auto/000000)", text)

    def _story_paras(self):
        """(label, paragraph element) of headers and footers."""
        for sp in self.doc.sections:
            for ref in sp:
                if ref.tag in (w("headerReference"), w("footerReference")):
                    rid = ref.get(f"{{{R_NS}}}id")
                    target = self.doc.rels.get(rid)
                    part = self.doc.part(target) if target else None
                    if part is None:
                        continue
                    kind = etree.QName(ref).localname.replace("Reference", "")
                    yield kind, ref.get(w("type")) or "default", part

    def check_fonts(self):
        self._font_el(self.doc.styles.default_rpr, "docDefaults")
        if rfont(self.doc, None, None, "ascii") is None and self.doc.styles.default_rpr is not None:
            pass
        used = set()
        for para in self.doc.paras:
            used.update(s.get(w("styleId")) for s in self.doc.styles.chain(_pstyle(self.doc, para.el)))  # fmt: skip
            for r in para.runs:
                rs = r.find("w:rPr/w:rStyle", NS)
                if rs is not None:
                    used.update(s.get(w("styleId")) for s in self.doc.styles.chain(rs.get(w("val"))))  # fmt: skip
        for sid in sorted(used):
            self._font_el(self.doc.styles.by_id[sid].find("w:rPr", NS), f"style {sid}")
        seen = set()
        for para in self.doc.paras:
            for r in text_runs(para):
                self._font_el(r.find("w:rPr", NS), "run", para.text)
                for attr in ("ascii", "hAnsi"):
                    eff = rfont(self.doc, r, para.el, attr)
                    if eff != FONT and (para.index, attr) not in seen:
                        seen.add((para.index, attr))
                        self.fail("font", f"effective {attr} font {eff or 'unset (Word default)'}", para.text)  # fmt: skip
        for kind, typ, part in self._story_paras():
            for r in part.iter(w("r")):
                if _run_text(r).strip() or r.find("w:instrText", NS) is not None:
                    self._font_el(r.find("w:rPr", NS), f"{kind} ({typ}) run")

    def check_sizes(self):
        for para in self.doc.paras:
            bad = {s for s in sizes(self.doc, para) if s not in SIZES}
            if bad:
                shown = ", ".join("unset" if s is None else f"{s / 2:g} pt" for s in sorted(bad, key=lambda s: s or 0))  # fmt: skip
                self.fail("size", f"font size {shown}; allowed 11, 12, 13, 14 pt", para.text)

    def _find(self, pred, paras=None):
        return next((p for p in (self.doc.paras if paras is None else paras) if pred(p)), None)

    def check_head(self):
        paras = self.doc.paras
        start, _, _ = self.regions()
        head = paras[:start]
        qh = self._find(lambda p: "CỘNG HÒA" in p.text.upper() and "VIỆT NAM" in p.text.upper())
        if qh is None:
            self.fail("quoc-hieu", f'no quốc hiệu "{QUOC_HIEU}"')
        else:
            if qh.text.strip() != QUOC_HIEU:
                self.fail("quoc-hieu", f'quốc hiệu must read exactly "{QUOC_HIEU}"', qh.text)
            if not is_bold(self.doc, qh):
                self.fail("quoc-hieu", "quốc hiệu must be bold", qh.text)
            if not sizes(self.doc, qh) <= {24, 26}:
                self.fail("quoc-hieu", "quốc hiệu size must be 12–13 pt", qh.text)
        tn = self._find(lambda p: re.match(r"^\s*Độc lập\s*\S\s*Tự do", p.text) is not None)
        if tn is None:
            self.fail("tieu-ngu", f'no tiêu ngữ "{TIEU_NGU}"')
        else:
            if tn.text.strip() != TIEU_NGU:
                dashes = {f"U+{ord(c):04X}" for c in tn.text if c in "‐‑‒–—―−"}
                extra = f" (found {', '.join(sorted(dashes))}; must be U+002D)" if dashes else ""
                self.fail("tieu-ngu", f'tiêu ngữ must read exactly "{TIEU_NGU}"{extra}', tn.text)
            if not is_bold(self.doc, tn):
                self.fail("tieu-ngu", "tiêu ngữ must be bold", tn.text)
            if not sizes(self.doc, tn) <= {26, 28}:
                self.fail("tieu-ngu", "tiêu ngữ size must be 13–14 pt", tn.text)
        # Số
        so = self._find(lambda p: p.text.strip().startswith("Số:"), head) or self._find(
            lambda p: p.text.strip().startswith("Số:")
        )
        if so is None:
            if self.achievement_report():
                self.warn("so", 'no "Số:" line (báo cáo thành tích forms, §8.3 [unconfirmed])')
            elif self.kind != "covenant":
                self.fail("so", 'no "Số:" line')
        else:
            text = re.sub(r"[ \u00a0]+", " ", so.text.strip())
            if self.draft:
                if not (SO_DRAFT_RE.match(so.text.strip().replace("\u00a0", " "))):
                    self.fail("draft", "a draft leaves the number blank (Số:      /XX-YY)", so.text)  # fmt: skip
            elif not SO_RE.match(text) and self.kind == "covenant" and SO_LOOSE_RE.match(text):
                self.warn("so", "giao ước has no listed type code (§4 [unconfirmed]); this code is outside the §9 pattern", so.text)  # fmt: skip
            elif not SO_RE.match(text):
                self.fail("so", "Số must match 'Số: 05/QĐ-UBND' (two digits below 10, no year)", so.text)  # fmt: skip
            title = self.title()
            up = title.text.strip().upper() if title is not None else ""
            by_title = next((c for t, c in TITLE_CODES.items() if up.startswith(t)), None)
            code = by_title or SEC_CODES.get(self.kind)
            m = re.search(r"/([A-Za-zĐ]+)-", text)
            if code and m and m.group(1) != code:
                self.fail("so", f"a {self.kind} is numbered …/{code}-…, not {m.group(1)}", so.text)
            if any(rbool(self.doc, r, so.el, "b") for r in text_runs(so)):
                self.fail("so", "Số line must not be bold", so.text)
            if not sizes(self.doc, so) <= {26}:
                self.warn("so", "Số line is 13 pt (§3)", so.text)
        # place and date
        pd = self._find(lambda p: PLACE_DATE_RE.match(p.text.strip()) is not None, head)
        if self.kind == "minutes":
            if pd is not None:
                self.fail("minutes", "a biên bản (Mẫu 1.9) has no place-date line", pd.text)
        elif pd is None:
            self.fail("place-date", "no place-date line (Địa danh, ngày … tháng … năm …)")
        else:
            text = re.sub(r"[ \u00a0]+", " ", pd.text.strip())
            if self.draft:
                if not DATE_DRAFT_RE.search(pd.text.strip()):
                    self.fail("draft", "a draft leaves the day and month blank", pd.text)
            elif not DATE_RE.search(text):
                self.fail("place-date", "date must read ', ngày 05 tháng 3 năm 2026' (0 before days 1–9, months 1–2)", pd.text)  # fmt: skip
            if not is_italic(self.doc, pd):
                self.fail("place-date", "place-date line must be italic", pd.text)
            if not sizes(self.doc, pd) <= {26, 28}:
                self.fail("place-date", "place-date size must be 13–14 pt", pd.text)
        # tên loại
        title = self.title()
        if title is None and self.kind != "letter":
            self.fail("title", "no tên loại (QUYẾT ĐỊNH, BIÊN BẢN, BÁO CÁO …) in the main flow")
        elif title is not None:
            if not is_bold(self.doc, title) or jc(self.doc, title.el) != "center":
                self.fail("title", "tên loại must be bold and centred", title.text)
            if not sizes(self.doc, title) <= {26, 28}:
                self.fail("title", "tên loại size must be 13–14 pt", title.text)
        if self.kind == "letter":
            vv = self._find(lambda p: p.text.strip().startswith("V/v"), head)
            if vv is None:
                self.warn("letter", "a công văn has its trích yếu 'V/v …' under the number")
            elif any(rbool(self.doc, r, vv.el, "b") for r in text_runs(vv)):
                self.fail("letter", "V/v line is upright, not bold", vv.text)
        # rules under heads (presence only; lengths are not measured)
        head_xml = b"".join(etree.tostring(p.el) for p in head)
        if head and b"v:line" not in head_xml and b"wps:wsp" not in head_xml and b"w:bottom" not in head_xml:  # fmt: skip
            self.warn(
                "rules", "no rule (line shape or bottom border) found under the head elements"
            )

    def _body_paras(self):
        _, body, _ = self.regions()
        annex = self.annex_start()
        extra = []
        if annex is not None:
            kt = self._find(lambda p: p.text.strip().startswith("(Kèm theo"))
            extra = [p for p in self.doc.paras[kt.index + 1 :] if not p.in_table]
        return body, extra

    def check_body(self):
        body, annex = self._body_paras()
        in_kinh_gui = False
        for para in body + annex:
            text = para.text.strip()
            if not text:
                in_kinh_gui = False
                continue
            if text.startswith("Kính gửi"):
                in_kinh_gui = True
                continue
            if in_kinh_gui and text.startswith("-"):
                continue
            in_kinh_gui = False
            align = jc(self.doc, para.el)
            heading = align == "center" or is_bold(self.doc, para)
            if align == "center":
                continue  # tên loại, trích yếu, "QUYẾT ĐỊNH:", annex titles
            if not heading:
                if align != "both":
                    self.fail(
                        "body", f"body paragraph must be justified (jc both), is {align}", text
                    )
                first = pprop(self.doc, para.el, "w:ind", "firstLine")
                if first is None or not any(abs(int(first) - v) <= TOL for v in (567, 720)):
                    self.fail("body", f"first-line indent must be 567 or 720 twips (1/1.27 cm), is {first}", text)  # fmt: skip
                before = int(pprop(self.doc, para.el, "w:spacing", "before") or 0)
                after = int(pprop(self.doc, para.el, "w:spacing", "after") or 0)
                if before + after < 120:
                    self.fail(
                        "body", f"space between paragraphs {before}+{after} < 120 (6 pt)", text
                    )
            line = pprop(self.doc, para.el, "w:spacing", "line")
            rule = pprop(self.doc, para.el, "w:spacing", "lineRule") or "auto"
            if line is not None and (rule != "auto" or not 240 <= int(line) <= 360):
                self.fail("body", f"line spacing {line} ({rule}); single to 1.5 lines: 240–360 auto", text)  # fmt: skip
            if not sizes(self.doc, para) <= {26, 28}:
                self.fail("body", "body text must be 13–14 pt", text)
        # end mark
        last = next((p for p in reversed(body) if p.text.strip()), None)
        if last is None:
            self.fail("body", "no body paragraph between the title and the signature")
        elif not _has_end_mark(last.text):
            self.fail("end-mark", 'the last body paragraph must end with "./."', last.text)
        if annex:
            tail = next((p for p in reversed(annex) if p.text.strip()), None)
            if tail is not None and not _has_end_mark(tail.text):
                self.warn("end-mark", 'the annex should end with "./." (§7)', tail.text)

    def check_basis(self):
        body, _ = self._body_paras()
        blocks, current = [], []
        for para in body:
            t = para.text.strip()
            prose = t.endswith(":") or (
                current
                and all(is_italic(self.doc, p) for p in current)
                and not is_italic(self.doc, para)
                and t.endswith(".")
            )  # "Căn cứ thành tích …, Sở Y tế kính đề nghị … như sau:" after the basis: text
            if (t.startswith("Căn cứ") or (current and t.startswith("Xét"))) and not prose:
                current.append(para)
            elif t:
                if current:
                    blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        for block in blocks:
            for i, para in enumerate(block):
                t = para.text.strip()
                if not is_italic(self.doc, para):
                    self.fail("can-cu", "căn cứ lines are italic", t)
                want = "." if i == len(block) - 1 else ";"
                if not t.endswith(want):
                    self.fail("can-cu", f'this căn cứ line must end with "{want}"', t)

    def check_page_numbers(self):
        stories = list(self._story_paras())
        sections = self.doc.sections
        for i, sp in enumerate(sections, 1):
            if sp.find("w:titlePg", NS) is None or not _truthy(sp.find("w:titlePg", NS)):
                self.fail("page-numbers", f"section {i}: no w:titlePg (page 1 carries no number)")
        headers = {}
        for sp in sections:
            for ref in sp.findall("w:headerReference", NS):
                headers.setdefault(ref.get(w("type")), ref)
        default = headers.get("default")
        if default is None:
            self.fail("page-numbers", "no default header with the page number")
        for kind, typ, part in stories:
            has_page = _has_page_field(part)
            if kind == "footer" and has_page:
                self.fail("page-numbers", f"PAGE field in a footer ({typ}); numbers go in the header")  # fmt: skip
            if kind == "header" and typ == "first":
                text = "".join(_run_text(r) for r in part.iter(w("r"))).strip()
                if has_page or text:
                    self.fail("page-numbers", "first-page header must be empty", text)
            if kind == "header" and typ == "default":
                if not has_page:
                    self.fail("page-numbers", "default header has no PAGE field")
                    continue
                for p in part.iter(w("p")):
                    if _has_page_field(p):
                        if jc(self.doc, p) != "center":
                            self.fail("page-numbers", "page number must be centred")
                        szs = {rsize(self.doc, r, p) for r in p.iter(w("r"))}
                        szs.discard(None) if len(szs) > 1 else None
                        if not szs <= {26, 28}:
                            self.fail("page-numbers", f"page number size {szs}, must be 13–14 pt")  # fmt: skip

    def check_annex(self):
        kt = self._find(lambda p: p.text.strip().startswith("(Kèm theo"))
        if kt is None:
            return
        if not is_italic(self.doc, kt) or jc(self.doc, kt.el) != "center":
            self.fail("annex", '"(Kèm theo …)" must be italic and centred', kt.text)
        if kt.section == 0:
            self.fail("annex", "the annex must start a new section (own page numbers)", kt.text)
            return
        sp = self.doc.sections[kt.section] if kt.section < len(self.doc.sections) else None
        if sp is None:
            return
        start = sp.find("w:pgNumType", NS)
        if start is None or start.get(w("start")) != "1":
            self.fail("annex", 'annex section must restart page numbers (w:pgNumType w:start="1")')
        typ = sp.find("w:type", NS)
        if typ is not None and typ.get(w("val")) == "continuous":
            self.fail("annex", "the annex starts on a new page (section type is continuous)")

    def check_tables(self):
        start, _, closing = self.regions()
        closing_tables = {id(p.table) for p in closing if p.table is not None}
        head_tables = {id(p.table) for p in self.doc.paras[:start] if p.table is not None}
        for tbl, sec in self.doc.tables:
            label = _short(" | ".join(t for t in tbl.itertext() if t.strip()), 60)
            sp = self.doc.sections[min(sec, len(self.doc.sections) - 1)]
            pg, mar = sp.find("w:pgSz", NS), sp.find("w:pgMar", NS)
            limit = MAX_TEXT_WIDTH
            if pg is not None and mar is not None:
                limit = int(pg.get(w("w"))) - int(mar.get(w("left"), 0)) - int(mar.get(w("right"), 0))  # fmt: skip
                if pg.get(w("orient")) != "landscape":
                    limit = min(limit, MAX_TEXT_WIDTH)
            tw = tbl.find("w:tblPr/w:tblW", NS)
            ind = tbl.find("w:tblPr/w:tblInd", NS)
            ind_v = int(ind.get(w("w"), 0)) if ind is not None and ind.get(w("type"), "dxa") == "dxa" else 0  # fmt: skip
            if tw is not None:
                typ, val = tw.get(w("type"), "dxa"), int(float(tw.get(w("w"), "0").rstrip("%")))
                if typ == "dxa" and val + ind_v > limit + TOL:
                    self.fail("table", f"table width {val} + indent {ind_v} > text width {limit} twips", label)  # fmt: skip
                if typ == "pct" and val > 5000:
                    self.fail("table", f"table width {val / 50:g}% > 100%", label)
            grid = sum(int(g.get(w("w"), 0)) for g in tbl.findall("w:tblGrid/w:gridCol", NS))
            if grid + max(ind_v, 0) > limit + TOL:
                self.fail("table", f"columns sum to {grid} twips > text width {limit}", label)
            if ind_v < -TOL:
                self.warn("table", f"table indent {ind_v} reaches into the left margin", label)
            rows = tbl.findall("w:tr", NS)
            layout = id(tbl) in closing_tables or id(tbl) in head_tables
            if layout:
                if self.table_borders(tbl):
                    self.fail("table", "head and signature tables are borderless", label)
                continue
            if not self.table_borders(tbl):
                continue  # a layout table inside the body (no data grid)
            split = [i for i, tr in enumerate(rows, 1) if tr.find("w:trPr/w:cantSplit", NS) is None]
            if split:
                self.warn("table", f"rows {split[:5]} may split across pages (w:cantSplit; practice, §7 [unconfirmed])", label)  # fmt: skip
            if rows and rows[0].find("w:trPr/w:tblHeader", NS) is None:
                self.warn("table", "first row is not a repeating header (w:tblHeader; §7 [unconfirmed])", label)  # fmt: skip

    def signature_blocks(self):
        """Blocks of the closing: lists of non-empty groups (split by blank paragraphs)."""
        _, _, closing = self.regions()
        annex = self.annex_start()
        blocks: dict = {}
        order = []
        for p in closing:
            if annex is not None and p.index >= annex:
                break
            key = id(p.cell) if p.cell is not None else "flow"
            if key not in blocks:
                blocks[key] = []
                order.append(key)
            blocks[key].append(p)
        out = []
        for key in order:
            paras = blocks[key]
            if any(p.text.strip().startswith("Nơi nhận") for p in paras):
                continue
            groups, cur = [], []
            for p in paras:
                if p.text.strip():
                    cur.append(p)
                elif cur:
                    groups.append(cur)
                    cur = []
            if cur:
                groups.append(cur)
            if groups:
                out.append(groups)
        return out

    def check_signatures(self):
        blocks = self.signature_blocks()
        if not blocks:
            if not self.draft:
                self.fail("signature", "no signature block after the body")
            return
        for groups in blocks:
            authority = [p for p in groups[0] if is_upper(p.text) and not p.text.strip().startswith("(")]  # fmt: skip
            # "(Ký, đóng dấu)", "(Ký, ghi rõ họ tên)", "(Đã ký)": hints, never the name
            named = [[p for p in g if not p.text.strip().startswith("(")] for g in groups]
            name = named[-1][-1] if len(groups) > 1 and named[-1] else None
            if name is None and named[0] and not is_upper(named[0][-1].text):
                name = named[0][-1]
            if not authority:
                self.fail("signature", "signature block without an upper-case authority line (7a)", groups[0][0].text)  # fmt: skip
            lines = [p.text.strip() for p in authority]
            for p in authority:
                if not is_bold(self.doc, p):
                    self.fail("signature", "authority lines (7a) are bold", p.text)
                if not sizes(self.doc, p) <= {26, 28}:
                    self.fail("signature", "authority lines (7a) are 13–14 pt", p.text)
            if lines and re.match(r"^KT\.\s*PHÓ", lines[0]):
                self.fail("signature", "line 1 names the head's position, never 'KT. PHÓ …'", lines[0])  # fmt: skip
            for a, b in zip(lines, lines[1:], strict=False):
                m = re.match(r"^KT\.\s*(.+)$", a)
                if m and m.group(1).strip() == b:
                    self.fail("signature", f"after '{a}' the next line is the deputy's position, not '{b}'", b)  # fmt: skip
                if a.startswith("TUQ.") and b.startswith("KT."):
                    self.fail("signature", "no re-delegation: no KT. under TUQ.", b)
            if name is None:
                if not self.draft:
                    self.warn("signature", "no signer name under the authority lines", " / ".join(lines))  # fmt: skip
                continue
            nt = name.text.strip()
            if not is_bold(self.doc, name):
                self.fail("signature", "signer's name is bold", nt)
            if any(rbool(self.doc, r, name.el, "caps") for r in text_runs(name)) or is_upper(nt):
                self.fail("signature", "signer's name is not in capitals", nt)
            if ACADEMIC.match(nt):
                self.fail("signature", "no học hàm/học vị before the signer's name", nt)
            if not sizes(self.doc, name) <= {26, 28}:
                self.fail("signature", "signer's name is 13–14 pt", nt)
            if self.draft and re.search(rb"<w:drawing|v:imagedata", b"".join(etree.tostring(p.el) for g in groups for p in g)):  # fmt: skip
                self.fail("draft", "a draft carries no signature or seal image")

    def check_recipients(self):
        label = self._find(lambda p: p.text.strip().startswith("Nơi nhận"))
        if label is None:
            if self.achievement_report():
                return  # the NĐ 152 forms end with signatures only (§8.3)
            if self.kind in ("decision", "letter", "report", "minutes", "review"):
                self.fail("noi-nhan", 'no "Nơi nhận:" list')
            return
        runs = [r for r in text_runs(label)]
        if label.text.strip() != "Nơi nhận:":
            self.fail("noi-nhan", 'label reads exactly "Nơi nhận:" on its own line', label.text)
        for r in runs:
            if not (rbool(self.doc, r, label.el, "b") and rbool(self.doc, r, label.el, "i")):
                self.fail("noi-nhan", '"Nơi nhận:" is bold italic', label.text)
                break
        if not sizes(self.doc, label) <= {24}:
            self.fail("noi-nhan", '"Nơi nhận:" is 12 pt', label.text)
        items = []
        for p in self.doc.paras[label.index + 1 :]:
            if label.cell is not None and p.cell is not label.cell:
                break
            t = p.text.strip()
            if not t:
                if items:
                    break
                continue
            if not t.startswith("-"):
                break
            items.append(p)
        if not items:
            self.fail("noi-nhan", "no recipients under Nơi nhận", label.text)
            return
        for i, p in enumerate(items):
            t = p.text.strip()
            if not t.startswith("- "):
                self.fail("noi-nhan", 'each recipient starts with "- "', t)
            if i < len(items) - 1 and not t.endswith(";"):
                self.fail("noi-nhan", 'each recipient but the last ends with ";"', t)
            if not sizes(self.doc, p) <= {22}:
                self.fail("noi-nhan", "recipients are 11 pt", t)
        last = items[-1].text.strip()
        if not last.startswith("- Lưu:") or not last.endswith("."):
            self.fail("noi-nhan", 'the last recipient is "- Lưu: VT, …." ending with "."', last)
        if self.kind == "minutes" and "Hồ sơ" not in last:
            self.warn("minutes", 'a biên bản keeps "- Lưu: VT, Hồ sơ." (§8.5)', last)

    def _all_text(self) -> str:
        parts = ["\n".join(p.text for p in self.doc.paras)]
        for _, _, part in self._story_paras():
            parts.append("".join(part.itertext()))
            parts.extend(v for el in part.iter() for k, v in el.attrib.items() if k == "string")
        parts.extend(el.get("string", "") for el in self.doc.root.iter() if el.get("string"))
        # text boxes (w:txbxContent) carry the DỰ THẢO box in many templates
        parts.append("".join(t.text or "" for t in self.doc.root.iter(w("t"))))
        return "\n".join(parts)

    def check_draft(self):
        text = self._all_text()
        if self.draft:
            if "DỰ THẢO" not in text:
                self.fail("draft", 'a draft carries "DỰ THẢO" above the issuing body [house rule, unconfirmed]', warning=False)  # fmt: skip
        elif "DỰ THẢO" in text:
            self.fail("draft", 'a final document carries no "DỰ THẢO" (body, headers, watermarks)')

    def check_copies(self):
        for para in self.doc.paras:
            t = para.text.strip()
            if t in COPY_MARKS:
                if not is_bold(self.doc, para):
                    self.fail("copy", f"{t} is bold upper case", t)
                after = self.doc.paras[para.index + 1 :]
                so = self._find(lambda p: p.text.strip().startswith("Số:"), after)
                if so is None or not re.match(r"^Số: \d{2,}/(SY|SL|TrS)-", so.text.strip()):
                    self.fail("copy", "a copy is numbered 'Số: 05/SY-…' (SY, SL, TrS)", so.text if so else t)  # fmt: skip
                prev = self.doc.paras[para.index - 1] if para.index else None
                xml = etree.tostring(prev.el) if prev is not None else b""
                if b"w:bottom" not in xml and b"v:line" not in xml and b"wps:wsp" not in xml:
                    self.warn("copy", "no full-width rule above the copy mark", t)

    def check_kind(self):
        body, _ = self._body_paras()
        text = "\n".join(p.text for p in self.doc.paras)
        if re.search(r"\bVNĐ\b|\d\s?đ\b", text):
            self.fail("money", 'amounts in official documents are written "… đồng" (not VNĐ, đ)')
        if re.search(r"\d,\d{2}\s?%", text) is None and re.search(r"\d\.\d+\s?%", text):
            self.fail("percent", "percentages use a decimal comma (92,86 %)")
        if self.kind == "decision":
            q = self._find(lambda p: p.text.strip() == "QUYẾT ĐỊNH:", body)
            if q is None:
                self.fail("decision", 'no "QUYẾT ĐỊNH:" line before the articles')
            elif not is_bold(self.doc, q) or jc(self.doc, q.el) != "center":
                self.fail("decision", '"QUYẾT ĐỊNH:" is bold and centred', q.text)
            for p in body:
                m = re.match(r"^Điều \d+\.", p.text.strip())
                if m:
                    first = text_runs(p)[0] if text_runs(p) else None
                    if first is None or not rbool(self.doc, first, p.el, "b"):
                        self.fail("decision", f"'{m.group(0)}' is bold", p.text)
        kinh = self._find(lambda p: p.text.strip().startswith("Kính gửi"))
        if self.kind == "letter" and kinh is None:
            self.fail("letter", 'a công văn has "Kính gửi:"')
        if self.kind == "review":
            heads = [p.text.strip() for p in body]
            for roman in ("I.", "II.", "III.", "IV."):
                if not any(h.startswith(roman + " ") for h in heads):
                    self.warn("review", f"no section {roman} (kết quả, đánh giá, phương hướng, kiến nghị; §8.8 [unconfirmed])")  # fmt: skip
        if self.kind == "covenant":
            blocks = self.signature_blocks()
            if len(blocks) < 2:
                self.warn("covenant", "a giao ước is signed by every member unit head (§8.8 [unconfirmed])")  # fmt: skip
            if not re.search(r"lập thành \d+ bản", text):
                self.warn("covenant", 'no "… được lập thành N bản" line')
        if self.kind == "minutes":
            self.check_minutes(body)

    def check_minutes(self, body):
        text = "\n".join(p.text for p in self.doc.paras)
        if not re.search(r"Cuộc họp kết thúc vào .+ giờ .+, ngày .+ tháng .+ năm ", text):
            self.fail("minutes", '"Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …/." is missing')  # fmt: skip
        blocks = self.signature_blocks()
        firsts = [g[0][0].text.strip() for g in blocks if g and g[0]]
        if "THƯ KÝ" not in firsts:
            self.fail("minutes", "the secretary signs as THƯ KÝ")
        if "CHỦ TỌA" not in firsts:
            self.fail("minutes", "the presiding member signs as CHỦ TỌA")
        if "THƯ KÝ" in firsts and "CHỦ TỌA" in firsts and firsts.index("THƯ KÝ") > firsts.index("CHỦ TỌA"):  # fmt: skip
            self.fail("minutes", "THƯ KÝ signs on the left, CHỦ TỌA on the right")
        # percentages of all members
        m = re.search(r"[Tt]ổng số thành viên[^:\d]*:?\s*(\d+)", text)
        total = int(m.group(1)) if m else None
        for tbl, _ in self.doc.tables:
            rows = tbl.findall("w:tr", NS)
            if not rows:
                continue
            header = [_cell_text(tc) for tc in rows[0].findall("w:tc", NS)]
            pct_col = next((i for i, h in enumerate(header) if "%" in h or "Tỷ lệ" in h), None)
            yes_col = next((i for i, h in enumerate(header) if re.search(r"đồng ý|tán thành", h, re.I)), None)  # fmt: skip
            if pct_col is None:
                continue
            if total is None:
                self.warn("minutes", "no 'Tổng số thành viên …: N' to check the percentages against")  # fmt: skip
                break
            for tr in rows[1:]:
                cells = [_cell_text(tc) for tc in tr.findall("w:tc", NS)]
                if pct_col >= len(cells):
                    continue
                pct = cells[pct_col].strip()
                if not pct:
                    continue
                if not re.match(r"^\d{1,3}(,\d{1,2})? ?%$", pct):
                    self.fail("minutes", "percentages read '92,86 %' (decimal comma)", pct)
                    continue
                if yes_col is not None and yes_col < len(cells) and cells[yes_col].strip().isdigit():  # fmt: skip
                    want = _fmt_pct(int(cells[yes_col]) * 100 / total)
                    if pct.replace(" ", "") != want.replace(" ", ""):
                        self.fail("minutes", f"{cells[yes_col]}/{total} of all members is {want}, not {pct}", " | ".join(cells))  # fmt: skip


def _fmt_pct(x: float) -> str:
    return f"{x:.2f}".replace(".", ",") + " %"


def _cell_text(tc) -> str:
    return "\n".join(para_text(p) for p in tc.iter(w("p")))


def _has_end_mark(text: str) -> bool:
    t = text.rstrip()
    return t.endswith("./.") or t.endswith("…/.")


def _has_page_field(el) -> bool:
    for fs in el.iter(w("fldSimple")):
        if re.match(r"^\s*PAGE\b", fs.get(w("instr"), "")):
            return True
    return any(re.match(r"^\s*PAGE\b", it.text or "") for it in el.iter(w("instrText")))


# --- CLI -------------------------------------------------------------------------------------


def check_file(path: str, kind: str = "auto", draft: bool = False) -> tuple[str, list[Finding]]:
    try:
        doc = load(path)
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        return "letter", [Finding("file", f"not a readable .docx: {exc}")]
    checker = Checker(doc, kind, draft)
    return checker.kind, checker.run()


def _files(args: list[str]) -> list[Path]:
    out = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.docx") if not x.name.startswith("~$")))
        else:
            out.append(p)
    return out


def _named_draft(path) -> bool:
    """Without --draft/--final, a file whose name says it is a draft ("draft", "du-thao",
    "dự thảo") is checked as one; every other file as a final text."""
    name = Path(str(path)).name.lower().replace("_", "-").replace(" ", "-")
    return "draft" in name or "du-thao" in name or "dự-thảo" in name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check .docx files against Nghị định 30/2020/NĐ-CP.")
    ap.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    ap.add_argument("--kind", choices=("auto", *KINDS), default="auto")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--draft", action="store_true", help="check every file as a draft")
    mode.add_argument("--final", action="store_true", help="check every file as a final text")
    ap.add_argument("-q", "--quiet", action="store_true", help="no warnings in the output")
    args = ap.parse_args(argv)
    files = _files(args.paths)
    if not files:
        print("no .docx files found", file=sys.stderr)
        return 2
    ok = True
    for f in files:
        draft = args.draft or (not args.final and _named_draft(f))
        kind, findings = check_file(str(f), args.kind, draft)
        fails = [x for x in findings if not x.warning]
        warns = [x for x in findings if x.warning]
        ok = ok and not fails
        status = "PASS" if not fails else f"FAIL ({len(fails)})"
        print(f"{f}: {status} [{kind}{', draft' if draft else ''}]")
        for x in fails + ([] if args.quiet else warns):
            print(x.render())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
