"""``manage.py db_worker`` of django-tasks-db, plus stale job recovery (core/jobs.py).

At start and every ``JOBS_RECOVER_SECONDS`` a thread looks for jobs whose worker died (no
heartbeat for ``JOBS_STALE_SECONDS``) and queues them again to resume from their checkpoint,
or marks them failed with the reason. Several workers may do this at once: the rows are taken
with ``select_for_update(skip_locked=True)``.
"""

from __future__ import annotations

import logging
import os
import threading

from django.conf import settings
from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as BaseWorkerCommand

from vinhdanh.core import jobs

logger = logging.getLogger("vinhdanh.core.jobs")


def _recover_loop(stop: threading.Event, interval: float) -> None:
    while True:
        try:
            handled = jobs.recover_stale()
            if handled:
                logger.warning("Recovered %s stale job(s)", handled)
        except Exception:
            logger.exception("Stale job recovery failed")
        finally:
            connection.close()
        if stop.wait(interval):
            return


class Command(BaseWorkerCommand):
    help = "Run the database task worker; jobs whose worker died are resumed or failed."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-recover",
            action="store_false",
            dest="recover",
            help="Do not look for jobs whose worker died.",
        )

    def handle(self, *args, recover: bool = True, **options) -> None:
        stop = threading.Event()
        # With --reload the parent process only restarts the child: recover in the child.
        reloader_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if recover and not options.get("batch") and not reloader_parent:
            interval = float(getattr(settings, "JOBS_RECOVER_SECONDS", 10))
            threading.Thread(
                target=_recover_loop, args=(stop, interval), name="job-recovery", daemon=True
            ).start()
        elif recover and options.get("batch"):
            jobs.recover_stale()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
