"""Tests of nd30check on small .docx files built here with python-docx.

Each rule has a good document (the default of ``build``) and a bad variant (one override).
Run: .venv/bin/pytest checks/nd30 -q
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("nd30check", HERE / "nd30check.py")
nd30 = importlib.util.module_from_spec(_spec)
sys.modules["nd30check"] = nd30
_spec.loader.exec_module(nd30)

TNR = "Times New Roman"


# --- a document builder with switches for every defect ---------------------------------------

DEFAULTS = dict(
    kind="decision",
    page=(210, 297),
    margins=(25, 20, 35, 20),  # top, bottom, left, right in mm
    theme_defaults=False,
    run_font=TNR,
    run_color=None,
    body_size=14,
    body_align="both",
    first_line=567,
    after=120,
    line=(276, "auto"),
    issuer="ỦY BAN NHÂN DÂN TỈNH X",
    quoc_hieu="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    quoc_hieu_bold=True,
    tieu_ngu="Độc lập - Tự do - Hạnh phúc",
    number="Số: 05/QĐ-UBND",
    number_bold=False,
    place_date="Hà Nội, ngày 05 tháng 3 năm 2026",
    place_date_italic=True,
    title="QUYẾT ĐỊNH",
    subtitle="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    basis=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 02 tháng 3 năm 2026.",
    ),
    basis_italic=True,
    body=(
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 05 tập thể và 12 cá nhân"
        " (có danh sách kèm theo).",
        "Điều 2. Mỗi tập thể được thưởng 4.680.000 đồng; mỗi cá nhân được thưởng 2.340.000 đồng.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.",
    ),
    signature=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer="Nguyễn Văn An",
    signer_caps=False,
    recipients=("- Như Điều 3;", "- Chủ tịch UBND tỉnh;", "- Lưu: VT, TĐKT."),
    recipients_label=("Nơi nhận:", True, True, 12),
    recipient_size=11,
    title_pg=True,
    page_header=("center", 13),
    first_header_text="",
    footer_page=False,
    head_borders=False,
    annex=False,
    annex_section=True,
    annex_italic=True,
    data_table=False,
    table_width_mm=150,
    table_header_row=True,
    table_cant_split=True,
    draft_mark=False,
    extra_body=(),
    minutes=None,
)


def _run(p, text, *, size=14, bold=False, italic=False, font=TNR, color=None, caps=False):
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold or None
    r.italic = italic or None
    rpr = r._r.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), font)
    rpr.insert(0, fonts)
    if color:
        c = OxmlElement("w:color")
        c.set(qn("w:val"), color)
        rpr.append(c)
    if caps:
        rpr.append(OxmlElement("w:caps"))
    return r


def _para(container, text="", *, align="left", first=None, after=0, before=0, line=None, **kw):
    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    pf = p.paragraph_format
    pf.space_after = Pt(after / 20)
    pf.space_before = Pt(before / 20)
    if first is not None:
        p._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLine"), str(first))
    if line is not None:
        sp = p._p.get_or_add_pPr().get_or_add_spacing()
        sp.set(qn("w:line"), str(line[0]))
        sp.set(qn("w:lineRule"), line[1])
    if text:
        _run(p, text, **kw)
    return p


def _cell_para(cell, text="", **kw):
    p = cell.paragraphs[0] if not cell.paragraphs[0].text and not cell.paragraphs[0].runs and len(cell.paragraphs) == 1 and not getattr(cell, "_used", False) else None  # fmt: skip
    cell._used = True
    if p is None:
        return _para(cell, text, **kw)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if kw.pop("align", "center") == "center" else WD_ALIGN_PARAGRAPH.LEFT  # fmt: skip
    if text:
        _run(p, text, **kw)
    return p


def _borderless(table, visible=False):
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{edge}")
        b.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            b.set(qn("w:sz"), "4")
        borders.append(b)
    tblPr.append(borders)


def _width(table, widths_mm):
    tblPr = table._tbl.tblPr
    tw = tblPr.find(qn("w:tblW"))
    tw.set(qn("w:type"), "dxa")
    tw.set(qn("w:w"), str(sum(int(Mm(x).twips) for x in widths_mm)))
    for col, x in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(x).twips)))


def _page_field(p, size):
    fld = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:rPr>'
        f'<w:rFonts w:ascii="{TNR}" w:hAnsi="{TNR}" w:cs="{TNR}"/><w:sz w:val="{size * 2}"/>'
        "</w:rPr><w:t>2</w:t></w:r></w:fldSimple>"
    )
    p._p.append(fld)


def build(tmp_path, name="doc.docx", **over) -> str:
    o = {**DEFAULTS, **over}
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(o["page"][0]), Mm(o["page"][1])
    t, b, lft, rgt = o["margins"]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (
        Mm(t),
        Mm(b),
        Mm(lft),
        Mm(rgt),
    )
    styles = doc.styles.element
    fonts = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rf = fonts.find(qn("w:rFonts"))
    if not o["theme_defaults"]:
        for k in list(rf.attrib):
            del rf.attrib[k]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(attr), TNR)
    normal = doc.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)

    # head
    if o["draft_mark"]:
        _para(doc, "DỰ THẢO", bold=True, size=14)
    head = doc.add_table(rows=1, cols=2)
    _borderless(head, visible=o["head_borders"])
    _width(head, [60, 95])
    left, right = head.rows[0].cells
    _cell_para(left, o["issuer"], size=13, bold=True)
    _cell_para(left, o["number"], size=13, bold=o["number_bold"])
    _cell_para(right, o["quoc_hieu"], size=13, bold=o["quoc_hieu_bold"])
    rule = _cell_para(right, o["tieu_ngu"], size=14, bold=True)
    pbdr = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6"/></w:pBdr>')
    rule._p.get_or_add_pPr().append(pbdr)
    if o["place_date"]:
        _cell_para(right, o["place_date"], size=14, italic=o["place_date_italic"])

    _para(doc, o["title"], align="center", bold=True, before=240)
    if o["subtitle"]:
        _para(doc, o["subtitle"], align="center", bold=True)
    if o["kind"] == "decision":
        _para(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", align="center", bold=True, after=120)
    body_kw = dict(
        align=o["body_align"],
        first=o["first_line"],
        after=o["after"],
        line=o["line"],
        size=o["body_size"],
        font=o["run_font"],
        color=o["run_color"],
    )
    for line in o["basis"]:
        _para(doc, line, italic=o["basis_italic"], **body_kw)
    if o["kind"] == "decision":
        _para(doc, "QUYẾT ĐỊNH:", align="center", bold=True, after=120)
    for line in (*o["extra_body"], *o["body"]):
        p = _para(doc, "", **{k: v for k, v in body_kw.items() if k in ("align", "first", "after", "line")})  # fmt: skip
        head_word = line.split(". ", 1)[0] + ". " if line.startswith("Điều ") else ""
        if head_word:
            _run(p, head_word, bold=True, size=o["body_size"])
        _run(p, line[len(head_word) :], size=o["body_size"], font=o["run_font"], color=o["run_color"])  # fmt: skip
    if o["data_table"]:
        tbl = doc.add_table(rows=3, cols=3)
        _borderless(tbl, visible=True)
        _width(tbl, [o["table_width_mm"] / 3] * 3)
        for i, row in enumerate(tbl.rows):
            trPr = row._tr.get_or_add_trPr()
            if o["table_cant_split"]:
                trPr.append(OxmlElement("w:cantSplit"))
            if i == 0 and o["table_header_row"]:
                trPr.append(OxmlElement("w:tblHeader"))
            for j, cell in enumerate(row.cells):
                _cell_para(cell, o["data_cells"][i][j] if "data_cells" in o else f"ô {i}{j}", size=13)  # fmt: skip
        _para(doc, "Số liệu trên là kết quả cuối cùng./.", **body_kw)

    # closing
    _para(doc, "")
    closing = doc.add_table(rows=1, cols=2)
    _borderless(closing)
    _width(closing, [70, 85])
    left, right = closing.rows[0].cells
    sig_blocks = o["minutes"]["signatures"] if o["minutes"] else [(left, None), (right, o["signature"])]  # fmt: skip
    if o["minutes"]:
        for cell, (lines, signer) in zip((left, right), sig_blocks, strict=True):
            for ln in lines:
                _cell_para(cell, ln, size=14, bold=True)
            for _ in range(3):
                _cell_para(cell, "")
            _cell_para(cell, signer, size=14, bold=True)
    else:
        label, bold, italic, size = o["recipients_label"]
        _cell_para(left, label, size=size, bold=bold, italic=italic, align="left")
        for item in o["recipients"]:
            _cell_para(left, item, size=o["recipient_size"], align="left")
        for ln in o["signature"]:
            _cell_para(right, ln, size=14, bold=True)
        for _ in range(3):
            _cell_para(right, "")
        _cell_para(right, o["signer"], size=14, bold=True, caps=o["signer_caps"])
    if o["minutes"]:
        _para(doc, "")
        _para(doc, "Nơi nhận:", bold=True, italic=True, size=12)
        for item in o["recipients"]:
            _para(doc, item, size=11)

    # page numbers
    sec.different_first_page_header_footer = o["title_pg"]
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER if o["page_header"][0] == "center" else WD_ALIGN_PARAGRAPH.LEFT  # fmt: skip
    _page_field(hp, o["page_header"][1])
    if o["title_pg"] and o["first_header_text"]:
        _run(sec.first_page_header.paragraphs[0], o["first_header_text"], size=13)
    if o["footer_page"]:
        _page_field(sec.footer.paragraphs[0], 13)

    if o["annex"]:
        if o["annex_section"]:
            from docx.enum.section import WD_SECTION

            new = doc.add_section(WD_SECTION.NEW_PAGE)
            new.different_first_page_header_footer = True
            pg = OxmlElement("w:pgNumType")
            pg.set(qn("w:start"), "1")
            new._sectPr.append(pg)
        _para(doc, "DANH SÁCH", align="center", bold=True)
        _para(doc, "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 3 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh)", align="center", italic=o["annex_italic"])  # fmt: skip
        _para(doc, "1. Ông Trần Văn Bình, Trưởng phòng, Sở Nội vụ./.", **body_kw)
    path = tmp_path / name
    doc.save(path)
    return str(path)


def findings(path, kind="auto", draft=False):
    _, found = nd30.check_file(path, kind, draft)
    return found


def fails(path, **kw):
    return [f for f in findings(path, **kw) if not f.warning]


def rules(path, **kw):
    return {f.rule for f in fails(path, **kw)}


def messages(path, **kw):
    return " | ".join(f"{f.rule}: {f.message} «{f.text}»" for f in fails(path, **kw))


# --- the good document passes ---------------------------------------------------------------


def test_good_decision_passes(tmp_path):
    path = build(tmp_path)
    assert fails(path) == [], messages(path)
    kind, _ = nd30.check_file(path)
    assert kind == "decision"


def test_good_decision_with_annex_and_table_passes(tmp_path):
    path = build(tmp_path, annex=True, data_table=True)
    assert fails(path) == [], messages(path)
    assert [f for f in findings(path) if f.warning and f.rule == "table"] == []


def test_cli_exit_codes_and_output(tmp_path, capsys):
    good = build(tmp_path, "good.docx")
    build(tmp_path, "bad.docx", number="Số: 5/QĐ-UBND")
    assert nd30.main([good]) == 0
    out = capsys.readouterr().out
    assert "good.docx: PASS" in out
    assert nd30.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "bad.docx: FAIL" in out and "[so]" in out and "Số: 5/QĐ-UBND" in out
    assert "good.docx: PASS" in out


# --- one bad variant per rule -----------------------------------------------------------------

BAD = [
    ("paper", dict(page=(216, 279))),
    ("margins", dict(margins=(25, 20, 25, 20))),
    ("margins", dict(margins=(15, 20, 35, 20))),
    ("font", dict(theme_defaults=True)),
    ("font", dict(run_font="Arial")),
    ("color", dict(run_color="FF0000")),
    ("size", dict(body_size=15)),
    ("body", dict(body_align="left")),
    ("body", dict(first_line=400)),
    ("body", dict(after=60)),
    ("body", dict(line=(480, "auto"))),
    ("body", dict(line=(360, "exact"))),
    ("quoc-hieu", dict(quoc_hieu_bold=False)),
    ("quoc-hieu", dict(quoc_hieu="Cộng hòa xã hội chủ nghĩa Việt Nam")),
    ("tieu-ngu", dict(tieu_ngu="Độc lập – Tự do – Hạnh phúc")),
    ("so", dict(number="Số: 5/QĐ-UBND")),
    ("so", dict(number="Số: 05/2026/QĐ-UBND")),
    ("so", dict(number="Số: 05/BC-UBND")),
    ("so", dict(number_bold=True)),
    ("place-date", dict(place_date="Hà Nội, ngày 5 tháng 3 năm 2026")),
    ("place-date", dict(place_date="Hà Nội, ngày 05 tháng 03 năm 2026")),
    ("place-date", dict(place_date_italic=False)),
    ("place-date", dict(place_date="")),
    ("can-cu", dict(basis_italic=False)),
    (
        "can-cu",
        dict(
            basis=(
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.",
                "Xét đề nghị của Sở Nội vụ.",
            )
        ),
    ),  # fmt: skip
    (
        "can-cu",
        dict(
            basis=(
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Xét đề nghị của Sở Nội vụ;",
            )
        ),
    ),  # fmt: skip
    ("page-numbers", dict(title_pg=False)),
    ("page-numbers", dict(page_header=("left", 13))),
    ("page-numbers", dict(page_header=("center", 12))),
    ("page-numbers", dict(first_header_text="1")),
    ("page-numbers", dict(footer_page=True)),
    ("annex", dict(annex=True, annex_section=False)),
    ("annex", dict(annex=True, annex_italic=False)),
    ("table", dict(data_table=True, table_width_mm=170)),
    ("table", dict(head_borders=True)),
    ("signature", dict(signature=("KT. PHÓ CHỦ TỊCH",))),
    ("signature", dict(signature=("KT. CHỦ TỊCH", "CHỦ TỊCH"))),
    ("signature", dict(signature=("TUQ. CHỦ TỊCH", "KT. GIÁM ĐỐC SỞ NỘI VỤ", "PHÓ GIÁM ĐỐC"))),
    ("signature", dict(signer="NGUYỄN VĂN AN")),
    ("signature", dict(signer_caps=True)),
    ("signature", dict(signer="TS. Nguyễn Văn An")),
    ("signature", dict(signer="ThS. Nguyễn Văn An")),
    ("noi-nhan", dict(recipients_label=("Nơi nhận:", True, False, 12))),
    ("noi-nhan", dict(recipients_label=("Nơi nhận:", True, True, 14))),
    ("noi-nhan", dict(recipients=("- Như Điều 3", "- Lưu: VT, TĐKT."))),
    ("noi-nhan", dict(recipients=("- Như Điều 3;", "- Chủ tịch UBND tỉnh."))),
    ("noi-nhan", dict(recipients=("Như Điều 3;", "- Lưu: VT, TĐKT."))),
    ("noi-nhan", dict(recipient_size=12)),
    ("end-mark", dict(body=("Điều 1. Tặng Bằng khen cho 05 tập thể.",))),
    ("draft", dict(draft_mark=True)),
    ("money", dict(body=("Điều 1. Mỗi cá nhân được thưởng 2.340.000 VNĐ./.",))),
    ("decision", dict(body=("Điều 1. Tặng Bằng khen./.",), kind="decision-no-qd")),
]


@pytest.mark.parametrize(("rule", "override"), BAD, ids=[f"{r}-{i}" for i, (r, _) in enumerate(BAD)])  # fmt: skip
def test_bad_variant_fails_its_rule(tmp_path, rule, override):
    kind = "decision"
    if override.get("kind") == "decision-no-qd":
        override = {**override, "kind": "other"}  # builder leaves out "QUYẾT ĐỊNH:"
    path = build(tmp_path, **override)
    found = rules(path, kind=kind)
    assert rule in found, messages(path, kind=kind)


def test_bad_variant_reports_the_paragraph_text(tmp_path):
    path = build(tmp_path, tieu_ngu="Độc lập – Tự do – Hạnh phúc")
    [f] = [f for f in fails(path) if f.rule == "tieu-ngu" and "exactly" in f.message]
    assert f.text == "Độc lập – Tự do – Hạnh phúc" and "U+2013" in f.message


# --- drafts -----------------------------------------------------------------------------------


def test_draft_passes_with_mark_and_blanks(tmp_path):
    path = build(
        tmp_path,
        draft_mark=True,
        number="Số:       /QĐ-UBND",
        place_date="Hà Nội, ngày      tháng      năm 2026",
    )
    assert fails(path, draft=True) == [], messages(path, draft=True)


def test_draft_without_mark_or_with_number_fails(tmp_path):
    path = build(tmp_path)  # numbered and dated, no DỰ THẢO
    found = [f.message for f in fails(path, draft=True)]
    assert any("DỰ THẢO" in m for m in found)
    assert any("number blank" in m for m in found)
    assert any("day and month blank" in m for m in found)


def test_final_with_blank_number_fails(tmp_path):
    path = build(tmp_path, number="Số:       /QĐ-UBND")
    assert "so" in rules(path)


# --- council minutes (§8.5) -------------------------------------------------------------------

MINUTES = dict(
    kind="minutes",
    number="Số: 03/BB-HĐTĐKT",
    place_date="",
    title="BIÊN BẢN",
    subtitle="Họp Hội đồng Thi đua - Khen thưởng tỉnh xét khen thưởng năm 2025",
    basis=(),
    body=(
        "Thời gian bắt đầu: 08 giờ 00, ngày 05 tháng 3 năm 2026.",
        "Tổng số thành viên Hội đồng: 14; có mặt 13; vắng 01 (công tác, có phiếu bằng văn bản).",
        "Cuộc họp kết thúc vào 11 giờ 00, ngày 05 tháng 3 năm 2026./.",
    ),
    recipients=("- Lưu: VT, Hồ sơ.",),
    minutes={
        "signatures": [
            (("THƯ KÝ",), "Lê Thị Cúc"),
            (("CHỦ TỌA", "PHÓ CHỦ TỊCH HỘI ĐỒNG"), "Trần Văn Dũng"),
        ]
    },  # fmt: skip
    data_table=True,
    data_cells=[
        ["Đối tượng", "Số phiếu đồng ý", "Tỷ lệ %"],
        ["Nguyễn Văn Em", "13", "92,86 %"],
        ["Phạm Thị Gấm", "12", "85,71 %"],
    ],  # fmt: skip
)


def test_good_minutes_pass(tmp_path):
    path = build(tmp_path, **MINUTES)
    kind, _ = nd30.check_file(path)
    assert kind == "minutes"
    assert fails(path) == [], messages(path)


@pytest.mark.parametrize(
    ("override", "needle"),
    [
        (dict(place_date="Hà Nội, ngày 05 tháng 3 năm 2026"), "no place-date"),
        (dict(number="Số: 03/QĐ-HĐTĐKT"), "/BB-"),
        (
            dict(
                minutes={
                    "signatures": [
                        (("THƯ KÝ",), "Lê Thị Cúc"),
                        (("CHỦ TỊCH HỘI ĐỒNG",), "Trần Văn Dũng"),
                    ]
                }
            ),
            "CHỦ TỌA",
        ),  # fmt: skip
        (
            dict(
                minutes={
                    "signatures": [(("CHỦ TỌA",), "Trần Văn Dũng"), (("THƯ KÝ",), "Lê Thị Cúc")]
                }
            ),
            "left",
        ),  # fmt: skip
        (dict(body=("Tổng số thành viên Hội đồng: 14.", "Kết thúc./.")), "Cuộc họp kết thúc"),
        (
            dict(
                data_cells=[
                    ["Đối tượng", "Số phiếu đồng ý", "Tỷ lệ %"],
                    ["A", "13", "100,00 %"],
                    ["B", "12", "85,71 %"],
                ]
            ),
            "of all members",
        ),  # fmt: skip
        (
            dict(
                data_cells=[
                    ["Đối tượng", "Số phiếu đồng ý", "Tỷ lệ %"],
                    ["A", "13", "92.86 %"],
                    ["B", "12", "85,71 %"],
                ]
            ),
            "decimal comma",
        ),  # fmt: skip
    ],
)
def test_bad_minutes_fail(tmp_path, override, needle):
    path = build(tmp_path, **{**MINUTES, **override})
    assert needle in messages(path, kind="minutes")


def test_unconfirmed_rules_are_warnings(tmp_path):
    path = build(tmp_path, data_table=True, table_header_row=False, table_cant_split=False)
    found = [f for f in findings(path) if f.rule == "table"]
    assert found and all(f.warning for f in found)
    assert fails(path) == [], messages(path)


# --- kinds other than the decision ------------------------------------------------------------


def warning_rules(path, **kw):
    return {f.rule for f in findings(path, **kw) if f.warning}


def test_type_code_follows_the_title(tmp_path):
    good = build(tmp_path, "ttr.docx", kind="other", title="TỜ TRÌNH", number="Số: 05/TTr-SNV")
    assert "so" not in rules(good, kind="report"), messages(good, kind="report")
    bad = build(tmp_path, "ttr-bc.docx", kind="other", title="TỜ TRÌNH", number="Số: 05/BC-SNV")
    assert "so" in rules(bad, kind="report")


def test_prose_starting_with_can_cu_is_not_a_basis_line(tmp_path):
    path = build(tmp_path, extra_body=("Căn cứ kết quả bình xét, Sở Nội vụ đề nghị như sau:",))
    assert "can-cu" not in rules(path), messages(path)


def test_covenant_code_outside_the_pattern_is_a_warning(tmp_path):
    path = build(
        tmp_path,
        kind="other",
        title="GIAO ƯỚC THI ĐUA",
        subtitle="Khối thi đua số 9 năm 2026",
        number="Số: 01/GƯ-KTĐ9",
    )
    kind, _ = nd30.check_file(path)
    assert kind == "covenant"
    assert "so" not in rules(path), messages(path)
    assert {"so", "covenant"} <= warning_rules(path)


def test_letter_needs_kinh_gui(tmp_path):
    common = dict(kind="other", title="", subtitle="", basis=(), number="Số: 12/UBND-VX")
    bad = build(tmp_path, "no-kg.docx", **common)
    assert nd30.check_file(bad)[0] == "letter"
    assert "letter" in rules(bad)
    good = build(tmp_path, "kg.docx", extra_body=("Kính gửi: Sở Nội vụ.",), **common)
    assert fails(good) == [], messages(good)


def test_review_sections_are_warnings(tmp_path):
    path = build(
        tmp_path,
        kind="other",
        title="BÁO CÁO",
        subtitle="Tổng kết công tác thi đua năm 2025",
        number="Số: 05/BC-UBND",
    )
    assert nd30.check_file(path)[0] == "review"
    assert fails(path) == [], messages(path)
    assert "review" in warning_rules(path)


def test_unreadable_file_fails(tmp_path):
    missing = str(tmp_path / "missing.docx")
    assert [f.rule for f in fails(missing)] == ["file"]
    assert nd30.main([missing]) == 1
