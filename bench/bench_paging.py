"""People list paging (issue 14 §3): OFFSET pages against keyset pages at the same positions.

As the generated province's root officer, the default list (name order) is requested at rows
500, 5,000 and 20,000 (or the last page when the data is smaller): ``?page=N`` makes the database
skip (N-1) × 50 rows, ``?after=<id>`` starts from the row before (core.listing.keyset_paginate).
Medians of BENCH_WEB_REPEAT requests, interleaved. Target: a keyset page deep in the list costs
≤ 1.5× one near the start. Also the time to walk every page by "Sau ›" (keyset) against every
page by number, when the list has at most 200 pages (BENCH_WALK_PAGES).

Run through ``bench/run.py``, or alone on any database with generated data
(``manage.py generate_dataset``). Prints one JSON list of rows like the other bench modules.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

WEB_REPEAT = int(os.environ.get("BENCH_WEB_REPEAT", "15"))
WALK_PAGES = int(os.environ.get("BENCH_WALK_PAGES", "200"))


def row(name, value, unit, target="", ok=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}


def main() -> None:
    import django

    django.setup()
    from bench.bench_foundation import _interleaved, bench_officer
    from django.test import Client
    from django.urls import reverse

    from vinhdanh.core.listing import PAGE_SIZE
    from vinhdanh.orgs.models import Person

    user, root = bench_officer()
    client = Client()
    client.force_login(user, backend="vinhdanh.accounts.backends.LockoutModelBackend")
    url = reverse("orgs:person_list")
    ordered = Person.objects.filter(unit__path__startswith=root.path).order_by("sort_key", "pk")
    total = ordered.count()
    last_page = max(1, -(-total // PAGE_SIZE))
    rows = []
    positions = sorted({min(p, last_page) for p in (11, 101, 401)})
    for page in positions:
        anchor = ordered.values_list("pk", flat=True)[(page - 1) * PAGE_SIZE - 1]
        got = _interleaved(
            client, {"offset": f"{url}?page={page}", "keyset": f"{url}?after={anchor}"}, WEB_REPEAT
        )
        for kind, (ms, status) in got.items():
            rows.append(
                row(f"people list page {page} ({kind})", round(ms, 1), "ms", note=f"HTTP {status}")
            )
    first = next(r for r in rows if r["name"].endswith(f"{positions[0]} (keyset)"))["value"]
    deep = next(r for r in rows if r["name"].endswith(f"{positions[-1]} (keyset)"))
    deep["target"] = f"≤ 1.5 × page {positions[0]} ({first} ms)"
    deep["ok"] = deep["value"] <= 1.5 * first

    if last_page <= WALK_PAGES:
        started = time.perf_counter()
        for page in range(1, last_page + 1):
            client.get(f"{url}?page={page}")
        by_number = time.perf_counter() - started
        started, pages, next_url = time.perf_counter(), 0, url
        while next_url:
            body = client.get(next_url).content.decode()
            pages += 1
            link = re.search(r'<a href="([^"]*)">Sau ›</a>', body)
            next_url = url + html.unescape(link.group(1)) if link else None
        by_keyset = time.perf_counter() - started
        rows.append(row(f"walk {last_page} pages by number (OFFSET)", round(by_number, 2), "s"))
        rows.append(
            row(
                f"walk {pages} pages by Sau › (keyset after page 10)",
                round(by_keyset, 2),
                "s",
                note=f"{total} people",
            )
        )
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
