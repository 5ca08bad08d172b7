"""Foundation benchmarks (issue "Foundation", section 8).

(a) People list searched by an accent-free name and a profile page: median server time, and
    its ratio to a trivial view of the same app in the same run; target ≤ 5×. The trivial view
    is the password-change page: logged in, the same middleware, session, authentication,
    navigation and base template, no domain data. Measured as an officer of the province's
    root unit and as an officer of one department; /healthz and the API-token page are shown
    for reference.
(b) Importing a 50,000-row people file: total time ≤ 3× the time openpyxl alone takes to read
    the same file in the same run; peak memory ≤ 500 MB.

Run through ``bench/run.py`` (it prepares the database). Each measurement of (b) runs in its
own process so that ``ru_maxrss`` is that measurement's peak. Prints one JSON list of rows:
``{"name", "value", "unit", "target", "ok", "note"}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("TASKS_BACKEND", "immediate")

IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
IMPORT_PROVINCE = 96  # CCCD prefix of the imported people; removed again after each run
WEB_REPEAT = int(os.environ.get("BENCH_WEB_REPEAT", "30"))


def row(name, value, unit, target="", ok=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}


def setup_django():
    import django

    django.setup()


def bench_officer():
    """An officer of the generated province's root unit (created once)."""
    from django.contrib.auth import get_user_model

    from vinhdanh.accounts.models import RoleGrant
    from vinhdanh.orgs.models import Unit

    root = Unit.objects.filter(code__startswith="GEN", depth=0).order_by("id").first()
    if root is None:
        raise SystemExit("Chưa có dữ liệu sinh (GEN…): hãy chạy bench/run.py không có --reuse.")
    user, _ = get_user_model().objects.get_or_create(
        username="bench_officer", defaults={"full_name": "Cán bộ đo hiệu năng"}
    )
    RoleGrant.objects.get_or_create(user=user, role="officer", unit=root)
    return user, root


# --- (a) web ---------------------------------------------------------------------------------


def dept_officer():
    """An officer of one department (depth 1) of the generated province (created once)."""
    from django.contrib.auth import get_user_model

    from vinhdanh.accounts.models import RoleGrant
    from vinhdanh.orgs.models import Person, Unit

    _user, root = bench_officer()
    dept = next(
        (
            u
            for u in Unit.objects.filter(path__startswith=root.path, depth=1).order_by("id")
            if Person.objects.filter(unit__path__startswith=u.path).exists()
        ),
        None,
    )
    user, _ = get_user_model().objects.get_or_create(
        username="bench_dept_officer", defaults={"full_name": "Cán bộ phòng đo hiệu năng"}
    )
    RoleGrant.objects.get_or_create(user=user, role="officer", unit=dept)
    return user, dept


def _median_ms(client, url: str, n: int) -> tuple[float, int]:
    status = 0
    times = []
    for _ in range(3):  # warm caches (templates, sessions, query plans)
        client.get(url)
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return statistics.median(times), status


def _interleaved(client, urls: dict[str, str], n: int) -> dict[str, tuple[float, int]]:
    """Median time of each URL, requested in turns (a, b, c, a, b, c...) so that every page
    sees the same machine load; 3 warm-up requests each first."""
    times: dict[str, list[float]] = {k: [] for k in urls}
    status: dict[str, int] = {}
    for url in urls.values():
        for _ in range(3):
            client.get(url)
    for _ in range(n):
        for key, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            times[key].append((time.perf_counter() - started) * 1000)
            status[key] = response.status_code
    return {k: (statistics.median(v), status[k]) for k, v in times.items()}


def _pages_for(label: str, user, unit) -> list[dict]:
    """People list search and profile, as `user`, against the trivial authenticated view."""
    from django.test import Client
    from django.urls import reverse

    from vinhdanh.orgs.models import Person
    from vinhdanh.registry.models import HonourRecord

    client = Client(raise_request_exception=False)
    client.force_login(user, backend="vinhdanh.accounts.backends.LockoutModelBackend")
    person = (
        Person.objects.filter(
            unit__path__startswith=unit.path,
            pk__in=HonourRecord.objects.filter(honour_id="CSTDCS").values("person_id"),
        )
        .order_by("id")
        .first()
    )
    query = person.name_folded
    urls = {
        "trivial": reverse("accounts:password_change"),
        "tokens": reverse("accounts:tokens"),
        "list": reverse("orgs:person_list") + "?" + _urlencode({"q": query}),
        "profile": reverse("registry:person_profile", args=[person.pk]),
    }
    found = person.full_name in client.get(urls["list"]).content.decode()
    m = _interleaved(client, urls, WEB_REPEAT)
    base = m["trivial"][0]
    rows = [
        row(f"(a) {label}: trang đổi mật khẩu (mốc), trung vị", round(base, 2), "ms",
            note=f"HTTP {m['trivial'][1]}; view tầm thường có đăng nhập: cùng middleware, phiên, "
                 "xác thực, menu và base.html, không đọc dữ liệu nghiệp vụ"),
        row(f"(a) {label}: trang mã truy cập API, trung vị", round(m["tokens"][0], 2), "ms",
            note=f"HTTP {m['tokens'][1]}; mốc tham khảo thứ hai (đọc mã của chính người dùng)"),
    ]  # fmt: skip
    for key, name in (
        ("list", f"danh sách cá nhân ?q={query}"),
        ("profile", f"hồ sơ cá nhân #{person.pk}"),
    ):
        ms, status = m[key]
        note = f"HTTP {status}"
        if key == "list":
            note += f"; {'có' if found else 'không thấy'} “{person.full_name}” trong kết quả"
        rows.append(row(f"(a) {label}: {name}, trung vị", round(ms, 2), "ms", note=note))
        rows.append(
            row(f"(a) {label}: tỉ lệ {'danh sách' if key == 'list' else 'hồ sơ'} / trang đổi mật khẩu",
                round(ms / base, 1), "×", "≤ 5×", ms / base <= 5 and status == 200 and (found or key != "list"))
        )  # fmt: skip
    return rows


def part_web() -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    user, root = bench_officer()
    rows = []
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="vinhdanh.accounts.backends.LockoutModelBackend")
    base, _ = _median_ms(client, reverse("core:health"), WEB_REPEAT * 5)
    rows.append(
        row("(a) /healthz, trung vị", round(base, 2), "ms",
            note="tham khảo: không phiên, không truy vấn, không template")
    )  # fmt: skip
    home, status = _median_ms(client, reverse("core:home"), WEB_REPEAT)
    rows.append(
        row("(a) trang chủ, trung vị", round(home, 2), "ms", note=f"HTTP {status}; tham khảo")
    )
    rows += _pages_for("cán bộ cấp tỉnh", user, root)
    dept_user, dept = dept_officer()
    rows += _pages_for(f"cán bộ {dept.code}", dept_user, dept)
    return rows


def _urlencode(params):
    from urllib.parse import urlencode

    return urlencode(params)


# --- (b) import ------------------------------------------------------------------------------


def build_people_file(path: Path, n: int) -> None:
    """A people sheet in the import template's format (headers from imports.kinds.people)."""
    import random

    from openpyxl import Workbook

    from vinhdanh.demo.names import random_name
    from vinhdanh.imports.kinds.people import SHEET
    from vinhdanh.orgs.models import Unit
    from vinhdanh.orgs.validators import make_cccd

    _user, root = bench_officer()
    codes = list(
        Unit.objects.filter(path__startswith=root.path, depth__gte=2)
        .order_by("id")
        .values_list("code", flat=True)
    )
    rng = random.Random(50_000)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET.name)
    keys = [c.key for c in SHEET.columns]
    ws.append([c.header for c in SHEET.columns])
    for i in range(n):
        gender = "female" if i % 2 else "male"
        birth = dt.date(1965 + i % 35, 1 + i % 12, 1 + i % 28)
        values = {
            "cccd": make_cccd(IMPORT_PROVINCE, gender, birth.year, i),
            "full_name": random_name(rng, gender),
            "gender": "Nữ" if gender == "female" else "Nam",
            "date_of_birth": birth.strftime("%d/%m/%Y"),
            "unit_code": codes[i % len(codes)],
            "position": rng.choice(("Chuyên viên", "Giáo viên", "Bác sĩ", "Kỹ sư", "Trưởng phòng")),
            "is_leader": "Không",
            "is_direct_worker": "Có" if i % 3 == 0 else "Không",
            "hired_on": dt.date(birth.year + 23, 9, 1).strftime("%d/%m/%Y"),
        }
        ws.append([values.get(k) for k in keys])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def remove_imported() -> int:
    from django.db import transaction

    from vinhdanh.orgs.models import Membership, Person

    people = Person.objects.filter(cccd__startswith=f"{IMPORT_PROVINCE:03d}")
    with transaction.atomic():
        Membership.objects.filter(person__in=people).delete()
        count, _ = people.delete()
    return count


def measure_openpyxl(path: str) -> dict:
    from openpyxl import load_workbook

    started = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for ws in wb.worksheets:
        for _values in ws.iter_rows(values_only=True):
            rows += 1
    wb.close()
    return {"seconds": time.perf_counter() - started, "rows": rows}


def measure_import(path: str) -> dict:
    setup_django()
    from django.core.files import File

    from vinhdanh.imports import services

    user, _root = bench_officer()
    started = time.perf_counter()
    with open(path, "rb") as fp:
        job = services.import_upload(user, kind="people", upload=File(fp, name=Path(path).name))
    validated = time.perf_counter() - started
    if job.status != "validated" or job.error_count:
        return {
            "seconds": None,
            "error": f"trạng thái {job.status}, {job.error_count} lỗi: {json.dumps(job.errors[:3], ensure_ascii=False)}",
        }
    job = services.import_confirm(user, job)
    return {
        "seconds": time.perf_counter() - started,
        "validate_seconds": validated,
        "status": job.status,
        "summary": job.summary.get("create"),
    }


def _child(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(path)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    if out.returncode:
        return {"seconds": None, "error": (out.stderr or out.stdout).strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def part_import() -> list[dict]:
    try:
        from vinhdanh.imports import services  # noqa: F401
        from vinhdanh.imports.kinds.people import SHEET  # noqa: F401
    except ImportError as exc:
        return [
            row(
                "(b) nhập tệp cá nhân",
                None,
                "s",
                "≤ 3× openpyxl",
                False,
                f"chưa có app nhập Excel ({exc})",
            )
        ]
    path = ROOT / "var" / "bench" / f"people-{IMPORT_ROWS}.xlsx"
    if not path.exists():
        build_people_file(path, IMPORT_ROWS)
    remove_imported()
    read = _child("openpyxl", path)
    imp = _child("import", path)
    removed = remove_imported()
    rows = [
        row(
            f"(b) openpyxl đọc {IMPORT_ROWS:,} dòng".replace(",", "."),
            _r(read["seconds"]),
            "s",
            note=f"RSS {read['maxrss_mb']} MB",
        )
    ]
    if imp.get("seconds") is None:
        rows.append(
            row(
                "(b) nhập tệp cá nhân (kiểm tra + ghi)",
                None,
                "s",
                "≤ 3× openpyxl",
                False,
                str(imp.get("error")),
            )
        )
        return rows
    ratio = imp["seconds"] / read["seconds"]
    rows += [
        row(
            "(b) nhập tệp cá nhân (kiểm tra + ghi)",
            _r(imp["seconds"]),
            "s",
            note=f"kiểm tra {_r(imp['validate_seconds'])} s; tạo {imp.get('summary')}; đã xóa lại {removed}",
        ),
        row("(b) tỉ lệ nhập / openpyxl", round(ratio, 2), "×", "≤ 3×", ratio <= 3),
        row(
            "(b) bộ nhớ đỉnh khi nhập", imp["maxrss_mb"], "MB", "≤ 500 MB", imp["maxrss_mb"] <= 500
        ),
    ]
    return rows


def _r(x):
    return None if x is None else round(x, 2)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["a", "b", "all"], default="all")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "FILE"))
    args = parser.parse_args(argv)
    if args.measure:
        kind, path = args.measure
        result = measure_openpyxl(path) if kind == "openpyxl" else measure_import(path)
        result["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(result, ensure_ascii=False))
        return
    setup_django()
    rows = []
    if args.part in {"a", "all"}:
        rows += part_web()
    if args.part in {"b", "all"}:
        rows += part_import()
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
