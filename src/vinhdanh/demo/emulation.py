"""The emulation cycle of the demo world (SCENARIOS.md 1, 2 and 5), written through the real
services so that document numbers, rankings and the audit trail are what the product makes.

- Hà Nội's movement 2020–2025 and, under it, the movements Khối thi đua số 9 pursued in 2024.
- Khối thi đua số 9 (KTĐ9), 2024: plan 01/KH-KTĐ9 (21/05/2024), decisions 01/QĐ-KTĐ9 (the
  secretariat, 12/03/2024) and 02/QĐ-KTĐ9 (the regulation, 16/07/2024), the covenant signed by
  the five members, registrations, the mid-year review at Bảo tàng Hà Nội (01/08/2024), a scored
  and locked year, the year-end meeting with the acclaim vote and the leader's Cờ thi đua proposal.
- Cụm thi đua số 7 (CTĐ7), 2023: the covenant signed on 31/03/2023 at Sở Giáo dục và Đào tạo and
  the members' registrations with the emulation models named in the press reports.

``load()`` needs the foundation (``scenario.load()``) and is skipped when KTĐ9 2024 exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from vinhdanh.accounts.enums import Role
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.catalogue.models import Honour
from vinhdanh.core.models import DocumentType
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.registry.models import HonourRecord, RatingRecord

from ..emulation.enums import BlocKind, CriterionKind, MeetingKind, MilestoneKind, MovementKind
from ..emulation.models import AcclaimBallot, Bloc, CovenantSignature, Criterion, ScoringTable
from ..emulation.services import (
    acclaim,
    blocs,
    covenants,
    meetings,
    movements,
    registrations,
    scoring,
)

ADMIN = "quantri"
KHOI9 = ("KTĐ9", 2024)
CUM7 = ("CTĐ7", 2023)

# Officers of the member departments, so that every member of the blocs can act for itself.
# username, full name, role, unit code, superuser (the layout of scenario.ACCOUNTS)
ACCOUNTS = [
    ("cb_sgd", "Nguyễn Thu Trang", Role.OFFICER, "HN.SGDDT", False),
    ("cb_skhcn", "Lê Quốc Bảo", Role.OFFICER, "HN.SKHCN", False),
    ("cb_sldtbxh", "Đặng Thị Lan Anh", Role.OFFICER, "HN.SLDTBXH", False),
    ("cb_svhtt", "Ngô Minh Châu", Role.OFFICER, "HN.SVHTT", False),
    ("cb_stttt", "Trịnh Văn Long", Role.OFFICER, "HN.STTTT", False),
]
OFFICER_OF = {
    "HN.SYT": "cb_syt",
    **{code: username for username, _n, _r, code, _s in ACCOUNTS},
}

CITY_THEME = "Đoàn kết, đổi mới, sáng tạo, thi đua xây dựng Thủ đô văn hiến, văn minh, hiện đại"
YEAR_THEME_2024 = "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển"
PLAN_282 = (
    "Kế hoạch số 282/KH-UBND ngày 30/11/2023 của Ủy ban nhân dân Thành phố Hà Nội về tổ chức "
    "phong trào thi đua năm 2024"
)

# theme, kind, start, end, criteria, milestones [(kind, title, due)]
MOVEMENTS_2024 = [
    ("Thi đua lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954 – 10/10/2024)",
     MovementKind.THEMATIC, dt.date(2024, 1, 15), dt.date(2024, 10, 10),
     "Hoàn thành vượt mức các chỉ tiêu, nhiệm vụ năm 2024; gắn biển công trình chào mừng; tuyên truyền về truyền thống Thủ đô.",
     [(MilestoneKind.LAUNCH, "Phát động đợt thi đua", dt.date(2024, 1, 15)),
      (MilestoneKind.MID_TERM, "Sơ kết đợt thi đua 6 tháng", dt.date(2024, 7, 15)),
      (MilestoneKind.FINAL, "Tổng kết, khen thưởng nhân dịp 70 năm Giải phóng Thủ đô", dt.date(2024, 10, 5))]),
    ("Người tốt, việc tốt năm 2024",
     MovementKind.REGULAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31),
     "Phát hiện, bồi dưỡng, tổng kết, nhân rộng gương người tốt, việc tốt; cuộc thi viết về gương điển hình tiên tiến.",
     [(MilestoneKind.OTHER, "Hạn nộp bài cuộc thi viết về gương người tốt, việc tốt", dt.date(2024, 8, 31)),
      (MilestoneKind.OTHER, "Trao giải cuộc thi viết về gương người tốt, việc tốt", dt.date(2024, 10, 8)),
      (MilestoneKind.FINAL, "Tổng kết phong trào năm 2024", dt.date(2024, 12, 15))]),
    ("Đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân năm 2024",
     MovementKind.REGULAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31),
     "Đơn giản hóa thủ tục hành chính; giải quyết hồ sơ đúng hạn; dịch vụ công trực tuyến toàn trình.",
     [(MilestoneKind.MID_TERM, "Sơ kết 6 tháng công tác cải cách hành chính", dt.date(2024, 7, 10)),
      (MilestoneKind.FINAL, "Tổng kết công tác cải cách hành chính năm 2024", dt.date(2024, 12, 20))]),
    ("Sáng kiến, sáng tạo Thủ đô năm 2024",
     MovementKind.REGULAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31),
     "Đăng ký, công nhận sáng kiến, giải pháp sáng tạo áp dụng trong công tác chuyên môn.",
     [(MilestoneKind.OTHER, "Hạn đăng ký sáng kiến cấp Thành phố", dt.date(2024, 6, 30)),
      (MilestoneKind.FINAL, "Công nhận sáng kiến cấp Thành phố năm 2024", dt.date(2024, 11, 30))]),
    ("Bảo đảm an toàn thực phẩm trên địa bàn Thủ đô năm 2024",
     MovementKind.THEMATIC, dt.date(2024, 3, 1), dt.date(2024, 12, 31),
     "Kiểm tra bếp ăn tập thể trường học, bệnh viện; tuyên truyền vệ sinh an toàn thực phẩm.",
     [(MilestoneKind.MID_TERM, "Sơ kết tháng hành động vì an toàn thực phẩm", dt.date(2024, 5, 31)),
      (MilestoneKind.FINAL, "Tổng kết công tác an toàn thực phẩm năm 2024", dt.date(2024, 12, 20))]),
]  # fmt: skip

COVENANT_9 = [
    "Thực hiện thắng lợi nhiệm vụ chính trị, chỉ tiêu kinh tế – xã hội năm 2024 được Thành phố giao; "
    "thi đua lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số; nâng cao chỉ số hài lòng của người dân, doanh nghiệp.",
    "Tổ chức sâu rộng phong trào “Người tốt, việc tốt”, “Sáng kiến, sáng tạo Thủ đô”; phát hiện, "
    "bồi dưỡng, nhân rộng điển hình tiên tiến; quan tâm khen thưởng người trực tiếp lao động.",
    "Xây dựng tổ chức Đảng, chính quyền, đoàn thể trong sạch, vững mạnh; thực hành tiết kiệm, chống lãng phí.",
]
COVENANT_7 = [
    "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế – xã hội và nhiệm vụ chính trị được giao năm 2023.",
    "Thi đua thực hiện tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; "
    "xây dựng hệ thống chính trị trong sạch, vững mạnh.",
    "Thực hiện tốt, kịp thời công tác thi đua, khen thưởng.",
]
# unit code, model name, description, indicators
MODELS_7 = [
    ("HN.SGDDT", "Xây dựng cơ sở dữ liệu kiểm định chất lượng giáo dục",
     "Cơ sở dữ liệu đảm bảo chất lượng, kiểm định chất lượng các trường trên địa bàn Thành phố.",
     "100% trường công lập cập nhật dữ liệu tự đánh giá\nCông bố kết quả kiểm định trên cổng thông tin của Sở"),
    ("HN.SYT", "Ứng dụng kỹ thuật cao: ghép tạng, tầm soát sớm ung thư",
     "Triển khai kỹ thuật ghép tạng và chương trình tầm soát, phát hiện sớm ung thư tại các bệnh viện Thành phố.",
     "Thực hiện thành công ít nhất 20 ca ghép tạng\nTầm soát sớm ung thư cho 50.000 lượt người"),
    ("HN.SLDTBXH", "Phát triển thị trường lao động linh hoạt",
     "Kết nối cung – cầu lao động qua sàn giao dịch việc làm trực tuyến và phiên giao dịch lưu động.",
     "Giải quyết việc làm cho 160.000 lao động\nTổ chức 120 phiên giao dịch việc làm"),
    ("HN.STTTT", "Chuyển đổi số trong cơ quan nhà nước Thành phố",
     "Hạ tầng số, dữ liệu số dùng chung và dịch vụ công trực tuyến toàn trình.",
     "80% hồ sơ thủ tục hành chính xử lý trực tuyến\nKết nối 100% cơ sở dữ liệu chuyên ngành với nền tảng dùng chung"),
    ("HN.SKHCN", "Giải thưởng Sáng tạo khoa học công nghệ Hà Nội",
     "Tổ chức giải thưởng khoa học và công nghệ của Thành phố, tôn vinh nhà khoa học và sáng chế tiêu biểu.",
     "Xét chọn, trao giải thưởng cho các công trình tiêu biểu năm 2023"),
    ("HN.SVHTT", "Bảo vệ và phát huy giá trị di sản văn hóa phi vật thể được UNESCO ghi danh",
     "Bảo tồn ca trù, hội Gióng, tín ngưỡng thờ Mẫu và các di sản được UNESCO ghi danh trên địa bàn Thủ đô.",
     "Hỗ trợ các câu lạc bộ, nghệ nhân truyền dạy di sản\nKiểm kê, số hóa hồ sơ di sản"),
]  # fmt: skip

# code, name, kind, max points, children [(code, name, max)]
TABLE_9 = [
    ("I", "Thực hiện nhiệm vụ chính trị", CriterionKind.GROUP, 60, [
        ("1", "Hoàn thành các chỉ tiêu, nhiệm vụ chính trị được Thành phố giao", 40),
        ("2", "Cải cách hành chính, chuyển đổi số", 20)]),
    ("II", "Công tác thi đua, khen thưởng", CriterionKind.GROUP, 30, [
        ("3", "Tổ chức các phong trào thi đua; phát hiện, nhân rộng điển hình tiên tiến", 20),
        ("4", "Khen thưởng kịp thời, đúng quy định; quan tâm người trực tiếp lao động", 10)]),
    ("III", "Xây dựng tổ chức", CriterionKind.GROUP, 10, [
        ("5", "Xây dựng tổ chức Đảng, chính quyền, đoàn thể trong sạch, vững mạnh", 10)]),
    ("T", "Điểm thưởng: thành tích đột xuất được Thành phố, Trung ương ghi nhận", CriterionKind.BONUS, 5, []),
    ("TR", "Điểm trừ: chậm gửi báo cáo, đăng ký, hồ sơ của khối", CriterionKind.PENALTY, 5, []),
]  # fmt: skip


def is_loaded() -> bool:
    return Bloc.objects.filter(abbreviation=KHOI9[0], year=KHOI9[1], owner__code="HN").exists()


def create_accounts() -> dict[str, object]:
    """The member departments' officers (same demo password as the foundation's accounts: its
    hash is copied from ``quantri`` so that no extra hashing is paid). Returns users by name."""
    User = get_user_model()
    hashed = User.objects.get(username=ADMIN).password
    units = {u.code: u for u in Unit.objects.filter(code__in=[a[3] for a in ACCOUNTS])}
    for username, full_name, role, code, _su in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username=username, password=None, full_name=full_name, email=""
        )
        user.password = hashed
        user.save(update_fields=["password"])
        RoleGrant.objects.create(user=user, role=role, unit=units[code])
    return {u.username: u for u in User.objects.filter(username__in=[*OFFICER_OF.values(), ADMIN])}


class _World:
    def __init__(self):
        self.users = create_accounts()
        self.admin = self.users[ADMIN]
        self.units = {
            u.code: u
            for u in Unit.objects.filter(code__startswith="HN").filter(
                code__regex=r"^HN(\.[A-Z]+)?$"
            )
        }
        self.hn = self.units["HN"]
        self.honours = {
            h.code: h
            for h in Honour.objects.filter(code__in=["CO_TD_TINH", "CO_TD_CP", "CSTDCS", "LDTT"])
        }

    def officer(self, unit):
        return self.users[OFFICER_OF[unit.code]]

    def director(self, unit) -> tuple[str, str]:
        boss = (
            Person.objects.filter(unit=unit, position="Giám đốc Sở")
            .order_by("sort_key", "pk")
            .first()
        )
        return (boss.full_name if boss else f"Giám đốc {unit.name}"), f"Giám đốc {unit.name}"

    def make_bloc(self, *, name, abbr, year, kind, codes, head, deputy, theme="") -> Bloc:
        bloc = blocs.bloc_create(
            self.admin,
            owner=self.hn,
            kind=kind,
            name=name,
            abbreviation=abbr,
            year=year,
            theme=theme,
        )
        for code in codes:
            blocs.member_add(self.admin, bloc, unit=self.units[code])
        return blocs.bloc_set_leaders(
            self.admin, bloc, head=self.units[head], deputy=self.units[deputy]
        )

    def sign_covenant(self, bloc, *, theme, basis, place, signed_on, items):
        head = self.officer(bloc.head)
        cov = covenants.covenant_save(
            head, bloc, theme=theme, basis=basis, place=place, signed_on=signed_on
        )
        for content in items:
            covenants.item_add(head, cov, content=content)
        rows = {m.unit_id: self.director(m.unit) for m in bloc.members.select_related("unit")}
        covenants.signatories_save(head, cov, rows)
        return covenants.covenant_sign(head, cov, signed_on=signed_on)

    def meeting(self, bloc, *, kind, date, place, chair, agenda="", conclusions="", guests=""):
        attendance = {
            m.unit_id: (True, self.director(m.unit)[0]) for m in bloc.members.select_related("unit")
        }
        return meetings.meeting_create(
            self.officer(bloc.head), bloc, attendance=attendance, kind=kind, date=date, place=place,
            chair_unit=chair, chair_name=self.director(chair)[0], agenda=agenda, conclusions=conclusions, guests=guests,
        )  # fmt: skip


def _at(year, month, day, hour) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _as_of_then(bloc: Bloc, *, locked=None, closed=None) -> None:
    """The services stamp signatures, locks and the ballot's end with the time of the load; the
    pages show them, so put them at the scenario's dates (the audit keeps the load's time)."""
    cov = bloc.covenant
    CovenantSignature.objects.filter(covenant=cov).update(
        signed_at=_at(cov.signed_on.year, cov.signed_on.month, cov.signed_on.day, 9)
    )
    if locked is not None:
        ScoringTable.objects.filter(bloc=bloc).update(locked_at=locked)
    if closed is not None:
        AcclaimBallot.objects.filter(bloc=bloc).update(closed_at=closed)


def _city_movements(w: _World):
    city = movements.movement_create(
        w.admin, launching_unit=w.hn, authority="Chủ tịch Ủy ban nhân dân Thành phố, Chủ tịch Hội đồng Thi đua – Khen thưởng Thành phố",
        theme=CITY_THEME, kind=MovementKind.REGULAR, start=dt.date(2020, 10, 3), end=dt.date(2025, 12, 31),
        audience="Các sở, ban, ngành, quận, huyện, thị xã và toàn thể cán bộ, nhân dân Thủ đô",
        criteria="1. Đổi mới sự lãnh đạo, chỉ đạo công tác thi đua, khen thưởng.\n"
        "2. Đổi mới nội dung, hình thức tổ chức các phong trào thi đua.\n"
        "3. Phát hiện, bồi dưỡng, tổng kết, nhân rộng điển hình tiên tiến.\n"
        "4. Nâng cao chất lượng khen thưởng, quan tâm tập thể nhỏ, người trực tiếp lao động.\n"
        "5. Kiện toàn Hội đồng, đội ngũ làm công tác thi đua, khen thưởng; ứng dụng công nghệ thông tin.",
    )  # fmt: skip
    movements.movement_document_add(
        w.admin, city, title="Kế hoạch tổ chức phong trào thi đua yêu nước giai đoạn 2020 – 2025",
        doc_date=dt.date(2020, 10, 3), external_number="185/KH-UBND",
    )  # fmt: skip
    movements.milestone_save(w.admin, city, kind=MilestoneKind.LAUNCH, title="Đại hội Thi đua yêu nước Thành phố lần thứ VI", due=dt.date(2020, 10, 3))  # fmt: skip
    movements.milestone_save(w.admin, city, kind=MilestoneKind.FINAL, title="Tổng kết phong trào giai đoạn 2020 – 2025", due=dt.date(2025, 9, 30))  # fmt: skip
    members = [w.units[f"HN.{c}"] for c in ("SYT", "SGDDT", "SKHCN", "SLDTBXH", "SVHTT", "STTTT")]
    for unit in members:
        movements.participant_add(w.admin, city, unit=unit, joined_on=dt.date(2020, 10, 3))
    movements.movement_transition(w.admin, city, "launch", on=dt.date(2020, 10, 3))
    out = [city]
    for theme, kind, start, end, criteria, stones in MOVEMENTS_2024:
        m = movements.movement_create(
            w.admin, launching_unit=w.hn, authority="Ủy ban nhân dân Thành phố Hà Nội", theme=theme, kind=kind,
            start=start, end=end, criteria=criteria, parent=city, audience="Các sở, ban, ngành Thành phố",
        )  # fmt: skip
        for mkind, title, due in stones:
            stone = movements.milestone_save(w.admin, m, kind=mkind, title=title, due=due)
            movements.milestone_mark_done(w.admin, stone, on=due)
        for unit in members[:5]:
            movements.participant_add(w.admin, m, unit=unit, joined_on=start)
        movements.movement_transition(w.admin, m, "launch", on=start)
        movements.movement_transition(w.admin, m, "close")
        out.append(m)
    movements.movement_transition(w.admin, city, "close")
    return out


def _leader_2024(w: _World, codes: list[str]) -> str:
    """The member the register shows with the city's Cờ thi đua for 2024 (the demo history),
    so that the vote agrees with the register; Sở Y tế when none has it."""
    ids = {w.units[c].pk: c for c in codes}
    held = HonourRecord.objects.filter(
        unit_id__in=ids, honour_id="CO_TD_TINH", achievement_year=2024
    )
    found = sorted(ids[u] for u in held.values_list("unit_id", flat=True))
    return found[0] if found else "HN.SYT"


def _score_year(w: _World, bloc: Bloc, order: list[str]):
    """Scoring table of TABLE_9, self- and cross-scores giving ``order`` as the ranking, locked."""
    head = w.officer(bloc.head)
    table = scoring.create_table(head, bloc, name="Bảng chấm điểm thi đua năm 2024 của Khối thi đua số 9",
                                 tie_break=["cross_total", "fewer_penalties"])  # fmt: skip
    for code, name, kind, top, children in TABLE_9:
        group = scoring.add_criterion(
            head, table, code=code, name=name, kind=kind, max_points=Decimal(top)
        )
        for ccode, cname, cmax in children:
            scoring.add_criterion(head, table, code=ccode, name=cname, kind=CriterionKind.CRITERION,
                                  max_points=Decimal(cmax), parent=group)  # fmt: skip
    scoring.open_table(head, table)
    leaves = list(
        Criterion.objects.filter(table=table)
        .exclude(kind=CriterionKind.GROUP)
        .order_by("position", "id")
    )
    for rank, code in enumerate(order):
        member = w.units[code]
        for scorer_code in order:
            scorer = w.units[scorer_code]
            is_self = scorer_code == code
            # Better members get a larger share of each maximum; members score themselves a
            # little higher than the others do, and scorers differ by a quarter point.
            share = Decimal("0.96") - Decimal("0.025") * rank + (Decimal("0.02") if is_self else 0)
            points = {}
            for c in leaves:
                if c.kind == CriterionKind.BONUS:
                    value = Decimal(max(0, 3 - rank))
                elif c.kind == CriterionKind.PENALTY:
                    value = Decimal(1 if rank == len(order) - 1 else 0)
                else:
                    value = (c.max_points * share).quantize(Decimal("0.25"))
                    value -= Decimal("0.25") * (order.index(scorer_code) % 2) * (not is_self)
                points[c.pk] = min(c.max_points, max(Decimal(0), value))
            scoring.save_sheet(w.officer(scorer), table, member, scorer=scorer, points=points)
    scoring.lock_table(head, table)
    return table


def _khoi9(w: _World) -> Bloc:
    bloc = w.make_bloc(name="Khối thi đua số 9", abbr=KHOI9[0], year=KHOI9[1], kind=BlocKind.BLOC,
                       codes=["HN.SYT", "HN.SGDDT", "HN.SKHCN", "HN.SLDTBXH", "HN.SVHTT"],
                       head="HN.SYT", deputy="HN.SVHTT", theme=YEAR_THEME_2024)  # fmt: skip
    head = w.officer(bloc.head)
    hd = w.director(bloc.head)[0]
    # 01/QĐ went to the secretariat; the regulation is therefore 02/QĐ, as in the press report.
    docs = [
        (DocumentType.QD, "Quyết định thành lập Tổ thư ký giúp việc Khối thi đua số 9 năm 2024", dt.date(2024, 3, 12)),
        (DocumentType.KH, "Kế hoạch công tác năm 2024 của Khối thi đua số 9", dt.date(2024, 5, 21)),
        (DocumentType.QD, "Quyết định ban hành Quy chế hoạt động và nguyên tắc bình xét của Khối thi đua số 9", dt.date(2024, 7, 16)),
    ]  # fmt: skip
    for doc_type, title, date in docs:
        blocs.bloc_document_add(
            head, bloc, doc_type=doc_type, title=title, doc_date=date, signer=hd
        )
    w.meeting(bloc, kind=MeetingKind.COVENANT, date=dt.date(2024, 3, 15), place="Sở Y tế, 4 Sơn Tây, Hà Nội", chair=bloc.head,
              agenda="Thống nhất nội dung giao ước thi đua năm 2024; ký kết giao ước.")  # fmt: skip
    w.sign_covenant(bloc, theme=YEAR_THEME_2024, basis=PLAN_282, place="Sở Y tế, 4 Sơn Tây, Hà Nội",
                    signed_on=dt.date(2024, 3, 15), items=COVENANT_9)  # fmt: skip
    # Registrations by each member's officer (before the deadline: the demo writes as of then).
    co_cp = {"HN.SYT", "HN.SGDDT"}
    excellent = RatingRecord.objects.filter(year=KHOI9[1], rating_id="HTXS").values("person_id")
    for m in bloc.members.select_related("unit"):
        unit, officer = m.unit, w.officer(m.unit)
        wanted = [w.honours["CO_TD_TINH"]] + ([w.honours["CO_TD_CP"]] if unit.code in co_cp else [])
        registrations.collective_set(officer, bloc, unit, honours=wanted)
        # Each department puts forward people rated “Hoàn thành xuất sắc” in the year.
        people = list(
            Person.objects.filter(
                unit__path__startswith=unit.path, is_leader=False, pk__in=excellent
            ).order_by("sort_key", "pk")[:2]
        )
        registrations.registrations_add(
            officer, bloc, unit, [(p, w.honours["CSTDCS"]) for p in people]
        )
    for code, name, indicators in [
        ("HN.SYT", "Bệnh viện xanh – sạch – đẹp, an toàn thực phẩm trong bếp ăn bệnh viện", "100% bếp ăn bệnh viện được kiểm tra an toàn thực phẩm"),
        ("HN.SGDDT", "Trường học số chào mừng 70 năm Giải phóng Thủ đô", "100% trường THPT dùng học bạ số"),
        ("HN.SKHCN", "Sáng kiến, sáng tạo Thủ đô trong các đơn vị sự nghiệp khoa học", "30 sáng kiến được công nhận cấp cơ sở"),
        ("HN.SLDTBXH", "Một cửa liên thông giải quyết chế độ người có công", "100% hồ sơ giải quyết đúng hạn"),
        ("HN.SVHTT", "Cuộc thi viết về gương người tốt, việc tốt ngành văn hóa", "Tuyên dương 70 tấm gương tiêu biểu"),
    ]:  # fmt: skip
        unit = w.units[code]
        registrations.model_save(
            w.officer(unit), bloc, unit, name=name, indicators=indicators, description=""
        )
    registrations.registration_deadline_set(head, bloc, deadline=dt.date(2024, 3, 31))
    w.meeting(
        bloc, kind=MeetingKind.MID_YEAR, date=dt.date(2024, 8, 1), place="Bảo tàng Hà Nội", chair=bloc.deputy,
        agenda="Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024; phương hướng nhiệm vụ 6 tháng cuối năm.",
        conclusions="Các thành viên hoàn thành tốt nhiệm vụ 6 tháng đầu năm, tích cực thi đua chào mừng 70 năm Ngày "
        "Giải phóng Thủ đô. Hạn chế: số đề nghị xét tặng danh hiệu “Công dân Thủ đô ưu tú” còn ít; phong trào thi "
        "đua ở một số đơn vị chưa đồng đều. Giao Trưởng khối tổ chức chấm điểm, tổng kết năm.",
        guests="Đại diện Ban Thi đua – Khen thưởng Thành phố",
    )  # fmt: skip
    leader = _leader_2024(w, ["HN.SYT", "HN.SGDDT", "HN.SKHCN", "HN.SLDTBXH", "HN.SVHTT"])
    order = [leader] + [
        c for c in ["HN.SYT", "HN.SVHTT", "HN.SGDDT", "HN.SKHCN", "HN.SLDTBXH"] if c != leader
    ]
    _score_year(w, bloc, order)
    year_end = w.meeting(
        bloc, kind=MeetingKind.YEAR_END, date=dt.date(2024, 12, 20), place="Sở Y tế, 4 Sơn Tây, Hà Nội", chair=bloc.head,
        agenda="Tổng kết công tác thi đua, khen thưởng năm 2024; công bố kết quả chấm điểm; bình xét, suy tôn đơn vị dẫn đầu.",
        conclusions="Các thành viên hoàn thành xuất sắc nhiệm vụ năm 2024. Hội nghị suy tôn đơn vị dẫn đầu khối, "
        "đề nghị Ủy ban nhân dân Thành phố tặng Cờ thi đua.",
        guests="Đại diện Ban Thi đua – Khen thưởng Thành phố",
    )  # fmt: skip
    ballot = acclaim.open_ballot(head, bloc, meeting=year_end)
    for code in order:
        voter = w.units[code]
        choice = w.units[order[1] if code == leader else leader]
        acclaim.cast_ballot(w.officer(voter), ballot, voter, [choice])
    acclaim.close_ballot(head, ballot)
    _as_of_then(bloc, locked=_at(2024, 12, 18, 17), closed=_at(2024, 12, 20, 11))
    return bloc


def _cum7(w: _World) -> Bloc:
    codes = ["HN.SGDDT", "HN.SYT", "HN.SLDTBXH", "HN.STTTT", "HN.SVHTT", "HN.SKHCN"]
    bloc = w.make_bloc(name="Cụm thi đua số 7", abbr=CUM7[0], year=CUM7[1], kind=BlocKind.CLUSTER,
                       codes=codes, head="HN.SGDDT", deputy="HN.SYT")  # fmt: skip
    place = "Sở Giáo dục và Đào tạo, 23 Quang Trung, Hà Nội"
    w.meeting(bloc, kind=MeetingKind.COVENANT, date=dt.date(2023, 3, 31), place=place, chair=bloc.head,
              agenda="Thảo luận Kế hoạch hoạt động năm 2023, Quy chế hoạt động của Cụm và nội dung giao ước thi đua; ký kết giao ước.",
              conclusions="Thống nhất kế hoạch, quy chế và ba nội dung giao ước; các thành viên ký kết giao ước thi đua năm 2023.")  # fmt: skip
    w.sign_covenant(bloc, theme="Thi đua thực hiện thắng lợi nhiệm vụ năm 2023", basis="Kế hoạch tổ chức phong trào thi đua năm 2023 của Ủy ban nhân dân Thành phố Hà Nội",
                    place=place, signed_on=dt.date(2023, 3, 31), items=COVENANT_7)  # fmt: skip
    co_cp = {"HN.SGDDT", "HN.SYT", "HN.STTTT"}
    for code in codes:
        unit = w.units[code]
        wanted = [w.honours["CO_TD_TINH"]] + ([w.honours["CO_TD_CP"]] if code in co_cp else [])
        registrations.collective_set(w.officer(unit), bloc, unit, honours=wanted)
    for code, name, description, indicators in MODELS_7:
        unit = w.units[code]
        registrations.model_save(
            w.officer(unit), bloc, unit, name=name, description=description, indicators=indicators
        )
    return bloc


@transaction.atomic
def load() -> dict[str, Bloc]:
    """Write the emulation cycle of the demo. The caller checks ``is_loaded()`` first."""
    w = _World()
    _city_movements(w)
    cum7 = _cum7(w)
    khoi9 = _khoi9(w)
    return {"khoi9": khoi9, "cum7": cum7}
