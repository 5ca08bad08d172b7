"""Issue 11 §5, safe configuration: with DEBUG off the app refuses to start without its secrets,
`check --deploy` is clean with the production environment documented in README, and every
response carries the security headers (CSP with a nonce on the htmx script tag)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# The production environment as README ("Bảo mật") documents it.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3J9v-Qz8mW2pL5xR7tY1uN4bH6cD0eF_gA9sZ2xC5vB8nM1qW4eR7tY0uI3oP6a",
    "ALLOWED_HOSTS": "vinhdanh.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://vinhdanh.example.gov.vn",
}


def _run(args, env, tmp_path):
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    base.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "VINHDANH_VAR_DIR": str(tmp_path),
            "PYTHONPATH": f"{ROOT / 'src'}",
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DEBUG": "0"}, ["SECRET_KEY chưa được đặt", "ALLOWED_HOSTS chưa được đặt"]),
        ({"DEBUG": "0", "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]}, ["ALLOWED_HOSTS chưa"]),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "a.gov.vn"}, ["SECRET_KEY chưa được đặt"]),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "a.gov.vn", "SECRET_KEY": "short"}, ["quá ngắn"]),
    ],
)
def test_refuses_to_start_without_secret_key_and_hosts(env, missing, tmp_path):
    result = _run(["manage.py", "check"], env, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: VinhDanh không khởi động khi DEBUG tắt" in result.stderr
    for text in missing:
        assert text in result.stderr


def test_migration_check_needs_no_production_secrets(tmp_path):
    """`makemigrations --check` compares models and migration files only: it runs with DEBUG off
    and no secrets, while any serving or data command (`check`, above) is still refused."""
    result = _run(["manage.py", "makemigrations", "--check", "--dry-run"], {"DEBUG": "0"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    refused = _run(["manage.py", "migrate", "--noinput"], {"DEBUG": "0"}, tmp_path)
    assert refused.returncode != 0 and "ImproperlyConfigured" in refused.stderr


def test_development_still_starts_with_debug_on(tmp_path):
    result = _run(["manage.py", "check"], {"DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = _run(["manage.py", "check", "--deploy"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
c = Client()
from django.urls import reverse
url = reverse("accounts:login")
plain = c.get(url, HTTP_HOST="vinhdanh.example.gov.vn")
page = c.get(url, HTTP_HOST="vinhdanh.example.gov.vn", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location", "")],
    "status": page.status_code,
    "headers": dict(page.headers),
    "cookies": {k: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])} for k, m in page.cookies.items()},
    "body": page.content.decode(),
}))
"""


def test_production_responses_carry_security_headers(tmp_path):
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "vinhdanh.settings"}
    result = _run(["-c", PROBE], env, tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["redirect"] == [301, "https://vinhdanh.example.gov.vn/tai-khoan/dang-nhap/"]
    assert out["status"] == 200
    h = out["headers"]
    assert h["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert h["X-Frame-Options"] == "DENY"
    assert h["Referrer-Policy"] == "same-origin"
    assert h["X-Content-Type-Options"] == "nosniff"
    csp = h["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", csp).group(1)
    assert f'nonce="{nonce}"' in out["body"]  # htmx's script tag
    assert out["cookies"]["csrftoken"]["secure"] is True


@pytest.mark.django_db
def test_every_page_has_a_csp_without_inline_script(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    body = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
