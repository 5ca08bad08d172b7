from django.db import models


class UnitLevel(models.TextChoices):
    CENTRAL = "TW", "Trung ương"
    MINISTRY_PROVINCE = "BO_TINH", "Bộ, ngành, tỉnh"
    DEPARTMENT = "SO_NGANH", "Sở, ban, ngành"
    COMMUNE = "XA", "Xã, phường, đặc khu"
    GRASSROOTS = "CO_SO", "Cơ sở"


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"
