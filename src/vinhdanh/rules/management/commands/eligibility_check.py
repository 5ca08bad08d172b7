"""python manage.py eligibility_check PATH|-  — the what-if check from a JSON file or stdin.

Exit 0 when every input parsed (the response, or a list of responses, as JSON on stdout);
exit 2 on invalid input: a Vietnamese message on stderr and {"error": {"field", "message"}}
on stdout.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from vinhdanh.rules.core import ContractError
from vinhdanh.rules.whatif import check


class Command(BaseCommand):
    help = "Xét điều kiện khen thưởng giả định từ tệp JSON (hoặc '-' để đọc từ đầu vào chuẩn)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp JSON, hoặc '-' để đọc từ stdin")
        parser.add_argument("--indent", type=int, default=None, help="Thụt lề JSON đầu ra")

    def _fail(self, field: str, message: str) -> None:
        self.stdout.write(json.dumps({"error": {"field": field, "message": message}},
                                     ensure_ascii=False))  # fmt: skip
        self.stderr.write(f"Lỗi: {message}" + (f" (trường '{field}')" if field else ""))
        raise SystemExit(2)

    def handle(self, *args, **options):
        path = options["path"]
        try:
            if path == "-":
                raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            else:
                with open(path, "rb") as fh:
                    raw = fh.read()
        except OSError as exc:
            self._fail("", f"Không đọc được tệp {path}: {exc.strerror or exc}")
        try:
            text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
            payload = json.loads(text)
        except UnicodeDecodeError:
            self._fail("", "Tệp đầu vào phải được mã hóa UTF-8")
        except json.JSONDecodeError as exc:
            self._fail("", f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}")
        try:
            result = check(payload)
        except ContractError as exc:
            self._fail(exc.field, exc.message)
        except RecursionError:
            self._fail("", "JSON lồng nhau quá sâu")
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=options["indent"]))
