from django.db import models


class OrganisationKind(models.TextChoices):
    """The TĐKT bodies counted by Biểu 0604.N/BNV-TĐKT (rows 02–05)."""

    DEPARTMENT = "VU", "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương"
    DEPARTMENT_OFFICE = "PHONG_THUOC_VU", "Cấp phòng, ban hoặc bộ phận thuộc Vụ"
    SNV_BOARD = "BAN_THUOC_SNV", "Cấp ban thuộc Sở Nội vụ"
    SNV_OFFICE = "PHONG_THUOC_SNV", "Cấp phòng thuộc Sở Nội vụ"


class TrainingLevel(models.TextChoices):
    """Highest completed training (Biểu 0605.N/BNV-TĐKT rows 08–12)."""

    ELEMENTARY = "SO_CAP", "Sơ cấp"
    INTERMEDIATE = "TRUNG_CAP", "Trung cấp"
    COLLEGE = "CAO_DANG", "Cao đẳng"
    UNIVERSITY = "DAI_HOC", "Đại học"
    POSTGRADUATE = "TREN_DAI_HOC", "Trên đại học"
