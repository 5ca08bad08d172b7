"""manage.py demo_data: the emulation cycle of SCENARIOS.md 1, 2 and 5 (demo/emulation.py)."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from vinhdanh.accounts.models import RoleGrant
from vinhdanh.core.models import AuditEntry, DocumentNumber
from vinhdanh.demo import emulation
from vinhdanh.emulation.enums import BallotStatus, BlocKind, MeetingKind, ScoringStatus
from vinhdanh.emulation.models import (
    AcclaimChoice,
    AcclaimVoter,
    Bloc,
    Covenant,
    CovenantSignature,
    EmulationModel,
    Meeting,
    Movement,
    Proposal,
    RankingResult,
    Registration,
    Score,
)

KHOI9_MEMBERS = {
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động – Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao",
}


def khoi9() -> Bloc:
    return Bloc.objects.select_related("head", "deputy", "owner").get(
        owner__code="HN", abbreviation="KTĐ9", year=2024
    )


def cum7() -> Bloc:
    return Bloc.objects.select_related("head", "deputy").get(
        owner__code="HN", abbreviation="CTĐ7", year=2023
    )


def test_emulation_demo_khoi9_members_head_and_deputy(demo):
    bloc = khoi9()
    assert bloc.name == "Khối thi đua số 9" and bloc.kind == BlocKind.BLOC
    assert bloc.owner.name == "Ủy ban nhân dân Thành phố Hà Nội"
    assert {m.unit.name for m in bloc.members.select_related("unit")} == KHOI9_MEMBERS
    assert bloc.head.name == "Sở Y tế"
    assert bloc.deputy.name == "Sở Văn hóa và Thể thao"


def test_emulation_demo_khoi9_documents_have_the_press_numbers(demo):
    docs = {
        d.number.display: (d.doc_date, d.title) for d in khoi9().documents.select_related("number")
    }
    assert docs["01/KH-KTĐ9"] == (
        dt.date(2024, 5, 21),
        "Kế hoạch công tác năm 2024 của Khối thi đua số 9",
    )
    assert docs["02/QĐ-KTĐ9"][0] == dt.date(2024, 7, 16)
    assert docs["02/QĐ-KTĐ9"][1].startswith("Quyết định ban hành Quy chế hoạt động")
    # 01/QĐ is a real, earlier decision of the bloc (no gap, nothing cancelled).
    assert docs["01/QĐ-KTĐ9"][0] < dt.date(2024, 5, 21)
    numbers = DocumentNumber.objects.filter(issuer_key=khoi9().issuer_key)
    assert not numbers.filter(status="cancelled").exists()


def test_emulation_demo_khoi9_covenant_signed_by_five_with_the_theme(demo):
    covenant = Covenant.objects.select_related("number").get(bloc=khoi9())
    assert covenant.theme == "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển"
    assert "282/KH-UBND ngày 30/11/2023" in covenant.basis
    assert covenant.number.display == "01/GƯ-KTĐ9" and covenant.signed_on.year == 2024
    signatures = CovenantSignature.objects.filter(covenant=covenant)
    assert signatures.count() == 5
    assert not signatures.filter(signed_at__isnull=True).exists()
    assert covenant.items.count() >= 3


def test_emulation_demo_khoi9_midyear_review_at_the_museum(demo):
    meeting = Meeting.objects.select_related("chair_unit").get(
        bloc=khoi9(), kind=MeetingKind.MID_YEAR
    )
    assert meeting.date == dt.date(2024, 8, 1) and meeting.place == "Bảo tàng Hà Nội"
    assert meeting.chair_unit.name == "Sở Văn hóa và Thể thao"
    assert "Công dân Thủ đô ưu tú" in meeting.conclusions
    assert "chưa đồng đều" in meeting.conclusions
    assert meeting.attendances.filter(present=True).count() == 5


def test_emulation_demo_movements_city_and_scenario1(demo):
    city = Movement.objects.get(theme=emulation.CITY_THEME)
    assert city.launched_on == dt.date(2020, 10, 3)
    assert "Chủ tịch Ủy ban nhân dân Thành phố" in city.authority
    children = list(city.children.all())
    themes = " | ".join(m.theme for m in children)
    for words in ("70 năm Ngày Giải phóng Thủ đô", "Người tốt, việc tốt", "cải cách hành chính",
                  "Sáng kiến, sáng tạo Thủ đô", "an toàn thực phẩm"):  # fmt: skip
        assert words in themes
    assert all(m.milestones.exists() and m.participations.count() == 5 for m in children)
    good_deeds = next(m for m in children if "Người tốt" in m.theme)
    assert good_deeds.milestones.filter(title__contains="cuộc thi viết").exists()


def test_emulation_demo_khoi9_registrations(demo):
    bloc = khoi9()
    regs = Registration.objects.filter(bloc=bloc)
    per_unit = {}
    for unit_id, honour in regs.filter(person__isnull=True).values_list("unit_id", "honour_id"):
        per_unit.setdefault(unit_id, set()).add(honour)
    assert len(per_unit) == 5 and all("CO_TD_TINH" in h for h in per_unit.values())
    assert sum("CO_TD_CP" in h for h in per_unit.values()) >= 1
    assert regs.filter(person__isnull=False).count() >= 5
    assert EmulationModel.objects.filter(bloc=bloc).count() == 5


def test_emulation_demo_khoi9_ranked_locked_voted_and_proposed(demo):
    bloc = khoi9()
    table = bloc.scoring_tables.get()
    assert table.status == ScoringStatus.LOCKED
    # Locked with every self-score and cross sheet present: no absence reasons needed.
    from vinhdanh.emulation.selectors.scoring import missing_sheets

    assert missing_sheets(table) == [] and not table.missing_reasons.exists()
    names = set(table.criteria.filter(parent__isnull=True).values_list("name", flat=True))
    assert {
        "Thực hiện nhiệm vụ chính trị",
        "Công tác thi đua, khen thưởng",
        "Xây dựng tổ chức",
    } <= names
    assert set(table.criteria.values_list("kind", flat=True)) >= {
        "group",
        "criterion",
        "bonus",
        "penalty",
    }
    # Self-scores and the four others' cross-scores for all five members.
    assert Score.objects.filter(table=table).values("member", "scorer").distinct().count() == 25
    results = list(RankingResult.objects.filter(table=table).order_by("rank"))
    assert [r.rank for r in results] == [1, 2, 3, 4, 5]
    assert [r.final_total for r in results] == sorted(
        (r.final_total for r in results), reverse=True
    )
    ballot = bloc.ballot
    assert ballot.status == BallotStatus.CLOSED
    assert ballot.meeting.kind == MeetingKind.YEAR_END
    assert AcclaimVoter.objects.filter(ballot=ballot).count() == 5
    assert AcclaimChoice.objects.filter(ballot=ballot).count() == 5
    proposal = Proposal.objects.get(bloc=bloc)
    assert proposal.honour_id == "CO_TD_TINH" and proposal.year == 2024
    assert proposal.unit_id == results[0].member_id and proposal.rank == 1 and proposal.votes == 4


def test_emulation_demo_cum7_covenant_and_models(demo):
    bloc = cum7()
    assert bloc.kind == BlocKind.CLUSTER
    assert (bloc.head.name, bloc.deputy.name) == ("Sở Giáo dục và Đào tạo", "Sở Y tế")
    assert bloc.members.count() == 6
    meeting = Meeting.objects.get(bloc=bloc, kind=MeetingKind.COVENANT)
    assert meeting.date == dt.date(2023, 3, 31) and "Sở Giáo dục và Đào tạo" in meeting.place
    covenant = bloc.covenant
    assert covenant.signed_on == dt.date(2023, 3, 31) and covenant.number.display == "01/GƯ-CTĐ7"
    assert covenant.items.count() == 3 and covenant.signatures.count() == 6
    collective = Registration.objects.filter(bloc=bloc, person__isnull=True)
    assert collective.filter(honour_id="CO_TD_TINH").count() == 6
    assert collective.filter(honour_id="CO_TD_CP").count() >= 2
    models = {
        m.unit.code: m.name for m in EmulationModel.objects.filter(bloc=bloc).select_related("unit")
    }
    assert len(models) == 6
    assert "kiểm định chất lượng" in models["HN.SGDDT"]
    assert "ghép tạng" in models["HN.SYT"] and "ung thư" in models["HN.SYT"]
    assert "thị trường lao động linh hoạt" in models["HN.SLDTBXH"]
    assert "Chuyển đổi số" in models["HN.STTTT"]
    assert "Giải thưởng" in models["HN.SKHCN"]
    assert "UNESCO" in models["HN.SVHTT"]


def test_emulation_demo_member_officers_exist_and_act_for_their_department(demo):
    User = get_user_model()
    hashed = User.objects.get(username="quantri").password
    for username, _full, role, code, _su in emulation.ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.password == hashed
        assert RoleGrant.objects.filter(user=user, role=role, unit__code=code).exists()
    # Each member scored with its own officer: the audit names them.
    scorers = set(
        AuditEntry.objects.filter(note__startswith="Phiếu chấm điểm").values_list(
            "actor__username", flat=True
        )
    )
    assert scorers == {"cb_syt", "cb_sgd", "cb_skhcn", "cb_sldtbxh", "cb_svhtt"}


def test_emulation_demo_logins_list_the_member_officers(demo):
    out = io.StringIO()
    call_command("demo_data", logins=True, stdout=out)
    for username, *_rest in emulation.ACCOUNTS:
        assert username in out.getvalue()


def test_emulation_demo_second_run_changes_no_counts(demo):
    models = [Bloc, Movement, Registration, EmulationModel, Score, RankingResult, Proposal,
              Meeting, CovenantSignature, DocumentNumber, AuditEntry, get_user_model()]  # fmt: skip
    before = [m.objects.count() for m in models]
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert [m.objects.count() for m in models] == before
    assert "không nạp lại" in out.getvalue()
