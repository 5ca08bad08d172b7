"""SCENARIOS.md 1 in the browser: Khối thi đua số 9 of Hà Nội, 2024, from the covenant signing
through self- and cross-scoring, locking, the ranking and the acclaim vote to the proposal of
the leading unit for the city's Cờ thi đua. Each member's officer signs in in turn and clicks."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from tests.factories import UnitFactory, UserFactory, grant
from vinhdanh.accounts.enums import Role
from vinhdanh.emulation.enums import BallotStatus, CriterionKind, ScoringStatus
from vinhdanh.emulation.models import (
    AcclaimChoice,
    AcclaimVoter,
    Bloc,
    BlocMember,
    Covenant,
    Proposal,
    RankingResult,
    Score,
    ScoringTable,
)
from vinhdanh.emulation.services import covenants, scoring
from vinhdanh.orgs.enums import UnitLevel

# Points every other member gives each member on criteria 1 (max 60), 2 (max 30), 3 (max 10);
# members score themselves the maximum. Expected ranking: the order of this list.
CROSS = [
    ("svhtt", (55, 28, 9)),
    ("syt", (54, 27, 9)),
    ("sgd", (52, 26, 8)),
    ("skhcn", (50, 25, 8)),
    ("sldtbxh", (48, 24, 7)),
]
SELF = (60, 30, 10)


def _catalogue():
    """transactional_db flushes the tables after each test; reload the catalogue if needed."""
    from vinhdanh.catalogue import data
    from vinhdanh.catalogue.models import Honour

    if not Honour.objects.filter(code="CO_TD_TINH").exists():
        data.load(django_apps)


@pytest.fixture
def k9(settings, request):
    """The bloc as the city set it up: members, head Sở Y tế, deputy Sở Văn hóa và Thể thao; the
    covenant's commitments and signatories written; a small scoring table (3 criteria) drafted."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _catalogue()
    tree = request.getfixturevalue("tree")
    personas = request.getfixturevalue("personas")
    hanoi = tree.hanoi

    def dept(code, name, abbr):
        return UnitFactory(code=f"HN.{code}", name=name, abbreviation=abbr, level=UnitLevel.DEPARTMENT, parent=hanoi)  # fmt: skip

    units = SimpleNamespace(
        syt=tree.syt,
        sgd=tree.sgd,
        skhcn=dept("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN"),
        sldtbxh=dept("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "SLĐTBXH"),
        svhtt=dept("SVHTT", "Sở Văn hóa và Thể thao", "SVHTT"),
    )
    bloc = Bloc.objects.create(owner=hanoi, name="Khối thi đua số 9", abbreviation="KTĐ9", year=2024,
                               head=units.syt, deputy=units.svhtt, theme="Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển")  # fmt: skip
    for i, key in enumerate(["syt", "sgd", "skhcn", "sldtbxh", "svhtt"], start=1):
        BlocMember.objects.create(bloc=bloc, unit=getattr(units, key), rotation_order=i)

    def officer(username, unit):
        user = UserFactory(username=username, full_name=f"Cán bộ TĐKT {unit.name}")
        grant(user, Role.OFFICER, unit)
        return user

    officers = SimpleNamespace(
        syt=personas.unit_officer,
        sgd=officer("cb_sgd", units.sgd),
        skhcn=officer("cb_skhcn", units.skhcn),
        sldtbxh=officer("cb_sldtbxh", units.sldtbxh),
        svhtt=officer("cb_svhtt", units.svhtt),
    )
    head = officers.syt
    cov = covenants.covenant_save(
        head, bloc, theme=bloc.theme, place="Sở Y tế, 4 Sơn Tây, Hà Nội",
        basis="Kế hoạch số 282/KH-UBND ngày 30/11/2023 của UBND Thành phố Hà Nội",
    )  # fmt: skip
    covenants.item_add(
        head, cov, content="Hoàn thành xuất sắc nhiệm vụ chính trị được Thành phố giao."
    )
    covenants.item_add(head, cov, content="Đẩy mạnh cải cách hành chính, chuyển đổi số.")
    covenants.signatories_save(head, cov, {m.unit_id: (f"Giám đốc {m.unit.name}", "Giám đốc Sở") for m in bloc.members.select_related("unit")})  # fmt: skip
    table = scoring.create_table(head, bloc, name="Bảng chấm điểm thi đua năm 2024")
    for code, name, top in [("1", "Thực hiện nhiệm vụ chính trị", 60), ("2", "Công tác thi đua, khen thưởng", 30), ("3", "Xây dựng tổ chức", 10)]:  # fmt: skip
        scoring.add_criterion(head, table, code=code, name=name, kind=CriterionKind.CRITERION, max_points=Decimal(top))  # fmt: skip
    return SimpleNamespace(
        bloc=bloc, units=units, officers=officers, table=table, password=personas.password
    )


def test_khoi9_covenant_to_proposal_of_the_leading_unit(page, sign_in, k9):
    bloc, units, officers = k9.bloc, k9.units, k9.officers
    base = f"/thi-dua/khoi/{bloc.pk}"

    def as_user(user):
        page.context.clear_cookies()
        sign_in(user, k9.password)

    # 1. The head's officer signs the covenant.
    as_user(officers.syt)
    page.goto(f"{base}/giao-uoc/")
    page.get_by_role("link", name="Ký kết", exact=True).click()
    expect(page.get_by_text("Đủ người ký của các đơn vị thành viên")).to_be_visible()
    page.get_by_label("Ngày ký").fill("15/03/2024")
    page.get_by_role("button", name="Xác nhận ký kết").click()
    expect(page.get_by_text("Đã ký kết giao ước, số 01/GƯ-KTĐ9.")).to_be_visible()
    expect(page.get_by_role("link", name="Ký kết", exact=True)).to_have_count(0)

    # 2. The head opens the scoring table.
    page.goto(f"{base}/cham-diem/")
    page.get_by_role("link", name="Áp dụng (mở chấm điểm)").click()
    page.get_by_role("button", name="Áp dụng bảng điểm (mở chấm điểm)").click()
    expect(page.locator("h2 .badge")).to_have_text("Đang chấm điểm")

    # 3. Every member's officer self-scores and cross-scores the others through the sheets.
    cross = dict(CROSS)
    for scorer_key in ["syt", "sgd", "skhcn", "sldtbxh", "svhtt"]:
        scorer = getattr(units, scorer_key)
        as_user(getattr(officers, scorer_key))
        for member_key, _points in CROSS:
            member = getattr(units, member_key)
            points = SELF if member_key == scorer_key else cross[member_key]
            page.goto(f"{base}/cham-diem/")
            row = page.locator("tbody tr").filter(
                has=page.locator("th", has_text=re.compile(f"^{re.escape(member.name)}$"))
            )
            row.locator(f'a[href$="?scorer={scorer.pk}"]').click()
            expect(page.get_by_role("heading", level=2)).to_contain_text(member.name)
            for code, value in zip(("1", "2", "3"), points, strict=True):
                page.get_by_label(f"Điểm {code}", exact=True).fill(str(value))
            page.get_by_role("button", name="Lưu phiếu chấm").click()
            expect(page.get_by_text("Đã lưu phiếu chấm điểm.")).to_be_visible()
            expect(page.get_by_label("Điểm 1", exact=True)).to_have_value(f"{points[0]},00")

    # 4. The head locks the table; the ranking page shows the expected order.
    as_user(officers.syt)
    page.goto(f"{base}/cham-diem/")
    expect(page.locator("tbody tr").filter(has_text="Sở Lao động")).to_contain_text("3/3")
    page.get_by_role("link", name="Khóa bảng điểm").click()
    page.get_by_role("button", name="Khóa bảng điểm").click()
    expect(page.locator("h2 .badge")).to_have_text("Đã khóa")
    page.get_by_role("link", name="Kết quả xếp hạng").click()
    ranking = page.locator("table", has=page.get_by_role("columnheader", name="Hạng"))
    names = ranking.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert [n.strip() for n in names] == [getattr(units, k).name for k, _p in CROSS]
    expect(ranking.locator("tbody tr").first).to_contain_text("92,00")

    # 5. The head opens the acclaim ballot; every member votes (secretly).
    page.get_by_role("link", name="Bình xét, suy tôn").first.click()
    page.get_by_label("Số đơn vị được chọn tối đa mỗi phiếu").fill("1")
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.get_by_text("Đã mở bỏ phiếu suy tôn.")).to_be_visible()
    leader, runner_up = units.svhtt, units.syt
    for voter_key in ["syt", "sgd", "skhcn", "sldtbxh", "svhtt"]:
        if voter_key != "syt":
            as_user(getattr(officers, voter_key))
            page.goto(f"{base}/suy-ton/")
        choice = runner_up if voter_key == "svhtt" else leader
        page.get_by_label(choice.name, exact=True).check()
        page.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.get_by_text("Đã ghi nhận phiếu bầu")).to_be_visible()
        expect(page.get_by_role("button", name="Bỏ phiếu")).to_have_count(0)

    # 6. All have voted: the tally shows; the head closes; the leader is proposed.
    expect(page.get_by_text("5/5 thành viên")).to_be_visible()
    tally = page.locator("table", has=page.get_by_role("columnheader", name="Số phiếu"))
    expect(tally.locator("tbody tr").first).to_contain_text(leader.name)
    expect(tally.locator("tbody tr").first).to_contain_text("4")
    as_user(officers.syt)
    page.goto(f"{base}/suy-ton/")
    page.get_by_role("link", name="Kết thúc bỏ phiếu").click()
    page.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    expect(page.get_by_text(f"Đề nghị Cờ thi đua cấp tỉnh: {leader.name}.")).to_be_visible()
    proposals = page.locator("table", has=page.get_by_role("columnheader", name="Danh hiệu"))
    expect(proposals.locator("tbody tr")).to_have_count(1)
    expect(proposals.locator("tbody tr")).to_contain_text(leader.name)
    expect(proposals.locator("tbody tr")).to_contain_text("Cờ thi đua")

    # What the database holds at the end.
    cov = Covenant.objects.select_related("number").get(bloc=bloc)
    assert cov.number.display == "01/GƯ-KTĐ9" and cov.signed_on.isoformat() == "2024-03-15"
    assert not cov.signatures.filter(signed_at__isnull=True).exists()
    table = ScoringTable.objects.get(pk=k9.table.pk)
    assert table.status == ScoringStatus.LOCKED
    assert Score.objects.filter(table=table).count() == 5 * 5 * 3
    assert Score.objects.filter(table=table, member=units.sgd, scorer=units.sgd).values_list("points", flat=True).count() == 3  # fmt: skip
    results = list(RankingResult.objects.filter(table=table).order_by("rank"))
    assert [r.member_id for r in results] == [getattr(units, k).pk for k, _p in CROSS]
    assert results[0].final_total == Decimal("92.00") and results[0].self_total == Decimal("100.00")
    ballot = bloc.ballot
    assert ballot.status == BallotStatus.CLOSED
    assert AcclaimVoter.objects.filter(ballot=ballot).count() == 5
    assert AcclaimChoice.objects.filter(ballot=ballot, candidate=leader).count() == 4
    proposal = Proposal.objects.get(bloc=bloc)
    assert (proposal.unit_id, proposal.honour_id, proposal.votes, proposal.rank) == (
        leader.pk,
        "CO_TD_TINH",
        4,
        1,
    )
