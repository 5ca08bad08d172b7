"""Issue 14 §2: `manage.py backup OUT` and `manage.py restore IN` — an issued decision, its
stored .docx/.pdf and an uploaded scan come back intact in an empty database (SQLite: a new
file; PostgreSQL: a scratch database created and dropped here); a non-empty database and a
tampered archive are refused before anything is written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from tests.files import PDF
from vinhdanh.core.files import store_upload
from vinhdanh.core.models import StoredFile
from vinhdanh.decisions.models import Decision, DecisionLine

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)

CHECKED_TABLES = [
    Decision._meta.db_table,
    DecisionLine._meta.db_table,
    StoredFile._meta.db_table,
    "core_auditentry",
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def target(tmp_path):
    """An empty database of the same kind as the test database, and its URL."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield {"url": f"sqlite:///{path}", "path": path}
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    admin = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"url": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}", "name": name}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(args, target, media_root, tmp_path):
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    env.update(
        DEBUG="1",
        DATABASE_URL=target["url"],
        MEDIA_ROOT=str(media_root),
        VINHDANH_VAR_DIR=str(tmp_path / "var2"),
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _value(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, str) and v[:1] in "{[":
        try:
            v = json.loads(v)
        except ValueError:
            return v
    if isinstance(v, (dict, list)):
        return json.dumps(v, sort_keys=True, ensure_ascii=False)
    return str(v)


def _plain(rows):
    """Values as text: Django's cursors convert dates and booleans (SQLite) and leave JSON as
    text (PostgreSQL) where the plain drivers do otherwise; the stored values are the same."""
    return [tuple(_value(v) for v in row) for row in rows]


def _rows_here(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY id")
        return _plain(cursor.fetchall())


def _rows_there(target, table):
    if "path" in target:
        with sqlite3.connect(target["path"]) as conn:
            return _plain(conn.execute(f'SELECT * FROM "{table}" ORDER BY id'))
    import psycopg

    url = target["url"].replace("postgres://", "postgresql://")
    with psycopg.connect(url) as conn:
        return _plain(conn.execute(f'SELECT * FROM "{table}" ORDER BY id'))


def _tables_there(target) -> list[str]:
    if "path" in target:
        if not target["path"].exists():
            return []
        with sqlite3.connect(target["path"]) as conn:
            return [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
    import psycopg

    url = target["url"].replace("postgres://", "postgresql://")
    with psycopg.connect(url) as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]


def test_restore_into_an_empty_database_brings_back_every_decision_and_file(
    media, issued, personas, target, tmp_path
):
    scan = store_upload(
        SimpleUploadedFile("Bản scan quyết định.pdf", PDF),
        user=personas.signer,
    )
    stored = list(StoredFile.objects.order_by("id"))
    assert len(stored) >= 3 and issued.docx_file_id and issued.pdf_file_id
    assert scan in stored

    out = tmp_path / "backup.tar.gz"
    call_command("backup", str(out), stdout=io.StringIO())

    with tarfile.open(out) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["file"] in names
    assert manifest["versions"]["django"]
    assert "0001_initial" in manifest["migrations"]["decisions"]
    assert manifest["tables"][Decision._meta.db_table] == Decision.objects.count()
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    for row in stored:  # every stored file, with the checksum recorded when it was stored
        assert listed[row.file.name] == row.sha256
        assert f"media/{row.file.name}" in names

    restored_media = tmp_path / "restored-media"
    result = _manage(["restore", str(out)], target, restored_media, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục" in result.stdout

    for table in CHECKED_TABLES:
        here = _rows_here(table)
        assert here, table
        there = _rows_there(target, table)
        diff = [
            (i, a, b)
            for x, y in zip(there, here, strict=False)
            for i, (a, b) in enumerate(zip(x, y, strict=False))
            if a != b
        ]
        assert there == here, (table, diff[:5], len(there), len(here))
    # Every table has its rows (the manifest's counts), not only those compared above.
    assert set(_tables_there(target)) >= set(manifest["tables"])
    for row in stored:
        copy = restored_media / row.file.name
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == row.sha256

    # A second restore into the now non-empty database is refused; nothing changes.
    again = _manage(["restore", str(out)], target, tmp_path / "other-media", tmp_path)
    assert again.returncode != 0
    assert "không trống" in again.stderr and "--force" in again.stderr
    assert not (tmp_path / "other-media").exists()
    # --force overwrites (same content back).
    forced = _manage(["restore", "--force", str(out)], target, restored_media, tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert _rows_there(target, Decision._meta.db_table) == _rows_here(Decision._meta.db_table)


def test_a_tampered_archive_is_refused_before_anything_is_written(media, issued, target, tmp_path):
    out = tmp_path / "backup.tar.gz"
    call_command("backup", str(out), stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(out) as src, tarfile.open(tampered, "w:gz") as dst:
        changed = None
        for member in src:
            data = src.extractfile(member).read()
            if changed is None and member.name.startswith("media/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
                changed = member.name
            dst.addfile(member, io.BytesIO(data))
    assert changed

    restored_media = tmp_path / "restored-media"
    result = _manage(["restore", str(tampered)], target, restored_media, tmp_path)
    assert result.returncode != 0
    assert "SHA-256" in result.stderr and changed in result.stderr
    assert _tables_there(target) == []
    assert not restored_media.exists()
