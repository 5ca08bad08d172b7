"""Uploads and generated files: content checks, checksum, storage, permission-checked download.

Only PDF, Word (.docx), Excel (.xlsx) and images (PNG, JPEG) are accepted, and the content is
checked, never trusted from the name or the declared type:

- the size against the kind's cap (``UPLOAD_MAX_BYTES_BY_KIND``) before anything is read;
- Word/Excel: a zip container whose entry count and expansion ratio are checked from the
  central directory before any entry is read (a zip bomb is refused unread), with the parts the
  format requires and no macros (``vbaProject.bin``, a macro-enabled content type: a .docm or
  .xlsm renamed .docx/.xlsx is refused);
- PDF: parsed by pypdf (an HTML page that starts with "%PDF" does not parse), with no
  JavaScript or launch action anywhere in its object tree;
- images: decoded by Pillow, within a pixel budget.

The original file name is normalised (``safe_filename``): no directory parts, no markup or
control characters, Vietnamese letters kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.http import FileResponse

from .models import StoredFile

MAX_UPLOAD_BYTES = getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}

# Zip containers (.docx, .xlsx): read from the central directory before any entry is opened.
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_RATIO = 200  # uncompressed / compressed, for the whole archive and for each large entry
ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024
_ZIP_RATIO_FLOOR = 1024 * 1024  # small entries may compress very well (styles, empty sheets)
# PDF: objects walked looking for scripts; a larger tree is refused rather than half-checked.
PDF_MAX_OBJECTS = 200_000
IMAGE_MAX_PIXELS = 50_000_000

_MACRO_MARKERS = (b"macroenabled", b"vbaproject", b"vnd.ms-office.vba")
_PDF_SCRIPT_KEYS = {"/JS", "/JavaScript", "/Launch"}


class FileRejected(Exception):
    pass


def kind_limit(ext: str) -> int:
    """The size cap for a kind of file (settings.UPLOAD_MAX_BYTES_BY_KIND, else the global cap)."""
    caps = getattr(settings, "UPLOAD_MAX_BYTES_BY_KIND", {}) or {}
    default = getattr(settings, "UPLOAD_MAX_BYTES", MAX_UPLOAD_BYTES)
    return int(caps.get(ext.lstrip(".").lower(), default))


# --- file names ------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_KEEP_PUNCT = set(" -_.,()[]+")
_SPACES = re.compile(r"\s+")


def safe_filename(name: str, *, default: str = "tep") -> str:
    """The name to show and to send back: last path part only, no markup, letters kept.

    "<script>a</script>../../x.pdf" → "x.pdf"; "Báo cáo thành tích.pdf" stays as it is (NFC).
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = _TAG.sub("", name)
    kept = []
    for ch in name:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or ch in _KEEP_PUNCT:
            kept.append(ch)
        elif cat[0] == "Z":
            kept.append(" ")
    name = _SPACES.sub(" ", "".join(kept))
    name = re.sub(r"\.{2,}", ".", name).strip(" ")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = ext.strip(" .-")[:10]
    stem = stem.strip(" .-") or default
    room = 255 - (len(ext) + 1 if ext else 0)
    return f"{stem[:room].rstrip()}.{ext}" if ext else stem[:room]


# --- content checks --------------------------------------------------------------------------


def check_zip_archive(fileobj, name: str, what: str = "tệp Office") -> zipfile.ZipFile:
    """Open a zip container after checking its central directory; refuse a bomb unread.

    Entry count, total declared size, the whole archive's ratio and each large entry's ratio
    are checked before any entry is decompressed. Returns the open ZipFile (the caller closes).
    """
    fileobj.seek(0)
    try:
        zf = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRejected(f"Nội dung tệp “{name}” không phải {what} hợp lệ.") from exc
    infos = zf.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        zf.close()
        raise FileRejected(
            f"Tệp “{name}” chứa quá nhiều thành phần ({len(infos)}; tối đa {ZIP_MAX_ENTRIES})."
        )
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    bomb = total > ZIP_MAX_UNCOMPRESSED or (
        total > _ZIP_RATIO_FLOOR and total > ZIP_MAX_RATIO * max(packed, 1)
    )
    bomb = bomb or any(
        i.file_size > _ZIP_RATIO_FLOOR and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1)
        for i in infos
    )
    if bomb:
        zf.close()
        raise FileRejected(
            f"Tệp “{name}” bung ra quá lớn so với kích thước nén (nghi là “bom nén”), "
            "hệ thống không mở tệp này."
        )
    if any(i.flag_bits & 0x1 for i in infos):
        zf.close()
        raise FileRejected(f"Tệp “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.")
    return zf


def refuse_zip_bomb(fileobj, name: str) -> None:
    """For readers with their own "not a workbook" message: refuse a zip bomb (entry count,
    ratio, declared size) or an encrypted archive before the reader opens it; anything that is
    not a zip at all is left to the reader. The file position is reset."""
    try:
        fileobj.seek(0)
        if not zipfile.is_zipfile(fileobj):
            return
        check_zip_archive(fileobj, name).close()
    finally:
        fileobj.seek(0)


def _read_capped(zf: zipfile.ZipFile, member: str, cap: int = 2 * 1024 * 1024) -> bytes:
    with zf.open(member) as fh:
        return fh.read(cap)


def _check_ooxml(fileobj, name: str, ext: str) -> None:
    fileobj.seek(0)
    if not fileobj.read(4).startswith(b"PK\x03\x04"):
        raise FileRejected(f"Nội dung tệp “{name}” không phải {ext.lstrip('.').upper()} hợp lệ.")
    with check_zip_archive(fileobj, name, ext.lstrip(".").upper()) as zf:
        names = {n.lower(): n for n in zf.namelist()}
        marker = "word/document.xml" if ext == ".docx" else "xl/workbook.xml"
        if "[content_types].xml" not in names or marker not in names:
            raise FileRejected(
                f"Nội dung tệp “{name}” không phải {ext.lstrip('.').upper()} hợp lệ."
            )
        types = _read_capped(zf, names["[content_types].xml"]).lower()
        has_macro = any(n.rsplit("/", 1)[-1].startswith("vbaproject") for n in names) or any(
            m in types for m in _MACRO_MARKERS
        )
        if has_macro:
            real = ".docm" if ext == ".docx" else ".xlsm"
            raise FileRejected(
                f"Tệp “{name}” chứa macro (nội dung là tệp {real}); hệ thống không nhận tệp "
                f"có macro. Hãy lưu lại dưới dạng {ext} thường rồi tải lên."
            )


def _pdf_has_script(reader) -> bool:
    """Walk the whole object tree from the trailer: any /JS, /JavaScript or /Launch is a script."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    walked = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        walked += 1
        if walked > PDF_MAX_OBJECTS:
            return True
        if isinstance(obj, DictionaryObject):
            for k, v in obj.items():
                if k in _PDF_SCRIPT_KEYS:
                    return True
                if k == "/S" and isinstance(v, NameObject) and v in _PDF_SCRIPT_KEYS:
                    return True
                if k in {"/Parent", "/P"}:
                    continue
                stack.append(v)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _check_pdf(fileobj, name: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    fileobj.seek(0)
    if not fileobj.read(5).startswith(b"%PDF-"):
        raise FileRejected(f"Nội dung tệp “{name}” không phải PDF hợp lệ.")
    fileobj.seek(0)
    try:
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted:
            raise FileRejected(f"Tệp “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.")
        pages = len(reader.pages)
        scripted = _pdf_has_script(reader)
    except FileRejected:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        OSError,
    ) as exc:
        raise FileRejected(
            f"Nội dung tệp “{name}” không phải PDF hợp lệ (không đọc được)."
        ) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on a forged file
        raise FileRejected(
            f"Nội dung tệp “{name}” không phải PDF hợp lệ (không đọc được)."
        ) from exc
    if pages < 1:
        raise FileRejected(f"Tệp PDF “{name}” không có trang nào.")
    if scripted:
        raise FileRejected(
            f"Tệp PDF “{name}” chứa mã JavaScript hoặc lệnh tự chạy; hệ thống không nhận tệp này. "
            "Hãy in lại ra PDF thường (Print to PDF) rồi tải lên."
        )


def _check_image(fileobj, name: str, ext: str) -> None:
    from PIL import Image

    fileobj.seek(0)
    head = fileobj.read(8)
    expected = "PNG" if ext == ".png" else "JPEG"
    magic_ok = (
        head.startswith(b"\x89PNG\r\n\x1a\n") if ext == ".png" else head.startswith(b"\xff\xd8\xff")
    )
    if not magic_ok:
        raise FileRejected(f"Nội dung tệp “{name}” không phải {ext.lstrip('.').upper()} hợp lệ.")
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as img:
            if img.format != expected:
                raise FileRejected(
                    f"Nội dung tệp “{name}” không phải {ext.lstrip('.').upper()} hợp lệ."
                )
            width, height = img.size
            if width * height > IMAGE_MAX_PIXELS:
                raise FileRejected(f"Ảnh “{name}” quá lớn ({width}×{height} điểm ảnh).")
            img.load()
    except FileRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on a broken image
        raise FileRejected(
            f"Nội dung tệp “{name}” không phải ảnh hợp lệ (không giải mã được)."
        ) from exc


def _sniff(ext: str, name: str, fileobj) -> None:
    if ext == ".pdf":
        _check_pdf(fileobj, name)
    elif ext in {".png", ".jpg", ".jpeg"}:
        _check_image(fileobj, name, ext)
    elif ext in {".docx", ".xlsx"}:
        _check_ooxml(fileobj, name, ext)
    else:  # pragma: no cover - ALLOWED and this list move together
        raise FileRejected(f"Tệp “{name}” không đúng loại cho phép.")


def check_upload(upload, *, allowed: set[str] | None = None, max_bytes: int | None = None) -> str:
    """Raise FileRejected with a Vietnamese message, or return the canonical content type."""
    name = safe_filename(upload.name or "")
    ext = PurePath(name).suffix.lower()
    allowed_exts = allowed or set(ALLOWED)
    if ext not in allowed_exts:
        kinds = ", ".join(sorted(e.lstrip(".").upper() for e in allowed_exts))
        raise FileRejected(f"Tệp “{name}” không đúng loại cho phép ({kinds}).")
    limit = max_bytes or kind_limit(ext)
    if upload.size is not None and upload.size > limit:
        raise FileRejected(
            f"Tệp “{name}” vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB)."
        )
    if upload.size == 0:
        raise FileRejected(f"Tệp “{name}” rỗng.")
    try:
        _sniff(ext, name, upload)
    finally:
        upload.seek(0)
    return ALLOWED[ext]


def store_upload(
    upload, *, user=None, allowed: set[str] | None = None, max_bytes: int | None = None
) -> StoredFile:
    content_type = check_upload(upload, allowed=allowed, max_bytes=max_bytes)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = safe_filename(upload.name)
    stored = StoredFile(
        original_name=name[:255],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    stored.file.save(
        f"{digest.hexdigest()[:16]}{PurePath(name).suffix.lower()}", File(upload), save=False
    )
    stored.save()
    return stored


def store_generated(data: bytes, name: str, *, user=None) -> StoredFile:
    """Keep a file the system produced (a .docx drafted from data, a PDF)."""
    ext = PurePath(name).suffix.lower()
    stored = StoredFile(
        original_name=name[:255],
        content_type=ALLOWED.get(ext, "application/octet-stream"),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        generated=True,
    )
    stored.file.save(f"{stored.sha256[:16]}{ext}", ContentFile(data), save=False)
    stored.save()
    return stored


def file_response(stored: StoredFile, *, inline: bool = False) -> FileResponse:
    """Serve a stored file. Callers check the user's right to the owning object first."""
    handle = stored.file.open("rb")
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=safe_filename(stored.original_name),
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def bytes_upload(data: bytes, name: str):
    """An in-memory upload (tests and generated re-uploads)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        name,
        data,
        content_type=ALLOWED.get(PurePath(name).suffix.lower(), "application/octet-stream"),
    )


__all__ = [
    "FileRejected",
    "bytes_upload",
    "check_upload",
    "check_zip_archive",
    "kind_limit",
    "refuse_zip_bomb",
    "safe_filename",
    "file_response",
    "store_generated",
    "store_upload",
]
