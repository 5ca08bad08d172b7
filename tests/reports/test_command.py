"""manage.py statistics_report for schedulers."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_writes_the_form(stats_data, tmp_path):
    out = tmp_path / "f.xlsx"
    call_command("statistics_report", form="0602", year="2025", unit="HN", out=str(out))
    ws = load_workbook(out).active
    assert ws["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "Năm 2025" in values


@pytest.mark.parametrize(
    ("opts", "message"),
    [
        ({"form": "0609", "year": "2025", "unit": "HN"}, "Không có biểu 0609"),
        ({"form": "0602", "year": "2025", "unit": "XX"}, "Không có đơn vị mã “XX”"),
        ({"form": "0602", "year": "hai", "unit": "HN"}, "Năm báo cáo “hai” không hợp lệ"),
        ({"form": "0602", "year": "1990", "unit": "HN"}, "Năm báo cáo 1990 không hợp lệ"),
        ({"form": "0602", "year": "2021", "unit": "HN"}, "Chưa có mẫu biểu 0602 cho năm 2021"),
    ],
)
def test_refuses_unknown_form_unit_year(opts, message, tree, tmp_path):
    out = tmp_path / "f.xlsx"
    with pytest.raises(CommandError, match=message):
        call_command("statistics_report", out=str(out), **opts)
    assert not out.exists()


def test_exit_code_is_non_zero(tree, tmp_path, capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exc:
        ManagementUtility(
            [
                "manage.py",
                "statistics_report",
                "--form",
                "0609",
                "--year",
                "2025",
                "--unit",
                "HN",
                "--out",
                str(tmp_path / "f.xlsx"),
            ]  # fmt: skip
        ).execute()
    assert exc.value.code == 1
    assert "Không có biểu 0609" in capsys.readouterr().err
