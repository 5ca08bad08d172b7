from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vinhdanh.core.backup import BackupError, pending_after_restore, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của manage.py backup vào cơ sở dữ liệu trống và MEDIA_ROOT, "
        "sau khi kiểm tra mã SHA-256 của mọi tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz do manage.py backup tạo")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ghi đè cơ sở dữ liệu và thư mục tệp không trống",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = restore(Path(archive), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã khôi phục bản sao lưu ngày {manifest['created_at']} "
            f"({sum(manifest['tables'].values())} dòng, {len(manifest['files'])} tệp)."
        )
        pending = pending_after_restore(manifest)
        if pending:
            self.stdout.write(
                f"Còn {len(pending)} migration của phiên bản này chưa áp dụng: "
                "chạy manage.py migrate."
            )
