"""States and kinds of the emulation cycle, with the allowed transitions next to each state."""

from django.db import models


class MovementKind(models.TextChoices):
    REGULAR = "regular", "Thường xuyên (hằng năm)"
    THEMATIC = "thematic", "Chuyên đề (theo đợt)"


class LaunchLevel(models.TextChoices):
    """Who launches a movement (Biểu 0601.N/BNV-TĐKT, columns 2–4)."""

    CENTRAL = "TRUNG_UONG", "Cấp Trung ương (Hội đồng Thi đua – Khen thưởng Trung ương)"
    MINISTRY_PROVINCE = "BO_TINH", "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố"
    UNIT = "CO_QUAN_DON_VI", "Cơ quan, tổ chức, đơn vị"


class MovementScope(models.TextChoices):
    """Scope of a movement (Luật Thi đua, khen thưởng 2022, Điều 16; Biểu 0601 rows 02–05)."""

    NATIONAL = "TOAN_QUOC", "Toàn quốc"
    MINISTRY_LOCALITY = "BO_NGANH_DIA_PHUONG", "Bộ, ban, ngành đoàn thể, địa phương"
    BLOC = "CUM_KHOI", "Cụm, khối thi đua"
    UNIT = "CO_QUAN_DON_VI", "Cơ quan, tổ chức, đơn vị"


# A unit's level gives the default launch level and scope of the movements it launches.
LEVEL_DEFAULTS = {
    "TW": (LaunchLevel.CENTRAL, MovementScope.NATIONAL),
    "BO_TINH": (LaunchLevel.MINISTRY_PROVINCE, MovementScope.MINISTRY_LOCALITY),
}


class MovementStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    UNDER_REVIEW = "under_review", "Đang sơ kết, tổng kết"
    CLOSED = "closed", "Đã kết thúc"


MOVEMENT_TRANSITIONS: dict[str, set[str]] = {
    MovementStatus.DRAFT: {MovementStatus.LAUNCHED},
    MovementStatus.LAUNCHED: {MovementStatus.UNDER_REVIEW, MovementStatus.CLOSED},
    MovementStatus.UNDER_REVIEW: {MovementStatus.LAUNCHED, MovementStatus.CLOSED},
    MovementStatus.CLOSED: set(),
}


class MilestoneKind(models.TextChoices):
    LAUNCH = "launch", "Phát động"
    MID_TERM = "mid_term", "Sơ kết"
    FINAL = "final", "Tổng kết"
    OTHER = "other", "Mốc khác"


class BlocKind(models.TextChoices):
    BLOC = "khoi", "Khối thi đua"
    CLUSTER = "cum", "Cụm thi đua"


class MeetingKind(models.TextChoices):
    LAUNCH = "launch", "Hội nghị phát động"
    COVENANT = "covenant", "Ký kết giao ước thi đua"
    MID_YEAR = "mid_year", "Sơ kết 6 tháng"
    YEAR_END = "year_end", "Tổng kết năm"


class RegistrationKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class ScoringStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang chấm điểm"
    LOCKED = "locked", "Đã khóa"
    SUPERSEDED = "superseded", "Đã thay bằng phiên bản mới"


SCORING_TRANSITIONS: dict[str, set[str]] = {
    ScoringStatus.DRAFT: {ScoringStatus.OPEN},
    ScoringStatus.OPEN: {ScoringStatus.LOCKED, ScoringStatus.SUPERSEDED},
    ScoringStatus.LOCKED: {ScoringStatus.OPEN},  # reopen: bloc head, with a reason (audited)
    ScoringStatus.SUPERSEDED: set(),
}


class CrossScoringMethod(models.TextChoices):
    AVERAGE_OTHERS = (
        "average_others",
        "Trung bình điểm các thành viên khác chấm (không tính tự chấm)",
    )
    PANEL = "panel", "Tổ chấm thống nhất (Trưởng khối nhập)"


class CriterionKind(models.TextChoices):
    GROUP = "group", "Nhóm tiêu chí"
    CRITERION = "criterion", "Tiêu chí"
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"


class TieBreak(models.TextChoices):
    """Tie-break keys a scoring table can order; the female-share rule always comes last."""

    CROSS_TOTAL = "cross_total", "Tổng điểm chấm chéo cao hơn"
    SELF_TOTAL = "self_total", "Tổng điểm tự chấm cao hơn"
    FEWER_PENALTIES = "fewer_penalties", "Ít điểm trừ hơn"
    MORE_BONUS = "more_bonus", "Nhiều điểm thưởng hơn"
    FEMALE_SHARE = "female_share", "Tỷ lệ nữ từ 70% trở lên (NĐ 152/2025, Điều 4)"


class BallotStatus(models.TextChoices):
    OPEN = "open", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Đề nghị"
    IN_DOSSIER = "in_dossier", "Đã đưa vào hồ sơ"
    WITHDRAWN = "withdrawn", "Đã rút"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    FILED = "filed", "Đã lưu hồ sơ"
