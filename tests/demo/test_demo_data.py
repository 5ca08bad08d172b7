"""manage.py demo_data: the scenario world, consistent histories, demo accounts."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from tests.demo.conftest import histories
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.core.models import AuditEntry
from vinhdanh.demo import scenario
from vinhdanh.demo.history import collective_problems, individual_problems
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.validators import cccd_problem
from vinhdanh.registry.models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord


def people_in(unit: Unit) -> int:
    return Person.objects.filter(unit__path__startswith=unit.path).count()


def test_demo_data_loads_khoi9_and_cum7_under_hanoi(demo):
    hanoi = Unit.objects.get(code="HN")
    assert hanoi.province_code == 1 and hanoi.level == "BO_TINH"
    for code in set(scenario.KHOI_9) | set(scenario.CUM_7):
        so = Unit.objects.get(code=f"HN.{code}")
        assert so.parent_id == hanoi.pk
        assert 3 <= so.children.count() <= 6
        assert 50 <= people_in(so) <= 200, so.name
    names = set(Unit.objects.filter(parent=hanoi).values_list("name", flat=True))
    assert {
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Lao động – Thương binh và Xã hội",
        "Sở Thông tin và Truyền thông",
    } <= names
    assert Unit.objects.get(code="HN.SYT.BVTHANHNHAN").ward_code is not None


def test_demo_data_loads_hatinh_party_bloc_and_central_bloc(demo):
    hatinh = Unit.objects.get(code="HT")
    agencies = list(Unit.objects.filter(parent=hatinh))
    assert len(agencies) == 10
    assert all(10 <= people_in(a) <= 30 for a in agencies)
    assert "Báo Hà Tĩnh" in {a.name for a in agencies}
    ministries = Unit.objects.filter(parent__code="TW")
    assert ministries.count() == len(scenario.MINISTRIES)
    assert all(20 <= people_in(m) <= 40 for m in ministries)


def test_demo_data_cccds_valid_and_unique(demo):
    rows = list(Person.objects.values_list("cccd", "gender", "date_of_birth"))
    assert len(rows) > 900
    assert len({r[0] for r in rows}) == len(rows)
    assert [r for r in rows if cccd_problem(r[0], gender=r[1], birth=r[2])] == []


def test_demo_data_people_have_open_memberships_and_some_moves(demo):
    open_units = dict(
        Membership.objects.filter(end__isnull=True).values_list("person_id", "unit_id")
    )
    people = dict(Person.objects.values_list("id", "unit_id"))
    assert open_units == people
    moved = Membership.objects.values("person").annotate(n=Count("id")).filter(n=2).count()
    assert moved >= 10
    assert Person.objects.filter(is_direct_worker=True).count() > 200
    assert Person.objects.filter(
        is_leader=True, position__in=["Giám đốc Sở", "Hiệu trưởng"]
    ).exists()


def test_demo_data_individual_histories_follow_the_law(demo):
    hired = dict(Person.objects.values_list("id", "hired_on"))
    by_person = histories()
    problems = {pid: individual_problems(h, hired_on=hired[pid]) for pid, h in by_person.items()}
    assert {pid: p for pid, p in problems.items() if p} == {}
    cstdcs = HonourRecord.objects.filter(honour_id="CSTDCS", person__isnull=False)
    assert cstdcs.count() > 100
    for rec in cstdcs:
        h = by_person[rec.person_id]
        y = rec.achievement_year
        assert h.has("LDTT", y) and (h.ratings[y] == "HTXS" or h.initiatives_in(y, y))
    for code in ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GIAY_KHEN", "BK_TINH", "BK_TTG"):
        assert HonourRecord.objects.filter(honour_id=code).exists(), code


def test_demo_data_collective_histories_follow_the_law(demo):
    people = histories()
    units = histories(persons=False)
    members: dict[int, list] = {}
    for pid, path in Person.objects.values_list("id", "unit__path"):
        for uid in (int(p) for p in path.strip(".").split(".")):
            members.setdefault(uid, []).append(people[pid])
    bad = {uid: collective_problems(h, members.get(uid, [])) for uid, h in units.items()}
    assert {uid: b for uid, b in bad.items() if b} == {}
    assert HonourRecord.objects.filter(unit__isnull=False, honour_id="TTLDTT").exists()
    assert HonourRecord.objects.filter(unit__isnull=False, honour_id="TTLDXS").exists()


def test_demo_data_records_carry_decisions_and_pending_flags(demo):
    bk = HonourRecord.objects.filter(
        honour_id="BK_TINH", person__unit__code__startswith="HN.", source="demo"
    ).first()
    assert bk.decision_number.endswith("/QĐ-UBND") and bk.issuer == "UBND Thành phố Hà Nội"
    assert bk.signer and bk.decision_date.year == bk.achievement_year + 1
    ldtt = HonourRecord.objects.filter(
        honour_id="LDTT", person__unit__code__startswith="HN.SYT", source="demo"
    ).first()
    assert ldtt.issuer == "Sở Y tế" and ldtt.decision_number.endswith("/QĐ-SYT")
    assert Person.objects.filter(pending_review=True).count() >= 1
    assert Person.objects.get(full_name="Hoàng Thị Mai").pending_review
    assert Unit.objects.get(code="HN.SLDTBXH.BTXH1").pending_review
    assert DisciplineRecord.objects.filter(form_id="CANH_CAO").exists()
    assert InitiativeRecord.objects.filter(scope_id="TOAN_QUOC").exists()
    assert set(RatingRecord.objects.values_list("source", flat=True).distinct()) == {"demo"}


def test_demo_data_showcase_people_exist_where_named(demo):
    for name, unit_code, _close in scenario.SHOWCASE:
        assert Person.objects.filter(full_name=name, unit__code=unit_code).exists(), name
    khoa = Person.objects.get(full_name="Trần Minh Khoa")
    years = set(
        HonourRecord.objects.filter(person=khoa, honour_id="CSTDCS").values_list(
            "achievement_year", flat=True
        )
    )
    r = scenario.REVIEW_YEAR
    assert years == {r - 2, r - 1}
    assert InitiativeRecord.objects.filter(person=khoa, year=r - 1, scope_id="TINH").exists()
    assert RatingRecord.objects.get(person=khoa, year=r).rating_id == "HTXS"
    # The year under review: the generated history confers nothing (only the demo's decisions).
    assert not HonourRecord.objects.filter(achievement_year=r, source="demo").exists()


def test_demo_data_accounts_have_roles_and_argon2_passwords(argon2_hashers, demo):
    User = get_user_model()
    for username, _full, role, unit_code, superuser in scenario.ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.password.startswith("argon2")
        assert user.check_password(scenario.DEMO_PASSWORD)
        assert user.is_superuser == superuser
        assert RoleGrant.objects.filter(user=user, role=role, unit__code=unit_code).exists()
    assert RoleGrant.objects.filter(user__username="quantri", role="admin").count() == 3
    assert set(RoleGrant.objects.values_list("role", flat=True)) == {
        "admin",
        "officer",
        "signer",
        "council",
        "viewer",
    }


def test_demo_data_records_one_audit_entry(demo):
    entries = AuditEntry.objects.filter(note__startswith="Nạp dữ liệu mẫu")
    assert entries.count() == 1
    assert entries.get().object_type == "orgs.unit"


def test_demo_data_second_run_changes_nothing(demo):
    models = [
        Unit,
        Person,
        Membership,
        RatingRecord,
        HonourRecord,
        InitiativeRecord,
        DisciplineRecord,
        RoleGrant,
        AuditEntry,
    ]
    before = [m.objects.count() for m in models]
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert [m.objects.count() for m in models] == before
    assert "đã có sẵn" in out.getvalue()


def test_demo_data_logins_prints_every_account_and_showcase(demo):
    out = io.StringIO()
    call_command("demo_data", "--logins", stdout=out)
    text = out.getvalue()
    for username, *_rest in scenario.ACCOUNTS:
        assert username in text
    assert scenario.DEMO_PASSWORD in text
    assert "Cán bộ thi đua, khen thưởng" in text and "Sở Y tế" in text
    for name, _unit, _close in scenario.SHOWCASE:
        assert name in text


# What the eligibility engine says about each showcase person for the year under review.
ENGINE_EXPECTS = {
    "Trần Minh Khoa": ("CSTD_TINH", "eligible"),
    "Lê Thị Hồng Nhung": ("BK_TTG", "eligible"),
    "Phạm Văn Đức": ("CSTD_TINH", "not_eligible"),
    "Hoàng Thị Mai": ("CSTD_TINH", "held"),
    "Vũ Đức Thắng": ("CSTD_TQ", "eligible"),
    "Nguyễn Thị Minh Nguyệt": ("HCLD3", "not_eligible"),
    "Bùi Quang Huy": ("BK_TINH", "not_eligible"),
    "Đỗ Minh Tuấn": ("LDTT", "not_eligible"),
    "Ngô Thị Lan": ("HCLD3", "eligible"),
    "Đặng Thu Trang": ("BK_TINH", "eligible"),
    "Lê Văn Tùng": ("CSTDCS", "not_eligible"),
    "Trịnh Thị Thanh Hương": ("CSTD_TINH", "eligible"),
    "Phan Văn Hải": ("BK_TINH", "eligible"),
}


def test_demo_data_showcase_matches_eligibility_engine(demo):
    from vinhdanh.rules.profile import profile_verdicts

    assert set(ENGINE_EXPECTS) == {s[0] for s in scenario.SHOWCASE}
    for name, unit_code, _close in scenario.SHOWCASE:
        person = Person.objects.get(full_name=name, unit__code=unit_code)
        verdicts = profile_verdicts(person, years=[scenario.REVIEW_YEAR])["years"][0]["verdicts"]
        status = {v["target"]: v["status"] for v in verdicts}
        target, expected = ENGINE_EXPECTS[name]
        assert status[target] == expected, (name, target, status[target])
