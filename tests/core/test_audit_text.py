"""Issue 11 §5: audit entries read as Vietnamese sentences, codes shown by their labels, and
the screen filters by content (a decision number)."""

from __future__ import annotations

import pytest

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

URL = "/nhat-ky/"
pytestmark = pytest.mark.django_db


def test_business_note_is_the_sentence_and_status_codes_read_as_labels(login, personas, tree):
    audit.record(
        personas.admin,
        AuditAction.TRANSITION,
        tree.syt,
        changes={"status": ["draft", "issued"]},
        note="Ban hành Quyết định 12/QĐ-UBND",
    )
    before = audit.snapshot(tree.hospital)
    tree.hospital.level = "SO_NGANH" if tree.hospital.level != "SO_NGANH" else "CO_SO"
    tree.hospital.save()
    audit.record_update(personas.admin, tree.hospital, before)
    html = login(personas.admin).get(URL).content.decode()
    assert "<td>Ban hành Quyết định 12/QĐ-UBND<br>" in html
    assert "Cập nhật đơn vị “Bệnh viện Đa khoa Đống Đa”" in html
    # The level is shown by its label, not its code.
    assert "<b>Cấp</b>: <del>" in html or "<b>Cấp đơn vị</b>: <del>" in html
    assert "<del>CO_SO</del>" not in html and "<ins>SO_NGANH</ins>" not in html


def test_filter_by_content_finds_a_decision_number(login, personas, tree):
    audit.record(
        personas.admin, AuditAction.TRANSITION, tree.syt, note="Ban hành Quyết định 12/QĐ-UBND"
    )
    audit.record(
        personas.admin, AuditAction.TRANSITION, tree.sgd, note="Ban hành Quyết định 13/QĐ-UBND"
    )
    page = login(personas.admin).get(URL, {"q": "12/QĐ"})
    sentences = [e.sentence for e in page.context["page"]]
    assert sentences == ["Ban hành Quyết định 12/QĐ-UBND"]


def test_transition_without_note_names_both_states(personas):
    from vinhdanh.core import audit_text
    from vinhdanh.core.models import AuditEntry

    entry = AuditEntry(
        action=AuditAction.TRANSITION,
        object_type="decisions.decision",
        object_repr="12/QĐ-UBND Khen thưởng",
        changes={"status": ["draft", "issued"]},
    )
    labels = audit_text.value_labels("decisions.decision")
    assert (
        audit_text.sentence(entry, "Quyết định", labels)
        == "Chuyển quyết định “12/QĐ-UBND Khen thưởng” từ “Dự thảo” sang “Đã ban hành”"
    )
