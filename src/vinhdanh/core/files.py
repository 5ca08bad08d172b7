"""Uploads and generated files: type and size checks, checksum, storage, permission-checked download.

Only PDF, Word (.docx), Excel (.xlsx) and images (PNG, JPEG) are accepted. The extension, the
declared content type and the file's first bytes must agree, so a renamed executable or an
HTML page posing as a PDF is refused.
"""

from __future__ import annotations

import hashlib
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


class FileRejected(Exception):
    pass


def _sniff(ext: str, head: bytes, fileobj) -> bool:
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if ext in {".docx", ".xlsx"}:
        if not head.startswith(b"PK\x03\x04"):
            return False
        fileobj.seek(0)
        try:
            with zipfile.ZipFile(fileobj) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return False
        marker = "word/document.xml" if ext == ".docx" else "xl/workbook.xml"
        return "[Content_Types].xml" in names and marker in names
    return False


def check_upload(upload, *, allowed: set[str] | None = None, max_bytes: int | None = None) -> str:
    """Raise FileRejected with a Vietnamese message, or return the canonical content type."""
    name = PurePath(upload.name or "").name
    ext = PurePath(name).suffix.lower()
    allowed_exts = allowed or set(ALLOWED)
    if ext not in allowed_exts:
        kinds = ", ".join(sorted(e.lstrip(".").upper() for e in allowed_exts))
        raise FileRejected(f"Tệp “{name}” không đúng loại cho phép ({kinds}).")
    limit = max_bytes or MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise FileRejected(
            f"Tệp “{name}” vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB)."
        )
    if upload.size == 0:
        raise FileRejected(f"Tệp “{name}” rỗng.")
    upload.seek(0)
    head = upload.read(16)
    ok = _sniff(ext, head, upload)
    upload.seek(0)
    if not ok:
        raise FileRejected(f"Nội dung tệp “{name}” không phải {ext.lstrip('.').upper()} hợp lệ.")
    return ALLOWED[ext]


def store_upload(
    upload, *, user=None, allowed: set[str] | None = None, max_bytes: int | None = None
) -> StoredFile:
    content_type = check_upload(upload, allowed=allowed, max_bytes=max_bytes)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = PurePath(upload.name).name
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
        filename=stored.original_name,
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
    "file_response",
    "store_generated",
    "store_upload",
]
