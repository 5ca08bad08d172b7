"""The bulk run's shortcuts give the answers of the full evaluation: `Subject.status` and
`Subject.met` (checks stop once the outcome is decided) agree with `verdict`, and lazily
formatted check sentences read the same as eagerly formatted ones."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rules.test_properties import ENGINE, INDIVIDUAL_TARGETS, Y, individuals, ratings_st
from vinhdanh.rules.core import Check


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(individuals() | individuals(ratings_st), st.booleans(), st.permutations(INDIVIDUAL_TARGETS))
def test_status_and_met_agree_with_full_verdicts_in_any_order(history, pending, order):
    history = history.replace(pending_review=pending)
    full = {code: ENGINE.subject(history, Y).verdict(code) for code in INDIVIDUAL_TARGETS}
    fast = ENGINE.subject(history, Y)
    for code in order:  # decide first (short-circuit), then build the verdict
        assert fast.status(code) == full[code].status
    for code in order:
        assert fast.verdict(code) == full[code]
        assert fast.verdict(code).to_dict() == full[code].to_dict()


def test_check_message_is_formatted_once_on_read_and_compares_as_text():
    calls = []

    def message():
        calls.append(1)
        return "Cần xếp loại từ HTT trở lên năm 2025; hồ sơ: HTXS."

    lazy = Check("ldtt.rating", True, "Luật", message)
    eager = Check("ldtt.rating", True, "Luật", "Cần xếp loại từ HTT trở lên năm 2025; hồ sơ: HTXS.")
    assert calls == []
    assert lazy.message == eager.message
    assert lazy.message == eager.message
    assert calls == [1]
    assert lazy == eager
    assert lazy.to_dict() == eager.to_dict()
    assert tuple(lazy) == ("ldtt.rating", True, "Luật", eager.message)
