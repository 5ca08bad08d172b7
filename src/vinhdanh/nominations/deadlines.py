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
