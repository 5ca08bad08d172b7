"""Fixtures for the registration tests (imported explicitly by those modules).

People of Sở Giáo dục và Đào tạo (a member of Khối 9, 2024):
- Nguyễn Thị Hoa: CSTĐCS 2022 and 2023 and a city-level initiative in 2023, so with 2024 going
  well she completes the three-year run for CSTĐ cấp tỉnh (Luật Điều 22);
- Trần Văn Nam: nothing recorded (no CSTĐCS run);
- Lê Minh Tú: in a school under the Sở (the subtree is in scope).
Đỗ Thị Lan works at Sở Y tế, another member.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.emulation.fixtures_movements import *  # noqa: F403 (fast hashers, movement)
from tests.factories import HonourFactory, InitiativeFactory, PersonFactory, UnitFactory
from vinhdanh.catalogue.models import Honour
from vinhdanh.orgs.enums import UnitLevel


class Honours:
    def __getattr__(self, code):
        return Honour.objects.get(code=code.upper())


@pytest.fixture
def honours(db):
    return Honours()


@pytest.fixture
def staff(khoi9):
    school = UnitFactory(
        code="HN.SGDDT.THPT1", name="Trường THPT Chu Văn An", abbreviation="CVA",
        level=UnitLevel.GRASSROOTS, parent=khoi9.sgd,
    )  # fmt: skip
    hoa = PersonFactory(full_name="Nguyễn Thị Hoa", unit=khoi9.sgd, gender="female")
    for year in (2022, 2023):
        HonourFactory(person=hoa, honour_id="CSTDCS", achievement_year=year)
    InitiativeFactory(person=hoa, scope_id="TINH", year=2023)
    nam = PersonFactory(full_name="Trần Văn Nam", unit=khoi9.sgd, gender="male")
    tu = PersonFactory(full_name="Lê Minh Tú", unit=school, gender="male")
    lan = PersonFactory(full_name="Đỗ Thị Lan", unit=khoi9.syt, gender="female")
    return type("Staff", (), {"hoa": hoa, "nam": nam, "tu": tu, "lan": lan, "school": school})


def xlsx(rows, headers=("Số CCCD", "Họ và tên", "Danh hiệu")) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "dang-ky.xlsx"
    return out
