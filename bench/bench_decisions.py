"""Decisions benchmarks (issue 5, section 8): one decision with 2.000 lines.

Measures, each phase in its own process (time and peak memory ``ru_maxrss``; target ≤ 1 GB):
(a) issuing: number, money of every line and 2.000 register entries (``services.decision_issue``);
(b) the decision as .docx with its 2.000-row annex and its PDF through LibreOffice
    (``documents.documents_generate``, both stored);
(c) 2.000 certificates: serials (``certificates_issue``) and the batch PDF on a blank
    (WeasyPrint, one page per line);
(d) the full-design certificate PDF with a QR code per page, for the same 2.000 lines.

It always works on its own scratch database (default ``vd_decisions_bench``, dropped and rebuilt
each run; never ``vinhdanh_bench``), so ``bench/run.py`` can run it with any DATABASE_URL.
Prints one JSON list of rows ``{"name", "value", "unit", "target", "ok", "note"}``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
DB = os.environ.get("BENCH_DECISIONS_DB", "vd_decisions_bench")
HOST = os.environ.get("PG_HOST", "127.0.0.1")
PORT = os.environ.get("PG_PORT", "5432")
USER = os.environ.get("PG_USER", "postgres")
LINES = int(os.environ.get("BENCH_DECISION_LINES", "2000"))
LIMIT_MB = 1024


def env() -> dict:
    e = dict(os.environ)
    e.update(
        DJANGO_SETTINGS_MODULE="vinhdanh.settings",
        DATABASE_URL=f"postgres://{USER}@{HOST}:{PORT}/{DB}",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        TASKS_BACKEND="immediate",
        MEDIA_ROOT=str(ROOT / "var" / "bench" / "decisions-media"),
    )
    return e


def row(name, value, unit, target="", ok=None, note=""):
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}


def django_setup():
    import django

    django.setup()


def phase_prepare():
    import datetime as dt

    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    from vinhdanh.accounts.enums import Role
    from vinhdanh.accounts.models import RoleGrant, User
    from vinhdanh.decisions import services
    from vinhdanh.decisions.models import DecisionLine
    from vinhdanh.orgs.enums import UnitLevel
    from vinhdanh.orgs.models import Person, Unit
    from vinhdanh.orgs.validators import make_cccd

    root = Unit.objects.create(
        code="BDQ", name="Ủy ban nhân dân tỉnh Bến Đỗ", abbreviation="UBND",
        level=UnitLevel.MINISTRY_PROVINCE,
    )  # fmt: skip
    people = [
        Person(
            full_name=f"Nguyễn Văn Thử {i:04d}",
            unit=root,
            gender="male",
            cccd=make_cccd(95, "male", 1980, 500000 + i),
        )
        for i in range(LINES)
    ]
    for p in people:
        p.refresh_derived()
    Person.objects.bulk_create(people, batch_size=1000)
    officer = User.objects.create(username="bd_officer", full_name="Cán bộ")
    signer = User.objects.create(username="bd_signer", full_name="Chủ tịch")
    RoleGrant.objects.create(user=officer, role=Role.OFFICER, unit=root)
    RoleGrant.objects.create(user=signer, role=Role.SIGNER, unit=root)
    decision = services.decision_create(officer, issuer=root, title="Về việc khen thưởng năm 2025")
    lines = [
        DecisionLine(
            decision=decision,
            position=i + 1,
            person=p,
            name=p.full_name,
            details=root.name,
            subject_kind="individual",
            honour_id="BK_TINH",
            achievement_year=2025,
        )  # fmt: skip
        for i, p in enumerate(Person.objects.filter(unit=root).order_by("id"))
    ]
    DecisionLine.objects.bulk_create(lines, batch_size=1000)
    return {"decision": decision.pk, "date": dt.date(2025, 8, 1).isoformat()}


def _users():
    from vinhdanh.accounts.models import User

    return User.objects.get(username="bd_officer"), User.objects.get(username="bd_signer")


def _decision():
    from vinhdanh.decisions.models import Decision

    return Decision.objects.get()


def phase_issue():
    import datetime as dt

    from vinhdanh.decisions import services
    from vinhdanh.registry.models import HonourRecord

    _officer, signer = _users()
    d = services.decision_issue(
        signer, _decision(), date=dt.date(2025, 8, 1), signer_name="Lê Văn Ký",
        signer_position="Chủ tịch",
    )  # fmt: skip
    return {"entries": HonourRecord.objects.count(), "total": d.total_amount}


def phase_documents():
    from vinhdanh.decisions import documents

    d = documents.documents_generate(_users()[1], _decision())
    return {"docx_kb": d.docx_file.size // 1024, "pdf_kb": d.pdf_file.size // 1024}


def phase_blank_batch():
    from vinhdanh.decisions import certificates
    from vinhdanh.decisions.models import CertificateBlank

    d = _decision()
    certificates.certificates_issue(_users()[0], d)
    blank = CertificateBlank.objects.create(name="Phôi thử")
    pdf = certificates.blank_batch_pdf(blank, d)
    import io

    from pypdf import PdfReader

    return {"pages": len(PdfReader(io.BytesIO(pdf)).pages), "pdf_kb": len(pdf) // 1024}


def phase_full_design():
    import io

    from pypdf import PdfReader

    from vinhdanh.decisions import certificates

    pdf = certificates.full_design_pdf(_decision())
    return {"pages": len(PdfReader(io.BytesIO(pdf)).pages), "pdf_kb": len(pdf) // 1024}


PHASES = {
    "prepare": phase_prepare,
    "issue": phase_issue,
    "documents": phase_documents,
    "blank_batch": phase_blank_batch,
    "full_design": phase_full_design,
}


def child(name: str) -> None:
    django_setup()
    start = time.perf_counter()
    info = PHASES[name]()
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if children:
        info["children_MB"] = round(children)
    print(json.dumps({"seconds": seconds, "rss_mb": max(rss_mb, children), **info}))


def run_phase(name: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name],
        env=env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import psycopg

    with psycopg.connect(f"postgres://{USER}@{HOST}:{PORT}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    run_phase("prepare")
    rows = []
    n = f"{LINES:_}".replace("_", ".")
    labels = {
        "issue": f"Quyết định {n} dòng: ban hành, tính tiền, ghi {n} mục vào sổ",
        "documents": f"Quyết định {n} dòng: .docx và .pdf (LibreOffice)",
        "blank_batch": f"{n} bằng khen in trên phôi: cấp số và PDF (WeasyPrint)",
        "full_design": f"{n} bằng khen mẫu đầy đủ có mã QR: PDF (WeasyPrint)",
    }
    for name, label in labels.items():
        r = run_phase(name)
        extra = ", ".join(f"{k} {v}" for k, v in r.items() if k not in ("seconds", "rss_mb"))
        rows.append(row(f"{label}: thời gian", round(r["seconds"], 1), "s", "", None, extra))
        rows.append(
            row(
                f"{label}: bộ nhớ đỉnh",
                round(r["rss_mb"]),
                "MB",
                f"≤ {LIMIT_MB} MB",
                r["rss_mb"] <= LIMIT_MB,
                "ru_maxrss của tiến trình đo (và các tiến trình con của nó, như LibreOffice)",
            )
        )
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        child(sys.argv[2])
    else:
        main()
