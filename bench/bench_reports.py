"""Statistics benchmarks (issue 13, §3) on the generated province (``generate_dataset``).

- each statutory form 0601–0605 for the province (root unit) and report year 2025 (period
  01/12/2024–30/11/2025) ≤ 3× one aggregate query over the same rows (the form's own filtered
  queryset, ``COUNT(*)``), best of 5 after a warm-up;
- the number of queries of each form (two: the unit's ancestors and the GROUP BY);
- the dashboard page (``reports:dashboard``) ≤ 5× a trivial page (the password-change page:
  same middleware, session, menu and base.html), medians of 15 alternating GETs; its tables
  are kept 5 minutes (``reports.dashboard.dashboard_tables``), so the first load, which
  aggregates the province's register, is measured and shown separately.

The generated data has no movements and no TĐKT bodies or officers: the first run adds 2.000
movements, 40 bodies and 400 officers under the root (marked ``BENCH-RPT``). Prints one JSON
list of rows ``{"name", "value", "unit", "target", "ok", "note"}``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vd_stats_bench .venv/bin/python bench/bench_reports.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vd_stats_bench")
os.environ.setdefault("TASKS_BACKEND", "immediate")
YEAR = 2025
REPEAT = int(os.environ.get("BENCH_REPORTS_REPEAT", "5"))
WEB_REPEAT = int(os.environ.get("BENCH_REPORTS_WEB_REPEAT", "15"))


def row(name, value, unit, target="", ok=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}


def prepare(root):
    """Movements, TĐKT bodies and officers the generated data lacks (once)."""
    import random

    from vinhdanh.emulation.models import Movement
    from vinhdanh.orgs.models import Unit
    from vinhdanh.reports.models import TdktOfficer, TdktOrganisation

    if Movement.objects.filter(authority="BENCH-RPT").exists():
        return
    rnd = random.Random(13)
    units = list(Unit.objects.filter(path__startswith=root.path).only("pk", "level"))
    movements = []
    for i in range(2000):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(700))
        m = Movement(
            launching_unit=rnd.choice(units), authority="BENCH-RPT", theme=f"Phong trào {i}",
            kind=rnd.choice(["regular", "thematic"]), start=start,
            end=start + dt.timedelta(days=rnd.choice([90, 364, 800, 1500, 2000])),
            status="launched", launched_on=start,
            launch_level=rnd.choice(["TRUNG_UONG", "BO_TINH", "CO_QUAN_DON_VI"]),
            scope=rnd.choice(["TOAN_QUOC", "BO_NGANH_DIA_PHUONG", "CUM_KHOI", "CO_QUAN_DON_VI"]),
        )  # fmt: skip
        m.refresh_derived()
        movements.append(m)
    Movement.objects.bulk_create(movements, batch_size=1000)
    orgs = TdktOrganisation.objects.bulk_create(
        TdktOrganisation(unit=rnd.choice(units), name=f"Tổ chức TĐKT {i}",
                         kind=rnd.choice(["BAN_THUOC_SNV", "PHONG_THUOC_SNV"]))
        for i in range(40)
    )  # fmt: skip
    TdktOfficer.objects.bulk_create(
        TdktOfficer(unit=o.unit, organisation=o, full_name=f"Công chức {i}",
                    gender=rnd.choice(["male", "female"]),
                    date_of_birth=dt.date(1960 + rnd.randrange(40), 1 + rnd.randrange(12), 1),
                    training=rnd.choice(["DAI_HOC", "TREN_DAI_HOC", "CAO_DANG", ""]),
                    tdkt_since=dt.date(2000 + rnd.randrange(25), 1, 1))
        for i, o in enumerate(orgs * 10)
    )  # fmt: skip


def best(fn, n=REPEAT) -> float:
    fn()  # warm-up
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def forms(root) -> list[dict]:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from vinhdanh.reports import engine
    from vinhdanh.reports.selectors import report_for
    from vinhdanh.reports.statforms import CODES, form_for

    rows = []
    for code in CODES:
        form = form_for(code, YEAR)
        source = engine.SOURCES[form.source]
        ctx = engine.Context(engine.Period(YEAR))
        qs = source.queryset(root, form, ctx)
        n = qs.aggregate(n=Count("pk"))["n"]
        base = best(lambda qs=qs: qs.aggregate(n=Count("pk")))
        full = best(lambda code=code: report_for(root, code, YEAR))
        with CaptureQueriesContext(connection) as ctx_q:
            report = report_for(root, code, YEAR)
        ratio = full / base if base else 0
        rows.append(
            row(
                f"Biểu {code}: một truy vấn tổng hợp (COUNT) trên cùng các dòng",
                round(base * 1000, 1),
                "ms",
                note=f"{n:,} dòng".replace(",", "."),
            )
        )
        rows.append(
            row(
                f"Biểu {code}: lập biểu cho tỉnh",
                round(full * 1000, 1),
                "ms",
                note=f"{len(ctx_q.captured_queries)} truy vấn; ô 01/1 = {report.cell('01', '1')}",
            )
        )
        rows.append(
            row(
                f"Biểu {code}: tỉ lệ lập biểu / truy vấn tổng hợp",
                round(ratio, 2),
                "×",
                "≤ 3×",
                ratio <= 3,
            )
        )
    return rows


def dashboard(root) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from vinhdanh.accounts.enums import Role
    from vinhdanh.accounts.models import RoleGrant, User

    user, _ = User.objects.get_or_create(
        username="bench_stats_officer", defaults={"full_name": "Cán bộ thống kê"}
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.OFFICER, unit=root)
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="vinhdanh.accounts.backends.LockoutModelBackend")
    trivial = reverse("accounts:password_change")
    page = f"{reverse('reports:dashboard')}?don_vi={root.code}&nam={YEAR}"
    from django.core.cache import cache

    client.get(trivial)
    cache.delete_many([f"reports:dashboard:{root.pk}:{root.path}:{YEAR}"])
    t = time.perf_counter()
    client.get(page)
    cold = time.perf_counter() - t
    for _ in range(3):
        client.get(trivial), client.get(page)
    t_triv, t_page, status = [], [], None
    for _ in range(WEB_REPEAT):
        t = time.perf_counter()
        client.get(trivial)
        t_triv.append(time.perf_counter() - t)
        t = time.perf_counter()
        status = client.get(page).status_code
        t_page.append(time.perf_counter() - t)
    a, b = statistics.median(t_triv), statistics.median(t_page)
    return [
        row("Trang đổi mật khẩu (mốc), trung vị", round(a * 1000, 2), "ms"),
        row("Trang tổng quan của tỉnh, trung vị", round(b * 1000, 2), "ms", note=f"HTTP {status}"),
        row(
            "Tỉ lệ trang tổng quan / trang mốc",
            round(b / a, 2),
            "×",
            "≤ 5×",
            b / a <= 5,
            "số liệu giữ 5 phút (dashboard_tables)",
        ),
        row(
            "Trang tổng quan lần đầu (tính lại số liệu)",
            round(cold * 1000, 1),
            "ms",
            note=f"{round(cold / a, 1)} lần trang mốc; 5 năm × toàn tỉnh",
        ),
    ]


def main() -> None:
    import django

    django.setup()
    from vinhdanh.orgs.models import Unit

    root = Unit.objects.filter(parent__isnull=True, code__startswith="GEN").order_by("pk").first()
    if root is None:
        print(json.dumps([row("bench_reports", "—", "", note="chưa có dữ liệu generate_dataset")]))
        return
    prepare(root)
    print(json.dumps(forms(root) + dashboard(root), ensure_ascii=False))


if __name__ == "__main__":
    main()
