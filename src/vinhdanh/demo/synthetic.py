"""A large synthetic province for benchmarks (``manage.py generate_dataset``).

The root ``GEN<seed>`` holds about thirty departments (Sở and wards of the chosen province),
each with sub-units of 100–200 people. People, their histories and the collectives' histories
come from the same generator as the demo (``population.py``); rows go in by COPY on
PostgreSQL, department by department, so memory stays bounded whatever the size.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable

from django.db import connection, transaction
from vietnam_provinces import Province, ProvinceCode, Ward

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit

from .population import Authority, Issuer, Population

LAST_YEAR = dt.date.today().year  # the year under review, as in the demo
PEOPLE_PER_UNIT = 150

# name, abbreviation, [(sub-unit kind, name pattern)]
DEPARTMENTS = [
    ("Sở Y tế", "SYT", [("hospital", "Bệnh viện Đa khoa khu vực số {i}"), ("centre", "Trung tâm Y tế khu vực số {i}")]),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", [("school", "Trường THPT số {i}"), ("school", "Trường THCS số {i}")]),
    ("Sở Nội vụ", "SNV", [("division", "Phòng Nghiệp vụ số {i}")]),
    ("Sở Tài chính", "STC", [("division", "Phòng Quản lý ngân sách số {i}"), ("centre", "Trung tâm Dịch vụ tài chính số {i}")]),
    ("Sở Xây dựng", "SXD", [("division", "Phòng Quản lý xây dựng số {i}"), ("centre", "Ban Quản lý dự án số {i}")]),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", [("centre", "Trạm Khuyến nông số {i}"), ("division", "Chi cục Thủy lợi số {i}")]),
    ("Sở Công Thương", "SCT", [("division", "Phòng Quản lý thương mại số {i}"), ("centre", "Trung tâm Khuyến công số {i}")]),
    ("Sở Khoa học và Công nghệ", "SKHCN", [("centre", "Trung tâm Chuyển đổi số số {i}"), ("division", "Phòng Quản lý khoa học số {i}")]),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", [("library", "Thư viện khu vực số {i}"), ("theatre", "Đoàn Nghệ thuật số {i}")]),
    ("Sở Tư pháp", "STP", [("division", "Phòng Công chứng số {i}")]),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", [("division", "Phòng Công tác dân tộc số {i}")]),
    ("Thanh tra tỉnh", "TTr", [("division", "Phòng Thanh tra số {i}")]),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", [("office", "Phòng Tổng hợp số {i}")]),
    ("Ban Quản lý các khu công nghiệp", "BQLKCN", [("centre", "Trung tâm Dịch vụ khu công nghiệp số {i}")]),
    ("Đài Phát thanh và Truyền hình tỉnh", "PTTH", [("centre", "Phòng Biên tập số {i}")]),
]  # fmt: skip
WARD_SUBUNITS = [
    ("school", "Trường Mầm non {ward} số {i}"),
    ("school", "Trường Tiểu học {ward} số {i}"),
    ("school", "Trường THCS {ward} số {i}"),
    ("centre", "Trạm Y tế {ward} số {i}"),
    ("office", "Văn phòng HĐND và UBND {ward} số {i}"),
]


def _plan_sizes(people: int) -> tuple[int, int, list[int]]:
    """(departments, sub-units per department, people per sub-unit list) for ``people``."""
    n_units = max(1, math.ceil(people / PEOPLE_PER_UNIT))
    departments = max(1, min(30, people // 100 or 1))
    per_dept = max(1, math.ceil(n_units / departments))
    board = 3
    staff_total = people - departments * board
    slots = departments * per_dept
    sizes = [staff_total // slots + (1 if i < staff_total % slots else 0) for i in range(slots)]
    return departments, per_dept, sizes


def _skip_fk_triggers(enable: bool) -> bool:
    """On PostgreSQL as a superuser, skip the per-row foreign-key triggers while loading.

    Every key the generator writes points at a row it has just inserted (ids are reserved
    from the sequence first) or at a built-in catalogue code, so the checks can only pass;
    skipping them roughly halves the database's share of the load time.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cur:
        if enable:
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cur.fetchone()
            if not (row and row[0]):
                return False
        cur.execute(f"SET session_replication_role = {'replica' if enable else 'DEFAULT'}")
    return enable


def generate(
    *,
    people: int,
    years: int,
    seed: int,
    province: int = 1,
    chunk: int = 5000,
    parallel: bool = True,
    progress: Callable[[str], None] = lambda s: None,
) -> tuple[Population, Unit]:
    prefix = f"GEN{seed}"
    if Unit.objects.filter(code=prefix).exists():
        raise ValueError(f"Đã có dữ liệu sinh với mã {prefix}; hãy chọn --seed khác.")
    if people < 30:
        raise ValueError("Cần ít nhất 30 cá nhân.")
    started = time.monotonic()
    window = range(LAST_YEAR - years + 1, LAST_YEAR + 1)
    pop = Population(seed=seed, years=window, province=province, chunk=chunk)
    pop.full_years = True
    province_name = Province.from_code(ProvinceCode(province)).name
    wards = sorted(
        (w for w in Ward.iter_all() if int(w.province_code) == province), key=lambda w: int(w.code)
    )
    departments, per_dept, sizes = _plan_sizes(people)

    with transaction.atomic():
        root = Unit(code=prefix, name=f"Ủy ban nhân dân {province_name} (dữ liệu sinh {seed})", abbreviation="UBND",
                    level=UnitLevel.MINISTRY_PROVINCE, province_code=province, active_from=dt.date(2000, 1, 1))  # fmt: skip
        root.save()
        audit.record(
            None,
            AuditAction.IMPORT,
            root,
            note=f"Sinh dữ liệu thử: {people} cá nhân × {years} năm, seed {seed}.",
        )
    top = Issuer(f"UBND {province_name}", "UBND", "Nguyễn Văn Phong")
    fast = _skip_fk_triggers(True)
    if fast and parallel and not connection.in_atomic_block:
        pop.sink.start_parallel(
            # A generated dataset can be rebuilt: no need to wait for each batch's WAL flush.
            2,
            ("SET session_replication_role = replica", "SET synchronous_commit = off"),
        )
    try:
        _departments(
            pop, root, top, prefix, province, wards, departments, per_dept, sizes, started, progress
        )
    finally:
        pop.sink.finish()
        if fast:
            _skip_fk_triggers(False)
    return pop, root


def _departments(
    pop, root, top, prefix, province, wards, departments, per_dept, sizes, started, progress
) -> None:
    slot = 0
    for d in range(departments):
        with transaction.atomic():
            if d < len(DEPARTMENTS) and (d % 2 == 0 or not wards):
                name, abbr, templates = DEPARTMENTS[d]
                ward = None
            else:
                ward = wards[d % len(wards)] if wards else None
                name = f"Ủy ban nhân dân {ward.name}" if ward else f"Đơn vị số {d + 1}"
                abbr, templates = f"UBND{d + 1}", WARD_SUBUNITS
            dept = Unit(code=f"{prefix}.D{d + 1:02d}", name=name, abbreviation=abbr, level=UnitLevel.DEPARTMENT,
                        parent=root, province_code=province, ward_code=int(ward.code) if ward else None)  # fmt: skip
            dept.save()
            auth = Authority(Issuer(name, abbr.replace(" ", ""), "Trần Văn Bình"), top)
            members = pop.staff_unit(
                dept,
                "board",
                3,
                auth,
                **(
                    {} if ward is None else {"head": "Chủ tịch UBND", "deputy": "Phó Chủ tịch UBND"}
                ),
            )
            subs = []
            for i in range(per_dept):
                kind, pattern = templates[i % len(templates)]
                sub = Unit(code=f"{prefix}.D{d + 1:02d}.U{i + 1:03d}", name=pattern.format(i=i + 1, ward=ward.name if ward else ""),
                           abbreviation=f"U{i + 1}", level=UnitLevel.GRASSROOTS, parent=dept, province_code=province,
                           ward_code=int(ward.code) if ward else None)  # fmt: skip
                sub.save()
                subs.append((sub, kind, sizes[slot]))
                slot += 1
            pool = [s for s, _k, _n in subs]
            staffs = [pop.staff_unit(sub, kind, n, auth, move_pool=pool) for sub, kind, n in subs]
            pop.flush()
            for (sub, _k, _n), staff in zip(subs, staffs, strict=True):
                pop.collective(sub, staff, auth)
                members += staff
            pop.collective(dept, members, auth)
        done = pop.people_made
        rate = done / max(time.monotonic() - started, 1e-6)
        progress(
            f"  {d + 1}/{departments} đơn vị cấp sở: {done:,} cá nhân ({rate:,.0f}/giây)".replace(
                ",", "."
            )
        )
