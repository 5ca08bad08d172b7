"""PDF: HTML+CSS through WeasyPrint, and .docx through LibreOffice when it is installed.

WeasyPrint never fetches from the network: the url fetcher answers only data: URIs and files
under the app's own static folders; anything else is refused. Fonts come from fontconfig
(Liberation Serif — metric-compatible with Times New Roman — then DejaVu Serif), both with
Vietnamese glyphs (Debian: fonts-liberation, fonts-dejavu-core).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string

SOFFICE_TIMEOUT = 120


class DocumentError(Exception):
    """A document could not be produced (converter missing, timed out, failed)."""


def _fetcher():
    """A URL fetcher that only reads data: URIs and this app's own files (no network)."""
    from weasyprint.urls import URLFetcher

    here = str(Path(__file__).parent.resolve())

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = str(Path(url[len("file://") :].split("?")[0]).resolve())
                if not path.startswith(here):
                    raise ValueError(f"Không đọc tệp ngoài thư mục mẫu khi tạo PDF: {url[:80]}")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols={"data", "file"})


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=html, url_fetcher=_fetcher(), base_url=str(Path(__file__).parent)
    ).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (extending documents/base_pdf.html for the A4 page and fonts) to PDF."""
    return html_to_pdf(render_to_string(template_name, context))


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = SOFFICE_TIMEOUT) -> bytes:
    """Convert .docx bytes to PDF with ``soffice --headless``, in a private temp dir and profile
    (so parallel conversions don't share a LibreOffice profile)."""
    binary = soffice_path()
    if binary is None:
        raise DocumentError(
            "Máy chủ chưa cài LibreOffice (gói libreoffice-writer-nogui) nên chưa chuyển được sang PDF."
        )
    with tempfile.TemporaryDirectory(prefix="vd-soffice-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(data)
        cmd = [
            binary,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            # The command is fixed; only our own temp paths are passed.
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False, cwd=tmp)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise DocumentError("Chuyển văn bản sang PDF quá thời gian cho phép.") from exc
        out = Path(tmp) / "document.pdf"
        if not out.exists():
            raise DocumentError("LibreOffice không chuyển được văn bản sang PDF.")
        return out.read_bytes()
