"""E-mail reminders for movement milestones due within their reminder window (once each)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from vinhdanh.emulation.services.movements import milestone_reminders_send


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc các mốc thời gian của phong trào sắp đến hạn cho cán bộ thi đua của "
        "đơn vị phát động và đơn vị tham gia (mỗi mốc một lần)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày tính hạn, dạng dd/mm/yyyy (mặc định hôm nay)")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = dt.datetime.strptime(today, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError("Ngày phải có dạng dd/mm/yyyy.") from exc
        sent = milestone_reminders_send(day)
        self.stdout.write(f"Đã gửi {sent} thư nhắc mốc thời gian.")
