"""Working days (weekends and Holiday rows skipped) and the due date of a dossier's step."""

from __future__ import annotations

import datetime as dt

from .models import Holiday, StepDeadline


def working_days_add(start: dt.date, n: int) -> dt.date:
    """The date `n` working days after `start` (start itself not counted)."""
    horizon = start + dt.timedelta(days=n * 2 + 60)
    holidays = set(
        Holiday.objects.filter(date__gt=start, date__lte=horizon).values_list("date", flat=True)
    )
    day, left = start, n
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() >= 5 or day in holidays:
            continue
        left -= 1
    return day


def due_on_for(status: str, start: dt.date) -> dt.date | None:
    """When the step that starts on `start` in `status` is due (None: no time limit)."""
    days = StepDeadline.objects.filter(status=status).values_list("working_days", flat=True).first()
    return working_days_add(start, days) if days is not None else None


def working_days_left(today: dt.date, dues) -> dict[dt.date, int]:
    """For each due date, the working days from ``today`` to it: positive ahead (the due day
    counted, today not), 0 on the day, negative when overdue (working days since). One query
    for the holidays of the whole span, whatever the number of dates (the inbox's list)."""
    dues = {d for d in dues if d is not None}
    if not dues:
        return {}
    low, high = min(min(dues), today), max(max(dues), today)
    holidays = set(
        Holiday.objects.filter(date__gt=low, date__lte=high).values_list("date", flat=True)
    )

    def between(start: dt.date, end: dt.date) -> int:
        n, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in holidays:
                n += 1
        return n

    return {d: between(today, d) if d >= today else -between(d, today) for d in dues}
