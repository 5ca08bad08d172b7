"""The demo world of SCENARIOS.md: Hà Nội's Khối thi đua số 9 and Cụm thi đua số 7, the
central Khối thi đua các Bộ, ngành tổng hợp and Hà Tĩnh's Party agencies bloc.

``load()`` builds it (units, about a thousand people with eight years of records, demo
accounts); ``SHOWCASE`` names people whose records put them one step from a title, so a demo
user can try the eligibility check on them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import zlib
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from vietnam_provinces import Ward

from vinhdanh.accounts.enums import Role
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Person, Unit

from .history import History, scripted
from .names import random_name
from .population import Authority, CccdAllocator, Issuer, Plan, Population

MARKER_CODE = "HN"
# The showcase below is written for BASE_YEAR; everything shifts so that the year under review
# (ratings given, no decisions yet) is the current year, the one the profile pages evaluate.
BASE_YEAR = 2025
REVIEW_YEAR = dt.date.today().year
SHIFT = REVIEW_YEAR - BASE_YEAR
YEARS = range(REVIEW_YEAR - 7, REVIEW_YEAR + 1)
SEED = 2025
DEMO_PASSWORD = "VinhDanh@2025"
HANOI, HATINH = 1, 42

# username, full name, role, unit code, superuser
ACCOUNTS = [
    ("quantri", "Quản trị hệ thống", Role.ADMIN, "HN", True),
    ("cb_thanhpho", "Nguyễn Thị Thanh Tâm", Role.OFFICER, "HN", False),
    ("cb_syt", "Trần Văn Hùng", Role.OFFICER, "HN.SYT", False),
    ("cb_hatinh", "Phan Thị Hồng Nhung", Role.OFFICER, "HT", False),
    ("cb_trunguong", "Lê Minh Đức", Role.OFFICER, "TW", False),
    ("lanhdao_tp", "Phạm Quang Huy", Role.SIGNER, "HN", False),
    ("hoidong_tp", "Đỗ Thị Thu Hà", Role.COUNCIL, "HN", False),
    ("xem_tp", "Vũ Văn Nam", Role.VIEWER, "HN", False),
]
ADMIN_EXTRA_UNITS = ("TW", "HT")
# How the demo's signers sign (accounts.RoleGrant signing capacity): a vice-chairman, KT.
SIGNING = {
    "lanhdao_tp": {
        "sign_mode": "kt",
        "sign_position": "PHÓ CHỦ TỊCH",
        "sign_head_title": "CHỦ TỊCH",
    },
}  # quantri also administers the other two trees

# code suffix, name, abbreviation, kind, people
SO = [
    ("SYT", "Sở Y tế", "SYT", ("Phường Ba Đình", "4 Sơn Tây"), 4, [
        ("VP", "Văn phòng Sở Y tế", "VP", "office", 14),
        ("NVY", "Phòng Nghiệp vụ Y", "NVY", "division", 10),
        ("BVTHANHNHAN", "Bệnh viện Thanh Nhàn", "BVTN", "hospital", 60),
        ("BVXANHPON", "Bệnh viện Đa khoa Xanh Pôn", "BVXP", "hospital", 55),
        ("CDC", "Trung tâm Kiểm soát bệnh tật Hà Nội", "CDC", "centre", 30),
    ]),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", ("Phường Cửa Nam", "23 Quang Trung"), 4, [
        ("VP", "Văn phòng Sở Giáo dục và Đào tạo", "VP", "office", 12),
        ("GDTRH", "Phòng Giáo dục Trung học", "GDTrH", "division", 9),
        ("THPTCVA", "Trường THPT Chu Văn An", "CVA", "school", 45),
        ("THPTKIMLIEN", "Trường THPT Kim Liên", "KL", "school", 42),
        ("THPTAMS", "Trường THPT chuyên Hà Nội – Amsterdam", "HN-AMS", "school", 40),
    ]),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", ("Phường Hà Đông", "5 Nguyễn Trãi"), 3, [
        ("VP", "Văn phòng Sở Khoa học và Công nghệ", "VP", "office", 10),
        ("QLKH", "Phòng Quản lý khoa học", "QLKH", "division", 8),
        ("UDTB", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "UDTB", "centre", 22),
        ("TDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "TĐC", "centre", 18),
    ]),
    ("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "SLĐTBXH", ("Phường Đống Đa", "75 Nguyễn Chí Thanh"), 4, [
        ("VP", "Văn phòng Sở Lao động – Thương binh và Xã hội", "VP", "office", 12),
        ("VLATLD", "Phòng Việc làm – An toàn lao động", "VL-ATLĐ", "division", 9),
        ("DVVL", "Trung tâm Dịch vụ việc làm Hà Nội", "DVVL", "centre", 30),
        ("CDNCNC", "Trường Cao đẳng nghề Công nghệ cao Hà Nội", "CĐNCNC", "school", 35),
        ("BTXH1", "Trung tâm Bảo trợ xã hội 1 Hà Nội", "BTXH1", "centre", 20),
    ]),
    ("SVHTT", "Sở Văn hóa và Thể thao", "SVHTT", ("Phường Hoàn Kiếm", "47 Hàng Dầu"), 4, [
        ("VP", "Văn phòng Sở Văn hóa và Thể thao", "VP", "office", 12),
        ("QLDS", "Phòng Quản lý di sản văn hóa", "QLDS", "division", 8),
        ("NHCHEO", "Nhà hát Chèo Hà Nội", "NHC", "theatre", 35),
        ("THUVIEN", "Thư viện Hà Nội", "TVHN", "library", 25),
        ("HLTDTT", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao Hà Nội", "HLTĐ", "centre", 30),
    ]),
    ("STTTT", "Sở Thông tin và Truyền thông", "STTTT", ("Phường Giảng Võ", "185 Giảng Võ"), 3, [
        ("VP", "Văn phòng Sở Thông tin và Truyền thông", "VP", "office", 10),
        ("CNTT", "Phòng Công nghệ thông tin", "CNTT", "division", 9),
        ("BCVT", "Phòng Bưu chính, Viễn thông", "BCVT", "division", 7),
        ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông Hà Nội", "TTCNTT", "centre", 28),
    ]),
]  # fmt: skip
KHOI_9 = ["SYT", "SGDDT", "SKHCN", "SLDTBXH", "SVHTT"]
CUM_7 = ["SGDDT", "SYT", "SLDTBXH", "STTTT", "SVHTT", "SKHCN"]

# code, name, abbreviation, head position
MINISTRIES = [
    ("BTC", "Bộ Tài chính", "BTC", "Bộ trưởng"),
    ("BNV", "Bộ Nội vụ", "BNV", "Bộ trưởng"),
    ("BTP", "Bộ Tư pháp", "BTP", "Bộ trưởng"),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam", "NHNN", "Thống đốc"),
    ("TTCP", "Thanh tra Chính phủ", "TTCP", "Tổng Thanh tra Chính phủ"),
    ("KTNN", "Kiểm toán Nhà nước", "KTNN", "Tổng Kiểm toán Nhà nước"),
]
MINISTRY_UNITS = [
    ("VTCCB", "Vụ Tổ chức cán bộ", "VTCCB"),
    ("VTDKT", "Vụ Thi đua – Khen thưởng", "VTĐKT"),
]

# code, name, abbreviation, head position, deputy position, people
HATINH_AGENCIES = [
    ("VPTU", "Văn phòng Tỉnh ủy", "VPTU", "Chánh Văn phòng", "Phó Chánh Văn phòng", 28),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", "BTCTU", "Trưởng ban", "Phó Trưởng ban", 22),
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU", "Trưởng ban", "Phó Trưởng ban", 24),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "Chủ nhiệm", "Phó Chủ nhiệm", 20),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", "BNCTU", "Trưởng ban", "Phó Trưởng ban", 14),
    ("BAOHT", "Báo Hà Tĩnh", "BHT", "Tổng Biên tập", "Phó Tổng Biên tập", 27),
    ("TCTTP", "Trường Chính trị Trần Phú", "TCTTP", "Hiệu trưởng", "Phó Hiệu trưởng", 26),
    ("DUCQD", "Đảng ủy các cơ quan Đảng tỉnh", "ĐUCQĐ", "Phó Bí thư Thường trực", "Phó Bí thư", 12),
    (
        "BBVSKCB",
        "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh",
        "BBVSKCB",
        "Trưởng ban",
        "Phó Trưởng ban",
        11,
    ),
    (
        "DUUBND",
        "Đảng ủy Ủy ban nhân dân tỉnh",
        "ĐUUBND",
        "Phó Bí thư Thường trực",
        "Phó Bí thư",
        10,
    ),
]


@dataclass(frozen=True)
class Showcase:
    """A scripted person: records that put them one step from a title."""

    name: str
    gender: str
    birth: dt.date
    unit: str
    position: str
    hired_on: dt.date
    close_to: str
    spec: dict[int, str]
    leader: bool = False
    direct: bool = False
    pending_note: str = ""


def _years(lo: int, hi: int, tokens: str) -> dict[int, str]:
    return dict.fromkeys(range(lo, hi + 1), tokens)


_BASE_SCRIPTED = [
    Showcase("Trần Minh Khoa", "male", dt.date(1982, 4, 12), "HN.SYT.BVTHANHNHAN", "Bác sĩ", dt.date(2008, 9, 1),
             "Đủ điều kiện CSTĐ cấp tỉnh năm 2025: CSTĐCS 2023, 2024, HTXS 2025, sáng kiến cấp tỉnh 2024",
             {**_years(2018, 2022, "HTT LDTT"), 2020: "HTXS LDTT", 2023: "HTXS LDTT CSTDCS",
              2024: "HTXS LDTT CSTDCS SK:TINH", 2025: "HTXS"}),
    Showcase("Lê Thị Hồng Nhung", "female", dt.date(1980, 11, 3), "HN.SGDDT.THPTCVA", "Giáo viên", dt.date(2003, 9, 1),
             "Đến hạn Bằng khen của Thủ tướng năm 2025: Bằng khen cấp tỉnh 2019 và 5 năm hoàn thành tốt",
             {2018: "HTXS LDTT CSTDCS", 2019: "HTXS LDTT CSTDCS BK_TINH", 2020: "HTT LDTT",
              2021: "HTXS LDTT CSTDCS", 2022: "HTXS LDTT CSTDCS", 2023: "HTXS LDTT CSTDCS SK:CO_SO",
              2024: "HTT LDTT", 2025: "HTXS"}, direct=True),
    Showcase("Phạm Văn Đức", "male", dt.date(1978, 6, 20), "HN.SKHCN.QLKH", "Chuyên viên chính", dt.date(2002, 3, 1),
             "Thiếu đúng một sáng kiến cấp tỉnh để đạt CSTĐ cấp tỉnh năm 2025",
             {**_years(2018, 2022, "HTT LDTT"), 2023: "HTXS LDTT CSTDCS SK:CO_SO",
              2024: "HTXS LDTT CSTDCS SK:CO_SO", 2025: "HTXS SK:CO_SO"}),
    Showcase("Hoàng Thị Mai", "female", dt.date(1985, 2, 14), "HN.SLDTBXH.DVVL", "Viên chức", dt.date(2009, 7, 1),
             "Đủ điều kiện CSTĐ cấp tỉnh 2025 nhưng đang xem xét khiếu nại: tạm dừng xét",
             {**_years(2018, 2022, "HTT LDTT"), 2023: "HTXS LDTT CSTDCS DT:TINH", 2024: "HTXS LDTT CSTDCS",
              2025: "HTXS"}, pending_note="Đang giải quyết đơn khiếu nại (từ tháng 10/2025)"),
    Showcase("Vũ Đức Thắng", "male", dt.date(1975, 9, 9), "HN.SYT.BVXANHPON", "Trưởng khoa", dt.date(1999, 10, 1),
             "Có thể đề nghị CSTĐ toàn quốc 2025: CSTĐ cấp tỉnh 2022, đề tài toàn quốc 2024",
             {2018: "HTT LDTT", 2019: "HTXS LDTT CSTDCS", 2020: "HTXS LDTT CSTDCS BK_TINH",
              2021: "HTXS LDTT CSTDCS SK:TINH", 2022: "HTXS LDTT CSTDCS CSTD_TINH", 2023: "HTXS LDTT CSTDCS",
              2024: "HTXS LDTT CSTDCS DT:TOAN_QUOC", 2025: "HTXS"}, leader=True),
    Showcase("Nguyễn Thị Minh Nguyệt", "female", dt.date(1972, 5, 19), "HN.SGDDT.THPTKIMLIEN", "Hiệu trưởng",
             dt.date(1995, 9, 1),
             "Đã đạt CSTĐ toàn quốc 2020, Bằng khen Thủ tướng 2021; Huân chương Lao động hạng Ba chưa đến hạn (từ 2026)",
             {2015: "HTXS LDTT CSTDCS SK:TINH", 2016: "HTXS LDTT CSTDCS BK_TINH", 2017: "HTXS LDTT CSTDCS CSTD_TINH",
              2018: "HTXS LDTT CSTDCS", 2019: "HTXS LDTT CSTDCS DT:TOAN_QUOC",
              2020: "HTXS LDTT CSTDCS CSTD_TINH CSTD_TQ", 2021: "HTXS LDTT CSTDCS BK_TTG", 2022: "HTT LDTT",
              2023: "HTXS LDTT CSTDCS", 2024: "HTXS LDTT CSTDCS", 2025: "HTXS"}, leader=True),
    Showcase("Bùi Quang Huy", "male", dt.date(1990, 5, 5), "HN.STTTT.CNTT", "Chuyên viên", dt.date(2014, 8, 1),
             "Thiếu một sáng kiến để được Bằng khen cấp tỉnh 2025 (2 năm HTXS, mới có 1 sáng kiến)",
             {**_years(2018, 2023, "HTT LDTT"), 2024: "HTXS LDTT SK:CO_SO", 2025: "HTXS"}),
    Showcase("Đỗ Minh Tuấn", "male", dt.date(1999, 3, 21), "HN.STTTT.TTCNTT", "Kỹ sư", dt.date(2025, 8, 1),
             "Chưa xét LĐTT 2025: bắt đầu công tác 01/08/2025, chưa đủ 6 tháng",
             {2025: "HTT"}, direct=True),
    Showcase("Ngô Thị Lan", "female", dt.date(1970, 12, 1), "HN.SYT", "Phó Giám đốc Sở", dt.date(1994, 9, 1),
             "Đến hạn Huân chương Lao động hạng Ba 2025: Bằng khen Thủ tướng 2018",
             {2012: "HTXS LDTT CSTDCS", 2013: "HTXS LDTT CSTDCS BK_TINH", 2014: "HTT LDTT",
              2015: "HTXS LDTT CSTDCS", 2016: "HTXS LDTT CSTDCS", 2017: "HTXS LDTT CSTDCS SK:CO_SO",
              2018: "HTT LDTT BK_TTG", 2019: "HTT LDTT", 2020: "HTT LDTT", 2021: "HTXS LDTT CSTDCS",
              2022: "HTXS LDTT CSTDCS", 2023: "HTT LDTT", 2024: "HTXS LDTT CSTDCS", 2025: "HTT"}, leader=True),
    Showcase("Đặng Thu Trang", "female", dt.date(1988, 7, 17), "HN.SVHTT.THUVIEN", "Thư viện viên", dt.date(2012, 3, 1),
             "Đến hạn Bằng khen cấp tỉnh 2025: CSTĐCS 2024 và đủ điều kiện CSTĐCS 2025",
             {**_years(2018, 2023, "HTT LDTT"), 2021: "HTT LDTT GIAY_KHEN", 2024: "HTXS LDTT CSTDCS",
              2025: "HTXS SK:CO_SO"}, direct=True),
    Showcase("Lê Văn Tùng", "male", dt.date(1986, 1, 30), "HN.SVHTT.NHCHEO", "Diễn viên", dt.date(2010, 9, 1),
             "Bị kỷ luật cảnh cáo năm 2024: không được khen năm 2024, Nhà hát không đủ điều kiện TTLĐTT 2024",
             {**_years(2018, 2023, "HTT LDTT"), 2024: "HT KL:CANH_CAO", 2025: "HTT"}, direct=True),
    Showcase("Trịnh Thị Thanh Hương", "female", dt.date(1983, 8, 8), "TW.BTC.VTDKT", "Chuyên viên chính",
             dt.date(2007, 10, 1), "Đủ điều kiện CSTĐ cấp bộ 2025: CSTĐCS 2023, 2024, đề tài cấp bộ 2023",
             {**_years(2018, 2022, "HTT LDTT"), 2023: "HTXS LDTT CSTDCS DT:TINH", 2024: "HTT LDTT CSTDCS SK:CO_SO",
              2025: "HTXS"}),
    Showcase("Phan Văn Hải", "male", dt.date(1984, 10, 2), "HT.BAOHT", "Phóng viên", dt.date(2008, 3, 1),
             "Đến hạn Bằng khen cấp tỉnh 2025: CSTĐCS 2024 và HTXS 2025",
             {**_years(2018, 2023, "HTT LDTT"), 2024: "HTT LDTT SK:CO_SO CSTDCS", 2025: "HTXS"}, direct=True),
]  # fmt: skip

_YEAR = re.compile(r"\b(20[0-4]\d)\b")


def _shift_text(text: str) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + SHIFT), text)


def _shifted(s: Showcase) -> Showcase:
    recent = s.hired_on.year >= BASE_YEAR - 1
    return replace(
        s,
        close_to=_shift_text(s.close_to),
        pending_note=_shift_text(s.pending_note),
        spec={year + SHIFT: tokens for year, tokens in s.spec.items()},
        hired_on=s.hired_on.replace(year=s.hired_on.year + SHIFT) if recent else s.hired_on,
    )


SCRIPTED = [_shifted(s) for s in _BASE_SCRIPTED]
SHOWCASE = [(s.name, s.unit, s.close_to) for s in SCRIPTED]


def _signer(name: str) -> str:
    rng = random.Random(zlib.crc32(name.encode()))
    return random_name(rng, rng.choice(("male", "female")))


def _issuer(name: str, abbr: str) -> Issuer:
    return Issuer(name, abbr, _signer(name))


_WARDS: dict[tuple[int, str], int] = {}


def ward_code(province: int, ward_name: str) -> int | None:
    if not _WARDS:
        for w in Ward.iter_all():
            _WARDS[(int(w.province_code), w.name)] = int(w.code)
    return _WARDS.get((province, ward_name))


def _unit(code, name, abbr, level, parent=None, *, province=None, ward=None, address="") -> Unit:
    unit = Unit(
        code=code, name=name, abbreviation=abbr, level=level, parent=parent, province_code=province,
        ward_code=ward_code(province, ward) if province and ward else None, address=address,
        active_from=dt.date(2008, 8, 1) if province == HANOI else dt.date(1991, 10, 1),
    )  # fmt: skip
    unit.save()
    return unit


def is_loaded() -> bool:
    return Unit.objects.filter(code=MARKER_CODE).exists()


@transaction.atomic
def load() -> Population:
    """Build the demo world. The caller checks ``is_loaded()`` first."""
    pop = Population(seed=SEED, years=YEARS, province=HANOI)
    scripted_by_unit: dict[str, list[Showcase]] = {}
    for s in SCRIPTED:
        scripted_by_unit.setdefault(s.unit, []).append(s)

    def add_scripted(unit: Unit, authority: Authority) -> list[History]:
        out = []
        for s in scripted_by_unit.get(unit.code, ()):
            person = Person(
                full_name=s.name, gender=s.gender, date_of_birth=s.birth,
                cccd=pop.cccd.take(s.gender, s.birth.year),
                position=s.position, is_leader=s.leader, is_direct_worker=s.direct, hired_on=s.hired_on, unit=unit,
                pending_review=bool(s.pending_note), pending_review_note=s.pending_note,
            )  # fmt: skip
            history = scripted(s.spec)
            pop.add(Plan(person, history, authority))
            out.append(history)
        return out

    # Hà Nội
    hn = _unit("HN", "Ủy ban nhân dân Thành phố Hà Nội", "UBND", UnitLevel.MINISTRY_PROVINCE,
               province=HANOI, ward="Phường Hoàn Kiếm", address="12 Lê Lai")  # fmt: skip
    hn_top = _issuer("UBND Thành phố Hà Nội", "UBND")
    so_history: dict[str, tuple[Unit, History, Authority]] = {}
    for code, name, abbr, (ward, address), board, subs in SO:
        so = _unit(
            f"HN.{code}",
            name,
            abbr,
            UnitLevel.DEPARTMENT,
            hn,
            province=HANOI,
            ward=ward,
            address=address,
        )
        auth = Authority(_issuer(name, abbr), hn_top)
        units = [
            (
                _unit(f"HN.{code}.{c}", n, a, UnitLevel.GRASSROOTS, so, province=HANOI, ward=ward),
                kind,
                count,
            )
            for c, n, a, kind, count in subs
        ]
        pool = [u for u, _k, _n in units]
        members = pop.staff_unit(so, "board", board, auth) + add_scripted(so, auth)
        for unit, kind, count in units:
            staff = pop.staff_unit(unit, kind, count, auth, move_pool=pool) + add_scripted(
                unit, auth
            )
            pop.flush()
            pop.collective(unit, staff, auth)
            members += staff
        so_history[code] = (so, pop.grow_collective(members), auth)
    # Cờ thi đua cấp tỉnh: one leading department of Khối 9 per year, among those rated TTLĐXS.
    for year in YEARS[:-1]:
        leaders = [c for c in KHOI_9 if so_history[c][1].has("TTLDXS", year)]
        if leaders:
            so_history[pop.rng.choice(leaders)][1].add("CO_TD_TINH", year)
    for so, history, auth in so_history.values():
        pop.write_subject(None, so.pk, history, auth)

    # Khối thi đua các Bộ, ngành tổng hợp
    tw = _unit("TW", "Trung ương", "TW", UnitLevel.CENTRAL)
    for code, name, abbr, head in MINISTRIES:
        ministry = _unit(f"TW.{code}", name, abbr, UnitLevel.MINISTRY_PROVINCE, tw)
        own = _issuer(name, abbr)
        auth = Authority(own, own)
        members = pop.staff_unit(
            ministry,
            "ministry",
            3,
            auth,
            head=head,
            deputy="Thứ trưởng" if code.startswith("B") else "Phó " + head,
        )
        for c, n, a in MINISTRY_UNITS:
            unit = _unit(f"TW.{code}.{c}", n, a, UnitLevel.GRASSROOTS, ministry)
            staff = pop.staff_unit(unit, "ministry", pop.rng.randint(9, 17), auth) + add_scripted(
                unit, auth
            )
            pop.flush()
            pop.collective(unit, staff, auth)
            members += staff
        pop.collective(ministry, members, auth)

    # Khối thi đua các cơ quan Đảng tỉnh Hà Tĩnh
    ht = _unit("HT", "Ủy ban nhân dân tỉnh Hà Tĩnh", "UBND", UnitLevel.MINISTRY_PROVINCE,
               province=HATINH, ward="Phường Thành Sen", address="1 Nguyễn Tất Thành")  # fmt: skip
    ht_top = _issuer("UBND tỉnh Hà Tĩnh", "UBND")
    pop.cccd, hn_cccd = CccdAllocator(HATINH), pop.cccd
    for code, name, abbr, head, deputy, count in HATINH_AGENCIES:
        agency = _unit(
            f"HT.{code}",
            name,
            abbr,
            UnitLevel.DEPARTMENT,
            ht,
            province=HATINH,
            ward="Phường Thành Sen",
        )
        auth = Authority(_issuer(name, abbr), ht_top)
        staff = pop.staff_unit(
            agency, "party", count, auth, head=head, deputy=deputy
        ) + add_scripted(agency, auth)
        pop.flush()
        pop.collective(agency, staff, auth)
    pop.cccd = hn_cccd

    pop.flush()
    # A collective held by an unresolved inspection: the engine answers "held" for it.
    Unit.objects.filter(code="HN.SLDTBXH.BTXH1").update(
        pending_review=True,
        pending_review_note=f"Đang thanh tra việc quản lý kinh phí năm {REVIEW_YEAR}",
    )
    create_accounts()
    audit.record(
        None,
        AuditAction.IMPORT,
        hn,
        note=f"Nạp dữ liệu mẫu: {pop.sink.counts['people']} cá nhân, {pop.sink.counts['ratings']} xếp loại, "
        f"{pop.sink.counts['honours']} danh hiệu/hình thức, {pop.sink.counts['initiatives']} sáng kiến.",
    )
    return pop


def create_accounts() -> None:
    User = get_user_model()
    # One Argon2 hash for the shared demo password: hashing costs about half a second each.
    hashed = make_password(DEMO_PASSWORD)
    units = {
        u.code: u
        for u in Unit.objects.filter(code__in=[a[3] for a in ACCOUNTS] + list(ADMIN_EXTRA_UNITS))
    }
    for username, full_name, role, unit_code, superuser in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        make = User.objects.create_superuser if superuser else User.objects.create_user
        user = make(username=username, password=None, full_name=full_name, email="")
        user.password = hashed
        user.save(update_fields=["password"])
        signing = SIGNING.get(username, {})
        RoleGrant.objects.create(user=user, role=role, unit=units[unit_code], **signing)
        if role == Role.ADMIN:
            for extra in ADMIN_EXTRA_UNITS:
                RoleGrant.objects.create(user=user, role=role, unit=units[extra])
