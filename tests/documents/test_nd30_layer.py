"""The documents layer's output passes the independent Nghị định 30 checker (checks/nd30).

The checker is loaded by path (tests/documents/nd30check_loader.py) and never imports the project: these
tests catch a layout regression in documents.docx that the layer's own tests would share.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands

from tests.documents.nd30check_loader import CHECKER, assert_nd30, nd30_findings
from vinhdanh.documents.docx import (
    Annex,
    Header,
    Heading,
    LegalBasis,
    Para,
    Signature,
    SigningMode,
    Table,
    docx_text,
    kem_theo_line,
    official_document,
    signature_lines,
)


def _decision(*, draft: bool = False) -> bytes:
    return official_document(
        Header(
            issuer="Ủy ban nhân dân tỉnh Thừa Thiên Huế",
            number="05/QĐ-UBND",
            place="Huế",
            date=dt.date(2026, 2, 28),
            symbol="QĐ-UBND",
            draft=draft,
        ),
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        [
            Para("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ", bold=True, align="center"),
            LegalBasis(
                [
                    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
                    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                    "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 20 tháng 02 năm 2026",
                ]
            ),  # fmt: skip
            Para("QUYẾT ĐỊNH:", bold=True, align="center"),
            Para(
                "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 02 cá nhân"
                " (có danh sách kèm theo).",
                lead="Điều 1.",
            ),
            Para("Quyết định này có hiệu lực kể từ ngày ký.", lead="Điều 2."),
        ],
        Signature(
            lines=signature_lines(SigningMode.KT, "Phó Chủ tịch", "Chủ tịch"),
            name="Nguyễn Văn Phương",
        ),
        ["Như Điều 2", "Lưu: VT, NC"],
        doc_type="QUYẾT ĐỊNH",
        annexes=[
            Annex(
                "Danh sách tập thể, cá nhân được tặng Bằng khen",
                kem_theo_line(
                    "Quyết định",
                    "05/QĐ-UBND",
                    dt.date(2026, 2, 28),
                    "Chủ tịch Ủy ban nhân dân tỉnh",
                ),  # fmt: skip
                [
                    Heading("I. TẬP THỂ"),
                    Table(["STT", "Tên tập thể"], [["1", "Phòng Tổ chức, Sở Nội vụ"]], [20, 135]),
                    Heading("II. CÁ NHÂN"),
                    "1. Ông Trần Văn Bình, Trưởng phòng, Sở Nội vụ;",
                    "2. Bà Lê Thị Cúc, Chuyên viên, Sở Y tế.",
                ],
            )
        ],
    )


def test_the_checker_never_imports_the_project():
    tree = ast.parse(CHECKER.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not [n for n in names if n.startswith("vinhdanh")], names


def test_layer_decision_with_annex_passes():
    data = _decision()
    assert_nd30(data, "decision")


def test_layer_draft_passes_as_draft_and_fails_as_final():
    data = _decision(draft=True)
    assert_nd30(data, "decision", draft=True)
    _, fails, _ = nd30_findings(data, "decision")
    assert {"draft", "so"} <= {f.rule for f in fails}  # DỰ THẢO and a blank number in a final


def test_layer_refuses_nothing_the_checker_would_catch_a_bad_signer():
    # a caller giving the 7a lines by hand can still write "KT. PHÓ …": the checker says so
    data = official_document(
        Header(issuer="Sở Nội vụ", number="07/BC-SNV", place="Huế", date=dt.date(2026, 3, 5)),
        "Kết quả công tác thi đua năm 2025",
        ["Nội dung báo cáo."],
        Signature(lines=["KT. PHÓ GIÁM ĐỐC"], name="Lê Văn Dũng"),
        ["Lưu: VT, TĐKT"],
        doc_type="BÁO CÁO",
    )
    _, fails, _ = nd30_findings(data, "report")
    assert [f.rule for f in fails] == ["signature"]


# Exports that are lists, not văn bản: no number, signature or Nơi nhận by design.
NOT_A_DOCUMENT = {"candidate-list.docx"}


@pytest.mark.skipif("document_samples" not in get_commands(), reason="no document_samples command")
@pytest.mark.django_db
def test_document_samples_pass(tmp_path, settings):
    """Every paper of ``manage.py document_samples`` (demo data) passes; drafts as drafts."""
    settings.PUBLIC_BASE_URL = "https://tdkt.example.gov.vn"  # the certificate's QR code
    call_command("demo_data", stdout=io.StringIO())
    call_command("document_samples", str(tmp_path), "--no-pdf", stdout=io.StringIO())
    files = sorted(f for f in Path(tmp_path).rglob("*.docx") if f.name not in NOT_A_DOCUMENT)
    names = {f.name for f in files}
    assert {"council-minutes.docx", "meeting-minutes.docx", "covenant.docx", "period-review.docx"} <= names  # fmt: skip
    for f in files:
        data = f.read_bytes()
        draft = "DỰ THẢO" in docx_text(data)
        kind, fails, _ = nd30_findings(data, "auto", draft=draft)
        report = "\n".join(x.render() for x in fails)
        assert not fails, f"{f.name} ({kind}{', draft' if draft else ''}):\n{report}"


def test_long_trich_yeu_is_broken_into_balanced_lines_no_orphan_word():
    from docx import Document

    from vinhdanh.documents.docx import balanced_lines, title_line_capacity

    title = "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội"
    lines = balanced_lines(title, title_line_capacity())
    assert lines == ["Về việc tặng Bằng khen của Chủ tịch", "Ủy ban nhân dân thành phố Hà Nội"]
    # A short one stays on one line; every line fits, words are kept whole and in order.
    assert balanced_lines("Về việc tặng Giấy khen", 58) == ["Về việc tặng Giấy khen"]
    long = (
        "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch "
        "Ủy ban nhân dân tỉnh Hà Tĩnh năm 2025 cho các tập thể và cá nhân"
    )
    parts = balanced_lines(long, 58)
    assert len(parts) == 3 and " ".join(parts) == long
    assert max(map(len, parts)) - min(map(len, parts)) < 12

    data = official_document(
        Header(
            issuer="Ủy ban nhân dân thành phố Hà Nội",
            number="01/QĐ-UBND",
            place="Hà Nội",
            date=dt.date(2026, 12, 5),
            symbol="QĐ-UBND",
        ),  # fmt: skip
        title,
        [
            Para("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", bold=True, align="center"),
            Para("QUYẾT ĐỊNH:", bold=True, align="center"),
            Para("Tặng Bằng khen cho 01 tập thể.", lead="Điều 1."),
        ],
        Signature(position="Chủ tịch", name="Trần Sỹ Thanh"),
        ["Như Điều 1", "Lưu: VT"],
        doc_type="QUYẾT ĐỊNH",
    )
    assert_nd30(data, "decision")
    body = Document(io.BytesIO(data))
    heading = next(p for p in body.paragraphs if p.text.startswith("Về việc"))
    assert heading.text == "\n".join(lines)
    assert len(heading._element.findall(".//" + qn_w("br"))) == 1


def qn_w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")
