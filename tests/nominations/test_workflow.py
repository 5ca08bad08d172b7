import datetime as dt
import threading

import pytest
from django.db import connection
from django.http import Http404

from tests.factories import RatingFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.documents.docx import docx_text
from vinhdanh.nominations import workflow
from vinhdanh.nominations.deadlines import working_days_add
from vinhdanh.nominations.enums import DOSSIER_TRANSITIONS, DossierStatus
from vinhdanh.nominations.models import Dossier, DossierEvent, Nominee
from vinhdanh.nominations.services import NominationsError

S = DossierStatus


@pytest.fixture
def ready(draft, add):
    """A draft with one outsider nominee justified by hand (submittable)."""
    add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", honour="GIAY_KHEN",
        justification="Dũng cảm cứu người bị nạn")  # fmt: skip
    return draft


def _set(dossier, status, **extra):
    Dossier.objects.filter(pk=dossier.pk).update(status=status, **extra)
    dossier.refresh_from_db()
    return dossier


# (target status, actor persona, call)
ACTIONS = {
    S.SUBMITTED: ("unit_officer", lambda u, d: workflow.submit(u, d, d.version)),
    S.RECALLED: ("unit_officer", lambda u, d: workflow.recall(u, d, d.version, "Bổ sung")),
    S.RECEIVED: ("province_officer", lambda u, d: workflow.receive(u, d, d.version)),
    S.APPRAISAL: ("province_officer", lambda u, d: workflow.start_appraisal(u, d, d.version)),
    S.AT_COUNCIL: ("province_officer", lambda u, d: workflow.send_to_council(u, d, d.version)),
    S.APPROVED: ("province_officer", lambda u, d: workflow.approve(u, d, d.version)),
    S.RETURNED: (
        "province_officer",
        lambda u, d: workflow.return_dossier(u, d, d.version, "Thiếu tài liệu"),
    ),  # fmt: skip
    S.DECIDED: ("signer", lambda u, d: workflow.dossier_mark_decided(u, d, "15/QĐ-UBND")),
}
CASES = [(frm, to) for to in ACTIONS for frm in S.values]


@pytest.mark.parametrize(("from_status", "to"), CASES)
def test_transition_table(from_status, to, ready, personas):
    # accepted without a council ballot: lawful only with the written reason (council.standing)
    Nominee.objects.filter(dossier=ready).update(
        outcome="accepted", ballot_override_reason="Hội đồng ủy quyền cho Thường trực xét"
    )
    dossier = _set(ready, from_status)
    persona, call = ACTIONS[to]
    allowed = to in DOSSIER_TRANSITIONS[from_status]
    if allowed:
        call(getattr(personas, persona), dossier)
        dossier.refresh_from_db()
        assert dossier.status == to and dossier.version == 2
        event = DossierEvent.objects.get(dossier=dossier)
        assert (event.from_status, event.to_status) == (from_status, to)
        assert AuditEntry.objects.filter(
            action="transition", object_type="nominations.dossier", object_id=str(dossier.pk)
        ).exists()
    else:
        with pytest.raises(NominationsError):
            call(getattr(personas, persona), dossier)
        dossier.refresh_from_db()
        assert dossier.status == from_status and dossier.version == 1
        assert not DossierEvent.objects.exists()


def test_submit_reserves_ttr_number_and_drafts_letter(ready, personas):
    workflow.submit(personas.unit_officer, ready, 1)
    ready.refresh_from_db()
    assert ready.number.doc_type == "TTr" and ready.number.status == "issued"
    letter = ready.attachments.get(kind="submission_letter")
    text = docx_text(letter.file.file.read())
    assert ready.number.display in text and "Vũ Văn Tâm" in text
    assert ready.due_on is not None and ready.submitted_at is not None
    # returned and sent again: the same number
    number = ready.number_id
    workflow.return_dossier(personas.province_officer, ready, 2, "Bổ sung báo cáo")
    ready.refresh_from_db()
    workflow.submit(personas.unit_officer, ready, 3)
    ready.refresh_from_db()
    assert (
        ready.number_id == number
        and ready.attachments.filter(kind="submission_letter").count() == 1
    )


def test_submit_refused_not_eligible_with_reason(draft, add, people, personas):
    add(draft, person=people.an)
    with pytest.raises(NominationsError) as exc:
        workflow.submit(personas.unit_officer, draft, 1)
    assert "Nguyễn Văn An" in exc.value.message and "chưa đủ điều kiện" in exc.value.message
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and draft.number_id is None


def test_submit_refused_manual_without_justification(draft, add, personas):
    add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", honour="GIAY_KHEN")
    with pytest.raises(NominationsError, match="giải trình"):
        workflow.submit(personas.unit_officer, draft, 1)
    assert Dossier.objects.get(pk=draft.pk).status == S.DRAFT


def test_submit_refused_held(draft, add, people, personas):
    RatingFactory(person=people.an, year=2024, rating_id="HTT")
    people.an.pending_review = True
    people.an.save()
    nominee = add(draft, person=people.an)
    assert nominee.verdict_status == "held"
    with pytest.raises(NominationsError, match="tạm dừng"):
        workflow.submit(personas.unit_officer, draft, 1)
    assert Dossier.objects.get(pk=draft.pk).status == S.DRAFT


def test_submit_refused_empty(draft, personas):
    with pytest.raises(NominationsError, match="chưa có đối tượng"):
        workflow.submit(personas.unit_officer, draft, 1)


def test_stale_version_refused_nothing_changes(ready, personas):
    workflow.submit(personas.unit_officer, ready, 1)
    with pytest.raises(NominationsError, match="vừa được người khác cập nhật"):
        workflow.receive(personas.province_officer, ready, 1)
    ready.refresh_from_db()
    assert ready.status == S.SUBMITTED and ready.version == 2
    assert DossierEvent.objects.count() == 1


def test_sender_cannot_receive_and_outsider_not_found(ready, personas):
    workflow.submit(personas.unit_officer, ready, 1)
    ready.refresh_from_db()
    with pytest.raises(NominationsError, match="cấp tiếp nhận"):
        workflow.receive(personas.unit_officer, ready, 2)
    with pytest.raises(Http404):
        workflow.receive(personas.outsider, ready, 2)
    assert Dossier.objects.get(pk=ready.pk).status == S.SUBMITTED


def test_return_per_nominee_marks_outcome(ready, add, personas, tree):
    other = add(ready, kind="household", outsider_name="Hộ ông Tâm", honour="GIAY_KHEN",
                justification="Hiến đất làm đường")  # fmt: skip
    workflow.submit(personas.unit_officer, ready, 1)
    with pytest.raises(NominationsError, match="lý do"):
        workflow.return_dossier(personas.province_officer, ready, 2, "  ", [other])
    workflow.return_dossier(personas.province_officer, ready, 2, "Thiếu xác nhận", [other])
    other.refresh_from_db()
    ready.refresh_from_db()
    assert other.outcome == "returned" and other.outcome_reason == "Thiếu xác nhận"
    assert ready.status == S.RETURNED
    assert DossierEvent.objects.filter(to_status="returned", nominee=other).exists()
    workflow.submit(personas.unit_officer, ready, 3)
    other.refresh_from_db()
    assert other.outcome == "pending"


def test_approve_needs_every_outcome(ready, personas):
    _set(ready, S.AT_COUNCIL)
    with pytest.raises(NominationsError, match="Chưa có kết quả"):
        workflow.approve(personas.province_officer, ready, 1)
    nominee = ready.nominees.get()
    with pytest.raises(NominationsError, match="thẩm định"):
        _set(ready, S.SUBMITTED)
        workflow.decide_nominee(personas.province_officer, nominee, outcome="accepted")
    _set(ready, S.AT_COUNCIL)
    nominee.refresh_from_db()
    # not voted by the council: accepting needs a written reason (no threshold for Giấy khen)
    with pytest.raises(NominationsError, match="cần ghi rõ lý do"):
        workflow.decide_nominee(personas.province_officer, nominee, outcome="accepted")
    workflow.decide_nominee(
        personas.province_officer, nominee, outcome="accepted", reason="Thành tích đột xuất"
    )
    nominee.refresh_from_db()
    assert nominee.ballot_override_reason == "Thành tích đột xuất"
    workflow.approve(personas.province_officer, ready, 1)
    assert Dossier.objects.get(pk=ready.pk).status == S.APPROVED


def test_forward_carries_accepted_nominees_and_attachments(ready, add, personas, tree):
    from vinhdanh.core.files import bytes_upload
    from vinhdanh.nominations.attachments import attachment_upload

    rejected = add(ready, kind="household", outsider_name="Hộ ông Tâm", honour="GIAY_KHEN",
                   justification="x")  # fmt: skip
    attachment_upload(personas.unit_officer, ready, bytes_upload(b"%PDF-1.4 x", "a.pdf"),
                      kind="list")  # fmt: skip
    # the Sở Y tế's dossier went to the hospital's parent... use a dossier from the hospital
    Dossier.objects.filter(pk=ready.pk).update(sending_unit=tree.hospital, receiving_unit=tree.syt)
    ready.refresh_from_db()
    _set(ready, S.AT_COUNCIL)
    kept = ready.nominees.exclude(pk=rejected.pk).get()
    workflow.decide_nominee(personas.unit_officer, kept, outcome="accepted", reason="Cứu người")
    workflow.decide_nominee(personas.unit_officer, rejected, outcome="rejected", reason="Chưa đủ")
    workflow.approve(personas.unit_officer, ready, 1)
    new = workflow.forward(personas.unit_officer, ready, 2)
    assert new.forwarded_from == ready and new.status == S.DRAFT
    assert (new.sending_unit, new.receiving_unit) == (tree.syt, tree.hanoi)
    assert [n.outsider_name for n in new.nominees.all()] == ["Vũ Văn Tâm"]
    carried = new.attachments.get()
    assert carried.carried_from.dossier == ready
    with pytest.raises(NominationsError, match="đã được chuyển"):
        workflow.forward(personas.unit_officer, ready, 2)


def test_working_days_skip_weekends_and_tet(db):
    # Friday 02/02/2024 + 5 working days: Tết 08–14/02 is skipped.
    assert working_days_add(dt.date(2024, 2, 2), 5) == dt.date(2024, 2, 16)
    # Friday + 1 → Monday
    assert working_days_add(dt.date(2025, 3, 7), 1) == dt.date(2025, 3, 10)
    # 2026 Tết: Friday 13/02 + 1 → Monday 23/02
    assert working_days_add(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 23)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_receivers_one_wins(personas, tree, add, draft):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", honour="GIAY_KHEN", justification="x")
    workflow.submit(personas.unit_officer, draft, 1)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def act():
        from django.db import connections

        try:
            dossier = Dossier.objects.get(pk=draft.pk)
            barrier.wait()
            workflow.receive(personas.province_officer, dossier, 2)
            results.append("ok")
        except NominationsError as exc:
            results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "stale"]
    dossier = Dossier.objects.get(pk=draft.pk)
    assert dossier.version == 3 and dossier.status == S.RECEIVED
    assert DossierEvent.objects.filter(dossier=dossier, to_status="received").count() == 1
