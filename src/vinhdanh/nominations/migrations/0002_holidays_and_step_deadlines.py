"""Tết and national holidays 2024–2027 (with the compensatory days off announced by the
Government for public servants) and the working days allowed per step (NĐ 98/2023 Điều 32)."""

import datetime as dt

from django.db import migrations

HOLIDAYS = {
    2024: [
        ("01-01", "Tết Dương lịch"),
        *[(d, "Tết Nguyên đán") for d in ("02-08", "02-09", "02-12", "02-13", "02-14")],
        ("04-18", "Giỗ Tổ Hùng Vương"),
        ("04-29", "Nghỉ bù (hoán đổi ngày làm việc)"),
        ("04-30", "Ngày Chiến thắng"),
        ("05-01", "Ngày Quốc tế Lao động"),
        ("09-02", "Quốc khánh"),
        ("09-03", "Quốc khánh"),
    ],
    2025: [
        ("01-01", "Tết Dương lịch"),
        *[(d, "Tết Nguyên đán") for d in ("01-27", "01-28", "01-29", "01-30", "01-31")],
        ("04-07", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        ("04-30", "Ngày Chiến thắng"),
        ("05-01", "Ngày Quốc tế Lao động"),
        ("05-02", "Nghỉ bù (hoán đổi ngày làm việc)"),
        ("09-01", "Quốc khánh"),
        ("09-02", "Quốc khánh"),
    ],
    2026: [
        ("01-01", "Tết Dương lịch"),
        *[(d, "Tết Nguyên đán") for d in ("02-16", "02-17", "02-18", "02-19", "02-20")],
        ("04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        ("04-30", "Ngày Chiến thắng"),
        ("05-01", "Ngày Quốc tế Lao động"),
        ("09-01", "Quốc khánh"),
        ("09-02", "Quốc khánh"),
    ],
    2027: [
        ("01-01", "Tết Dương lịch"),
        *[(d, "Tết Nguyên đán") for d in ("02-04", "02-05", "02-08", "02-09", "02-10")],
        ("04-16", "Giỗ Tổ Hùng Vương"),
        ("04-30", "Ngày Chiến thắng"),
        ("05-03", "Ngày Quốc tế Lao động (nghỉ bù)"),
        ("09-02", "Quốc khánh"),
        ("09-03", "Quốc khánh"),
    ],
}

CITATION = "Nghị định 98/2023/NĐ-CP, Điều 32"
STEPS = [
    ("submitted", 5, f"{CITATION}: kiểm tra, trả lại hồ sơ không đủ điều kiện"),
    ("appraisal", 20, f"{CITATION}: thẩm định hồ sơ"),
    ("decided", 10, f"{CITATION}: chuyển quyết định khen thưởng"),
    ("returned", 10, f"{CITATION}: thông báo kết quả không khen thưởng"),
]


def load(apps, schema_editor):
    Holiday = apps.get_model("nominations", "Holiday")
    StepDeadline = apps.get_model("nominations", "StepDeadline")
    for year, days in HOLIDAYS.items():
        for md, name in days:
            month, day = map(int, md.split("-"))
            Holiday.objects.get_or_create(date=dt.date(year, month, day), defaults={"name": name})
    for status, days, citation in STEPS:
        StepDeadline.objects.get_or_create(
            status=status, defaults={"working_days": days, "citation": citation}
        )


def unload(apps, schema_editor):
    apps.get_model("nominations", "Holiday").objects.filter(
        date__year__in=list(HOLIDAYS)
    ).delete()
    apps.get_model("nominations", "StepDeadline").objects.filter(
        status__in=[s for s, _, _ in STEPS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
