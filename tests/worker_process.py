"""Run the real task worker (``manage.py db_worker``) as a separate process against the test
database, for the crash tests (PostgreSQL only: the tests commit, and SIGKILL must hit a
process that holds open transactions and database sessions)."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# Short heartbeat and staleness so a dead worker is noticed within seconds in tests.
FAST = {"JOBS_HEARTBEAT_SECONDS": "0.5", "JOBS_STALE_SECONDS": "3", "JOBS_RECOVER_SECONDS": "0.5"}


def database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def start_worker(log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
        # The worker runs as in production: DEBUG off, so the settings need a secret and the
        # hosts (imports and candidate runs seal nothing, so the secret need not match ours).
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "localhost",
        **FAST,
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    cmd = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload",
           "--interval", "0.1", "--verbosity", "0"]  # fmt: skip
    handle = log.open("ab")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL: the worker gets no chance to clean up (like the OOM killer or a power cut)."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill(proc)


def wait_for(predicate, *, timeout: float, what: str, log: Path | None = None, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}.\n{tail}")
