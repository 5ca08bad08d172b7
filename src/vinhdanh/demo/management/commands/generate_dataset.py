"""``manage.py generate_dataset``: a large synthetic province for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from vinhdanh.demo import synthetic


class Command(BaseCommand):
    help = (
        "Sinh một tỉnh giả lập lớn (đơn vị, cá nhân, lịch sử thi đua, khen thưởng) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=100_000, help="Số cá nhân (mặc định 100000)"
        )
        parser.add_argument(
            "--years", type=int, default=10, help="Số năm lịch sử, kết thúc năm 2025 (mặc định 10)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Hạt giống ngẫu nhiên; mã đơn vị gốc là GEN<seed>"
        )
        parser.add_argument(
            "--province-code",
            type=int,
            default=1,
            help="Mã tỉnh (vietnam_provinces), mặc định 1 = Hà Nội",
        )
        parser.add_argument("--chunk", type=int, default=5000, help="Số cá nhân ghi mỗi lần")
        parser.add_argument(
            "--no-parallel",
            action="store_true",
            help="Không ghi song song bằng nhiều kết nối (PostgreSQL)",
        )

    def handle(
        self, *args, people, years, seed, province_code, chunk, no_parallel=False, **options
    ):
        if not 1 <= years <= 40:
            raise CommandError("Số năm phải từ 1 đến 40.")
        started = time.monotonic()
        how = "COPY" if connection.vendor == "postgresql" else "bulk_create"
        self.stdout.write(
            f"Sinh {people} cá nhân × {years} năm, seed {seed}, tỉnh {province_code} ({how})…"
        )
        try:
            pop, root = synthetic.generate(
                people=people,
                years=years,
                seed=seed,
                province=province_code,
                chunk=chunk,
                parallel=not no_parallel,
                progress=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        c = pop.sink.counts
        units = root.__class__.objects.filter(path__startswith=root.path).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong trong {elapsed:.1f} giây: {units} đơn vị, {c['people']} cá nhân, {c['memberships']} quá trình công tác, "
                f"{c['ratings']} xếp loại, {c['honours']} danh hiệu/hình thức, {c['initiatives']} sáng kiến/đề tài, "
                f"{c['discipline']} kỷ luật."
            )
        )
