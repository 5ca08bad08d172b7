"""Background jobs during the cluster run (deploy/cluster.sh): queued once, run exactly once.

``enqueue N``: N candidate-list runs ("danh sách đến hạn chạy nền") for Sở Y tế, queued through
the service as the demo officer cb_syt (each becomes one django-tasks job in the database).
``check``: waits (≤ 180 s) until every queued job has finished, then prints one JSON object:
jobs, succeeded, failed, jobs claimed more than once (``worker_ids`` longer than one), runs
whose list file exists, and how many distinct workers ran them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")


def enqueue(n: int) -> None:
    from django.db import transaction

    from vinhdanh.accounts.models import User
    from vinhdanh.orgs.models import Unit
    from vinhdanh.rules.candidates import CandidateFilter
    from vinhdanh.rules.services import eligibility_run_start

    actor = User.objects.get(username="cb_syt")
    unit = Unit.objects.get(code="HN.SYT")
    for _ in range(n):
        with transaction.atomic():
            eligibility_run_start(actor, unit=unit, f=CandidateFilter(year=2025, status=""))
    print(json.dumps({"queued": n}))


def check() -> None:
    from django_tasks_db.models import DBTaskResult

    from vinhdanh.rules.enums import RunStatus
    from vinhdanh.rules.models import EligibilityRun

    jobs = DBTaskResult.objects.filter(task_path__endswith="candidates_job")
    deadline = time.monotonic() + 180
    while jobs.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
        if time.monotonic() > deadline:
            break
        time.sleep(1)
    rows = list(jobs.values("status", "worker_ids"))
    runs = list(EligibilityRun.objects.values_list("status", "file"))
    print(
        json.dumps(
            {
                "jobs": len(rows),
                "succeeded": sum(r["status"] == "SUCCESSFUL" for r in rows),
                "failed": sum(r["status"] == "FAILED" for r in rows),
                "unfinished": sum(r["status"] not in ("SUCCESSFUL", "FAILED") for r in rows),
                "claimed_more_than_once": sum(len(r["worker_ids"] or []) > 1 for r in rows),
                "distinct_workers": len({w for r in rows for w in (r["worker_ids"] or [])}),
                "runs_done_with_file": sum(s == RunStatus.DONE and bool(f) for s, f in runs),
            }
        )
    )


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "enqueue":
        enqueue(int(sys.argv[2]))
    else:
        check()
