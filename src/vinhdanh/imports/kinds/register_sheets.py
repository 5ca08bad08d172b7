"""The four sheets of the register workbook: columns, natural keys and catalogue lookups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from vinhdanh.catalogue.models import (
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    Rating,
)
from vinhdanh.registry.models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord

from . import base
from .base import Column, SheetSpec

SUBJECT = Column(
    "subject",
    "Số CCCD hoặc mã đơn vị",
    base.text(40),
    True,
    "Số CCCD (12 chữ số) của cá nhân, hoặc mã đơn vị của tập thể; trong phạm vi của bạn.",
    "001085012345",
)


@dataclass(frozen=True)
class Book:
    sheet: SheetSpec
    model: type[models.Model]
    key_fields: tuple[str, ...]  # besides the subject
    data_fields: tuple[str, ...]
    catalogue: dict[str, type[models.Model]]  # column key → catalogue model (code or name accepted)
    what: str  # for the duplicate message

    @property
    def fields(self) -> tuple[str, ...]:
        return self.key_fields + self.data_fields


BOOKS = (
    Book(
        SheetSpec(
            "Xếp loại",
            (
                SUBJECT,
                Column("year", "Năm", base.year, True, "Năm được xếp loại.", 2023),
                Column(
                    "rating_id",
                    "Xếp loại",
                    base.text(100),
                    True,
                    "Mã mức xếp loại (xem bảng mã).",
                    "HTXS",
                ),
            ),
            "Kết quả xếp loại hằng năm; mỗi đối tượng một mức mỗi năm.",
        ),
        RatingRecord,
        ("year",),
        ("rating_id",),
        {"rating_id": Rating},
        "cùng đối tượng, cùng năm",
    ),
    Book(
        SheetSpec(
            "Danh hiệu - Hình thức",
            (
                SUBJECT,
                Column(
                    "honour_id",
                    "Mã danh hiệu/hình thức",
                    base.text(200),
                    True,
                    "Mã danh hiệu thi đua hoặc hình thức khen thưởng (xem bảng mã).",
                    "CSTDCS",
                ),
                Column(
                    "achievement_year",
                    "Năm thành tích",
                    base.year,
                    True,
                    "Năm của thành tích được khen.",
                    2023,
                ),
                Column(
                    "decision_number",
                    "Số quyết định",
                    base.text(50),
                    False,
                    "Ví dụ 123/QĐ-UBND.",
                    "123/QĐ-UBND",
                ),
                Column(
                    "decision_date",
                    "Ngày quyết định",
                    base.date(),
                    False,
                    "dd/mm/yyyy.",
                    dt.date(2024, 1, 15),
                ),
                Column(
                    "issuer",
                    "Cơ quan quyết định",
                    base.text(200),
                    False,
                    "Tên cơ quan ra quyết định khen thưởng.",
                    "UBND Thành phố Hà Nội",
                ),
                Column(
                    "signer",
                    "Người ký",
                    base.text(150),
                    False,
                    "Họ tên người ký quyết định.",
                    "Nguyễn Văn B",
                ),
            ),
            "Danh hiệu, hình thức đã được khen; mỗi đối tượng, mỗi mã, mỗi năm thành tích một dòng.",
        ),
        HonourRecord,
        ("honour_id", "achievement_year"),
        ("decision_number", "decision_date", "issuer", "signer"),
        {"honour_id": Honour},
        "cùng đối tượng, cùng mã, cùng năm thành tích",
    ),
    Book(
        SheetSpec(
            "Sáng kiến - Đề tài",
            (
                SUBJECT,
                Column(
                    "kind_id",
                    "Loại",
                    base.text(100),
                    True,
                    "Mã hoặc tên loại (xem bảng mã).",
                    "SANG_KIEN",
                ),
                Column(
                    "scope_id",
                    "Phạm vi",
                    base.text(100),
                    True,
                    "Mã hoặc tên phạm vi ảnh hưởng (xem bảng mã).",
                    "CO_SO",
                ),
                Column("year", "Năm", base.year, True, "Năm công nhận.", 2023),
                Column(
                    "title",
                    "Tên",
                    base.text(255),
                    True,
                    "Tên sáng kiến hoặc đề tài.",
                    "Cải tiến quy trình tiếp nhận hồ sơ",
                ),
                Column(
                    "document",
                    "Văn bản công nhận",
                    base.text(120),
                    False,
                    "Số văn bản công nhận sáng kiến hoặc nghiệm thu đề tài.",
                    "45/QĐ-SYT",
                ),
                Column(
                    "document_date",
                    "Ngày",
                    base.date(),
                    False,
                    "Ngày văn bản công nhận, dd/mm/yyyy.",
                    dt.date(2023, 12, 20),
                ),
            ),
            "Sáng kiến được công nhận, đề tài đã nghiệm thu.",
        ),
        InitiativeRecord,
        ("kind_id", "year", "title"),
        ("scope_id", "document", "document_date"),
        {"kind_id": InitiativeKind, "scope_id": InitiativeScope},
        "cùng đối tượng, cùng loại, cùng năm, cùng tên",
    ),
    Book(
        SheetSpec(
            "Kỷ luật",
            (
                SUBJECT,
                Column(
                    "form_id",
                    "Hình thức",
                    base.text(100),
                    True,
                    "Mã hoặc tên hình thức kỷ luật (xem bảng mã).",
                    "KHIEN_TRACH",
                ),
                Column(
                    "start",
                    "Từ ngày",
                    base.date(),
                    True,
                    "Ngày bắt đầu thi hành, dd/mm/yyyy.",
                    dt.date(2022, 3, 1),
                ),
                Column(
                    "end",
                    "Đến ngày",
                    base.date(allow_future=True),
                    False,
                    "Ngày hết hiệu lực, có thể ở tương lai.",
                    dt.date(2023, 3, 1),
                ),
                Column(
                    "decision",
                    "Quyết định",
                    base.text(120),
                    False,
                    "Số quyết định kỷ luật.",
                    "12/QĐ-SYT",
                ),
            ),
            "Các hình thức kỷ luật đã thi hành.",
        ),
        DisciplineRecord,
        ("form_id", "start"),
        ("end", "decision"),
        {"form_id": DisciplineForm},
        "cùng đối tượng, cùng hình thức, cùng ngày bắt đầu",
    ),
)
SHEETS = tuple(b.sheet for b in BOOKS)
