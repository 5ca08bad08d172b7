from django.db import models


class HonourCategory(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"
    STATE_TITLE = "state_title", "Danh hiệu vinh dự nhà nước"


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"


class Authority(models.TextChoices):
    """Who confers an honour (Luật Thi đua, khen thưởng 2022, Điều 80; NĐ 129/2025, Điều 59)."""

    PRESIDENT = "PRESIDENT", "Chủ tịch nước"
    PRIME_MINISTER = "PRIME_MINISTER", "Thủ tướng Chính phủ"
    MINISTER_PROVINCE = "MINISTER_PROVINCE", "Bộ trưởng, Chủ tịch UBND tỉnh"
    UNIT_HEAD = "UNIT_HEAD", "Thủ trưởng cơ quan, đơn vị; Giám đốc sở; Chủ tịch UBND xã"
    COMMUNE = "COMMUNE", "Chủ tịch UBND xã"
