from django.db import models


class HonourCategory(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"
    STATE_TITLE = "state_title", "Danh hiệu vinh dự nhà nước"


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"
