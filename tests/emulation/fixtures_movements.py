"""Fixtures for the movement, bloc and number-book tests (imported explicitly by those modules)."""

from __future__ import annotations

import datetime as dt

import pytest

from vinhdanh.emulation.enums import MovementKind
from vinhdanh.emulation.models import Movement, MovementParticipant


@pytest.fixture
def movement(khoi9):
    """The city's yearly movement of 2024 with Sở Y tế and Sở Giáo dục taking part (draft)."""
    m = Movement.objects.create(
        launching_unit=khoi9.hanoi,
        authority="Chủ tịch UBND Thành phố",
        theme="Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế – xã hội năm 2024",
        kind=MovementKind.REGULAR,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    MovementParticipant.objects.create(movement=m, unit=khoi9.syt)
    MovementParticipant.objects.create(movement=m, unit=khoi9.sgd)
    return m


__all__ = ["movement"]
