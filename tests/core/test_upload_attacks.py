"""Every upload attack of issue 11 §4, one test each: the content is checked, not the name."""

import io
import zipfile

import pytest
from django.test import override_settings
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tests.files import PDF, docx_bytes
from vinhdanh.core import files
from vinhdanh.core.files import (
    FileRejected,
    bytes_upload,
    check_upload,
    safe_filename,
    store_upload,
)
from vinhdanh.core.models import StoredFile

DOCM_TYPES = (
    '<Types><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


def _pdf_with(action: DictionaryObject) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer._root_object[NameObject("/OpenAction")] = action
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _png(size=(4, 4)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "red").save(buf, "PNG")
    return buf.getvalue()


def test_valid_files_pass():
    assert check_upload(bytes_upload(PDF, "a.pdf")) == "application/pdf"
    assert check_upload(bytes_upload(docx_bytes(), "a.docx")).endswith("document")
    assert check_upload(bytes_upload(_png(), "a.png")) == "image/png"


def test_docm_renamed_docx_with_vba_project_is_refused():
    data = docx_bytes({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    with pytest.raises(FileRejected, match=r"chứa macro \(nội dung là tệp \.docm\)"):
        check_upload(bytes_upload(data, "bao-cao.docx"))


def test_macro_enabled_content_type_is_refused_even_without_the_binary():
    with pytest.raises(FileRejected, match="chứa macro"):
        check_upload(bytes_upload(docx_bytes(content_types=DOCM_TYPES), "bao-cao.docx"))


def test_html_page_starting_with_pdf_marker_is_refused():
    data = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>"
    with pytest.raises(FileRejected, match="không phải PDF hợp lệ"):
        check_upload(bytes_upload(data, "to-trinh.pdf"))


def test_pdf_with_javascript_open_action_is_refused():
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    data = _pdf_with(action)
    with pytest.raises(FileRejected, match="chứa mã JavaScript"):
        check_upload(bytes_upload(data, "to-trinh.pdf"))


def test_pdf_with_launch_action_is_refused():
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    with pytest.raises(FileRejected, match="lệnh tự chạy"):
        check_upload(bytes_upload(_pdf_with(action), "to-trinh.pdf"))


def test_zip_bomb_by_ratio_is_refused_before_any_entry_is_read(monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))  # ~50 KB packed: ratio ~1000
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile,
        "open",
        lambda self, name, *a, **k: opened.append(name) or real_open(self, name, *a, **k),
    )
    with pytest.raises(FileRejected, match="bom nén"):
        check_upload(bytes_upload(buf.getvalue(), "bom.docx"))
    assert opened == []


def test_zip_with_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_ENTRIES", 50)
    data = docx_bytes({f"word/media/x{i}.xml": "<a/>" for i in range(60)})
    with pytest.raises(FileRejected, match="quá nhiều thành phần"):
        check_upload(bytes_upload(data, "nhieu.docx"))


def test_zip_bomb_in_an_import_workbook_is_refused():
    from vinhdanh.imports.kinds.base import FileProblem
    from vinhdanh.imports.pipeline import sniff

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (30 * 1024 * 1024))
    with pytest.raises(FileProblem, match="bom nén"):
        sniff(io.BytesIO(buf.getvalue()), "bom.xlsx")


def test_image_that_does_not_decode_is_refused():
    data = _png()[:40] + b"garbage" * 10
    with pytest.raises(FileRejected, match="không giải mã được|không phải"):
        check_upload(bytes_upload(data, "anh.png"))


def test_jpeg_named_png_is_refused():
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "JPEG")
    with pytest.raises(FileRejected, match="không phải PNG"):
        check_upload(bytes_upload(buf.getvalue(), "anh.png"))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<script>a</script>../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ('<img src=x onerror="alert(1)">Tờ trình.pdf', "Tờ trình.pdf"),
        ("Báo cáo thành tích.pdf", "Báo cáo thành tích.pdf"),
        ("Ba\u0301o ca\u0301o.pdf", "Báo cáo.pdf"),  # decomposed accents → NFC
        ("a\x00b\r\n.pdf", "ab.pdf"),
        ("....pdf", "tep.pdf"),
        ("Quyết định  số 12/QĐ-UBND.docx", "QĐ-UBND.docx"),
    ],
)
def test_safe_filename(raw, clean):
    assert safe_filename(raw) == clean


@pytest.mark.django_db
def test_stored_name_has_no_path_or_markup_and_keeps_vietnamese(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = store_upload(bytes_upload(PDF, "<script>a</script>../../x.pdf"))
    good = store_upload(bytes_upload(PDF, "Báo cáo thành tích.pdf"))
    names = dict(StoredFile.objects.values_list("pk", "original_name"))
    assert names == {bad.pk: "x.pdf", good.pk: "Báo cáo thành tích.pdf"}
    assert "/" not in bad.file.name.split("/", 1)[-1] or str(tmp_path) in bad.file.path
    assert str(tmp_path) in bad.file.path


def test_per_kind_cap_applies_before_the_content_is_read(settings, monkeypatch):
    settings.UPLOAD_MAX_BYTES_BY_KIND = {"png": 1000}
    monkeypatch.setattr(files, "_sniff", lambda *a: pytest.fail("content read"))
    with pytest.raises(FileRejected, match=r"vượt quá dung lượng cho phép"):
        check_upload(bytes_upload(_png((200, 200)) + b"\0" * 2000, "anh.png"))


@pytest.mark.django_db
@override_settings(REQUEST_MAX_BYTES=1024 * 1024)
def test_request_body_over_the_cap_is_refused_unread(client, personas):
    client.force_login(personas.admin)
    response = client.generic(
        "POST",
        "/",
        data=b"",
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "quá lớn (tối đa 1 MB)" in response.content.decode()
    api = client.generic("POST", "/api/v1/me", data=b"", CONTENT_LENGTH=str(100 * 1024 * 1024))
    assert api.status_code == 413 and "quá lớn" in api.json()["detail"]
