from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vinhdanh.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (pg_dump hoặc SQLite backup API) và các tệp đã tải lên "
        "(MEDIA_ROOT) vào một tệp .tar.gz có manifest và mã kiểm tra SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="tệp .tar.gz sẽ ghi")

    def handle(self, *args, out, **options):
        try:
            manifest = backup(Path(out))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã sao lưu {manifest['database']['vendor']} "
            f"({sum(manifest['tables'].values())} dòng, {len(manifest['tables'])} bảng) "
            f"và {len(manifest['files'])} tệp vào {out}."
        )
