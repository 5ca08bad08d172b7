"""Throughput measurement for the eligibility core (not a test; run by hand).

    .venv/bin/python bench/bench_rules_core.py [N]

Prints seconds for evaluate_many over N synthetic individual histories × every individual
target, and checks per second for contract.handle() on a list of what-if requests.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from vinhdanh.rules.core import Held, History, Initiative, evaluate_many, handle  # noqa: E402

YEAR = 2025
RATINGS = ["HTXS", "HTT", "HTT", "HTT", "HT", "KHT"]


def synthetic(rng: random.Random) -> History:
    ratings = {y: rng.choice(RATINGS) for y in range(2015, YEAR + 1) if rng.random() < 0.95}
    titles = []
    for y in range(2015, YEAR):
        if ratings.get(y) in ("HTXS", "HTT"):
            titles.append(Held("LDTT", y))
            if rng.random() < 0.4:
                titles.append(Held("CSTDCS", y))
    if rng.random() < 0.1:
        titles.append(Held("CSTD_TINH", rng.randint(2016, 2023)))
    awards = [Held("BK_TINH", rng.randint(2010, 2024))] if rng.random() < 0.3 else []
    if awards and rng.random() < 0.3:
        awards.append(Held("BK_TTG", rng.randint(2012, 2024)))
    initiatives = [
        Initiative(
            rng.choice(["SANG_KIEN", "DE_TAI"]),
            rng.choice(["CO_SO", "TINH", "TOAN_QUOC"]),
            rng.randint(2018, YEAR),
        )
        for _ in range(rng.choice([0, 0, 1, 2]))
    ]
    return History(
        ratings=ratings,
        titles=titles,
        awards=awards,
        initiatives=initiatives,
        pending_review=rng.random() < 0.02,
        hired_on=date(rng.randint(2000, 2025), rng.randint(1, 12), 1),
    )


def request(rng: random.Random) -> dict:
    h = synthetic(rng)
    return {
        "year": YEAR,
        "subject": {
            "kind": "individual",
            "hired_on": h.hired_on.isoformat(),
            "pending_review": h.pending_review,
            "ratings": {str(y): r for y, r in h.ratings.items()},
            "titles": [{"code": t.code, "year": t.year} for t in h.titles],
            "awards": [{"code": a.code, "year": a.year} for a in h.awards],
            "initiatives": [
                {"kind": i.kind, "scope": i.scope, "year": i.year} for i in h.initiatives
            ],
        },
        "decision_date": "2025-12-20",
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(2025)
    t0 = time.perf_counter()
    histories = [(i, synthetic(rng)) for i in range(n)]
    t1 = time.perf_counter()
    c1 = time.process_time()
    verdicts = checks = eligible = 0
    for _key, verdict in evaluate_many(histories, YEAR):
        verdicts += 1
        checks += len(verdict.checks)
        eligible += verdict.status == "eligible"
    t2 = time.perf_counter()
    c2 = time.process_time()
    print(f"build {n} synthetic histories (incl. random generation): {t1 - t0:.2f}s")
    print(
        f"evaluate_many: {n} histories, {verdicts} verdicts, {checks} checks, "
        f"{eligible} eligible in {t2 - t1:.2f}s wall, {c2 - c1:.2f}s CPU "
        f"({checks / (c2 - c1):,.0f} checks/CPU-s)"
    )

    m = max(n // 20, 1000)
    payload = json.dumps([request(rng) for _ in range(m)])
    t3 = time.perf_counter()
    c3 = time.process_time()
    out = handle(json.loads(payload))
    body = json.dumps(out, ensure_ascii=False)
    t4 = time.perf_counter()
    c4 = time.process_time()
    hchecks = sum(len(r["checks"]) for resp in out for r in resp["results"])
    print(
        f"handle(list of {m}) incl. JSON decode/encode: {hchecks} checks in {t4 - t3:.2f}s "
        f"wall, {c4 - c3:.2f}s CPU ({hchecks / (c4 - c3):,.0f} checks/CPU-s, "
        f"{len(body) / 1e6:.1f} MB out)"
    )


if __name__ == "__main__":
    main()
