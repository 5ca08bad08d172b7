import io
import zipfile

import pytest

from vinhdanh.core.files import FileRejected, bytes_upload, check_upload, store_upload


def _docx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "không đúng loại"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "không phải PDF"),
        ("fake.docx", b"PK\x03\x04not-a-zip", "không phải DOCX"),
        ("empty.png", b"", "rỗng"),
    ],
)
def test_check_upload_refuses_bad_files(name, data, message):
    with pytest.raises(FileRejected, match=message):
        check_upload(bytes_upload(data, name))


def test_check_upload_refuses_oversized():
    with pytest.raises(FileRejected, match="vượt quá"):
        check_upload(bytes_upload(b"%PDF-1.4" + b"0" * 2000, "big.pdf"), max_bytes=1000)


@pytest.mark.django_db
def test_store_upload_keeps_checksum_and_content(settings, tmp_path, personas):
    settings.MEDIA_ROOT = tmp_path
    data = _docx_bytes()
    stored = store_upload(bytes_upload(data, "Bien ban.docx"), user=personas.admin)
    import hashlib

    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.original_name == "Bien ban.docx" and stored.size == len(data)
    with stored.file.open("rb") as fh:
        assert fh.read() == data
    assert str(tmp_path) in stored.file.path
