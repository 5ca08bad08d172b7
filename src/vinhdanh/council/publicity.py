"""Which honours need the proposed list made public before the council meets, and the guard.

NĐ 152/2025/NĐ-CP Điều 44 khoản 2 [text]: the proposer publishes its nominees for Huân chương,
state honorary titles and Chiến sĩ thi đua toàn quốc in its own media at least 10 working days
before its council meets (not under the simplified procedure) and reports the comments to the
council. The table below is the one place that says which honours; the council refuses to take
(send to the council, put on a meeting's agenda) a dossier whose publicity has not ended.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

PUBLICITY_CITATION = "Nghị định 152/2025/NĐ-CP, Điều 44 khoản 2"
PUBLICITY_MIN_WORKING_DAYS = 10
# Honour categories, codes and name prefixes that need publicity (law as data, one table).
PUBLICITY_CATEGORIES = {"state_title"}  # danh hiệu vinh dự nhà nước
PUBLICITY_CODES = {"CSTD_TQ"}  # Chiến sĩ thi đua toàn quốc
PUBLICITY_NAME_PREFIXES = ("Huân chương",)  # every Huân chương, built-in or added later


def needs_publicity(honour) -> bool:
    return (
        honour.category in PUBLICITY_CATEGORIES
        or honour.pk in PUBLICITY_CODES
        or honour.name.startswith(PUBLICITY_NAME_PREFIXES)
    )


def publicity_problem(dossier, *, meeting_date: dt.date | None = None) -> str | None:
    """Why the council may not take the dossier yet (Vietnamese, cited), or None."""
    from vinhdanh.nominations.deadlines import working_days_add
    from vinhdanh.nominations.enums import NomineeOutcome

    honours = {
        n.honour.pk: n.honour
        for n in dossier.nominees.exclude(
            outcome__in=[NomineeOutcome.REJECTED, NomineeOutcome.RETURNED]
        ).select_related("honour")
        if needs_publicity(n.honour)
    }
    if not honours:
        return None
    names = ", ".join(h.name for h in sorted(honours.values(), key=lambda h: h.pk))
    rule = (
        f"Hồ sơ đề nghị {names} phải được công khai ít nhất {PUBLICITY_MIN_WORKING_DAYS} ngày "
        f"làm việc trước khi Hội đồng họp ({PUBLICITY_CITATION})"
    )
    start, end = dossier.publicity_from, dossier.publicity_to
    if not start or not end:
        return f"{rule}; hồ sơ chưa được công khai. Hãy công khai danh sách đề nghị trước."
    today = timezone.localdate()
    if end >= today:
        return (
            f"{rule}; thời gian công khai kéo dài đến hết ngày {end:%d/%m/%Y}. Hội đồng chỉ "
            f"xem xét hồ sơ từ ngày {end + dt.timedelta(days=1):%d/%m/%Y}."
        )
    if working_days_add(start, PUBLICITY_MIN_WORKING_DAYS) > end:
        return (
            f"{rule}; hồ sơ chỉ được công khai từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}, chưa đủ "
            f"{PUBLICITY_MIN_WORKING_DAYS} ngày làm việc. Hãy công khai lại đủ thời gian."
        )
    if meeting_date is not None and meeting_date <= end:
        return (
            f"{rule}; phiên họp ngày {meeting_date:%d/%m/%Y} không sau ngày kết thúc công khai "
            f"{end:%d/%m/%Y}."
        )
    return None
