"""Biểu 0601–0605.N/BNV-TĐKT as set by Thông tư 02/2023/TT-BNV (23/3/2023, in force 10/5/2023).

Layouts read from the circular's templates (see docs: shared/domain/STATISTICS.md). Lines
marked [inferred] there are implemented as inferred; the checks carry the same marks.
"""

from __future__ import annotations

from .base import GROUP, L1, L2, OF, TOTAL, Check, Column, DynamicGroup, FormVersion, Row, fs

BASIS = "TT02_2023"
BASIS_TEXT = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
VALID_FROM = 2023
SPLIT = "Chia ra"

# --- 0601 -------------------------------------------------------------------------------------

_LEVEL_HEAD = "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"

F0601 = FormVersion(
    code="0601",
    number="0601.N/BNV-TĐKT",
    basis=BASIS,
    basis_text=BASIS_TEXT,
    valid_from_year=VALID_FROM,
    title="SỐ PHONG TRÀO THI ĐUA",
    source="movements",
    measure="Đơn vị tính: Phong trào",
    columns=(
        Column("1", "1", ("Tổng số",)),
        Column(
            "2",
            "2",
            (_LEVEL_HEAD, "Cấp Trung ương (Hội đồng Thi đua – Khen thưởng Trung ương)"),
            {"level": fs("TRUNG_UONG")},
        ),
        Column(
            "3",
            "3",
            (
                _LEVEL_HEAD,
                "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
            ),
            {"level": fs("BO_TINH")},
        ),
        Column(
            "4", "4", (_LEVEL_HEAD, "Cơ quan, tổ chức, đơn vị"), {"level": fs("CO_QUAN_DON_VI")}
        ),
    ),
    rows=(
        Row("01", "Tổng số", TOTAL),
        Row(None, "1. Chia theo phạm vi tổ chức thi đua", GROUP),
        Row("02", "Toàn quốc", L1, where={"scope": fs("TOAN_QUOC")}),
        Row(
            "03", "Bộ, ban, ngành đoàn thể, địa phương", where={"scope": fs("BO_NGANH_DIA_PHUONG")}
        ),
        Row(
            "04",
            "Cụm, khối thi đua do Hội đồng Thi đua – Khen thưởng các cấp tổ chức",
            where={"scope": fs("CUM_KHOI")},
        ),
        Row("05", "Cơ quan, tổ chức, đơn vị", where={"scope": fs("CO_QUAN_DON_VI")}),
        Row(None, "2. Chia theo thời hạn thi đua", GROUP),
        Row("06", "Dưới 1 năm", where={"duration": fs("LT1")}),
        Row("07", "1 năm", where={"duration": fs("EQ1")}),
        Row("08", "Từ 1 năm đến dưới 3 năm", where={"duration": fs("1TO3")}),
        Row("09", "Từ 3 năm đến dưới 5 năm", where={"duration": fs("3TO5")}),
        Row("10", "Từ 5 năm trở lên", where={"duration": fs("GE5")}),
        Row(None, "3. Chia theo phương thức tổ chức phong trào thi đua", GROUP),
        Row("11", "Thi đua theo chuyên đề", where={"method": fs("thematic")}),
        Row("12", "Thi đua thường xuyên hàng năm", where={"method": fs("regular")}),
    ),
    checks=(
        Check("cols", "1", ("2", "3", "4"), "Cột 1 = cột 2 + 3 + 4 ở mọi dòng"),
        Check("rows", "01", ("02", "03", "04", "05"), "Dòng 01 = tổng các dòng 02–05"),
        Check("rows", "01", ("06", "07", "08", "09", "10"), "Dòng 01 = tổng các dòng 06–10"),
        Check("rows", "01", ("11", "12"), "Dòng 01 = dòng 11 + dòng 12"),
    ),
)

# --- 0602, 0603: awards ------------------------------------------------------------------------

_POSITIONS = (
    ("LD_BO_TINH", "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"),
    ("LD_VU_SO", "Lãnh đạo cấp vụ, sở, ngành và tương đương"),
    ("DOANH_NHAN", "Doanh nhân"),
    ("LD_KHAC_TU_PHO_PHONG", "Các cấp lãnh đạo khác từ phó phòng trở lên"),
    (
        "TRUC_TIEP",
        "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
        "(công nhân, nông dân,...)",
    ),
)
_KINDS = (
    ("THUONG_XUYEN", "Thường xuyên"),
    ("CHUYEN_DE", "Chuyên đề"),
    ("DOT_XUAT", "Đột xuất"),
    ("DOI_NGOAI", "Đối ngoại"),
    ("CONG_HIEN", "Cống hiến"),
    ("NIEN_HAN", "Niên hạn"),
    ("KHANG_CHIEN", "Kháng chiến"),
)


def _subject_rows(first: int) -> tuple[Row, ...]:
    """Tập thể, of which enterprises, households, individuals and their five positions."""
    c = first
    rows = [
        Row(f"{c:02d}", "Tập thể", L1, "Tập thể", {"subject": fs("collective")}),
        Row(
            f"{c + 1:02d}",
            "Doanh nghiệp",
            OF,
            "Doanh nghiệp",
            {"subject": fs("collective"), "enterprise": fs(True)},
        ),
        Row(f"{c + 2:02d}", "Hộ gia đình", L1, "Hộ", {"subject": fs("household")}),
        Row(f"{c + 3:02d}", "Cá nhân", L1, "Người", {"subject": fs("individual")}),
    ]
    for i, (value, label) in enumerate(_POSITIONS, start=c + 4):
        rows.append(
            Row(
                f"{i:02d}", label, L2, "Người", {"subject": fs("individual"), "position": fs(value)}
            )
        )
    return tuple(rows)


def _kind_rows(first: int) -> tuple[Row, ...]:
    return tuple(
        Row(f"{i:02d}", label, L1, where={"kind": fs(value)})
        for i, (value, label) in enumerate(_KINDS, start=first)
    )


def _codes(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{i:02d}" for i in range(first, last + 1))


# Catalogue codes → the form's column groups (first rule that matches wins). Rules are data:
# ("code", X) exact code, ("prefix", X) code prefix, ("category", X), ("authority", X).
STATE_GROUPS = (
    (("code", "GIAI_THUONG_HCM"), "gt_hcm"),
    (("code", "GIAI_THUONG_NN"), "gt_nn"),
    (("code", "CO_TD_CP"), "co_cp"),
    (("code", "BK_TTG"), "bk_ttg"),
    (("code", "CSTD_TQ"), "cstd_tq"),
    (("prefix", "HC"), "huan_chuong"),
    (("prefix", "HUY_CHUONG"), "huan_chuong"),
    (("category", "state_title"), "danh_hieu"),
    (("authority", "PRESIDENT"), "khac"),
    (("authority", "PRIME_MINISTER"), "khac"),
)
MINISTRY_GROUPS = (
    (("code", "BK_TINH"), "bk"),
    (("code", "CSTD_TINH"), "cstd"),
    (("code", "CO_TD_TINH"), "co"),
    (("prefix", "KNC"), "knc"),
)

_IND = {"subject": fs("individual")}
_COL = {"subject": fs("collective")}


def _g(group: str, **extra) -> dict:
    return {"stat_group": fs(group), **extra}


F0602 = FormVersion(
    code="0602",
    number="0602.N/BNV-TĐKT",
    basis=BASIS,
    basis_text=BASIS_TEXT,
    valid_from_year=VALID_FROM,
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
    source="awards",
    label_heads=("", "Mã số", "Đơn vị tính"),
    options={"groups": STATE_GROUPS, "authorities": ("PRESIDENT", "PRIME_MINISTER")},
    columns=(
        Column("1", "1", ("Tổng số",)),
        DynamicGroup("huan_chuong", "2", (SPLIT, "Các loại huân chương, huy chương")),
        Column("3", "3", (SPLIT, "Giải thưởng Hồ Chí Minh", "Cá nhân"), _g("gt_hcm", **_IND)),
        Column("4", "4", (SPLIT, "Giải thưởng Nhà nước", "Cá nhân"), _g("gt_nn", **_IND)),
        DynamicGroup("danh_hieu", "5", (SPLIT, "Danh hiệu vinh dự nhà nước")),
        Column("6", "6", (SPLIT, "Cờ thi đua của Chính phủ"), _g("co_cp", **_COL)),
        Column(
            "7.tt",
            "7.1",
            (SPLIT, "Bằng khen của Thủ tướng Chính phủ", "Tập thể"),
            _g("bk_ttg", **_COL),
        ),
        Column(
            "7.cn",
            "7.2",
            (SPLIT, "Bằng khen của Thủ tướng Chính phủ", "Cá nhân"),
            _g("bk_ttg", **_IND),
        ),
        Column("8", "8", (SPLIT, "Chiến sĩ thi đua Toàn quốc", "Cá nhân"), _g("cstd_tq", **_IND)),
        DynamicGroup("khac", "9", (SPLIT, "Các hình thức khen thưởng khác")),
    ),
    rows=(
        Row("01", "Tổng số", TOTAL),
        Row(
            None, "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", GROUP
        ),
        Row("02", "Bộ, ban, ngành, đoàn thể Trung ương", L1, "Bộ, ngành", {"submitter": fs("BO")}),
        Row(
            "03", "Tỉnh, thành phố trực thuộc Trung ương", L1, "Tỉnh, TP", {"submitter": fs("TINH")}
        ),
        Row(None, "2. Chia theo đối tượng khen thưởng", GROUP),
        *_subject_rows(6),
        Row(None, "3. Chia theo phương thức khen thưởng", GROUP),
        *_kind_rows(15),
    ),
    checks=(
        Check("cols", "1", ("*",), "Cột 1 = tổng các cột chia ra ở mọi dòng"),
        Check("rows", "01", ("02", "03"), "Dòng 01 = dòng 02 + dòng 03"),
        Check("rows", "01", ("06", "08", "09"), "Dòng 01 = dòng 06 + 08 + 09"),
        Check("rows", "01", _codes(15, 21), "Dòng 01 = tổng các dòng 15–21"),
        Check("le", "07", ("06",), "Dòng 07 (doanh nghiệp) ≤ dòng 06 (tập thể)"),
        Check(
            "rows",
            "09",
            _codes(10, 14),
            "Dòng 09 = tổng các dòng 10–14 (mỗi cá nhân phải có chức vụ thống kê)",
        ),
    ),
)

F0603 = FormVersion(
    code="0603",
    number="0603.N/BNV-TĐKT",
    basis=BASIS,
    basis_text=BASIS_TEXT,
    valid_from_year=VALID_FROM,
    title=(
        "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, "
        "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    ),
    source="awards",
    label_heads=("", "Mã số", "Đơn vị tính"),
    options={"groups": MINISTRY_GROUPS, "authorities": ("MINISTER_PROVINCE",)},
    columns=(
        Column("1", "1", ("Tổng số",)),
        Column("2", "2", (SPLIT, "Bằng khen"), _g("bk")),
        Column("3", "3", (SPLIT, "Chiến sĩ thi đua cấp bộ, cấp tỉnh"), _g("cstd")),
        Column(
            "4",
            "4",
            (
                SPLIT,
                "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, "
                "thành phố trực thuộc Trung ương",
            ),
            _g("co"),
        ),
        Column(
            "5",
            "5",
            (
                SPLIT,
                "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, "
                "thành phố trực thuộc Trung ương",
            ),
            _g("knc"),
        ),
    ),
    rows=(
        Row("01", "Tổng số", TOTAL),
        Row(None, "1. Chia theo đối tượng khen thưởng", GROUP),
        *_subject_rows(2),
        Row(None, "2. Chia theo phương thức khen thưởng", GROUP),
        *_kind_rows(11),
    ),
    checks=(
        Check("cols", "1", ("2", "3", "4", "5"), "Cột 1 = cột 2 + 3 + 4 + 5 ở mọi dòng"),
        Check("rows", "01", ("02", "04", "05"), "Dòng 01 = dòng 02 + 04 + 05"),
        Check("rows", "01", _codes(11, 17), "Dòng 01 = tổng các dòng 11–17"),
        Check("le", "03", ("02",), "Dòng 03 (doanh nghiệp) ≤ dòng 02 (tập thể)"),
        Check(
            "rows",
            "05",
            _codes(6, 10),
            "Dòng 05 = tổng các dòng 06–10 (mỗi cá nhân phải có chức vụ thống kê)",
        ),
    ),
)

# --- 0604, 0605: the TĐKT apparatus (headcounts on 30/11) --------------------------------------

F0604 = FormVersion(
    code="0604",
    number="0604.N/BNV-TĐKT",
    basis=BASIS,
    basis_text=BASIS_TEXT,
    valid_from_year=VALID_FROM,
    title=(
        "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, "
        "ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    ),
    source="organisations",
    label_heads=("", "Mã số", "Đơn vị tính"),
    columns=(Column("1", "1", ("Số lượng",)),),
    rows=(
        Row("01", "Tổng số", TOTAL, "Tổ chức"),
        Row(None, "Chia theo cơ cấu tổ chức bộ máy", GROUP),
        Row("02", "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", L1, "Vụ", {"kind": fs("VU")}),
        Row(
            "03",
            "Cấp phòng, ban hoặc bộ phận thuộc Vụ",
            L1,
            "Phòng",
            {"kind": fs("PHONG_THUOC_VU")},
        ),
        Row("04", "Cấp ban thuộc Sở Nội vụ", L1, "Ban", {"kind": fs("BAN_THUOC_SNV")}),
        Row("05", "Cấp phòng thuộc Sở Nội vụ", L1, "Phòng", {"kind": fs("PHONG_THUOC_SNV")}),
    ),
    checks=(Check("rows", "01", ("02", "03", "04", "05"), "Dòng 01 = tổng các dòng 02–05"),),
)

_COUNT = "Số lượng (Người)"

F0605 = FormVersion(
    code="0605",
    number="0605.N/BNV-TĐKT",
    basis=BASIS,
    basis_text=BASIS_TEXT,
    valid_from_year=VALID_FROM,
    title=(
        "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH "
        "ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    ),
    source="officers",
    columns=(
        Column("1", "1", (_COUNT, "Tổng số")),
        Column("2", "2", (_COUNT, "Trong đó: Nữ"), {"sex": fs("female")}),
    ),
    rows=(
        Row("01", "Tổng số", TOTAL),
        Row(None, "1. Chia theo độ tuổi", GROUP),
        Row("02", "Từ 30 trở xuống", where={"age": fs("LE30")}),
        Row("03", "Từ 31 đến 40", where={"age": fs("31_40")}),
        Row("04", "Từ 41 đến 50", where={"age": fs("41_50")}),
        Row("05", "Từ 51 đến 55", where={"age": fs("51_55")}),
        Row("06", "Từ 56 đến 60", where={"age": fs("56_60")}),
        Row("07", "Trên 60 tuổi", where={"age": fs("GT60")}),
        Row(None, "2. Chia theo trình độ đào tạo", GROUP),
        Row("08", "Sơ cấp", where={"training": fs("SO_CAP")}),
        Row("09", "Trung cấp", where={"training": fs("TRUNG_CAP")}),
        Row("10", "Cao đẳng", where={"training": fs("CAO_DANG")}),
        Row("11", "Đại học", where={"training": fs("DAI_HOC")}),
        Row("12", "Trên đại học", where={"training": fs("TREN_DAI_HOC")}),
        Row(None, "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng", GROUP),
        Row("13", "Dưới 5 năm", where={"seniority": fs("LT5")}),
        Row("14", "Từ 5 đến 10 năm", where={"seniority": fs("5_10")}),
        Row("15", "Từ 10 năm trở lên", where={"seniority": fs("GE10")}),
    ),
    checks=(
        Check("rows", "01", _codes(2, 7), "Dòng 01 = tổng các dòng 02–07"),
        Check(
            "rows",
            "01",
            _codes(8, 12),
            "Dòng 01 = tổng các dòng 08–12 (công chức chưa ghi trình độ đào tạo)",
        ),
        Check("rows", "01", _codes(13, 15), "Dòng 01 = tổng các dòng 13–15"),
    ),
)

FORMS = (F0601, F0602, F0603, F0604, F0605)
