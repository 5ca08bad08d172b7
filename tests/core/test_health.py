"""Issue 14 §1: /readyz names what is not ready (database, cache, migrations), and every request
leaves one log line with its timing and request id, errors included."""

from __future__ import annotations

import json
import logging

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

from vinhdanh.core import health
from vinhdanh.core.logging import JsonFormatter


@pytest.fixture(autouse=True)
def _fresh_migration_check():
    health.forget()
    yield
    health.forget()


@pytest.fixture
def cache_table(db):
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)


def test_readyz_ok_when_database_cache_and_migrations_are_in_order(client, cache_table):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


def _decisions_leaf() -> str:
    from django.db.migrations.loader import MigrationLoader

    [(_app, name)] = MigrationLoader(connection).graph.leaf_nodes("decisions")
    return name


def test_readyz_503_names_an_unapplied_migration(client, cache_table):
    leaf = _decisions_leaf()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'decisions' AND name = %s", [leaf]
        )
        assert cursor.rowcount == 1
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["migrations"].startswith("error: ")
    assert f"decisions.{leaf}" in body["checks"]["migrations"]


def test_readyz_503_when_the_cache_cannot_store(client, db, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocker / "cache"),
        }
    }
    with override_settings(CACHES=broken):
        response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"].startswith("error: ")
    assert checks["database"] == "ok"


def test_a_successful_migration_check_is_remembered_for_a_minute(db, cache_table):
    assert health.check_migrations() == "ok"
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'decisions' AND name = %s",
            [_decisions_leaf()],
        )
    assert health.check_migrations() == "ok"  # remembered
    health.forget()
    assert health.check_migrations().startswith("error: ")


def _boom(request):
    raise RuntimeError("hỏng giữa chừng")


urlpatterns = [
    path("boom/", _boom),
    path("ok/", lambda request: HttpResponse("ok")),
    path("", include("vinhdanh.urls")),
]


@pytest.fixture
def request_logs(caplog):
    caplog.set_level(logging.INFO, logger="vinhdanh.request")
    return caplog


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "vinhdanh.request"]


@override_settings(ROOT_URLCONF=__name__)
def test_one_line_per_request_with_timing_and_the_given_request_id(client, db, request_logs):
    response = client.get("/ok/?token=secret", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c2e-0001"
    [record] = _request_records(request_logs)
    assert (record.method, record.path, record.status) == ("GET", "/ok/", 200)
    assert record.request_id == "lb-7f3a9c2e-0001"
    assert isinstance(record.duration_ms, float) and record.duration_ms >= 0
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "lb-7f3a9c2e-0001"
    assert line["path"] == "/ok/" and line["status"] == 200 and line["method"] == "GET"
    assert "secret" not in json.dumps(line)  # the query string is not logged


@override_settings(ROOT_URLCONF=__name__)
def test_an_unusable_request_id_is_replaced(client, db, request_logs):
    response = client.get("/ok/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    made = response["X-Request-ID"]
    assert made != "<script>alert(1)</script>"
    assert len(made) == 32 and int(made, 16) >= 0
    [record] = _request_records(request_logs)
    assert record.request_id == made
    other = client.get("/ok/")["X-Request-ID"]
    assert other != made


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_is_logged_with_the_request_id(client, db, request_logs):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_X_REQUEST_ID="req-error-00000042")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-error-00000042"
    errors = [r for r in request_logs.records if r.name == "django.request"]
    assert errors and errors[0].levelname == "ERROR"
    assert errors[0].request_id == "req-error-00000042"
    line = json.loads(JsonFormatter().format(errors[0]))
    assert "RuntimeError: hỏng giữa chừng" in line["exception"]
    assert line["request_id"] == "req-error-00000042"
    [summary] = _request_records(request_logs)
    assert summary.levelname == "ERROR" and summary.status == 500
    # Outside a request, records carry "-".
    assert logging.getLogger("x").makeRecord("x", 20, "f", 1, "m", None, None).request_id == "-"
