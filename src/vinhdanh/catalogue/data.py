"""The catalogue of CATALOGUE.md as data: loaded by migration, extended by administrators.

Codes are the project's stable identifiers (imports, exports, API, the eligibility check).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

LAW = "Luật Thi đua, khen thưởng 2022"
ND152 = "Nghị định 152/2025/NĐ-CP"
ND98 = "Nghị định 98/2023/NĐ-CP"

RATINGS = [
    ("HTXS", "Hoàn thành xuất sắc nhiệm vụ", 4),
    ("HTT", "Hoàn thành tốt nhiệm vụ", 3),
    ("HT", "Hoàn thành nhiệm vụ", 2),
    ("KHT", "Không hoàn thành nhiệm vụ", 1),
]

I, C, H = "individual", "collective", "household"  # noqa: E741

# code, name, short name, category, subject kinds, decider, rank (higher = higher honour)
HONOURS = [
    # Emulation titles (danh hiệu thi đua) — Luật Điều 20–31
    (
        "LDTT",
        "Lao động tiên tiến",
        "LĐTT",
        "title",
        [I],
        "Thủ trưởng đơn vị / Chủ tịch UBND xã",
        10,
    ),
    ("CSTT", "Chiến sĩ tiên tiến", "CSTT", "title", [I], "Lực lượng vũ trang", 10),
    (
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "CSTĐCS",
        "title",
        [I],
        "Thủ trưởng đơn vị / Chủ tịch UBND xã",
        20,
    ),
    (
        "CSTD_TINH",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        "CSTĐ cấp tỉnh",
        "title",
        [I],
        "Bộ trưởng / Chủ tịch UBND tỉnh",
        30,
    ),
    (
        "CSTD_TQ",
        "Chiến sĩ thi đua toàn quốc",
        "CSTĐ toàn quốc",
        "title",
        [I],
        "Thủ tướng Chính phủ",
        40,
    ),
    (
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "TTLĐTT",
        "title",
        [C],
        "Thủ trưởng đơn vị / Chủ tịch UBND xã",
        10,
    ),
    (
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        "TTLĐXS",
        "title",
        [C],
        "Bộ trưởng / Chủ tịch UBND tỉnh",
        20,
    ),
    (
        "CO_TD_TINH",
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        "Cờ thi đua cấp tỉnh",
        "title",
        [C],
        "Bộ trưởng / Chủ tịch UBND tỉnh",
        30,
    ),
    (
        "CO_TD_CP",
        "Cờ thi đua của Chính phủ",
        "Cờ thi đua của Chính phủ",
        "title",
        [C],
        "Thủ tướng Chính phủ",
        40,
    ),
    (
        "XA_TIEU_BIEU",
        "Xã, phường, đặc khu tiêu biểu",
        "Xã tiêu biểu",
        "title",
        [C],
        "Chủ tịch UBND tỉnh",
        25,
    ),
    ("THON_VH", "Thôn, tổ dân phố văn hóa", "Thôn văn hóa", "title", [C], "Chủ tịch UBND xã", 15),
    ("GD_VH", "Gia đình văn hóa", "Gia đình văn hóa", "title", [H], "Chủ tịch UBND xã", 10),
    # Forms of commendation (hình thức khen thưởng)
    (
        "GIAY_KHEN",
        "Giấy khen",
        "Giấy khen",
        "form",
        [I, C, H],
        "Thủ trưởng đơn vị / Chủ tịch UBND xã",
        10,
    ),
    (
        "BK_TINH",
        "Bằng khen cấp bộ, ban, ngành, tỉnh",
        "Bằng khen cấp tỉnh",
        "form",
        [I, C, H],
        "Bộ trưởng / Chủ tịch UBND tỉnh",
        20,
    ),
    (
        "BK_TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen Thủ tướng",
        "form",
        [I, C, H],
        "Thủ tướng Chính phủ",
        30,
    ),
    ("HCLD3", "Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", "form", [I, C], "Chủ tịch nước", 40),
    (
        "HCLD2",
        "Huân chương Lao động hạng Nhì",
        "HCLĐ hạng Nhì",
        "form",
        [I, C],
        "Chủ tịch nước",
        41,
    ),
    (
        "HCLD1",
        "Huân chương Lao động hạng Nhất",
        "HCLĐ hạng Nhất",
        "form",
        [I, C],
        "Chủ tịch nước",
        42,
    ),
    ("HCDL3", "Huân chương Độc lập hạng Ba", "HCĐL hạng Ba", "form", [I, C], "Chủ tịch nước", 50),
    ("HCDL2", "Huân chương Độc lập hạng Nhì", "HCĐL hạng Nhì", "form", [I, C], "Chủ tịch nước", 51),
    (
        "HCDL1",
        "Huân chương Độc lập hạng Nhất",
        "HCĐL hạng Nhất",
        "form",
        [I, C],
        "Chủ tịch nước",
        52,
    ),
    (
        "HC_HCM",
        "Huân chương Hồ Chí Minh",
        "Huân chương Hồ Chí Minh",
        "form",
        [I, C],
        "Chủ tịch nước",
        60,
    ),
    (
        "HC_SAO_VANG",
        "Huân chương Sao vàng",
        "Huân chương Sao vàng",
        "form",
        [I, C],
        "Chủ tịch nước",
        70,
    ),
    (
        "HC_DUNG_CAM",
        "Huân chương Dũng cảm",
        "Huân chương Dũng cảm",
        "form",
        [I],
        "Chủ tịch nước",
        40,
    ),
    ("KNC", "Kỷ niệm chương", "Kỷ niệm chương", "form", [I], "Bộ trưởng / Thủ trưởng cơ quan", 5),
    # Further forms of the Law, checked by hand until rules exist
    (
        "HC_QUAN_CONG1",
        "Huân chương Quân công hạng Nhất",
        "HCQC hạng Nhất",
        "form",
        [I, C],
        "Chủ tịch nước",
        52,
    ),
    (
        "HC_QUAN_CONG2",
        "Huân chương Quân công hạng Nhì",
        "HCQC hạng Nhì",
        "form",
        [I, C],
        "Chủ tịch nước",
        51,
    ),
    (
        "HC_QUAN_CONG3",
        "Huân chương Quân công hạng Ba",
        "HCQC hạng Ba",
        "form",
        [I, C],
        "Chủ tịch nước",
        50,
    ),
    (
        "HC_CHIEN_CONG1",
        "Huân chương Chiến công hạng Nhất",
        "HCCC hạng Nhất",
        "form",
        [I, C],
        "Chủ tịch nước",
        42,
    ),
    (
        "HC_CHIEN_CONG2",
        "Huân chương Chiến công hạng Nhì",
        "HCCC hạng Nhì",
        "form",
        [I, C],
        "Chủ tịch nước",
        41,
    ),
    (
        "HC_CHIEN_CONG3",
        "Huân chương Chiến công hạng Ba",
        "HCCC hạng Ba",
        "form",
        [I, C],
        "Chủ tịch nước",
        40,
    ),
    (
        "HC_BVTQ1",
        "Huân chương Bảo vệ Tổ quốc hạng Nhất",
        "HCBVTQ hạng Nhất",
        "form",
        [I, C],
        "Chủ tịch nước",
        42,
    ),
    (
        "HC_BVTQ2",
        "Huân chương Bảo vệ Tổ quốc hạng Nhì",
        "HCBVTQ hạng Nhì",
        "form",
        [I, C],
        "Chủ tịch nước",
        41,
    ),
    (
        "HC_BVTQ3",
        "Huân chương Bảo vệ Tổ quốc hạng Ba",
        "HCBVTQ hạng Ba",
        "form",
        [I, C],
        "Chủ tịch nước",
        40,
    ),
    (
        "HC_DDKDT",
        "Huân chương Đại đoàn kết dân tộc",
        "HC Đại đoàn kết dân tộc",
        "form",
        [I],
        "Chủ tịch nước",
        45,
    ),
    (
        "HC_HUU_NGHI",
        "Huân chương Hữu nghị",
        "Huân chương Hữu nghị",
        "form",
        [I, C],
        "Chủ tịch nước",
        45,
    ),
    (
        "HUY_CHUONG_HN",
        "Huy chương Hữu nghị",
        "Huy chương Hữu nghị",
        "form",
        [I],
        "Chủ tịch nước",
        25,
    ),
    (
        "HUY_CHUONG_QDND",
        "Huy chương Quân kỳ quyết thắng",
        "Huy chương Quân kỳ quyết thắng",
        "form",
        [I],
        "Chủ tịch nước",
        25,
    ),
    (
        "HUY_CHUONG_CAND",
        "Huy chương Vì an ninh Tổ quốc",
        "Huy chương Vì an ninh Tổ quốc",
        "form",
        [I],
        "Chủ tịch nước",
        25,
    ),
    (
        "HUY_CHUONG_CSVV",
        "Huy chương Chiến sĩ vẻ vang",
        "Huy chương Chiến sĩ vẻ vang",
        "form",
        [I],
        "Chủ tịch nước",
        25,
    ),
    # State honorary titles (danh hiệu vinh dự nhà nước)
    ("AHLD", "Anh hùng Lao động", "Anh hùng Lao động", "state_title", [I, C], "Chủ tịch nước", 80),
    (
        "AHLLVT",
        "Anh hùng Lực lượng vũ trang nhân dân",
        "Anh hùng LLVTND",
        "state_title",
        [I, C],
        "Chủ tịch nước",
        80,
    ),
    (
        "BMVNAH",
        "Bà mẹ Việt Nam anh hùng",
        "Bà mẹ Việt Nam anh hùng",
        "state_title",
        [I],
        "Chủ tịch nước",
        80,
    ),
    ("NGND", "Nhà giáo nhân dân", "Nhà giáo nhân dân", "state_title", [I], "Chủ tịch nước", 75),
    ("NGUT", "Nhà giáo ưu tú", "Nhà giáo ưu tú", "state_title", [I], "Chủ tịch nước", 70),
    ("TTND", "Thầy thuốc nhân dân", "Thầy thuốc nhân dân", "state_title", [I], "Chủ tịch nước", 75),
    ("TTUT", "Thầy thuốc ưu tú", "Thầy thuốc ưu tú", "state_title", [I], "Chủ tịch nước", 70),
    ("NSND", "Nghệ sĩ nhân dân", "Nghệ sĩ nhân dân", "state_title", [I], "Chủ tịch nước", 75),
    ("NSUT", "Nghệ sĩ ưu tú", "Nghệ sĩ ưu tú", "state_title", [I], "Chủ tịch nước", 70),
    (
        "NGHE_NHAN_ND",
        "Nghệ nhân nhân dân",
        "Nghệ nhân nhân dân",
        "state_title",
        [I],
        "Chủ tịch nước",
        75,
    ),
    ("NGHE_NHAN_UT", "Nghệ nhân ưu tú", "Nghệ nhân ưu tú", "state_title", [I], "Chủ tịch nước", 70),
    (
        "GIAI_THUONG_HCM",
        "Giải thưởng Hồ Chí Minh",
        "Giải thưởng Hồ Chí Minh",
        "state_title",
        [I, C],
        "Chủ tịch nước",
        80,
    ),
    (
        "GIAI_THUONG_NN",
        "Giải thưởng Nhà nước",
        "Giải thưởng Nhà nước",
        "state_title",
        [I, C],
        "Chủ tịch nước",
        75,
    ),
]

# Who confers each built-in honour: Luật Điều 80; NĐ 129/2025/NĐ-CP Điều 59 (commune level).
# Every Huân chương, Huy chương and state honorary title not listed here: the Chủ tịch nước.
AUTHORITY_PRIME_MINISTER = ("CSTD_TQ", "CO_TD_CP", "BK_TTG")
AUTHORITY_MINISTER_PROVINCE = (
    "CSTD_TINH", "TTLDXS", "CO_TD_TINH", "BK_TINH", "XA_TIEU_BIEU", "KNC",
)  # fmt: skip
AUTHORITY_UNIT_HEAD = ("LDTT", "CSTT", "CSTDCS", "TTLDTT", "GIAY_KHEN")
AUTHORITY_COMMUNE = ("GD_VH", "THON_VH")
AUTHORITY_CITATION = f"{LAW}, Điều 80"
AUTHORITY_COMMUNE_CITATION = f"{LAW}, Điều 80; Nghị định 129/2025/NĐ-CP, Điều 59"


def builtin_authority(code: str) -> str:
    """The conferring authority (catalogue.enums.Authority value) of a built-in honour."""
    if code in AUTHORITY_PRIME_MINISTER:
        return "PRIME_MINISTER"
    if code in AUTHORITY_MINISTER_PROVINCE:
        return "MINISTER_PROVINCE"
    if code in AUTHORITY_UNIT_HEAD:
        return "UNIT_HEAD"
    if code in AUTHORITY_COMMUNE:
        return "COMMUNE"
    return "PRESIDENT"


def load_authorities(apps) -> None:
    """Fill ``Honour.authority`` (idempotent; migration 0004). Built-in honours get the Law's
    decider; an administrator's own honour with an issuer gets its issuer's level."""
    Honour = apps.get_model("catalogue", "Honour")
    by_level = {
        "TW": "MINISTER_PROVINCE", "BO_TINH": "MINISTER_PROVINCE", "SO_NGANH": "UNIT_HEAD",
        "CO_SO": "UNIT_HEAD", "XA": "COMMUNE",
    }  # fmt: skip
    for honour in Honour.objects.select_related("issuer"):
        if honour.is_builtin:
            authority = builtin_authority(honour.code)
        elif not honour.authority and honour.issuer_id:
            authority = by_level.get(honour.issuer.level, "")
        else:
            continue
        if honour.authority != authority:
            honour.authority = authority
            honour.save(update_fields=["authority"])


MULTIPLES_FROM = dt.date(2025, 7, 1)
MULTIPLES_CITATION = f"{ND152}, Điều 50, 51, 54"
# code: (individual, collective); households get 1.5 × the individual amount (rules.core.money)
MULTIPLES = {
    "LDTT": ("0.3", None), "CSTT": ("0.3", None), "CSTDCS": ("1.0", None),
    "CSTD_TINH": ("3.0", None), "CSTD_TQ": ("4.5", None),
    "TTLDTT": (None, "0.8"), "TTLDXS": (None, "1.5"), "THON_VH": (None, "1.5"),
    "XA_TIEU_BIEU": (None, "2.0"), "CO_TD_TINH": (None, "8.0"), "CO_TD_CP": (None, "12.0"),
    "GIAY_KHEN": ("0.3", "0.6"), "BK_TINH": ("1.5", "3.0"), "BK_TTG": ("3.5", "7.0"),
    "HCLD3": ("4.5", "9.0"), "HCLD2": ("7.5", "15.0"), "HCLD1": ("9.0", "18.0"),
    "HCDL3": ("10.5", "21.0"), "HCDL2": ("12.5", "25.0"), "HCDL1": ("15.0", "30.0"),
    "HC_HCM": ("30.5", "61.0"), "HC_SAO_VANG": ("46.0", "92.0"), "HC_DUNG_CAM": ("4.5", None),
}  # fmt: skip

# NĐ 152/2025 lapses on 01/3/2027 unless extended or replaced (its Điều 60 khoản 1): its table
# holds to the day before; a decision dated from then on is refused until an administrator
# enters the table in force (a new row from that date).
MULTIPLES_TO = dt.date(2027, 2, 28)

# 01/01/2024 – 30/06/2025: NĐ 98/2023 Điều 54, titles only (same multiples as NĐ 152/2025).
# Its Huân chương, Bằng khen and Giấy khen multiples were not seen: not entered, so a decision
# of that period on those codes is refused (CATALOGUE.md).
ND98_MULTIPLES_FROM = dt.date(2024, 1, 1)
ND98_MULTIPLES_CITATION = f"{ND98}, Điều 54"
ND98_MULTIPLE_CODES = (
    "LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "THON_VH",
    "XA_TIEU_BIEU", "CO_TD_TINH", "CO_TD_CP",
)  # fmt: skip

BASE_SALARIES = [
    (dt.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]
# Added by migration 0006 (an installation loaded before it gets it there).
BASE_SALARY_2026 = (dt.date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2")

THRESHOLD_CITATION = f"{ND98}, Điều 30 khoản 7"
VOTE_THRESHOLDS = {
    "CSTD_TINH": Decimal("0.90"), "CSTD_TQ": Decimal("0.90"), "AHLD": Decimal("0.90"), "AHLLVT": Decimal("0.90"),
    "CSTDCS": Decimal("0.80"), "CO_TD_TINH": Decimal("0.80"), "CO_TD_CP": Decimal("0.80"),
}  # fmt: skip

# From 01/7/2025 NĐ 152/2025 Điều 33 khoản 5 keeps the vote for CSTĐ toàn quốc, Anh hùng titles
# (≥ 90%) and Cờ thi đua của Chính phủ (≥ 80%).
ND152_THRESHOLDS_FROM = dt.date(2025, 7, 1)
ND152_THRESHOLD_CITATION = f"{ND152}, Điều 33 khoản 5"
ND152_THRESHOLDS = {
    "CSTD_TQ": Decimal("0.90"), "AHLD": Decimal("0.90"), "AHLLVT": Decimal("0.90"),
    "CO_TD_CP": Decimal("0.80"),
}  # fmt: skip
# The decree no longer names CSTĐ cấp tỉnh, CSTĐCS, Cờ thi đua cấp tỉnh: NĐ 98/2023 applied
# until the ministry's or province's own rules, at the latest to 31/12/2025 (NĐ 152/2025
# Điều 60 khoản 2); then a jurisdiction parameter whose default is the former share.
TRANSITION_THRESHOLD_CITATION = (
    f"{ND152}, Điều 60 khoản 2 (giữ mức cũ đến khi bộ, ngành, tỉnh ban hành quy định, chậm "
    "nhất đến 31/12/2025)"
)
LOCAL_THRESHOLDS_FROM = dt.date(2026, 1, 1)
LOCAL_THRESHOLD_CITATION = (
    f"{ND152}, Điều 33 khoản 5; Điều 6 khoản 2 (mức do bộ, ngành, tỉnh quy định; mặc định "
    "theo mức cũ) [cần xác nhận theo Thông tư 15/2025/TT-BNV]"
)
LOCAL_THRESHOLDS = {
    "CSTD_TINH": Decimal("0.90"), "CSTDCS": Decimal("0.80"), "CO_TD_TINH": Decimal("0.80"),
}  # fmt: skip

INITIATIVE_KINDS = [
    ("SANG_KIEN", "Sáng kiến"),
    ("DE_TAI", "Đề tài khoa học (đã nghiệm thu)"),
]
INITIATIVE_SCOPES = [
    ("CO_SO", "Cấp cơ sở", 1),
    ("TINH", "Cấp bộ, ban, ngành, tỉnh", 2),
    ("TOAN_QUOC", "Toàn quốc", 3),
]
DISCIPLINE_FORMS = [
    ("KHIEN_TRACH", "Khiển trách", 1),
    ("CANH_CAO", "Cảnh cáo", 2),
    ("HA_BAC_LUONG", "Hạ bậc lương", 3),
    ("GIANG_CHUC", "Giáng chức", 4),
    ("CACH_CHUC", "Cách chức", 5),
    ("BUOC_THOI_VIEC", "Buộc thôi việc", 6),
]


def load(apps) -> None:
    """Insert or refresh the built-in catalogue (idempotent; used by the data migration)."""
    Rating = apps.get_model("catalogue", "Rating")
    Honour = apps.get_model("catalogue", "Honour")
    RewardMultiple = apps.get_model("catalogue", "RewardMultiple")
    BaseSalary = apps.get_model("catalogue", "BaseSalary")
    VoteThreshold = apps.get_model("catalogue", "VoteThreshold")
    InitiativeKind = apps.get_model("catalogue", "InitiativeKind")
    InitiativeScope = apps.get_model("catalogue", "InitiativeScope")
    DisciplineForm = apps.get_model("catalogue", "DisciplineForm")

    for code, name, order in RATINGS:
        Rating.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for position, (code, name, short, category, kinds, decider, rank) in enumerate(HONOURS):
        Honour.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "category": category,
                "for_individual": I in kinds,
                "for_collective": C in kinds,
                "for_household": H in kinds,
                "decider": decider,
                "rank": rank,
                "position": position,
                "is_builtin": True,
            },
        )
    for code, (ind, coll) in MULTIPLES.items():
        for kind, value in ((I, ind), (C, coll)):
            if value is None:
                continue
            RewardMultiple.objects.update_or_create(
                honour_id=code,
                subject_kind=kind,
                valid_from=MULTIPLES_FROM,
                defaults={"multiple": Decimal(value), "citation": MULTIPLES_CITATION},
            )
    for valid_from, amount, source in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            valid_from=valid_from, defaults={"amount": amount, "source": source}
        )
    for code, share in VOTE_THRESHOLDS.items():
        VoteThreshold.objects.update_or_create(
            honour_id=code,
            valid_from=dt.date(2024, 1, 1),
            defaults={"share": share, "citation": THRESHOLD_CITATION},
        )
    for code, name in INITIATIVE_KINDS:
        InitiativeKind.objects.update_or_create(code=code, defaults={"name": name})
    for code, name, rank in INITIATIVE_SCOPES:
        InitiativeScope.objects.update_or_create(code=code, defaults={"name": name, "rank": rank})
    for code, name, severity in DISCIPLINE_FORMS:
        DisciplineForm.objects.update_or_create(
            code=code, defaults={"name": name, "severity": severity}
        )
    # Later migrations' rows, when the model state already has their fields (a test that
    # flushed the tables reloads everything through this one function).
    if _has_field(Honour, "authority"):
        load_authorities(apps)
    if _has_field(RewardMultiple, "valid_to"):
        load_law_in_force(apps)


def load_law_in_force(apps) -> None:
    """The dated parameters by the law in force (idempotent; migration 0006): base salary
    from 01/7/2026, NĐ 98/2023's title multiples from 01/01/2024, the lapse date of NĐ
    152/2025's table, and the vote thresholds from 01/7/2025 and 01/01/2026."""
    RewardMultiple = apps.get_model("catalogue", "RewardMultiple")
    BaseSalary = apps.get_model("catalogue", "BaseSalary")
    VoteThreshold = apps.get_model("catalogue", "VoteThreshold")
    Honour = apps.get_model("catalogue", "Honour")
    existing = set(Honour.objects.values_list("code", flat=True))

    valid_from, amount, source = BASE_SALARY_2026
    BaseSalary.objects.update_or_create(
        valid_from=valid_from, defaults={"amount": amount, "source": source}
    )
    RewardMultiple.objects.filter(
        valid_from=MULTIPLES_FROM, citation=MULTIPLES_CITATION, valid_to__isnull=True
    ).update(valid_to=MULTIPLES_TO)
    for code in ND98_MULTIPLE_CODES:
        if code not in existing:
            continue
        for kind, value in zip((I, C), MULTIPLES[code], strict=True):
            if value is None:
                continue
            RewardMultiple.objects.update_or_create(
                honour_id=code,
                subject_kind=kind,
                valid_from=ND98_MULTIPLES_FROM,
                defaults={
                    "multiple": Decimal(value),
                    "citation": ND98_MULTIPLES_CITATION,
                    "valid_to": MULTIPLES_FROM - dt.timedelta(days=1),
                },
            )
    for start, citation, shares in (
        (ND152_THRESHOLDS_FROM, ND152_THRESHOLD_CITATION, ND152_THRESHOLDS),
        (ND152_THRESHOLDS_FROM, TRANSITION_THRESHOLD_CITATION, LOCAL_THRESHOLDS),
        (LOCAL_THRESHOLDS_FROM, LOCAL_THRESHOLD_CITATION, LOCAL_THRESHOLDS),
    ):
        for code, share in shares.items():
            if code in existing:
                VoteThreshold.objects.update_or_create(
                    honour_id=code,
                    valid_from=start,
                    defaults={"share": share, "citation": citation},
                )


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
