"""python manage.py eligibility_candidates --year Y [--unit ABBREVIATION_OR_CODE] --out FILE

Writes the candidate list ("danh sách đến hạn") of a unit subtree (every root unit when no
unit is given) as .json or .xlsx, chosen by the file's extension.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from vinhdanh.orgs.models import Unit
from vinhdanh.rules.candidates import CandidateFilter, candidate_rows
from vinhdanh.rules.enums import STATUS_LABELS
from vinhdanh.rules.exports import rows_json, write_candidates_xlsx
from vinhdanh.rules.selectors import catalogue_from_db


def find_unit(ref: str) -> Unit:
    by_code = Unit.objects.filter(code__iexact=ref).first()
    if by_code is not None:
        return by_code
    matches = list(Unit.objects.filter(Q(abbreviation__iexact=ref)).order_by("path"))
    if not matches:
        raise CommandError(f"Không tìm thấy đơn vị có mã hoặc tên viết tắt '{ref}'.")
    if len(matches) > 1:
        codes = ", ".join(f"{u.code} ({u.name})" for u in matches)
        raise CommandError(
            f"Tên viết tắt '{ref}' trùng ở {len(matches)} đơn vị; hãy dùng mã đơn vị: {codes}."
        )
    return matches[0]


class Command(BaseCommand):
    help = "Lập danh sách đến hạn khen thưởng của một đơn vị (và đơn vị trực thuộc) cho một năm."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Năm xét (năm thành tích)")
        parser.add_argument("--unit", help="Mã đơn vị hoặc tên viết tắt; bỏ trống: mọi đơn vị gốc")
        parser.add_argument("--out", required=True, help="Tệp kết quả .json hoặc .xlsx")
        parser.add_argument("--status", default="eligible", choices=["all", *STATUS_LABELS],
                            help="Kết quả cần lấy (mặc định: eligible)")  # fmt: skip
        parser.add_argument("--kind", default="", choices=["", "individual", "collective"])
        parser.add_argument("--target", default="", help="Chỉ một danh hiệu/hình thức (mã)")

    def handle(self, *args, **o):
        out = Path(o["out"])
        if out.suffix.lower() not in (".json", ".xlsx"):
            raise CommandError("Tệp kết quả phải có đuôi .json hoặc .xlsx.")
        if not 1945 <= o["year"] <= 2100:
            raise CommandError("Năm phải trong khoảng 1945–2100.")
        units = [find_unit(o["unit"])] if o["unit"] else list(Unit.objects.filter(depth=0))
        status = "" if o["status"] == "all" else o["status"]
        f = CandidateFilter(year=o["year"], status=status, kind=o["kind"], target=o["target"])
        catalogue = catalogue_from_db()
        rows = []
        for unit in units:
            rows += candidate_rows(unit, f, catalogue=catalogue)
        if out.suffix.lower() == ".json":
            out.write_text(rows_json(rows), encoding="utf-8")
        else:
            write_candidates_xlsx(out, rows, year=o["year"], status=status,
                                  unit_name="; ".join(u.name for u in units))  # fmt: skip
        self.stdout.write(f"Đã ghi {len(rows)} dòng vào {out}.")
