from django.core.management.base import BaseCommand

from vinhdanh.nominations.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn xử lý hồ sơ đề nghị khen thưởng (mỗi bước nhắc một lần)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Đã gửi nhắc hạn cho {count} hồ sơ.")
