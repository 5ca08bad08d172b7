"""Personas and the unit tree they live in.

Hà Nội (city) ── Sở Y tế ── Bệnh viện Đa khoa Đống Đa
             └─ Sở Giáo dục và Đào tạo
Hà Tĩnh (another province) ── Sở Y tế Hà Tĩnh   ← the outsider works here
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API shares the thread

from tests.factories import PASSWORD, PersonFactory, UnitFactory, UserFactory, grant  # noqa: E402


@pytest.fixture(autouse=True)
def fast_hashers(settings):
    """Personas' passwords are hashed with a cheap hasher: Argon2 costs a second per user and
    no test depends on the hasher, except those that ask for ``argon2_hashers``."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def argon2_hashers(fast_hashers, settings):
    from django.conf import settings as live

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    assert live.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.fixture
def reference_data(transactional_db):
    """Rows the migrations load (catalogue, holiday calendar, step deadlines).

    A transactional test flushes every table when it ends, those rows included, and Django
    re-creates only content types and permissions; the next transactional test on the same
    worker reloads them here (the loaders are idempotent)."""
    import importlib

    from django.apps import apps

    from vinhdanh.catalogue import data
    from vinhdanh.catalogue.models import Rating
    from vinhdanh.nominations.models import StepDeadline

    if not Rating.objects.exists():
        data.load(apps)
    if not StepDeadline.objects.exists():
        migration = importlib.import_module(
            "vinhdanh.nominations.migrations.0002_holidays_and_step_deadlines"
        )
        migration.load(apps, None)


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """Every transactional test (browser tests, worker and concurrency tests) starts with the
    migration-loaded rows, whatever test ran before it on this worker."""
    marker = request.node.get_closest_marker("django_db")
    if (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        request.getfixturevalue("reference_data")


@pytest.fixture
def tree(db):
    from vinhdanh.orgs.enums import UnitLevel

    hanoi = UnitFactory(
        code="HN",
        name="Ủy ban nhân dân Thành phố Hà Nội",
        abbreviation="UBND",
        level=UnitLevel.MINISTRY_PROVINCE,
        province_code=1,
    )
    syt = UnitFactory(
        code="HN.SYT", name="Sở Y tế", abbreviation="SYT", level=UnitLevel.DEPARTMENT, parent=hanoi
    )
    hospital = UnitFactory(
        code="HN.SYT.BVDD",
        name="Bệnh viện Đa khoa Đống Đa",
        abbreviation="BVĐĐ",
        level=UnitLevel.GRASSROOTS,
        parent=syt,
    )
    sgd = UnitFactory(
        code="HN.SGDDT",
        name="Sở Giáo dục và Đào tạo",
        abbreviation="SGDĐT",
        level=UnitLevel.DEPARTMENT,
        parent=hanoi,
    )
    hatinh = UnitFactory(
        code="HT",
        name="Ủy ban nhân dân tỉnh Hà Tĩnh",
        abbreviation="UBND",
        level=UnitLevel.MINISTRY_PROVINCE,
        province_code=42,
    )
    syt_ht = UnitFactory(
        code="HT.SYT",
        name="Sở Y tế Hà Tĩnh",
        abbreviation="SYT",
        level=UnitLevel.DEPARTMENT,
        parent=hatinh,
    )
    return SimpleNamespace(
        hanoi=hanoi, syt=syt, hospital=hospital, sgd=sgd, hatinh=hatinh, syt_ht=syt_ht
    )


@pytest.fixture
def personas(tree):
    """Users with roles: each may act only inside the units their roles cover."""
    from vinhdanh.accounts.enums import Role

    def make(username, role, unit, **extra):
        user = UserFactory(username=username, full_name=extra.pop("full_name", username), **extra)
        if role:
            grant(user, role, unit)
        return user

    return SimpleNamespace(
        admin=make("quantri", "admin", tree.hanoi, full_name="Quản trị hệ thống"),
        province_officer=make(
            "cb_thanhpho", Role.OFFICER, tree.hanoi, full_name="Cán bộ Ban TĐKT Thành phố"
        ),
        unit_officer=make("cb_syt", Role.OFFICER, tree.syt, full_name="Cán bộ TĐKT Sở Y tế"),
        signer=make("lanhdao_syt", Role.SIGNER, tree.syt, full_name="Giám đốc Sở Y tế"),
        council_member=make(
            "hoidong_tp", Role.COUNCIL, tree.hanoi, full_name="Thành viên Hội đồng"
        ),
        viewer=make("xem_syt", Role.VIEWER, tree.syt, full_name="Người xem Sở Y tế"),
        outsider=make("cb_hatinh", Role.OFFICER, tree.syt_ht, full_name="Cán bộ Sở Y tế Hà Tĩnh"),
        nobody=make("khongquyen", None, None, full_name="Tài khoản chưa được phân quyền"),
        password=PASSWORD,
    )


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in (without the lockout backend's hashing cost)."""

    def _login(user):
        client.force_login(user, backend="vinhdanh.accounts.backends.LockoutModelBackend")
        return client

    return _login


@pytest.fixture
def people(tree):
    """A few people in Sở Y tế, its hospital and Hà Tĩnh."""
    return SimpleNamespace(
        an=PersonFactory(full_name="Nguyễn Văn An", unit=tree.syt, gender="male"),
        binh=PersonFactory(full_name="Trần Thị Bình", unit=tree.hospital, gender="female"),
        chi=PersonFactory(full_name="Lê Minh Chi", unit=tree.sgd, gender="female"),
        foreign=PersonFactory(full_name="Phạm Đức Dũng", unit=tree.syt_ht, gender="male"),
    )
