"""Write a statutory form as .xlsx for schedulers:

    manage.py statistics_report --form 0602 --year 2025 --unit HN --out f.xlsx

Exits non-zero with a Vietnamese message on an unknown form, unit or year.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vinhdanh.reports.crosschecks import cross_form_checks
from vinhdanh.reports.engine import run_checks
from vinhdanh.reports.selectors import ReportError, report_for, unit_by_code
from vinhdanh.reports.xlsx import write_report


class Command(BaseCommand):
    help = "Xuất biểu thống kê thi đua, khen thưởng (0601–0605.N/BNV-TĐKT) ra tệp .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("--form", required=True, help="Số biểu: 0601, 0602, 0603, 0604, 0605")
        parser.add_argument("--year", required=True, help="Năm báo cáo, ví dụ 2025")
        parser.add_argument("--unit", required=True, help="Mã đơn vị báo cáo, ví dụ HN")
        parser.add_argument("--out", required=True, help="Đường dẫn tệp .xlsx")
        parser.add_argument("--signer", default="", help="Họ tên thủ trưởng đơn vị")
        parser.add_argument("--preparer", default="", help="Họ tên người lập biểu")

    def handle(self, *args, **opts):
        year_text = str(opts["year"]).strip()
        if not year_text.isdigit():
            raise CommandError(
                f"Năm báo cáo “{year_text}” không hợp lệ: ghi năm bằng số, ví dụ 2025."
            )
        try:
            unit = unit_by_code(opts["unit"])
            report = report_for(unit, opts["form"], int(year_text))
        except ReportError as exc:
            raise CommandError(str(exc)) from exc
        write_report(opts["out"], report, signer=opts["signer"], preparer=opts["preparer"])
        for c in run_checks(report):
            if not c.ok:
                self.stderr.write(f"Cảnh báo: chưa khớp – {c.check.label}")
        for c in cross_form_checks(report):
            if not c.ok:
                self.stderr.write(f"Cảnh báo: chưa khớp – {c.label} {c.detail}")
        self.stdout.write(
            f"Đã ghi biểu {report.form.number} của {unit.name}, năm {report.period.year}: "
            f"{opts['out']}"
        )
