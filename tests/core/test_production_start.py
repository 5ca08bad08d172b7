"""Issue 14 §1: `make serve` (deploy/serve.sh) starts the production configuration — gunicorn,
WhiteNoise, a worker — and serves /healthz, /readyz and hashed, compressed static files. Run in
a subprocess on a free loopback port with its own SQLite file, static root and env file."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None or importlib.util.find_spec("whitenoise") is None,
    reason="gunicorn or whitenoise is not installed",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path: Path, port: int, **extra) -> dict:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TZ"}}
    return {
        **keep,
        "PY": sys.executable,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "VINHDANH_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "VINHDANH_ENV_FILE": str(tmp_path / "production.env"),
        **extra,
    }


def _get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_make_serve_starts_gunicorn_with_static_files_probes_and_request_logs(tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        ["bash", str(ROOT / "deploy" / "serve.sh")],
        cwd=ROOT,
        env=_env(tmp_path, port),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                status, _, body = _get(f"{base}/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        assert body == b"ok"

        # The env file was generated once for this machine: random key, loopback hosts, mode 600.
        env_file = tmp_path / "production.env"
        values = dict(
            line.split("=", 1)
            for line in env_file.read_text().splitlines()
            if line and not line.startswith("#")
        )
        assert len(values["SECRET_KEY"]) >= 80
        assert values["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
        assert stat.S_IMODE(env_file.stat().st_mode) == 0o600

        status, headers, body = _get(f"{base}/readyz", {"X-Request-ID": "probe-0123456789"})
        assert status == 200, body
        assert json.loads(body) == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
        }
        assert headers["X-Request-ID"] == "probe-0123456789"
        assert headers["Server"].startswith("gunicorn")

        # Static files: hashed names from the manifest, cached for ever, gzip when asked.
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["core/app.css"]
        assert hashed != "core/app.css"
        source = (ROOT / "src/vinhdanh/core/static/core/app.css").read_bytes()
        status, headers, body = _get(f"{base}/static/{hashed}", {"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]
        assert gzip.decompress(body) == source
        status, _, _ = _get(f"{base}/static/core/app.css.missing")
        assert status == 404

        # A page renders with the hashed name (the login page links the stylesheet).
        status, _, body = _get(f"{base}/tai-khoan/dang-nhap/")
        assert status == 200
        assert hashed.encode() in body

        # The worker runs next to the server.
        assert "Starting worker" in (tmp_path / "serve.log").read_text()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()

    # One JSON line per request, with the request id given by the probe.
    lines = [
        json.loads(line)
        for line in (tmp_path / "serve.log").read_text().splitlines()
        if line.startswith("{")
    ]
    ready = [
        entry
        for entry in lines
        if entry.get("logger") == "vinhdanh.request" and entry.get("path") == "/readyz"
    ]
    assert ready and ready[0]["request_id"] == "probe-0123456789"
    assert ready[0]["status"] == 200 and ready[0]["method"] == "GET"
    assert isinstance(ready[0]["duration_ms"], float)


def test_make_serve_refuses_without_secret_key(tmp_path):
    env_file = tmp_path / "production.env"
    env_file.write_text("ALLOWED_HOSTS=tdkt.example.gov.vn\n")
    result = subprocess.run(
        ["bash", str(ROOT / "deploy" / "serve.sh")],
        cwd=ROOT,
        env=_env(tmp_path, _free_port()),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "thiếu biến môi trường: SECRET_KEY" in result.stderr
    assert not (tmp_path / "static").exists()  # refused before doing anything
    assert env_file.read_text() == "ALLOWED_HOSTS=tdkt.example.gov.vn\n"
