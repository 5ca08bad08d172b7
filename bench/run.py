"""`make bench`: prepare a PostgreSQL benchmark database and run every bench/bench_*.py.

1. create the database (default ``vinhdanh_bench``; dropped and rebuilt unless ``--reuse``),
2. migrate, and generate 100,000 people × 10 years with ``manage.py generate_dataset``
   (skipped with ``--reuse`` when the data is already there), then VACUUM ANALYZE,
3. run each benchmark module in its own process, print a table, and write the table with the
   machine's description into bench/README.md between the ``bench:results`` markers.

Environment: PG_HOST, PG_PORT, PG_USER (default 127.0.0.1, 5432, postgres); BENCH_PEOPLE and
BENCH_YEARS change the generated size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
PY = sys.executable
LAST_GENERATION = ROOT / "var" / "bench" / "last-generation.json"


def pg_url(db: str) -> str:
    host = os.environ.get("PG_HOST", "127.0.0.1")
    port = os.environ.get("PG_PORT", "5432")
    user = os.environ.get("PG_USER", "postgres")
    return f"postgres://{user}@{host}:{port}/{db}"


def admin_sql(sql: str) -> None:
    with psycopg.connect(pg_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


def db_exists(db: str) -> bool:
    with psycopg.connect(pg_url("postgres"), autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
            is not None
        )


def query(db: str, sql: str):
    with psycopg.connect(pg_url(db), autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, str(ROOT / "manage.py"), *args], env=env, check=True, text=True, capture_output=capture
    )


def machine(db: str) -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    pg = query(db, "SHOW server_version")[0][0]
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC"),
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "postgres": pg,
        "python": platform.python_version(),
        # Other work on the machine skews every figure; say how busy it was.
        "load": Path("/proc/loadavg").read_text().split()[2],
    }


def prepare(db: str, env: dict, *, reuse: bool, people: int, years: int) -> list[dict]:
    rows = []
    if not reuse and db_exists(db):
        admin_sql(f'DROP DATABASE "{db}"')
    if not db_exists(db):
        admin_sql(f'CREATE DATABASE "{db}"')
    print(f"== Cơ sở dữ liệu {db}: migrate", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    present = query(db, "SELECT count(*) FROM orgs_unit WHERE code LIKE 'GEN%%' AND depth = 0")[0][
        0
    ]
    if present:
        people_now = query(db, "SELECT count(*) FROM orgs_person")[0][0]
        print(f"== Dùng lại dữ liệu đã sinh ({people_now} cá nhân)", flush=True)
        if LAST_GENERATION.exists():  # the generator's time from the run that built the data
            rows.append(json.loads(LAST_GENERATION.read_text()))
        return rows
    print(f"== Sinh dữ liệu: {people} cá nhân × {years} năm", flush=True)
    started = time.monotonic()
    manage(env, "generate_dataset", "--people", str(people), "--years", str(years), "--seed", "1")
    elapsed = time.monotonic() - started
    rows.append(
        {
            "name": f"Sinh dữ liệu {people:,} × {years} năm".replace(",", "."),
            "value": round(elapsed, 1),
            "unit": "s",
            "target": "< 180 s",
            "ok": elapsed < 180,
            "note": "generate_dataset, COPY",
        }  # fmt: skip
    )
    LAST_GENERATION.parent.mkdir(parents=True, exist_ok=True)
    saved = {
        **rows[-1],
        "note": rows[-1]["note"] + f"; đo lúc {dt.datetime.now(dt.UTC):%d/%m/%Y %H:%M} UTC",
    }
    LAST_GENERATION.write_text(json.dumps(saved, ensure_ascii=False))
    started = time.monotonic()
    with psycopg.connect(pg_url(db), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"   VACUUM ANALYZE {time.monotonic() - started:.1f} s", flush=True)
    return rows


def counts(db: str) -> str:
    tables = {"orgs_person": "cá nhân", "registry_ratingrecord": "xếp loại", "registry_honourrecord": "danh hiệu/hình thức",
              "registry_initiativerecord": "sáng kiến"}  # fmt: skip
    parts = [
        f"{query(db, f'SELECT count(*) FROM {t}')[0][0]:,} {label}".replace(",", ".")
        for t, label in tables.items()
    ]
    return ", ".join(parts)


def run_modules(env: dict, only: str | None) -> list[dict]:
    rows = []
    for module in sorted((ROOT / "bench").glob("bench_*.py")):
        if only and only not in module.stem:
            continue
        print(f"== {module.name}", flush=True)
        out = subprocess.run([PY, str(module)], env=env, text=True, capture_output=True)
        if out.returncode:
            tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
            rows.append(
                {
                    "name": module.stem,
                    "value": None,
                    "unit": "",
                    "target": "",
                    "ok": False,
                    "note": " / ".join(tail),
                }
            )
            continue
        lines = out.stdout.strip().splitlines() or [""]
        try:
            rows += json.loads(lines[-1])
        except json.JSONDecodeError:
            # A module that prints prose instead of result rows: keep what it said as a note.
            note = " / ".join(line.strip() for line in lines if line.strip())[:400]
            rows.append(
                {
                    "name": module.stem,
                    "value": None,
                    "unit": "",
                    "target": "",
                    "ok": None,
                    "note": note,
                }
            )
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| Phép đo | Kết quả | Mục tiêu | Đạt | Ghi chú |", "|---|---|---|---|---|"]
    for r in rows:
        value = "—" if r["value"] is None else f"{r['value']} {r['unit']}".strip()
        ok = "" if r["ok"] is None else ("có" if r["ok"] else "**không**")
        lines.append(
            f"| {r['name']} | {value} | {r.get('target', '')} | {ok} | {r.get('note', '')} |"
        )
    return "\n".join(lines)


def write_readme(rows: list[dict], info: dict, data: str) -> None:
    block = "\n".join(
        [
            START,
            f"Lần chạy gần nhất: {info['date']} — {info['nproc']} CPU ({info['cpu']}), RAM {info['ram_gb']} GB, "
            f"PostgreSQL {info['postgres']}, Python {info['python']}; tải trung bình 15 phút lúc kết thúc: {info['load']}.",
            "",
            f"Dữ liệu: {data}.",
            "",
            table(rows),
            END,
        ]
    )
    text = README.read_text() if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text += "\n" + block + "\n"
    README.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Chạy các phép đo hiệu năng trên PostgreSQL.")
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "vinhdanh_bench"))
    parser.add_argument(
        "--reuse", action="store_true", help="Giữ cơ sở dữ liệu và dữ liệu đã sinh nếu có"
    )
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_PEOPLE", "100000")))
    parser.add_argument("--years", type=int, default=int(os.environ.get("BENCH_YEARS", "10")))
    parser.add_argument("--only", help="Chỉ chạy module bench_<tên> chứa chuỗi này")
    parser.add_argument(
        "--no-readme", action="store_true", help="Không ghi kết quả vào bench/README.md"
    )
    args = parser.parse_args(argv)

    env = os.environ.copy()
    env.update(
        DATABASE_URL=pg_url(args.db),
        DEBUG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        TASKS_BACKEND="immediate",
        VINHDANH_VAR_DIR=str(ROOT / "var" / "bench"),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")]),
    )
    rows = prepare(args.db, env, reuse=args.reuse, people=args.people, years=args.years)
    rows += run_modules(env, args.only)
    info = machine(args.db)
    data = counts(args.db)
    print()
    print(
        f"{info['date']}: {info['nproc']} CPU {info['cpu']}, RAM {info['ram_gb']} GB, PostgreSQL {info['postgres']}"
    )
    print(f"Dữ liệu: {data}")
    print(table(rows))
    if not args.no_readme:
        write_readme(rows, info, data)
        print(f"\nĐã ghi kết quả vào {README.relative_to(ROOT)}")
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
