"""Eligibility benchmarks (issue "Eligibility engine", section 5).

(a) The candidate run for every individual target for one year over the generated province
    (100.000 people × 10 years): total time ≤ 3× the time of just loading the same rows (one
    SELECT per table into Python lists, nothing else) in the same run; ≥ 20× faster than the
    naive path (per person: 4 queries, then the engine); peak memory ≤ 2 GB. The naive path is
    timed on a sample of people (BENCH_NAIVE_SAMPLE, default 2.000) and extrapolated.
(b) The what-if check through the command line: `manage.py eligibility_check file.json` on a
    list of BENCH_WHATIF requests (default 5.000, every individual target each); ≥ 2.000
    checks (requests) per second, the process start included.

Each measurement runs in its own process so that `ru_maxrss` is that measurement's peak.
Run through ``bench/run.py`` (it prepares the database); prints one JSON list of rows.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("TASKS_BACKEND", "immediate")

YEAR = int(os.environ.get("BENCH_YEAR", "2025"))
NAIVE_SAMPLE = int(os.environ.get("BENCH_NAIVE_SAMPLE", "2000"))
REPEAT = int(os.environ.get("BENCH_ELIG_REPEAT", "3"))  # load/run pairs; medians are reported
WHATIF = int(os.environ.get("BENCH_WHATIF", "5000"))


def row(name, value, unit, target="", ok=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}


def n(value: int) -> str:
    """12345 → '12.345' (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def setup():
    import django

    django.setup()


def root_unit():
    from vinhdanh.orgs.models import Unit

    root = Unit.objects.filter(code__startswith="GEN", depth=0).order_by("pk").first()
    if root is None:
        raise SystemExit("Chưa có dữ liệu sinh (manage.py generate_dataset)")
    return root


# -- measurements, each run in its own process ---------------------------------------------


def measure_load() -> dict:
    """The floor: the same four SELECTs the candidate run makes (same columns, same filters,
    same server-side cursors in chunks of 20.000), fetched into Python lists and nothing else."""
    setup()
    from vinhdanh.orgs.models import Person
    from vinhdanh.registry.models import HonourRecord, InitiativeRecord, RatingRecord

    root = root_unit()
    started = time.perf_counter()
    people = Person.objects.filter(unit__path__startswith=root.path).order_by()
    ids = people.values("pk")
    fetched = 0
    for qs in (
        people.values_list(
            "pk",
            "gender",
            "hired_on",
            "pending_review",
            "full_name",
            "sort_key",
            "unit__name",
            "unit__path",
        ),  # fmt: skip
        RatingRecord.objects.filter(person_id__in=ids, year__lte=YEAR)
        .order_by()
        .values_list("person_id", "year", "rating_id"),  # fmt: skip
        HonourRecord.objects.filter(person_id__in=ids, achievement_year__lte=YEAR)
        .order_by()
        .values_list("person_id", "honour_id", "achievement_year"),  # fmt: skip
        InitiativeRecord.objects.filter(person_id__in=ids, year__lte=YEAR)
        .order_by()
        .values_list("person_id", "kind_id", "scope_id", "year"),  # fmt: skip
    ):
        fetched += len(list(qs.iterator(chunk_size=20_000)))
    return {"seconds": time.perf_counter() - started, "rows": fetched, "peak_mb": peak_mb(),
            "cpu": time.process_time()}  # fmt: skip


def measure_candidates() -> dict:
    setup()
    from vinhdanh.rules.candidates import CandidateFilter, candidate_rows

    root = root_unit()
    started = time.perf_counter()
    judged = [0]
    rows = candidate_rows(
        root,
        CandidateFilter(year=YEAR, kind="individual", status="eligible"),
        progress=lambda n: judged.__setitem__(0, judged[0] + n),
    )
    seconds = time.perf_counter() - started
    # The rows build their verdict and reasons when read (a page reads 50 of them); an export
    # reads every one: timed apart, for reference.
    started = time.perf_counter()
    written = sum(len(r.reasons) + len(r.citations) for r in rows)
    reasons = time.perf_counter() - started
    return {
        "seconds": seconds,
        "people": judged[0],
        "eligible": len(rows),
        "reasons_seconds": reasons,
        "reasons_chars": written,
        "peak_mb": peak_mb(),
        "cpu": time.process_time(),
    }


def measure_naive() -> dict:
    """The baseline: one person at a time, four queries each, then the engine."""
    setup()
    from vinhdanh.orgs.models import Person
    from vinhdanh.registry.models import HonourRecord, InitiativeRecord, RatingRecord
    from vinhdanh.rules.core import Engine, Held, History, Initiative
    from vinhdanh.rules.selectors import Jurisdictions, catalogue_from_db

    root = root_unit()
    people = Person.objects.filter(unit__path__startswith=root.path)
    total = people.count()
    ids = list(people.order_by("pk").values_list("pk", flat=True)[:NAIVE_SAMPLE])
    catalogue = catalogue_from_db()
    juris = Jurisdictions(YEAR, catalogue)
    started = time.perf_counter()
    eligible = 0
    for pid in ids:
        person = Person.objects.select_related("unit").get(pk=pid)
        ratings = dict(RatingRecord.objects.filter(person_id=pid, year__lte=YEAR)
                       .values_list("year", "rating_id"))  # fmt: skip
        titles, awards = [], []
        for code, y in HonourRecord.objects.filter(person_id=pid, achievement_year__lte=YEAR) \
                .values_list("honour_id", "achievement_year"):  # fmt: skip
            (titles if catalogue.is_title(code) else awards).append(Held(code, y))
        inits = [Initiative(k, s, y) for k, s, y in InitiativeRecord.objects.filter(
            person_id=pid, year__lte=YEAR).values_list("kind_id", "scope_id", "year")]  # fmt: skip
        history = History(kind="individual", ratings=ratings, titles=titles, awards=awards,
                          initiatives=inits, pending_review=person.pending_review,
                          hired_on=person.hired_on, gender=person.gender)  # fmt: skip
        engine: Engine = juris.engine_for_path(person.unit.path)
        eligible += sum(v.status == "eligible" for v in engine.evaluate(history, YEAR))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "sample": len(ids), "total": total,
            "extrapolated": seconds * total / max(len(ids), 1), "eligible": eligible}  # fmt: skip


def whatif_requests(n: int) -> list[dict]:
    rng = random.Random(7)
    ratings = ["HTXS", "HTT", "HTT", "HT", "KHT"]
    out = []
    for _ in range(n):
        rated = {str(y): rng.choice(ratings) for y in range(YEAR - 9, YEAR + 1)}
        titles = [{"code": "LDTT", "year": y} for y in range(YEAR - 9, YEAR)
                  if rated[str(y)] in ("HTXS", "HTT")]  # fmt: skip
        titles += [{"code": "CSTDCS", "year": t["year"]} for t in titles if rng.random() < 0.4]
        out.append({
            "year": YEAR,
            "subject": {"kind": "individual", "gender": rng.choice(["male", "female"]),
                        "hired_on": "2010-01-01", "ratings": rated, "titles": titles,
                        "awards": [{"code": "BK_TINH", "year": YEAR - rng.randint(1, 8)}]
                        if rng.random() < 0.3 else [],
                        "initiatives": [{"kind": "SANG_KIEN", "scope": rng.choice(
                            ["CO_SO", "TINH", "TOAN_QUOC"]), "year": YEAR - rng.randint(0, 5)}
                            for _ in range(rng.randint(0, 2))]},
            "decision_date": f"{YEAR}-12-20",
        })  # fmt: skip
    return out


def measure_whatif() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "whatif.json"
        path.write_text(json.dumps(whatif_requests(WHATIF)), encoding="utf-8")
        started = time.perf_counter()
        out = subprocess.run([sys.executable, str(ROOT / "manage.py"), "eligibility_check", str(path)],
                             capture_output=True, text=True, env=os.environ.copy())  # fmt: skip
        seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"eligibility_check exit {out.returncode}: {out.stderr[-500:]}")
    responses = json.loads(out.stdout)
    verdicts = sum(len(r["results"]) for r in responses)
    checks = sum(len(v["checks"]) for r in responses for v in r["results"])
    return {"seconds": seconds, "requests": len(responses), "verdicts": verdicts, "checks": checks}


MODES = {"load": measure_load, "candidates": measure_candidates, "naive": measure_naive,
         "whatif": measure_whatif}  # fmt: skip


def child(mode: str) -> dict:
    out = subprocess.run([sys.executable, __file__, mode], capture_output=True, text=True,
                         env=os.environ.copy())  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{mode}: {out.stderr.strip()[-800:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(results: list[dict]) -> dict:
    """The measurement with the median time (its other figures go with it)."""
    ordered = sorted(results, key=lambda r: r["seconds"])
    return ordered[len(ordered) // 2]


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(MODES[sys.argv[1]]()))
        return
    child("load")  # warm the database cache so that neither side pays for cold pages
    loads, cands = [], []
    for _ in range(REPEAT):  # alternate, so that both sides see the same machine load
        loads.append(child("load"))
        cands.append(child("candidates"))
    ratios = [c["seconds"] / lo["seconds"] for lo, c in zip(loads, cands, strict=True)]
    load = median_of(loads)
    cand = median_of(cands)
    naive = child("naive")
    whatif = child("whatif")
    ratio = cand["seconds"] / load["seconds"]
    load_times = ", ".join(f"{x['seconds']:.2f}" for x in loads)
    run_times = ", ".join(f"{x['seconds']:.2f}" for x in cands)
    speedup = naive["extrapolated"] / cand["seconds"]
    rate = whatif["checks"] / whatif["seconds"]
    per_request = whatif["requests"] / whatif["seconds"]
    rows = [
        row(
            "Chỉ tải dữ liệu (4 SELECT vào Python)",
            round(load["seconds"], 2),
            "s",
            "",
            None,
            f"{n(load['rows'])} dòng; trung vị của {load_times} s",
        ),  # fmt: skip
        row(
            f"Danh sách đến hạn, mọi mục tiêu cá nhân, năm {YEAR}",
            round(cand["seconds"], 2),
            "s",
            "≤ 3× chỉ tải",
            ratio <= 3,
            f"{n(cand['people'])} cá nhân, {n(cand['eligible'])} dòng đủ điều kiện; "
            f"gấp {ratio:.2f} lần chỉ tải (trung vị của {run_times} s, {REPEAT} lần chạy xen kẽ; từng cặp: "
            f"{', '.join(f'{r:.2f}×' for r in ratios)}); CPU của tiến trình {cand['cpu']:.1f} s "
            f"(chỉ tải: {load['cpu']:.1f} s, gồm khởi động Django). Lý do và căn cứ của mỗi dòng "
            f"được viết khi đọc dòng đó; đọc hết {n(cand['eligible'])} dòng (như khi xuất tệp) "
            f"mất thêm {cand['reasons_seconds']:.2f} s, tức "
            f"{(cand['seconds'] + cand['reasons_seconds']) / load['seconds']:.2f} lần chỉ tải",
        ),  # fmt: skip
        row(
            "Cách làm từng người (4 truy vấn/người, ước tính)",
            round(naive["extrapolated"], 1),
            "s",
            "",
            None,
            f"ước tính: đo {n(naive['sample'])} người đầu tiên trong {naive['seconds']:.1f} s "
            f"rồi nhân lên {n(naive['total'])} người",
        ),  # fmt: skip
        row("Nhanh hơn cách làm từng người", round(speedup, 1), "×", "≥ 20×", speedup >= 20),
        row(
            "Bộ nhớ đỉnh của lần lập danh sách",
            cand["peak_mb"],
            "MB",
            "≤ 2048 MB",
            cand["peak_mb"] <= 2048,
            "ru_maxrss của tiến trình riêng",
        ),  # fmt: skip
        row(
            "Kiểm tra giả định qua dòng lệnh",
            round(rate),
            "tiêu chí/s",
            "≥ 2.000/s",
            rate >= 2000,
            f"{n(whatif['requests'])} yêu cầu × mọi mục tiêu cá nhân = {n(whatif['verdicts'])} "
            f"kết quả, {n(whatif['checks'])} tiêu chí trong {whatif['seconds']:.2f} s (gồm khởi "
            f"động Django): {per_request:.0f} yêu cầu/s",
        ),  # fmt: skip
    ]
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
