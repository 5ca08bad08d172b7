"""Import templates open ready to fill: frozen header with a filter, widths, CCCD as text,
example dates as real dates, and drop-down lists of the allowed codes (sexes, yes/no, unit levels,
ratings, honours, initiative kinds and scopes, discipline forms)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def _template(client, login, user, kind):
    login(user)
    return load_workbook(io.BytesIO(client.get(reverse("imports:template", args=[kind])).content))


def _lists(ws) -> dict[str, tuple[str, str]]:
    """first column letter of each validation → (formula, error style)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        first = str(dv.sqref).split(":")[0]
        out["".join(ch for ch in first if ch.isalpha())] = (dv.formula1, dv.errorStyle)
    return out


def _range_values(wb, formula: str) -> list:
    sheet, ref = formula.split("!")
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[ref.replace("$", "")] for c in row]


def test_people_template_lists_sexes_and_yes_no_and_keeps_cccd_as_text(client, login, personas):
    wb = _template(client, login, personas.unit_officer, "people")
    ws = wb["Cá nhân"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:I2"
    lists = _lists(ws)
    assert lists["C"] == ('"Nam,Nữ"', "stop")
    assert lists["G"] == ('"Có,Không"', "stop") and lists["H"] == ('"Có,Không"', "stop")
    assert ws.column_dimensions["A"].number_format == "@" and ws["A2"].number_format == "@"
    assert isinstance(ws["D2"].value, dt.datetime) and ws["D2"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["B"].width >= len("Họ và tên")


def test_register_template_lists_catalogue_codes_from_the_guide(client, login, personas):
    wb = _template(client, login, personas.unit_officer, "register")
    ratings = _lists(wb["Xếp loại"])["C"]
    assert ratings[1] == "warning" and "HTXS" in _range_values(wb, ratings[0])
    honours = _lists(wb["Danh hiệu - Hình thức"])["B"]
    assert {"CSTDCS", "LDTT"} <= set(_range_values(wb, honours[0]))
    initiatives = _lists(wb["Sáng kiến - Đề tài"])
    assert "SANG_KIEN" in _range_values(wb, initiatives["B"][0])
    assert "CO_SO" in _range_values(wb, initiatives["C"][0])
    assert "KHIEN_TRACH" in _range_values(wb, _lists(wb["Kỷ luật"])["B"][0])
    for ws in wb.worksheets[:-1]:
        assert ws.freeze_panes == "A2" and ws["A1"].font.b


def test_units_template_lists_levels(client, login, personas):
    wb = _template(client, login, personas.unit_officer, "units")
    formula, style = _lists(wb["Đơn vị"])["D"]
    assert style == "warning" and "SO_NGANH" in _range_values(wb, formula)
