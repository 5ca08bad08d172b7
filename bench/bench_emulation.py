"""Emulation benchmarks (issue 4, section 8): scoring and ranking at size.

Data: 100 blocs × 30 members × 50 scored criteria (5 groups of 9 criteria, 3 bonus items under a
capped bonus group, 2 penalty items under a capped penalty group), every member scoring itself and
every other member: 100 × 30 × 30 × 50 = 4.500.000 Score rows, written with PostgreSQL COPY. The
data is generated once (units coded ``BEM…``) and reused by later runs (``--regenerate`` rebuilds).

Measures, in the same run:
(a) one aggregate SQL query over every score row
    (``SELECT table_id, member_id, scorer_id, SUM(points) … GROUP BY …``), best of 3;
(b) computing every bloc's ranking with ``selectors.scoring.compute_ranking`` (the code the
    results page and the lock use), best of 3; target (b) ≤ 3 × (a);
(c) the bloc results page's query count for a small bloc (3 members × 10 criteria, made on the
    fly) and for a large generated bloc (30 × 50): target equal.

Run through ``bench/run.py`` (it picks every bench_*.py) or alone:
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/vd_emulation_bench .venv/bin/python
bench/bench_emulation.py`` (the database must exist; it is migrated if needed).
Prints one JSON list of rows ``{"name", "value", "unit", "target", "ok", "note"}``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vd_emulation_bench")

BLOCS = int(os.environ.get("BENCH_EMU_BLOCS", "100"))
MEMBERS = int(os.environ.get("BENCH_EMU_MEMBERS", "30"))
GROUPS, PER_GROUP, BONUS, PENALTY = 5, 9, 3, 2  # 45 + 3 + 2 = 50 scored items
YEAR = 2030
PREFIX = "BEM"
BIG_BLOCS = rf"^{PREFIX}[0-9]+$"  # the generated blocs (the small one is BEMS)


def row(name, value, unit, target="", ok=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def present() -> bool:
    from vinhdanh.emulation.models import Score, ScoringTable

    tables = ScoringTable.objects.filter(bloc__abbreviation__regex=BIG_BLOCS, bloc__year=YEAR)
    return tables.count() == BLOCS and Score.objects.filter(table__in=tables).exists()


def remove() -> None:
    from django.db import connection

    from vinhdanh.emulation.models import Bloc
    from vinhdanh.orgs.models import Unit

    blocs = Bloc.objects.filter(abbreviation__startswith=PREFIX, year=YEAR)
    with connection.cursor() as cur:
        ids = list(blocs.values_list("id", flat=True))
        if ids:
            cur.execute(
                "DELETE FROM emulation_score WHERE table_id IN "
                "(SELECT id FROM emulation_scoringtable WHERE bloc_id = ANY(%s))",
                [ids],
            )
    blocs.delete()
    Unit.objects.filter(
        code__startswith=f"{PREFIX}."
    ).delete()  # members first (parent is protected)
    Unit.objects.filter(code=PREFIX).delete()


def generate(seed: int = 1) -> float:
    """Units, blocs, members, tables and criteria through the ORM; scores through COPY."""
    from django.db import connection, transaction

    from vinhdanh.emulation.enums import CriterionKind, ScoringStatus
    from vinhdanh.emulation.models import Bloc, BlocMember, Criterion, ScoringTable
    from vinhdanh.orgs.enums import UnitLevel
    from vinhdanh.orgs.models import Unit

    rnd = random.Random(seed)
    started = time.monotonic()
    with transaction.atomic():
        owner = Unit(code=f"{PREFIX}", name="Ủy ban nhân dân tỉnh Đo Hiệu Năng", abbreviation="UBND",
                     level=UnitLevel.MINISTRY_PROVINCE)  # fmt: skip
        owner.save()
        leaves_by_table = {}
        for b in range(BLOCS):
            bloc = Bloc.objects.create(
                owner=owner,
                name=f"Khối thi đua đo {b + 1}",
                abbreviation=f"{PREFIX}{b + 1}",
                year=YEAR,
            )
            units = []
            for m in range(MEMBERS):
                unit = Unit(code=f"{PREFIX}.{b + 1}.{m + 1}", name=f"Sở đo {b + 1}-{m + 1}", abbreviation=f"S{b + 1}-{m + 1}",
                            level=UnitLevel.DEPARTMENT, parent=owner)  # fmt: skip
                unit.save()
                units.append(unit)
            BlocMember.objects.bulk_create(
                [BlocMember(bloc=bloc, unit=u, rotation_order=i) for i, u in enumerate(units)]
            )
            bloc.head = units[0]
            bloc.save(update_fields=["head"])
            table = ScoringTable.objects.create(
                bloc=bloc, name="Bảng điểm đo", status=ScoringStatus.OPEN, tie_break=["more_bonus"]
            )
            leaves = []
            pos = 0
            for g in range(GROUPS):
                group = Criterion.objects.create(table=table, code=str(g + 1), name=f"Nhóm {g + 1}", kind=CriterionKind.GROUP,
                                                 max_points=Decimal(PER_GROUP * 10), position=pos)  # fmt: skip
                pos += 1
                for c in range(PER_GROUP):
                    leaves.append(Criterion(table=table, parent=group, code=f"{g + 1}.{c + 1}", name=f"Tiêu chí {g + 1}.{c + 1}",
                                            kind=CriterionKind.CRITERION, max_points=Decimal(10), position=pos))  # fmt: skip
                    pos += 1
            for kind, count, cap in (
                (CriterionKind.BONUS, BONUS, 5),
                (CriterionKind.PENALTY, PENALTY, 5),
            ):
                group = Criterion.objects.create(table=table, code=kind[0].upper(), name=kind, kind=CriterionKind.GROUP,
                                                 max_points=Decimal(cap), position=pos)  # fmt: skip
                pos += 1
                for c in range(count):
                    leaves.append(Criterion(table=table, parent=group, code=f"{kind[0].upper()}{c + 1}", name=f"{kind} {c + 1}",
                                            kind=kind, max_points=Decimal(3), position=pos))  # fmt: skip
                    pos += 1
            Criterion.objects.bulk_create(leaves)
            leaves_by_table[table.id] = (
                [(c.id, int(c.max_points)) for c in leaves],
                [u.id for u in units],
            )
    connection.ensure_connection()
    raw = connection.connection  # psycopg 3 connection (Django runs in autocommit mode)
    if True:
        with (
            raw.cursor() as pc,
            pc.copy(
                "COPY emulation_score (table_id, criterion_id, member_id, scorer_id, is_panel, points, note, entered_at) FROM STDIN"
            ) as copy,
        ):
            now = "2030-12-01 00:00:00+00"
            for table_id, (leaves, units) in leaves_by_table.items():
                buf = io.StringIO()
                for member in units:
                    quality = rnd.uniform(0.55, 0.95)
                    for scorer in units:
                        for crit, top in leaves:
                            pts = min(top, max(0, round(top * rnd.gauss(quality, 0.1), 1)))
                            buf.write(
                                f"{table_id}\t{crit}\t{member}\t{scorer}\tf\t{pts}\t\t{now}\n"
                            )
                copy.write(buf.getvalue())
    with connection.cursor() as cur:
        cur.execute("ANALYZE emulation_score")
        cur.execute("ANALYZE emulation_criterion")
    return time.monotonic() - started


def best_of(fn, n=3) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def measure() -> list[dict]:
    from django.db import connection

    from vinhdanh.emulation.models import Score, ScoringTable
    from vinhdanh.emulation.selectors.scoring import compute_ranking, compute_rankings

    tables = list(
        ScoringTable.objects.filter(
            bloc__abbreviation__regex=BIG_BLOCS, bloc__year=YEAR
        ).select_related("bloc")
    )
    total_rows = Score.objects.filter(table__in=tables).count()
    ids = [t.id for t in tables]

    def aggregate():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT table_id, member_id, scorer_id, SUM(points) FROM emulation_score "
                "WHERE table_id = ANY(%s) GROUP BY table_id, member_id, scorer_id",
                [ids],
            )
            return cur.fetchall()

    def rankings():
        return compute_rankings(tables)

    def one_by_one():
        return [compute_ranking(t) for t in tables]

    aggregate()  # warm the cache
    sql_s = best_of(aggregate)
    rank_s = best_of(rankings)
    single_s = best_of(one_by_one, 1)
    ratio = rank_s / sql_s
    return [
        row(
            "Emulation: một truy vấn tổng hợp SQL",
            round(sql_s, 2),
            "s",
            note=f"{total_rows:,}".replace(",", ".") + f" dòng điểm, {len(tables)} bảng",
        ),
        row(
            "Emulation: tính xếp hạng mọi khối",
            round(rank_s, 2),
            "s",
            note="compute_rankings(mọi bảng): 1 truy vấn tổng hợp + thành viên + tiêu chí",
        ),
        row("Emulation: tỉ lệ xếp hạng / SQL", round(ratio, 2), "×", "≤ 3×", ratio <= 3),
        row(
            "Emulation: xếp hạng từng bảng một (tham khảo)",
            round(single_s, 2),
            "s",
            note=f"compute_ranking × {len(tables)}, như trang kết quả từng khối",
        ),
    ]


def results_page_queries() -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from vinhdanh.accounts.models import RoleGrant
    from vinhdanh.emulation.models import ScoringTable
    from vinhdanh.orgs.models import Unit

    big = (
        ScoringTable.objects.filter(bloc__abbreviation=f"{PREFIX}1", bloc__year=YEAR)
        .select_related("bloc")
        .get()
    )
    small = make_small_bloc()
    owner = Unit.objects.get(code=PREFIX)
    user, _ = get_user_model().objects.get_or_create(
        username="bench_emulation", defaults={"full_name": "Cán bộ đo hiệu năng"}
    )
    RoleGrant.objects.get_or_create(user=user, role="officer", unit=owner)
    client = Client()
    client.force_login(user)
    counts = {}
    for label, table in (("nhỏ 3×10", small), ("lớn 30×50", big)):
        url = reverse("emulation:scoring_results", args=[table.bloc_id, table.id])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            ms = (time.perf_counter() - started) * 1000
        counts[label] = (len(ctx.captured_queries), response.status_code, ms)
    (a_n, a_status, a_ms), (b_n, b_status, b_ms) = counts.values()
    ok = a_n == b_n and a_status == b_status == 200
    return [
        row(
            "Emulation: số truy vấn trang kết quả (khối nhỏ / lớn)",
            f"{a_n} / {b_n}",
            "",
            "bằng nhau",
            ok,
            f"thời gian {a_ms:.0f} ms / {b_ms:.0f} ms",
        ),  # fmt: skip
    ]


def make_small_bloc():
    """A 3-member, 10-criterion bloc next to the generated ones (made once, scores rewritten)."""
    from vinhdanh.emulation.enums import CriterionKind, ScoringStatus
    from vinhdanh.emulation.models import Bloc, BlocMember, Criterion, Score, ScoringTable
    from vinhdanh.orgs.enums import UnitLevel
    from vinhdanh.orgs.models import Unit

    owner = Unit.objects.get(code=PREFIX)
    bloc, created = Bloc.objects.get_or_create(
        owner=owner, abbreviation=f"{PREFIX}S", year=YEAR, defaults={"name": "Khối nhỏ đo"}
    )
    if created:
        units = []
        for m in range(3):
            unit = Unit(
                code=f"{PREFIX}.S.{m}",
                name=f"Sở nhỏ {m}",
                abbreviation=f"N{m}",
                level=UnitLevel.DEPARTMENT,
                parent=owner,
            )
            unit.save()
            units.append(unit)
            BlocMember.objects.create(bloc=bloc, unit=unit, rotation_order=m)
        table = ScoringTable.objects.create(bloc=bloc, name="Bảng nhỏ", status=ScoringStatus.OPEN)
        for i in range(10):
            Criterion.objects.create(table=table, code=str(i), name=f"TC {i}", max_points=10, position=i,
                                     kind=CriterionKind.CRITERION)  # fmt: skip
    # Scores rewritten on every run: distinct totals (no tie), like the large bloc.
    table = ScoringTable.objects.get(bloc=bloc)
    units = [m.unit for m in BlocMember.objects.filter(bloc=bloc).select_related("unit")]
    crits = list(Criterion.objects.filter(table=table).order_by("position"))
    Score.objects.filter(table=table).delete()
    Score.objects.bulk_create(
        [
            Score(table=table, criterion=c, member=m, scorer=s, points=3 + j + (i % 3))
            for i, c in enumerate(crits)
            for j, m in enumerate(units)
            for s in units
        ]
    )
    return ScoringTable.objects.select_related("bloc").get(bloc=bloc)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regenerate", action="store_true", help="Xóa và sinh lại dữ liệu đo")
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    rows = []
    if args.regenerate:
        remove()
    if not present():
        remove()
        seconds = generate()
        rows.append(
            row(
                "Emulation: sinh 4,5 triệu dòng điểm (COPY)",
                round(seconds, 1),
                "s",
                note=f"{BLOCS}×{MEMBERS}×{MEMBERS}×50",
            )
        )
    if args.generate_only:
        print(json.dumps(rows, ensure_ascii=False))
        return
    rows += measure()
    rows += results_page_queries()
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
