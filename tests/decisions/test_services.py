import datetime as dt

import pytest

from tests.factories import RatingFactory
from vinhdanh.catalogue.models import BaseSalary
from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import services
from vinhdanh.decisions.models import DecisionStatus
from vinhdanh.decisions.services import DecisionsError
from vinhdanh.nominations.enums import DossierStatus
from vinhdanh.nominations.models import DossierEvent
from vinhdanh.registry.models import EntrySource, HonourRecord

ISSUE = {}  # the signer is the actor; the signature block comes from their signing capacity


def test_add_nominees_takes_only_approved_and_downgraded_honour(draft, people):
    lines = list(draft.lines.order_by("position"))
    assert [(ln.person_id, ln.honour_id, ln.achievement_year) for ln in lines] == [
        (people.an.pk, "LDTT", 2025),
        (people.binh.pk, "LDTT", 2025),
    ]
    assert lines[1].details == "Chuyên viên, Bệnh viện Đa khoa Đống Đa"


def test_line_details_read_position_then_unit_as_the_annex_prints_them(people):
    people.binh.position = "Trưởng khoa Nội"
    assert services.person_details(people.binh) == "Trưởng khoa Nội, Bệnh viện Đa khoa Đống Đa"
    people.binh.position = "  "
    assert services.person_details(people.binh) == "Bệnh viện Đa khoa Đống Đa"


def test_issue_writes_register_entries_and_next_number(personas, tree, issued, approved, people):
    issued.refresh_from_db()
    assert issued.status == DecisionStatus.ISSUED
    assert issued.number.display == "01/QĐ-SYT"
    rows = HonourRecord.objects.filter(source=EntrySource.DECISION).order_by("person__full_name")
    assert [(r.person_id, r.honour_id, r.decision_number, r.signer) for r in rows] == [
        (people.an.pk, "LDTT", "01/QĐ-SYT", "Nguyễn Văn Giám"),
        (people.binh.pk, "LDTT", "01/QĐ-SYT", "Nguyễn Văn Giám"),
    ]
    assert rows[0].decision_date == dt.date(2025, 8, 1)
    assert rows[0].issuer == "Sở Y tế"
    assert set(issued.lines.values_list("register_entry_id", flat=True)) == {r.pk for r in rows}
    approved.dossier.refresh_from_db()
    assert approved.dossier.status == DossierStatus.DECIDED
    # through the nominations workflow: an event the sender sees
    assert DossierEvent.objects.filter(
        dossier=approved.dossier, to_status=DossierStatus.DECIDED, reason__contains="01/QĐ-SYT"
    ).exists()
    assert (
        AuditEntry.objects.filter(
            object_type="registry.honourrecord", action="create", note__contains="01/QĐ-SYT"
        ).count()
        == 2
    )
    assert AuditEntry.objects.filter(
        object_type="decisions.decision", action="transition", object_id=str(issued.pk)
    ).exists()

    RatingFactory(person=people.an, year=2024, rating_id="HTT")
    second = services.decision_create(personas.unit_officer, issuer=tree.syt, title="Khen đột xuất")
    services.line_add(
        personas.unit_officer,
        second,
        honour=issued.lines.first().honour,
        achievement_year=2024,
        person=people.an,
    )
    second = services.decision_issue(personas.signer, second, date=dt.date(2025, 9, 1), **ISSUE)
    assert second.number.display == "02/QĐ-SYT"


def test_issue_refuses_duplicate_register_entry(personas, draft, people):
    HonourRecord.objects.create(
        person=people.an, honour_id="LDTT", achievement_year=2025, decision_number="9/QĐ-BV"
    )
    with pytest.raises(DecisionsError, match="Nguyễn Văn An: đã có .* trong sổ .*9/QĐ-BV"):
        services.decision_issue(personas.signer, draft, date=dt.date(2025, 8, 1), **ISSUE)
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT
    assert draft.number is None
    assert HonourRecord.objects.filter(source=EntrySource.DECISION).count() == 0


def test_issue_by_officer_refused(personas, draft):
    with pytest.raises(DecisionsError, match="Chỉ lãnh đạo"):
        services.decision_issue(personas.unit_officer, draft, date=dt.date(2025, 8, 1), **ISSUE)
    assert HonourRecord.objects.count() == 0


def test_prepare_by_signer_or_outsider_refused(personas, tree):
    for user in (personas.signer, personas.outsider):
        with pytest.raises(DecisionsError):
            services.decision_create(user, issuer=tree.syt, title="Khen thưởng")


def test_money_per_line_rounded_up_on_decision_date(issued):
    lines = list(issued.lines.order_by("position"))
    # 0,3 × 2.340.000 = 702.000 → 710.000
    assert [(ln.base_salary, ln.amount) for ln in lines] == [
        (2_340_000, 710_000),
        (2_340_000, 710_000),
    ]
    issued.refresh_from_db()
    assert issued.total_amount == 1_420_000


def test_money_uses_base_salary_in_force_on_decision_date(personas, draft):
    BaseSalary.objects.create(valid_from=dt.date(2026, 1, 1), amount=2_530_000, source="Thử")
    decision = services.decision_issue(personas.signer, draft, date=dt.date(2026, 2, 1), **ISSUE)
    # 0,3 × 2.530.000 = 759.000 → 760.000
    assert set(decision.lines.values_list("base_salary", "amount")) == {(2_530_000, 760_000)}
    assert decision.total_amount == 1_520_000


def test_money_household_and_highest_title_only(personas, tree, people):
    RatingFactory(person=people.an, year=2025, rating_id="HTXS")
    decision = services.decision_create(personas.unit_officer, issuer=tree.syt, title="Khen thưởng")
    from vinhdanh.catalogue.models import Honour

    ldtt, cstdcs, giay_khen = (Honour.objects.get(pk=c) for c in ("LDTT", "CSTDCS", "GIAY_KHEN"))
    services.line_add(
        personas.unit_officer, decision, honour=ldtt, achievement_year=2025, person=people.an
    )
    services.line_add(
        personas.unit_officer, decision, honour=cstdcs, achievement_year=2025, person=people.an
    )
    services.line_add(
        personas.unit_officer, decision, honour=giay_khen, achievement_year=2025, person=people.an
    )
    services.line_add(
        personas.unit_officer,
        decision,
        honour=giay_khen,
        achievement_year=2025,
        name="Hộ ông Lê Văn Hộ",
        subject_kind="household",
    )
    decision = services.decision_issue(personas.signer, decision, date=dt.date(2025, 8, 1), **ISSUE)
    amounts = list(decision.lines.order_by("position").values_list("honour_id", "amount"))
    assert amounts == [
        ("LDTT", 0),  # lower title of the same year: not paid
        ("CSTDCS", 2_340_000),
        ("GIAY_KHEN", 710_000),  # a form is paid on top of the title
        ("GIAY_KHEN", 1_070_000),  # household: 1,5 × 710.000 = 1.065.000 → 1.070.000
    ]
    assert decision.total_amount == 4_120_000
    # the household has no register subject: only the three personal lines are entered
    assert HonourRecord.objects.filter(source=EntrySource.DECISION).count() == 3


def test_revoke_reverses_entries_and_money_audited(personas, issued):
    entry_ids = list(issued.lines.values_list("register_entry_id", flat=True))
    with pytest.raises(DecisionsError, match="lý do"):
        services.decision_revoke(personas.signer, issued, reason="  ")
    decision = services.decision_revoke(personas.signer, issued, reason="Phát hiện gian dối")
    assert decision.status == DecisionStatus.REVOKED
    assert decision.total_amount == 0
    assert not HonourRecord.objects.filter(pk__in=entry_ids).exists()
    assert set(decision.lines.values_list("revoked", "amount", "register_entry")) == {
        (True, 0, None)
    }
    deleted = AuditEntry.objects.filter(object_type="registry.honourrecord", action="delete")
    assert sorted(int(e.object_id) for e in deleted) == sorted(entry_ids)
    assert all(e.changes["honour"] == ["LDTT", None] for e in deleted)
    assert AuditEntry.objects.filter(
        object_type="decisions.decision", note__contains="Phát hiện gian dối"
    ).exists()


def test_revoke_by_officer_refused(personas, issued):
    with pytest.raises(DecisionsError):
        services.decision_revoke(personas.unit_officer, issued, reason="Sai")
    assert HonourRecord.objects.filter(source=EntrySource.DECISION).count() == 2
