"""Helpers to build Excel files in tests and to run an import end to end."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from vinhdanh.orgs.validators import make_cccd

PEOPLE_HEADER = [
    "Số CCCD",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Mã đơn vị",
    "Chức vụ",
    "Lãnh đạo",
    "Lao động trực tiếp",
    "Ngày bắt đầu công tác",
]
UNITS_HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Cấp",
    "Mã đơn vị cấp trên",
    "Mã tỉnh",
    "Mã xã/phường",
    "Địa chỉ",
    "Hoạt động từ",
]
REGISTER_HEADERS = {
    "Xếp loại": ["Số CCCD hoặc mã đơn vị", "Năm", "Xếp loại"],
    "Danh hiệu - Hình thức": [
        "Số CCCD hoặc mã đơn vị",
        "Mã danh hiệu/hình thức",
        "Năm thành tích",
        "Số quyết định",
        "Ngày quyết định",
        "Cơ quan quyết định",
        "Người ký",
    ],
    "Sáng kiến - Đề tài": [
        "Số CCCD hoặc mã đơn vị",
        "Loại",
        "Phạm vi",
        "Năm",
        "Tên",
        "Văn bản công nhận",
        "Ngày",
    ],
    "Kỷ luật": ["Số CCCD hoặc mã đơn vị", "Hình thức", "Từ ngày", "Đến ngày", "Quyết định"],
}


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """Workbook bytes: {sheet title: rows (first row = header)}."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "du-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def cccd(n: int, gender: str = "male", year: int = 1985) -> str:
    return make_cccd(1, gender, year, 500000 + n)


def person_row(
    n: int,
    *,
    name: str | None = None,
    unit: str = "HN.SYT",
    gender: str = "male",
    year: int = 1985,
    **over,
) -> list:
    row = {
        "cccd": cccd(n, gender, year),
        "name": name or f"Nguyễn Văn Thử {n}",
        "sex": "Nữ" if gender == "female" else "Nam",
        "birth": dt.date(year, 5, 1 + n % 27),
        "unit": unit,
        "position": "Chuyên viên",
        "leader": "Không",
        "direct": "Không",
        "hired": "01/09/2010",
    }
    row.update(over)
    return list(row.values())


def people_file(rows: list[list]) -> bytes:
    return xlsx({"Cá nhân": [PEOPLE_HEADER, *rows]})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def run_import():
    """``run_import(user, kind, content)`` uploads, checks and (when clean) confirms."""
    from vinhdanh.imports.services import import_confirm, import_upload

    def _run(user, kind, content, *, confirm=True, name="du-lieu.xlsx", identity=False):
        job = import_upload(user, kind=kind, upload=upload(content, name))
        if confirm and job.can_confirm:
            job = import_confirm(user, job, identity_confirmed=identity)
        job.refresh_from_db()
        return job

    return _run
