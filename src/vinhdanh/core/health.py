"""Readiness: can this process serve requests? (``/readyz``; ``/healthz`` only says it is up.)

Three checks, each answering "ok" or a short reason: the database answers a query, the cache
stores and returns a value, and no migration of the code is left unapplied on the database. A
load balancer takes a server out of rotation while any check fails (HTTP 503), e.g. during a
deployment before ``migrate`` ran, or after a restore from an older backup.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

# Building the migration graph reads every migration file (~0.1 s): a success is remembered
# for a minute, a failure is checked again at the next probe.
MIGRATIONS_OK_SECONDS = 60.0
_migrations_ok_at: float | None = None


def check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("readyz: database unreachable: %s", exc)
        return f"error: {type(exc).__name__}"
    return "ok"


def check_cache() -> str:
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:
        logger.warning("readyz: cache unreachable: %s", exc)
        return f"error: {type(exc).__name__}"
    return "ok" if value == "1" else "error: value not returned"


def unapplied_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def check_migrations() -> str:
    global _migrations_ok_at
    now = time.monotonic()
    if _migrations_ok_at is not None and now - _migrations_ok_at < MIGRATIONS_OK_SECONDS:
        return "ok"
    try:
        pending = unapplied_migrations()
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    if pending:
        shown = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        return f"error: {len(pending)} unapplied ({shown})"
    _migrations_ok_at = now
    return "ok"


def forget() -> None:
    """Forget the remembered migration check (tests, after a restore)."""
    global _migrations_ok_at
    _migrations_ok_at = None


def readiness() -> dict[str, str]:
    database = check_database()
    return {
        "database": database,
        "cache": check_cache(),
        # Without a database the migration check cannot run.
        "migrations": check_migrations() if database == "ok" else "error: no database",
    }
