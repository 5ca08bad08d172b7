"""Backup and restore of a whole installation: the database and the uploaded files.

``backup(out)`` writes one ``.tar.gz``:

    manifest.json        format, date, versions (VinhDanh, Django, Python, database server),
                         the applied migrations per app, the row count of every table, and
                         the database file and every stored file with its size and SHA-256
    database.dump        PostgreSQL: ``pg_dump --format=custom`` (no owner, no privileges)
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    media/<path>         every file under MEDIA_ROOT (uploads, issued decisions, imports…)

``restore(archive)`` checks the archive first — the format, the database kind, and the size
and SHA-256 of the database file and of every file against the manifest — and only then
writes: into an **empty** database (a non-empty one is refused unless ``force``) with
``pg_restore --single-transaction`` or the backup API, and the files into MEDIA_ROOT (refused
when it already holds files, unless ``force``). Migrations of the code newer than the backup are
then applied with ``manage.py migrate``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "vinhdanh-backup/1"
MANIFEST = "manifest.json"
DB_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Vietnamese."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


# --- PostgreSQL client programs -------------------------------------------------------------


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(cmd: list[str], env: dict, what: str) -> None:
    if shutil.which(cmd[0]) is None:
        raise BackupError(f"Không tìm thấy chương trình {cmd[0]} (gói postgresql-client).")
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} thất bại: {result.stderr.strip()[-2000:]}")


# --- what the database holds ----------------------------------------------------------------


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per table of every installed model (one COUNT per table; a backup is rare)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in existing and table not in counts:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _server_version(connection) -> str:
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def _vinhdanh_version() -> str:
    try:
        return metadata.version("vinhdanh")
    except metadata.PackageNotFoundError:
        return "unknown"


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


# --- backup ---------------------------------------------------------------------------------


def _dump_database(connection, target: Path) -> None:
    if connection.vendor == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                *args,
                connection.settings_dict["NAME"],
            ],
            env,
            "pg_dump",
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def backup(out: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the archive to ``out`` (written beside it, then renamed: never half a file)."""
    out = Path(out)
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    db_name = DB_FILES.get(connection.vendor)
    if db_name is None:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
    with tempfile.TemporaryDirectory(prefix="vinhdanh-backup-") as tmp:
        db_file = Path(tmp) / db_name
        _dump_database(connection, db_file)
        files = []
        for path in media_files(media_root):
            files.append(
                {
                    "path": path.relative_to(media_root).as_posix(),
                    "size": path.stat().st_size,
                    "sha256": sha256_file(path),
                }
            )
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "versions": {
                "vinhdanh": _vinhdanh_version(),
                "django": django.get_version(),
                "python": platform.python_version(),
                "database": f"{connection.vendor} {_server_version(connection)}",
            },
            "database": {
                "vendor": connection.vendor,
                "file": db_name,
                "size": db_file.stat().st_size,
                "sha256": sha256_file(db_file),
            },
            "migrations": applied_migrations(using),
            "tables": table_counts(using),
            "files": files,
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_name)
            for entry in files:
                tar.add(media_root / entry["path"], arcname=f"media/{entry['path']}")
        partial.replace(out)
    return manifest


# --- restore --------------------------------------------------------------------------------


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Bản sao lưu chứa đường dẫn không hợp lệ: {name!r}.")
    return path


def _extract_checked(archive: Path, into: Path) -> dict:
    """Extract the manifest's members only, checking each size and SHA-256; returns the manifest."""
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {archive}: {exc}.") from exc
    with tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except (KeyError, ValueError, AttributeError) as exc:
            raise BackupError("Tệp sao lưu không có manifest.json hợp lệ.") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Định dạng sao lưu không được hỗ trợ: {manifest.get('format')!r}.")
        wanted = {manifest["database"]["file"]: manifest["database"]}
        for entry in manifest["files"]:
            wanted[f"media/{_safe_relative(entry['path'])}"] = entry
        seen = set()
        for member in tar:
            if member.name not in wanted:
                continue
            if not member.isfile():
                raise BackupError(f"Mục {member.name!r} trong bản sao lưu không phải là tệp.")
            target = into / _safe_relative(member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            size = 0
            with tar.extractfile(member) as src, target.open("wb") as dst:
                while block := src.read(CHUNK):
                    digest.update(block)
                    size += len(block)
                    dst.write(block)
            expected = wanted[member.name]
            if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
                raise BackupError(
                    f"Tệp {member.name!r} trong bản sao lưu bị hỏng: mã kiểm tra SHA-256 "
                    "không khớp với manifest. Không khôi phục gì."
                )
            seen.add(member.name)
        missing = sorted(set(wanted) - seen)
        if missing:
            raise BackupError(
                f"Bản sao lưu thiếu {len(missing)} tệp ghi trong manifest (ví dụ {missing[0]!r})."
            )
    return manifest


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    return not connections[using].introspection.table_names()


def restore(archive: Path, *, using: str = DEFAULT_DB_ALIAS, force: bool = False) -> dict:
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="vinhdanh-restore-") as tmp:
        work = Path(tmp)
        manifest = _extract_checked(Path(archive), work)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"Bản sao lưu là của {vendor}, cơ sở dữ liệu đích là {connection.vendor}: "
                "chỉ khôi phục được vào cùng loại cơ sở dữ liệu."
            )
        if not force and not database_is_empty(using):
            raise BackupError(
                f"Cơ sở dữ liệu đích {connection.settings_dict['NAME']} không trống: chỉ khôi "
                "phục vào cơ sở dữ liệu trống (tạo mới bằng createdb), hoặc dùng --force để ghi đè."
            )
        if not force and media_files(media_root):
            raise BackupError(
                f"Thư mục tệp {media_root} đã có tệp: chỉ khôi phục vào thư mục trống, "
                "hoặc dùng --force để ghi đè."
            )
        db_file = work / manifest["database"]["file"]
        connection.close()
        if vendor == "postgresql":
            args, env = _pg_args(connection.settings_dict)
            clean = ["--clean", "--if-exists"] if force else []
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    *clean,
                    *args,
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(db_file),
                ],
                env,
                "pg_restore",
            )
        else:
            source = sqlite3.connect(db_file)
            destination = sqlite3.connect(connection.settings_dict["NAME"])
            try:
                source.backup(destination)
            finally:
                source.close()
                destination.close()
        for entry in manifest["files"]:
            relative = _safe_relative(entry["path"])
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(work / "media" / relative, target)
    from .health import forget

    forget()
    return manifest


def pending_after_restore(manifest: dict) -> list[str]:
    """Migrations of this code the restored database has not had (``manage.py migrate``)."""
    from .health import unapplied_migrations

    return unapplied_migrations()
