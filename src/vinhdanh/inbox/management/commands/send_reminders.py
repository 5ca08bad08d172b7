"""``manage.py send_reminders [--date dd/mm/yyyy]``: deadline reminders and daily digests.

Idempotent (once per item and deadline, one digest per user and day); run it every morning:

    15 7 * * 1-5  cd /srv/vinhdanh && .venv/bin/python manage.py send_reminders
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from vinhdanh.inbox.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi nhắc hạn (trước 3 ngày làm việc) và bản tin hằng ngày; chạy lại không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày tính hạn, dd/mm/yyyy (mặc định: hôm nay)")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError("Ngày phải theo dạng dd/mm/yyyy.") from exc
        done = send_reminders(today)
        self.stdout.write(
            f"Đã tạo {done['reminders']} thông báo nhắc hạn, gửi {done['digests']} bản tin."
        )
