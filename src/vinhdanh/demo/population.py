"""The generator shared by ``demo_data`` and ``generate_dataset``.

``Population`` staffs units with people (names, CCCDs, positions, hiring dates, memberships),
grows each person's and each collective's history (``history.py``) and writes everything in
chunks through a ``Sink``. Everything comes from one seeded ``random.Random``, so a given seed
and call order always give the same people and records.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import defaultdict
from dataclasses import dataclass

from vinhdanh.orgs.models import Person, Unit
from vinhdanh.orgs.validators import make_cccd

from .history import History, grow_collective, grow_individual
from .names import random_name
from .writer import Sink

# kind: (head position, deputy position, [(position, weight, is_leader, is_direct_worker)], topics)
KINDS: dict[str, tuple[str, str, list[tuple[str, int, bool, bool]], list[str]]] = {
    "board": ("Giám đốc Sở", "Phó Giám đốc Sở", [], ["công tác chỉ đạo, điều hành của Sở"]),
    "office": (
        "Chánh Văn phòng", "Phó Chánh Văn phòng",
        [("Chuyên viên chính", 3, False, False), ("Chuyên viên", 8, False, False), ("Kế toán", 1, False, False),
         ("Văn thư", 1, False, False), ("Lái xe", 1, False, True)],
        ["quy trình giải quyết thủ tục hành chính", "lưu trữ hồ sơ điện tử", "quản lý văn bản trên môi trường mạng"],
    ),
    "division": (
        "Trưởng phòng", "Phó Trưởng phòng",
        [("Chuyên viên chính", 3, False, False), ("Chuyên viên", 8, False, False)],
        ["công tác thẩm định hồ sơ", "cơ sở dữ liệu chuyên ngành", "công tác kiểm tra, giám sát"],
    ),
    "hospital": (
        "Giám đốc Bệnh viện", "Phó Giám đốc Bệnh viện",
        [("Trưởng khoa", 2, True, False), ("Bác sĩ", 6, False, False), ("Điều dưỡng", 8, False, True),
         ("Kỹ thuật viên", 2, False, True), ("Dược sĩ", 1, False, False), ("Hộ lý", 1, False, True)],
        ["quy trình tiếp đón người bệnh", "kỹ thuật nội soi can thiệp", "sàng lọc ung thư sớm",
         "hồ sơ bệnh án điện tử", "chăm sóc người bệnh sau phẫu thuật"],
    ),
    "school": (
        "Hiệu trưởng", "Phó Hiệu trưởng",
        [("Tổ trưởng chuyên môn", 2, True, False), ("Giáo viên", 12, False, True), ("Nhân viên", 2, False, True),
         ("Kế toán", 1, False, False)],
        ["phương pháp dạy học theo dự án", "ngân hàng câu hỏi trực tuyến", "mô hình lớp học đảo ngược",
         "giáo dục kỹ năng sống cho học sinh"],
    ),
    "centre": (
        "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm",
        [("Trưởng phòng", 1, True, False), ("Kỹ sư", 4, False, True), ("Viên chức", 4, False, False),
         ("Kỹ thuật viên", 2, False, True), ("Công nhân", 1, False, True)],
        ["quy trình cung cấp dịch vụ công", "ứng dụng công nghệ số trong quản lý", "tiết kiệm năng lượng"],
    ),
    "theatre": (
        "Giám đốc Nhà hát", "Phó Giám đốc Nhà hát",
        [("Nghệ sĩ", 6, False, True), ("Diễn viên", 4, False, True), ("Nhạc công", 2, False, True),
         ("Chuyên viên", 2, False, False)],
        ["dàn dựng vở diễn truyền thống", "bảo tồn nghệ thuật chèo", "quảng bá nghệ thuật trên nền tảng số"],
    ),
    "library": (
        "Giám đốc Thư viện", "Phó Giám đốc Thư viện",
        [("Thư viện viên", 6, False, True), ("Chuyên viên", 2, False, False)],
        ["số hóa tài liệu Hán Nôm", "thư viện số phục vụ bạn đọc", "phát triển văn hóa đọc"],
    ),
    "ministry": (
        "Vụ trưởng", "Phó Vụ trưởng",
        [("Chuyên viên cao cấp", 1, False, False), ("Chuyên viên chính", 4, False, False),
         ("Chuyên viên", 6, False, False)],
        ["xây dựng văn bản quy phạm pháp luật", "cơ sở dữ liệu quốc gia chuyên ngành", "cải cách thủ tục hành chính"],
    ),
    "party": (
        "Trưởng ban", "Phó Trưởng ban",
        [("Chuyên viên chính", 3, False, False), ("Chuyên viên", 6, False, False), ("Nhân viên", 1, False, True)],
        ["công tác tham mưu xây dựng Đảng", "công tác tuyên truyền trên không gian mạng", "quản lý hồ sơ đảng viên"],
    ),
}  # fmt: skip

PENDING_NOTES = [
    "Đang xác minh đơn tố cáo",
    "Đang thanh tra việc thực hiện nhiệm vụ",
    "Đang xem xét kỷ luật",
]
TOP_CODES = {"BK_TINH", "CSTD_TINH", "TTLDXS", "CO_TD_TINH"}
PM_CODES = {"BK_TTG", "CSTD_TQ", "CO_TD_CP"}
PRESIDENT_CODES = {"HCLD3", "HCLD2", "HCLD1"}


@dataclass(frozen=True, slots=True)
class Issuer:
    name: str
    abbr: str
    signer: str


PRIME_MINISTER = Issuer("Thủ tướng Chính phủ", "TTg", "Trần Hồng Quân")
PRESIDENT = Issuer("Chủ tịch nước", "CTN", "Võ Văn Thưởng")
MOST = Issuer("Bộ Khoa học và Công nghệ", "BKHCN", "Lê Xuân Định")


@dataclass(frozen=True, slots=True)
class Authority:
    """Who decides for a subject: its own head (local) and its province or ministry (top)."""

    local: Issuer
    top: Issuer

    def for_code(self, code: str) -> Issuer:
        if code in PRESIDENT_CODES:
            return PRESIDENT
        if code in PM_CODES:
            return PRIME_MINISTER
        if code in TOP_CODES:
            return self.top
        return self.local


class DecisionBook:
    """One decision per issuer, code and achievement year, numbered per issuer and year."""

    MONTH = {"local": 1, "top": 3, "TTg": 9, "CTN": 8}

    def __init__(self):
        self._next: dict[tuple[str, int], int] = {}
        self._seen: dict[tuple[str, str, int], tuple[str, dt.date]] = {}

    def get(self, issuer: Issuer, code: str, year: int, level: str) -> tuple[str, dt.date]:
        key = (issuer.abbr + issuer.name, code, year)
        found = self._seen.get(key)
        if found:
            return found
        decided = year + 1
        seq_key = (key[0], decided)
        n = self._next.get(seq_key) or 100 + zlib.crc32(key[0].encode()) % 400
        self._next[seq_key] = n + 1 + n % 3
        when = dt.date(decided, self.MONTH[level], 5 + n % 20)
        self._seen[key] = found = (f"{n}/QĐ-{issuer.abbr}", when)
        return found

    def for_code(self, authority: Authority, code: str, year: int) -> tuple[str, dt.date, Issuer]:
        issuer = authority.for_code(code)
        level = (
            issuer.abbr
            if issuer in (PRIME_MINISTER, PRESIDENT)
            else ("top" if code in TOP_CODES else "local")
        )
        number, when = self.get(issuer, code, year, level)
        return number, when, issuer


class CccdAllocator:
    """Unique, valid CCCDs for one province: a serial counter per (gender, birth year)."""

    def __init__(self, province: int):
        self.province = province
        self.next: dict[tuple[str, int], int] = defaultdict(lambda: 1)
        prefix = f"{province:03d}"
        for cccd in (
            Person.objects.filter(cccd__startswith=prefix).values_list("cccd", flat=True).iterator()
        ):
            code = int(cccd[3])
            century = {0: 1900, 2: 2000, 4: 2100, 6: 2200, 8: 1800}[code - code % 2]
            key = ("female" if code % 2 else "male", century + int(cccd[4:6]))
            self.next[key] = max(self.next[key], int(cccd[6:]) + 1)

    def take(self, gender: str, birth_year: int) -> str:
        key = (gender, birth_year)
        serial = self.next[key]
        self.next[key] = serial + 1
        return make_cccd(self.province, gender, birth_year, serial)


@dataclass(slots=True)
class Plan:
    person: Person
    history: History
    authority: Authority
    moved_from: Unit | None = None
    moved_on: dt.date | None = None


class Population:
    def __init__(
        self, *, seed: int, years: range, province: int, sink: Sink | None = None, chunk: int = 5000
    ):
        self.rng = random.Random(seed)
        self.years = years
        self.sink = sink or Sink()
        self.chunk = chunk
        self.cccd = CccdAllocator(province)
        self.decisions = DecisionBook()
        self.buffer: list[Plan] = []
        self.people_made = 0
        self.today = dt.date.today()  # nothing is dated in the future
        self.full_years = False  # True: everyone hired before the window, so rated every year
        self._pending: dict[str, list[tuple]] = {
            "ratings": [],
            "honours": [],
            "initiatives": [],
            "discipline": [],
        }

    # --- people --------------------------------------------------------------------------
    def new_person(
        self,
        unit: Unit,
        kind: str,
        authority: Authority,
        *,
        position: str | None = None,
        leader: bool = False,
        direct: bool = False,
        move_pool: list[Unit] | None = None,
    ) -> Plan:
        rng = self.rng
        head, deputy, staff, topics = KINDS[kind]
        if position is None:
            position, _w, leader, direct = rng.choices(staff, weights=[s[1] for s in staff])[0]
        gender = (
            "female"
            if rng.random() < (0.7 if direct and kind in {"hospital", "school"} else 0.48)
            else "male"
        )
        age_at_hire = rng.randint(22, 30)
        hired_year = rng.randint(max(1990, self.years[0] - 22), self.years[-1])
        if rng.random() < 0.75 or self.full_years:  # most staff predate the window
            hired_year = min(hired_year, self.years[0] - 1 - rng.randint(0, 12))
        birth = dt.date(hired_year - age_at_hire, rng.randint(1, 12), rng.randint(1, 28))
        hired_on = min(dt.date(hired_year, rng.choice((1, 3, 7, 8, 9, 10)), 1), self.today)
        skill = rng.random() ** 0.8 if not leader else 0.5 + rng.random() / 2
        discipline = None
        if rng.random() < 0.004:
            discipline = (
                rng.choice(self.years[:-1]),
                rng.choice(("KHIEN_TRACH", "KHIEN_TRACH", "CANH_CAO")),
            )
        history = grow_individual(
            rng, self.years, hired_on=hired_on, skill=skill, topics=topics, discipline=discipline
        )
        person = Person(
            full_name=random_name(rng, gender),
            gender=gender,
            date_of_birth=birth,
            cccd=self.cccd.take(gender, birth.year),
            position=position,
            is_leader=leader,
            is_direct_worker=direct,
            hired_on=hired_on,
            unit=unit,
        )
        if rng.random() < 0.003:
            person.pending_review = True
            person.pending_review_note = rng.choice(PENDING_NOTES)
        plan = Plan(person, history, authority)
        others = [u for u in move_pool or () if u.pk != unit.pk]
        if others and hired_year < self.years[-1] - 1 and rng.random() < 0.06:
            plan.moved_from = rng.choice(others)
            moved_on = dt.date(rng.randint(hired_year + 1, self.years[-1]), rng.randint(1, 12), 1)
            if hired_on < min(moved_on, self.today):
                plan.moved_on = min(moved_on, self.today)
            else:
                plan.moved_from = None
        self.add(plan)
        return plan

    def staff_unit(
        self,
        unit: Unit,
        kind: str,
        n: int,
        authority: Authority,
        *,
        move_pool: list[Unit] | None = None,
        head: str | None = None,
        deputy: str | None = None,
    ) -> list[History]:
        """A head, one or two deputies (when n allows) and n minus those staff."""
        default_head, default_deputy, staff, _topics = KINDS[kind]
        head, deputy = head or default_head, deputy or default_deputy
        histories = []
        for i in range(n):
            if i == 0:
                plan = self.new_person(
                    unit, kind, authority, position=head, leader=True, move_pool=move_pool
                )
            elif (i == 1 and n >= 4) or (i == 2 and n >= 15) or not staff:
                plan = self.new_person(
                    unit, kind, authority, position=deputy, leader=True, move_pool=move_pool
                )
            else:
                plan = self.new_person(unit, kind, authority, move_pool=move_pool)
            histories.append(plan.history)
        return histories

    def add(self, plan: Plan) -> None:
        self.buffer.append(plan)
        if len(self.buffer) >= self.chunk:
            self.flush()

    # --- collectives ---------------------------------------------------------------------
    def grow_collective(self, members: list[History]) -> History:
        return grow_collective(self.rng, self.years, members)

    def collective(
        self,
        unit: Unit,
        members: list[History],
        authority: Authority,
        *,
        extra: dict[int, str] | None = None,
    ) -> History:
        """Grow and write a collective's history; ``extra`` adds codes like CO_TD_TINH by year."""
        h = grow_collective(self.rng, self.years, members)
        for year, code in (extra or {}).items():
            h.add(code, year)
        self.write_subject(None, unit.pk, h, authority)
        return h

    # --- writing -------------------------------------------------------------------------
    def flush(self) -> None:
        plans, self.buffer = self.buffer, []
        if not plans:
            return
        self.sink.add_people([p.person for p in plans])
        memberships = []
        for p in plans:
            person = p.person
            start = person.hired_on
            if p.moved_from is not None:
                memberships.append(
                    (
                        person.pk,
                        p.moved_from.pk,
                        person.position,
                        start,
                        p.moved_on - dt.timedelta(days=1),
                    )
                )
                start = p.moved_on
            memberships.append((person.pk, person.unit_id, person.position, start, None))
        self.sink.add_memberships(memberships)
        for p in plans:
            self.write_subject(p.person.pk, None, p.history, p.authority, flush=False)
        self._flush_records()
        self.people_made += len(plans)

    def write_subject(
        self, person_id, unit_id, h: History, authority: Authority, *, flush: bool = True
    ) -> None:
        pend = self._pending
        for year, rating in h.ratings.items():
            pend["ratings"].append((person_id, unit_id, year, rating))
        for code, years in h.honours.items():
            for year in sorted(years):
                number, when, issuer = self.decisions.for_code(authority, code, year)
                pend["honours"].append(
                    (person_id, unit_id, code, year, number, when, issuer.name, issuer.signer)
                )
        for year, kind, scope, title in h.initiatives:
            issuer = (
                MOST
                if scope == "TOAN_QUOC"
                else authority.top
                if scope == "TINH"
                else authority.local
            )
            number, _when = self.decisions.get(issuer, "SANG_KIEN", year, "local")
            pend["initiatives"].append(
                (person_id, unit_id, kind, scope, year, title, number, dt.date(year, 12, 15))
            )
        for year, form in h.discipline:
            number, when = self.decisions.get(authority.local, "KY_LUAT", year - 1, "local")
            start = dt.date(year, 4 + (person_id or 0) % 6, 10)
            pend["discipline"].append(
                (person_id, unit_id, form, start, dt.date(year + 1, start.month, 9), number)
            )
        if flush:
            self._flush_records()

    def _flush_records(self) -> None:
        for kind, rows in self._pending.items():
            self.sink.add_records(kind, rows)
            self._pending[kind] = []
