"""``manage.py demo_data``: load the demo world once; ``--logins`` prints the demo accounts."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from vinhdanh.accounts.enums import Role
from vinhdanh.demo import commendation, emulation, scenario


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (Khối thi đua số 9, Cụm thi đua số 7 Hà Nội, khối các Bộ, ngành và Hà Tĩnh)."

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true", help="Chỉ in danh sách tài khoản mẫu")

    def handle(self, *args, logins=False, **options):
        if logins:
            self.print_logins()
            return
        if scenario.is_loaded():
            self.stdout.write("Dữ liệu mẫu đã có sẵn (đơn vị HN), không nạp lại.")
        else:
            started = time.monotonic()
            pop = scenario.load()
            counts = pop.sink.counts
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp dữ liệu mẫu trong {time.monotonic() - started:.1f} giây: "
                    f"{counts['people']} cá nhân, {counts['ratings']} xếp loại, {counts['honours']} danh hiệu/hình thức, "
                    f"{counts['initiatives']} sáng kiến/đề tài, {counts['discipline']} kỷ luật."
                )
            )
        if emulation.is_loaded():
            self.stdout.write(
                "Dữ liệu thi đua mẫu (Khối thi đua số 9 năm 2024) đã có sẵn, không nạp lại."
            )
        else:
            started = time.monotonic()
            emulation.load()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp chu trình thi đua mẫu trong {time.monotonic() - started:.1f} giây: "
                    "phong trào Thành phố 2020 – 2025, Khối thi đua số 9 năm 2024, Cụm thi đua "
                    "số 7 năm 2023."
                )
            )
        if commendation.is_loaded():
            self.stdout.write(
                "Dữ liệu khen thưởng mẫu (Hội đồng Thi đua – Khen thưởng Thành phố) đã có sẵn, "
                "không nạp lại."
            )
            return
        started = time.monotonic()
        loaded = commendation.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp chuỗi khen thưởng mẫu trong {time.monotonic() - started:.1f} giây: "
                f"{len(loaded.dossiers)} hồ sơ đề nghị ở mọi trạng thái, phiên họp Hội đồng, "
                f"Quyết định số {loaded.decision.number.display}."
            )
        )

    def print_logins(self):
        accounts = scenario.ACCOUNTS + emulation.ACCOUNTS + commendation.ACCOUNTS
        units = dict(
            scenario.Unit.objects.filter(code__in=[a[3] for a in accounts]).values_list(
                "code", "name"
            )
        )
        rows = [("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")]
        for username, _full, role, code, _su in accounts:
            rows.append((username, scenario.DEMO_PASSWORD, Role(role).label, units.get(code, code)))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {scenario.DEMO_PASSWORD}):")
        for i, row in enumerate(rows):
            self.stdout.write(
                "  "
                + "  ".join(c.ljust(w) for c, w in zip(row, widths + [0], strict=True)).rstrip()
            )
            if i == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths) + "  " + "-" * 20)
        self.stdout.write("")
        self.stdout.write("Thử theo vai trò (một tài khoản mỗi vai trò):")
        for username, role, what in commendation.GUIDE:
            self.stdout.write(f"  • {username} — {role}: {what}")
        self.stdout.write("")
        self.stdout.write(
            "Xác thực hai bước bắt buộc với quản trị và lãnh đạo ký; khi chạy với DEMO=1 "
            "(make run) các tài khoản dùng thử trên được đăng nhập không cần mã (tùy chọn bật ở "
            "“Xác thực hai bước”)."
        )
        self.stdout.write("")
        self.stdout.write("Cá nhân tiêu biểu để thử xét điều kiện khen thưởng:")
        names = dict(
            scenario.Unit.objects.filter(code__in=[s[1] for s in scenario.SHOWCASE]).values_list(
                "code", "name"
            )
        )
        for name, unit, close_to in scenario.SHOWCASE:
            self.stdout.write(f"  • {name} ({names.get(unit, unit)}): {close_to}")
