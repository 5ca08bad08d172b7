"""The commendation chain of the demo world: dossiers from the members of Khối thi đua số 9 to
the city, publicity with a public comment and its answer, the city council's meeting and
secret ballots, the city's decision with its certificates, and a Bằng khen của Thủ tướng
dossier answered by the Prime Minister's decision.

Everything is written through the services of nominations, council, decisions and portal,
each step as the user who would take it (the member departments' officers, the city officer
``cb_thanhpho``, each council member casting their own vote, the signer ``lanhdao_tp``), so that
numbers, verdicts, events and the audit trail are what the product makes. Nominees are chosen by
the engine (``rules.candidates``): people and collectives of the member departments eligible
for the target in the year under review, the scripted SHOWCASE people first.

After the services, dates the services stamp with the load's time and that the pages show as
"finished" (the publicity window, the comment) are moved back to when they would have happened;
the audit keeps the load's time (as ``demo/emulation.py`` does for signatures).

``load()`` needs the foundation and the emulation cycle; it is skipped when the city council
exists (``is_loaded``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from vinhdanh.accounts.enums import Role
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.catalogue.models import Honour
from vinhdanh.council import ballots as council_ballots
from vinhdanh.council import services as council_services
from vinhdanh.council.minutes import minutes_generate
from vinhdanh.council.models import Council, CouncilMember, MemberRole, NomineeBallot
from vinhdanh.council.standing import vote_standing
from vinhdanh.decisions import certificates as decision_certificates
from vinhdanh.decisions import services as decision_services
from vinhdanh.decisions.models import Decision
from vinhdanh.nominations import services as nomination_services
from vinhdanh.nominations import services_publicity as publicity
from vinhdanh.nominations import workflow
from vinhdanh.nominations.deadlines import working_days_add
from vinhdanh.nominations.enums import DossierKind, NomineeKind, NomineeOutcome
from vinhdanh.nominations.models import Dossier, Nominee, PublicComment
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.portal import services as portal_services
from vinhdanh.rules.candidates import CandidateFilter, candidate_rows

from . import emulation, scenario

YEAR = scenario.REVIEW_YEAR
CITY = "HN"
CITY_OFFICER = "cb_thanhpho"
SIGNER = "lanhdao_tp"
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng Thành phố Hà Nội"
COUNCIL_PLACE = "Phòng họp số 1, trụ sở UBND Thành phố, 12 Lê Lai, Hoàn Kiếm, Hà Nội"
TERM_START = dt.date(2021, 7, 15)
# The failed nominee: 5 of the 8 members vote yes, 62,5 % of all members, under the 90 % the
# city keeps for Chiến sĩ thi đua cấp tỉnh (RULES.md, Councils; catalogue VoteThreshold).
FAILED_YES = 5
FAILED_NAME = "Trần Minh Khoa"

# Council members with an account each; the council's existing account ``hoidong_tp`` is one of
# them. username, full name, role, unit code, superuser (the layout of scenario.ACCOUNTS).
ACCOUNTS = [
    ("hd_chutich", "Nguyễn Mạnh Quân", Role.COUNCIL, CITY, False),
    ("hd_phochutich", "Lê Hồng Sơn", Role.COUNCIL, CITY, False),
    ("hd_uyvien1", "Trần Thị Ngọc Ánh", Role.COUNCIL, CITY, False),
    ("hd_uyvien2", "Phùng Văn Khải", Role.COUNCIL, CITY, False),
    ("hd_uyvien3", "Đinh Thị Hải Yến", Role.COUNCIL, CITY, False),
    ("hd_uyvien4", "Hà Minh Tiến", Role.COUNCIL, CITY, False),
    ("thuky_hd", "Lương Thị Bích Ngọc", Role.COUNCIL, CITY, False),
    # The directors of two departments sign their own decisions (LĐTT, CSTĐCS); the full name
    # is the director's in the demo's people (see ``create_accounts``).
    ("lanhdao_syt", "Giám đốc Sở Y tế", Role.SIGNER, "HN.SYT", False),
    ("lanhdao_sgd", "Giám đốc Sở Giáo dục và Đào tạo", Role.SIGNER, "HN.SGDDT", False),
]
SIGNER_OF = {"HN.SYT": "lanhdao_syt", "HN.SGDDT": "lanhdao_sgd"}
# username, position, council role — in the order of the minutes.
MEMBERS = [
    ("hd_chutich", "Chủ tịch UBND Thành phố", MemberRole.CHAIR),
    ("hd_phochutich", "Phó Chủ tịch UBND Thành phố", MemberRole.VICE),
    ("hoidong_tp", "Giám đốc Sở Nội vụ", MemberRole.MEMBER),
    ("hd_uyvien1", "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố", MemberRole.MEMBER),
    ("hd_uyvien2", "Chủ tịch Liên đoàn Lao động Thành phố", MemberRole.MEMBER),
    ("hd_uyvien3", "Chánh Văn phòng UBND Thành phố", MemberRole.MEMBER),
    ("hd_uyvien4", "Trưởng ban Ban Thi đua – Khen thưởng Thành phố", MemberRole.MEMBER),
    ("thuky_hd", "Phó Trưởng ban Ban Thi đua – Khen thưởng Thành phố", MemberRole.SECRETARY),
]
ABSENT = "hd_uyvien2"  # away on the day: votes in writing through the secretary

# One login per role, with what to try (``demo_data --logins``). The officer of Sở Y tế is
# also the officer of the bloc's head for 2024.
GUIDE = [
    ("quantri", "Quản trị hệ thống", "Tài khoản và vai trò theo đơn vị, nhật ký thay đổi, danh mục; thấy mọi dữ liệu."),
    ("cb_thanhpho", "Cán bộ TĐKT Thành phố (cấp tiếp nhận)", "Hồ sơ đề nghị → tab “Hồ sơ nhận được”: hồ sơ ở mọi trạng thái; góp ý công khai đã trả lời; lập quyết định từ hồ sơ Sở Văn hóa và Thể thao đã được thông qua; quyết định của Thủ tướng đã ghi sổ."),
    ("cb_syt", "Cán bộ TĐKT Sở Y tế (đơn vị đề nghị; Trưởng Khối thi đua số 9 năm 2024)", "Hồ sơ của Sở: đường đi của hồ sơ đến quyết định của Thành phố, người không được Hội đồng thông qua; hồ sơ dự thảo CSTĐ toàn quốc; Khối thi đua số 9: chấm điểm, suy tôn."),
    ("cb_sgd", "Cán bộ TĐKT Sở Giáo dục và Đào tạo", "Hồ sơ Bằng khen của Thủ tướng đã có quyết định trả về; hồ sơ vừa được Thành phố tiếp nhận."),
    ("lanhdao_tp", "Lãnh đạo ký quyết định", "Quyết định khen thưởng của UBND Thành phố đã ký ban hành, bằng khen có mã QR."),
    ("hoidong_tp", "Thành viên Hội đồng TĐKT Thành phố", "Hội đồng → phiên họp đã kết thúc: kết quả bỏ phiếu từng người, một người không đạt ngưỡng 90%."),
    ("thuky_hd", "Thư ký Hội đồng", "Phiên họp: phiếu văn bản của thành viên vắng mặt, biên bản họp (.docx)."),
    ("xem_tp", "Người xem", "Xem hồ sơ, quyết định, sổ thi đua của Thành phố; không sửa được gì."),
    ("(không đăng nhập)", "Người dân", "/cong-khai/: tìm quyết định theo tên không dấu, xác minh bằng khen bằng số vào sổ hoặc mã QR."),
]  # fmt: skip


def is_loaded() -> bool:
    return Council.objects.filter(unit__code=CITY, name=COUNCIL_NAME).exists()


def create_accounts() -> dict[str, object]:
    """The council members' accounts (hash copied from ``quantri``, like emulation's)."""
    User = get_user_model()
    hashed = User.objects.get(username=emulation.ADMIN).password
    units = {u.code: u for u in Unit.objects.filter(code__in={a[3] for a in ACCOUNTS})}
    directors = dict(
        Person.objects.filter(unit__code__in=SIGNER_OF, position="Giám đốc Sở")
        .order_by("sort_key", "pk")
        .values_list("unit__code", "full_name")
    )
    for username, full_name, role, code, _su in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username=username, password=None, full_name=directors.get(code, full_name), email=""
        )
        user.password = hashed
        user.save(update_fields=["password"])
        RoleGrant.objects.create(user=user, role=role, unit=units[code])
    _signing_capacities()
    names = [a[0] for a in ACCOUNTS] + [
        CITY_OFFICER,
        SIGNER,
        "hoidong_tp",
        *emulation.OFFICER_OF.values(),
    ]
    return {u.username: u for u in User.objects.filter(username__in=names)}


# How the departments' directors sign their decisions: as heads (NĐ 30/2020/NĐ-CP, Điều 13).
SIGNING = {username: {"mode": "head", "position": "GIÁM ĐỐC"} for username in SIGNER_OF.values()}


def _signing_capacities() -> None:
    """Record the directors' signing capacity through the accounts service, as the
    administrator would, where this build keeps signing capacities on signer grants (a
    decision is refused for a signer without one)."""
    try:
        from vinhdanh.accounts.services import signing_capacity_set
    except ImportError:  # no signing capacity in this build: the signer's position is typed
        return
    admin = get_user_model().objects.get(username=emulation.ADMIN)
    grants = RoleGrant.objects.filter(
        user__username__in=SIGNING, role=Role.SIGNER, sign_mode=""
    ).select_related("user")
    for grant in grants:
        signing_capacity_set(admin, grant, **SIGNING[grant.user.username])


@dataclass
class Picker:
    """Subjects of a department the engine finds eligible for a target in YEAR, each used once."""

    used_people: set[int] = field(default_factory=set)
    used_units: set[int] = field(default_factory=set)
    rows: dict[str, list] = field(default_factory=dict)

    def _rows(self, unit: Unit) -> list:
        if unit.code not in self.rows:
            self.rows[unit.code] = candidate_rows(unit, CandidateFilter(year=YEAR))
        return self.rows[unit.code]

    def people(self, unit: Unit, target: str, n: int, *, prefer=(), avoid=()) -> list[Person]:
        ids = [
            r.subject_id
            for r in self._rows(unit)
            if r.kind == "individual"
            and r.target == target
            and r.subject_id not in self.used_people
        ]
        found = {p.pk: p for p in Person.objects.filter(pk__in=ids).select_related("unit")}
        ordered = sorted(
            found.values(),
            key=lambda p: (p.full_name not in prefer, p.full_name in avoid, ids.index(p.pk)),
        )
        chosen = [p for p in ordered if p.full_name not in avoid or p.full_name in prefer][:n]
        if len(chosen) < n:
            raise RuntimeError(
                f"Dữ liệu mẫu: {unit.name} chỉ có {len(chosen)} người đủ điều kiện {target} "
                f"năm {YEAR}, cần {n}."
            )
        self.used_people.update(p.pk for p in chosen)
        return chosen

    def collective(self, unit: Unit, target: str) -> Unit | None:
        for r in self._rows(unit):
            if (
                r.kind == "collective"
                and r.target == target
                and r.subject_id not in self.used_units
            ):
                self.used_units.add(r.subject_id)
                return Unit.objects.get(pk=r.subject_id)
        return None


class _Chain:
    def __init__(self):
        self.users = create_accounts()
        self.city = Unit.objects.get(code=CITY)
        self.units = {
            u.code: u for u in Unit.objects.filter(code__in=[f"HN.{c}" for c in scenario.KHOI_9])
        }
        self.honours = {h.code: h for h in Honour.objects.all()}
        self.pick = Picker()
        # Everyone eligible for a higher form is kept for the dossiers that name them.
        self.showcase = {name for name, _unit, _close in scenario.SHOWCASE}
        # The meeting and the decisions fall on the last working day up to today.
        self.today = timezone.localdate()
        while self.today.weekday() >= 5 and self.today > dt.date(YEAR, 1, 5):
            self.today -= dt.timedelta(days=1)

    @property
    def officer(self):
        return self.users[CITY_OFFICER]

    def sender(self, unit: Unit):
        return self.users[emulation.OFFICER_OF[unit.code]]

    # --- dossiers ------------------------------------------------------------------------

    def dossier(self, code: str, title: str, nominees, *, kind=DossierKind.MERIT) -> Dossier:
        """A draft from the department ``HN.<code>`` to the city with its nominees:
        [(person or unit, honour code, justification)]."""
        unit = self.units[f"HN.{code}"]
        actor = self.sender(unit)
        dossier = nomination_services.dossier_create(
            actor,
            data={"kind": kind, "title": title, "year": YEAR, "sending_unit": unit,
                  "receiving_unit": self.city, "movement": None},
        )  # fmt: skip
        for subject, honour, justification in nominees:
            is_person = isinstance(subject, Person)
            nomination_services.nominee_save(
                actor, dossier, None,
                data={"kind": NomineeKind.PERSON if is_person else NomineeKind.COLLECTIVE,
                      "person": subject if is_person else None,
                      "unit": None if is_person else subject,
                      "honour": self.honours[honour], "justification": justification,
                      "outsider_name": "", "outsider_details": ""},
            )  # fmt: skip
        return dossier

    def submit(self, dossier: Dossier) -> Dossier:
        return workflow.submit(self.sender(dossier.sending_unit), dossier, dossier.version)

    def receive(self, dossier: Dossier) -> Dossier:
        return workflow.receive(self.officer, dossier, dossier.version)

    def appraise(self, dossier: Dossier) -> Dossier:
        return workflow.start_appraisal(self.officer, dossier, dossier.version)

    def to_council(self, dossier: Dossier) -> Dossier:
        return workflow.send_to_council(self.officer, dossier, dossier.version)

    def bk_people(self, code: str, n: int) -> list[tuple]:
        people = self.pick.people(self.units[f"HN.{code}"], "BK_TINH", n, avoid=self.showcase)
        return [(p, "BK_TINH", "") for p in people]


def _publicity_then(dossier: Dossier, comment: PublicComment, today: dt.date) -> None:
    """The window ran for 10 working days and ended two working days ago; the comment came in
    on its third day (the services stamped both with the load's date)."""
    start = today - dt.timedelta(days=21)
    while start.weekday() >= 5:
        start -= dt.timedelta(days=1)
    end = working_days_add(start, 10)
    Dossier.objects.filter(pk=dossier.pk).update(publicity_from=start, publicity_to=end)
    at = timezone.make_aware(dt.datetime.combine(working_days_add(start, 2), dt.time(9, 40)))
    PublicComment.objects.filter(pk=comment.pk).update(created_at=at)


def _publicity(c: _Chain, dossier: Dossier, nominee: Nominee) -> PublicComment:
    """Published for comment, one citizen's comment published and answered, window closed."""
    dossier = publicity.start_publicity(c.officer, dossier, 10)
    comment = portal_services.submit_comment(
        dossier,
        nominee=nominee,
        name="Nguyễn Văn Bình",
        contact="0912 345 678",
        content=(
            f"Tôi là người dân phường Hà Đông, đề nghị làm rõ sáng kiến cấp Thành phố của "
            f"{nominee.display_name} đã được áp dụng ở những đơn vị nào."
        ),
        ip="203.0.113.24",
    )
    publicity.moderate_comment(c.officer, comment, "publish")
    publicity.moderate_comment(
        c.officer,
        comment,
        "answer",
        answer=(
            "Ban Thi đua – Khen thưởng Thành phố cảm ơn ông. Sáng kiến đã được Hội đồng sáng kiến "
            "Thành phố công nhận và áp dụng tại các đơn vị trực thuộc Sở; giấy chứng nhận có trong "
            "hồ sơ trình Hội đồng."
        ),
    )
    publicity.stop_publicity(c.officer, dossier)
    _publicity_then(dossier, comment, c.today)
    return comment


def _council(c: _Chain) -> tuple[Council, dict[str, CouncilMember]]:
    council = council_services.council_create(
        c.officer, unit=c.city, name=COUNCIL_NAME, abbreviation="HĐTĐKT"
    )
    members = {}
    for username, position, role in MEMBERS:
        user = c.users[username]
        members[username] = council_services.member_add(
            c.officer, council, full_name=user.full_name, position=position, role=role,
            user=user, term_start=TERM_START, term_end=None,
        )  # fmt: skip
    return council, members


def _meeting(c: _Chain, council, members, agenda: list[Dossier], failed: Nominee):
    """The meeting: attendance (one member away), ballots, each member's own vote, the absent
    member's written vote through the secretary, close, minutes."""
    meeting = council_ballots.meeting_create(c.officer, council, date=c.today, place=COUNCIL_PLACE)
    for dossier in agenda:
        council_ballots.agenda_add(c.officer, meeting, dossier)
    present = {m.pk for u, m in members.items() if u != ABSENT}
    council_ballots.attendance_set(c.officer, meeting, present)
    council_ballots.meeting_open(c.officer, meeting)
    council_ballots.ballots_open(c.officer, meeting)
    ballots = list(NomineeBallot.objects.filter(meeting=meeting).order_by("pk"))
    order = [u for u, _p, _r in MEMBERS]
    for ballot in ballots:
        for i, username in enumerate(order):
            approve = ballot.nominee_id != failed.pk or i < FAILED_YES
            if username == ABSENT:
                council_ballots.record_written_vote(
                    c.users["thuky_hd"], ballot, members[username], approve
                )
            else:
                council_ballots.cast_vote(c.users[username], ballot, approve)
    council_ballots.meeting_close(c.officer, meeting)
    minutes_generate(c.officer, meeting)
    return meeting


def _outcomes(c: _Chain, meeting, dossiers: list[Dossier]) -> list[Dossier]:
    """The city records each nominee's outcome as the council voted (the refusal's wording is
    the council's own, with the threshold's citation in force), then approves."""
    passed = dict(NomineeBallot.objects.filter(meeting=meeting).values_list("nominee_id", "passed"))
    out = []
    for dossier in dossiers:
        for nominee in dossier.nominees.select_related("honour", "person", "unit"):
            if passed.get(nominee.pk):
                workflow.decide_nominee(c.officer, nominee, outcome=NomineeOutcome.ACCEPTED)
            else:
                standing = vote_standing(nominee)
                workflow.decide_nominee(
                    c.officer, nominee, outcome=NomineeOutcome.REJECTED,
                    reason=f"Hội đồng không thông qua. {standing.reason}",
                )  # fmt: skip
        dossier.refresh_from_db()
        out.append(workflow.approve(c.officer, dossier, dossier.version))
    return out


def _city_decision(c: _Chain, dossier: Dossier) -> Decision:
    """The city's decision on the accepted nominees, signed, with its certificates."""
    signer = c.users[SIGNER]
    decision = decision_services.decision_create(
        c.officer,
        issuer=c.city,
        title=(
            f"Về việc tặng danh hiệu Chiến sĩ thi đua cấp Thành phố và Bằng khen của Chủ tịch "
            f"Ủy ban nhân dân Thành phố năm {YEAR}"
        ),
    )
    accepted = dossier.nominees.filter(outcome=NomineeOutcome.ACCEPTED).values_list("pk", flat=True)
    decision_services.lines_add_nominees(c.officer, decision, list(accepted))
    decision = decision_services.decision_issue(
        signer, decision, date=c.today, signer_name=signer.full_name, signer_position="Chủ tịch"
    )
    decision_certificates.certificates_issue(signer, decision)
    return decision


def _unit_titles(c: _Chain, code: str, people: list[Person], on: dt.date) -> Decision:
    """The department's own decision conferring LĐTT and CSTĐCS for YEAR on its people that
    the city or the Prime Minister will honour (the grounds of CSTĐ cấp tỉnh and Bằng khen
    start there), written by its officer and signed by its director."""
    unit = c.units[code]
    officer, signer = c.sender(unit), c.users[SIGNER_OF[code]]
    eligible = {
        (r.subject_id, r.target)
        for r in c.pick._rows(unit)
        if r.kind == "individual" and r.target in ("LDTT", "CSTDCS")
    }
    decision = decision_services.decision_create(
        officer,
        issuer=unit,
        title=(
            f"Về việc công nhận danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở năm {YEAR}"
        ),
    )
    for person in people:
        for honour in ("LDTT", "CSTDCS"):
            if (person.pk, honour) in eligible:
                decision_services.line_add(
                    officer, decision, honour=c.honours[honour], achievement_year=YEAR,
                    person=person,
                )  # fmt: skip
    decision = decision_services.decision_issue(
        signer, decision, date=on, signer_name=signer.full_name, signer_position="Giám đốc"
    )
    decision_certificates.certificates_issue(officer, decision)
    return decision


PM_NUMBER = "2187/QĐ-TTg"


def _scan_of_pm_decision(people: list[Person]) -> SimpleUploadedFile:
    """The PDF the city keeps as the copy of the Prime Minister's decision (a stand-in drawn
    from the decision's data, marked as demo data)."""
    from django.utils.html import escape

    from vinhdanh.documents.pdf import html_to_pdf

    rows = "".join(f"<li>{escape(p.full_name)}, {escape(p.unit.name)}</li>" for p in people)
    html = (
        "<html><body style='font-family: serif'>"
        "<p>THỦ TƯỚNG CHÍNH PHỦ — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
        f"<p>Số: {PM_NUMBER}</p><h3>QUYẾT ĐỊNH</h3>"
        "<p>Về việc tặng Bằng khen của Thủ tướng Chính phủ</p>"
        f"<p>Tặng Bằng khen của Thủ tướng Chính phủ cho các cá nhân có thành tích năm {YEAR}:</p>"
        f"<ol>{rows}</ol><p><em>Bản chụp minh họa của dữ liệu mẫu VinhDanh.</em></p>"
        "</body></html>"
    )
    return SimpleUploadedFile(
        f"QD-{PM_NUMBER.replace('/', '-')}.pdf", html_to_pdf(html), "application/pdf"
    )


def _pm_decision(c: _Chain, dossier: Dossier) -> Decision:
    """The city sent the approved dossier on to the Prime Minister (through the Ministry of
    Home Affairs); the decision that came back is recorded by the city officer with its scan,
    one line per person, and confirmed: the register is written and the dossier decided."""
    people = [
        n.person
        for n in dossier.nominees.filter(outcome=NomineeOutcome.ACCEPTED)
        .select_related("person__unit")
        .order_by("position")
    ]
    decision = decision_services.external_create(
        c.officer,
        issuer=c.city,
        external_number=PM_NUMBER,
        date=c.today,
        external_issuer_name="Thủ tướng Chính phủ",
        external_authority="PRIME_MINISTER",
        title="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        answers_dossier=dossier,
        scan=_scan_of_pm_decision(people),
    )
    for person in people:
        decision_services.line_add(
            c.officer, decision, honour=c.honours["BK_TTG"], achievement_year=YEAR,
            person=person,
        )  # fmt: skip
    return decision_services.external_confirm(c.officer, decision)


@dataclass
class Loaded:
    dossiers: dict[str, Dossier]
    council: Council
    meeting: object
    failed: Nominee
    decision: Decision
    comment: PublicComment
    external: Decision


@transaction.atomic
def load() -> Loaded:
    """Write the commendation chain. The caller checks ``is_loaded()`` first."""
    c = _Chain()
    unit = c.units
    pick = c.pick
    d: dict[str, Dossier] = {}

    # Sở Y tế: Chiến sĩ thi đua cấp Thành phố and Bằng khen — decided by the city. The
    # showcase's Trần Minh Khoa, eligible by the rules, misses the council's 90 %: the engine
    # proposes, the council decides (and the showcase stays one step from the title).
    luan = pick.people(unit["HN.SYT"], "CSTD_TINH", 1, avoid=c.showcase)[0]
    khoa = pick.people(unit["HN.SYT"], "CSTD_TINH", 1, prefer=(FAILED_NAME,))[0]
    d["decided"] = c.dossier(
        "SYT",
        f"Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp Thành phố và Bằng khen năm {YEAR}",
        [(luan, "CSTD_TINH", ""), (khoa, "CSTD_TINH", ""), *c.bk_people("SYT", 2)],
    )
    # Sở Giáo dục và Đào tạo: Bằng khen của Thủ tướng, through the city to the Prime Minister
    # (people outside the showcase: the Prime Minister's decision writes the register).
    ttg = pick.people(unit["HN.SGDDT"], "BK_TTG", 2, avoid=c.showcase)
    d["external"] = c.dossier(
        "SGDDT",
        f"Đề nghị Thủ tướng Chính phủ tặng Bằng khen năm {YEAR}",
        [(p, "BK_TTG", "") for p in ttg],
    )
    # Sở Văn hóa và Thể thao: approved by the council, waiting for the city's next decision.
    trang = pick.people(unit["HN.SVHTT"], "BK_TINH", 1, prefer=("Đặng Thu Trang",))
    library = pick.collective(unit["HN.SVHTT"], "BK_TINH")
    d["approved"] = c.dossier(
        "SVHTT",
        f"Đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố năm {YEAR}",
        [(trang[0], "BK_TINH", ""), *([(library, "BK_TINH", "")] if library else [])],
    )
    for key in ("decided", "external", "approved"):
        d[key] = c.to_council(c.appraise(c.receive(c.submit(d[key]))))

    # Sở Khoa học và Công nghệ: published for comment, answered, now with the council.
    viet = pick.people(unit["HN.SKHCN"], "CSTD_TINH", 1, avoid=c.showcase)
    d["at_council"] = c.dossier(
        "SKHCN",
        f"Đề nghị tặng danh hiệu Chiến sĩ thi đua cấp Thành phố năm {YEAR}",
        [(viet[0], "CSTD_TINH", ""), *c.bk_people("SKHCN", 1)],
    )
    d["at_council"] = c.appraise(c.receive(c.submit(d["at_council"])))
    comment = _publicity(c, d["at_council"], d["at_council"].nominees.order_by("position")[0])
    d["at_council"] = c.to_council(Dossier.objects.get(pk=d["at_council"].pk))

    # Sở Lao động – Thương binh và Xã hội: being appraised.
    d["appraisal"] = c.dossier(
        "SLDTBXH", f"Đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố năm {YEAR}",
        c.bk_people("SLDTBXH", 2),
    )  # fmt: skip
    d["appraisal"] = c.appraise(c.receive(c.submit(d["appraisal"])))

    # Sở Giáo dục và Đào tạo: just received.
    diep = pick.people(unit["HN.SGDDT"], "CSTD_TINH", 1, avoid=c.showcase)
    school = pick.collective(unit["HN.SGDDT"], "BK_TINH")
    nhung = pick.people(unit["HN.SGDDT"], "BK_TTG", 1, prefer=("Lê Thị Hồng Nhung",))
    d["received"] = c.dossier(
        "SGDDT",
        f"Đề nghị khen thưởng Chiến sĩ thi đua cấp Thành phố, Bằng khen năm {YEAR}",
        [(diep[0], "CSTD_TINH", ""), *([(school, "BK_TINH", "")] if school else []),
         (nhung[0], "BK_TTG", "")],
    )  # fmt: skip
    d["received"] = c.receive(c.submit(d["received"]))

    # Sở Văn hóa và Thể thao: sent, not yet received.
    d["submitted"] = c.dossier(
        "SVHTT", f"Đề nghị tặng Bằng khen cho cá nhân ngành văn hóa, thể thao năm {YEAR}",
        c.bk_people("SVHTT", 2),
    )  # fmt: skip
    d["submitted"] = c.submit(d["submitted"])

    # Sở Lao động – Thương binh và Xã hội: returned for one nominee's achievement report.
    returned = c.dossier(
        "SLDTBXH", f"Đề nghị tặng Bằng khen cho cá nhân có thành tích trong công tác giải quyết việc làm năm {YEAR}",
        c.bk_people("SLDTBXH", 2),
    )  # fmt: skip
    returned = c.receive(c.submit(returned))
    first = returned.nominees.order_by("position").first()
    d["returned"] = workflow.return_dossier(
        c.officer, returned, returned.version,
        f"Báo cáo thành tích của {first.display_name} chưa có xác nhận của thủ trưởng đơn vị; "
        "đề nghị bổ sung và gửi lại.",
        nominees=[first],
    )  # fmt: skip

    # Sở Khoa học và Công nghệ: recalled by the sender before the city received it.
    recalled = c.dossier(
        "SKHCN", f"Đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố năm {YEAR} (đợt 2)",
        c.bk_people("SKHCN", 1),
    )  # fmt: skip
    recalled = c.submit(recalled)
    d["recalled"] = workflow.recall(
        c.sender(unit["HN.SKHCN"]), recalled, recalled.version,
        "Rút lại để bổ sung sáng kiến được công nhận sau ngày gửi.",
    )  # fmt: skip

    # Sở Y tế: a draft for the national title, to be published before its council.
    thang = pick.people(unit["HN.SYT"], "CSTD_TQ", 1, prefer=("Vũ Đức Thắng",))
    d["draft"] = c.dossier(
        "SYT",
        f"Đề nghị xét tặng danh hiệu Chiến sĩ thi đua toàn quốc năm {YEAR}",
        [(thang[0], "CSTD_TQ", "")],
    )

    # The city council meets on the three dossiers sent to it first.
    council, members = _council(c)
    failed = d["decided"].nominees.get(person=khoa)
    meeting = _meeting(c, council, members, [d["decided"], d["external"], d["approved"]], failed)
    d["decided"], d["external"], d["approved"] = _outcomes(
        c, meeting, [d["decided"], d["external"], d["approved"]]
    )
    # Before proposing them, Sở Y tế conferred its own titles of the year on the people the
    # city honours (dated a few days before the city's decision, never in the previous year).
    accepted = [
        n.person
        for n in d["decided"]
        .nominees.filter(outcome=NomineeOutcome.ACCEPTED)
        .select_related("person")
    ]
    before = max(c.today - dt.timedelta(days=3), dt.date(YEAR, 1, 1))
    syt = _unit_titles(c, "HN.SYT", accepted, before)
    decision = _city_decision(c, d["decided"])
    # Both decisions go on the public portal (the city officer publishes them).
    decision_services.decision_publish(c.sender(c.units["HN.SYT"]), syt)
    decision_services.decision_publish(c.officer, decision)
    # Sở Giáo dục và Đào tạo's people first got their department's titles of the year too;
    # the Prime Minister's decision then answers the city's dossier.
    ttg_people = [n.person for n in d["external"].nominees.select_related("person")]
    _unit_titles(c, "HN.SGDDT", ttg_people, before)
    external = _pm_decision(c, d["external"])
    for key, dossier in d.items():
        d[key] = Dossier.objects.get(pk=dossier.pk)
    return Loaded(
        d, council, meeting, Nominee.objects.get(pk=failed.pk), decision, comment, external
    )
