"""manage.py demo_data: the commendation chain (demo/commendation.py) — dossiers in every state,
publicity, the city council's meeting, the city's decision and its certificates."""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from vinhdanh.accounts.models import RoleGrant
from vinhdanh.core.text import fold
from vinhdanh.council.models import (
    BallotVoter,
    Council,
    CouncilMeeting,
    MeetingStatus,
    NomineeBallot,
    VoteChannel,
)
from vinhdanh.decisions.models import Certificate, Decision, DecisionStatus
from vinhdanh.demo import commendation, emulation, scenario
from vinhdanh.nominations.enums import CommentStatus, DossierStatus, NomineeOutcome
from vinhdanh.nominations.models import Dossier, DossierEvent, Nominee, PublicComment
from vinhdanh.registry.models import HonourRecord

KHOI9 = {f"HN.{c}" for c in scenario.KHOI_9}
YEAR = scenario.REVIEW_YEAR


def council() -> Council:
    return Council.objects.get(unit__code="HN", name=commendation.COUNCIL_NAME)


def city_decision() -> Decision:
    return Decision.objects.select_related("number").get(
        issuer__code="HN", status=DecisionStatus.ISSUED, is_external=False
    )


def test_commendation_demo_has_a_dossier_in_every_state_from_khoi9_to_the_city(demo):
    dossiers = list(Dossier.objects.select_related("sending_unit", "receiving_unit"))
    assert {d.status for d in dossiers} == set(DossierStatus.values)
    assert {d.sending_unit.code for d in dossiers} <= KHOI9
    assert len({d.sending_unit.code for d in dossiers}) == 5
    assert {d.receiving_unit.code for d in dossiers} == {"HN"}
    assert {d.year for d in dossiers} == {YEAR}
    # The engine found every nominee eligible: nothing was forced past the rules.
    assert set(Nominee.objects.values_list("verdict_status", flat=True)) == {"eligible"}
    # Sent ones carry a numbered submission letter of the sender's book.
    sent = [d for d in dossiers if d.status != DossierStatus.DRAFT]
    assert all(d.number_id for d in sent)
    returned = Dossier.objects.get(status=DossierStatus.RETURNED)
    assert returned.nominees.filter(outcome=NomineeOutcome.RETURNED).count() == 1
    assert "bổ sung" in returned.events.get(to_status=DossierStatus.RETURNED).reason
    recalled = Dossier.objects.get(status=DossierStatus.RECALLED)
    assert recalled.events.get(to_status=DossierStatus.RECALLED).reason.startswith("Rút lại")
    draft = Dossier.objects.get(status=DossierStatus.DRAFT)
    assert draft.nominees.get().person.full_name == "Vũ Đức Thắng"


def test_commendation_demo_each_step_is_taken_by_the_user_who_would_take_it(demo):
    events = DossierEvent.objects.select_related("actor", "dossier__sending_unit")
    for event in events.filter(to_status=DossierStatus.SUBMITTED):
        assert event.actor.username == emulation.OFFICER_OF[event.dossier.sending_unit.code]
    for status in (DossierStatus.RECEIVED, DossierStatus.APPRAISAL, DossierStatus.APPROVED):
        assert {e.actor.username for e in events.filter(to_status=status)} == {"cb_thanhpho"}
    decided = Dossier.objects.get(status=DossierStatus.DECIDED, sending_unit__code="HN.SYT")
    path = list(decided.events.values_list("to_status", flat=True))
    assert path == ["submitted", "received", "appraisal", "at_council", "approved", "decided"]


def test_commendation_demo_publicity_finished_with_one_answered_comment(demo):
    comment = PublicComment.objects.select_related("dossier", "nominee__person").get()
    dossier = comment.dossier
    today = timezone.localdate()
    assert dossier.publicity_from < dossier.publicity_to < today
    assert dossier.status == DossierStatus.AT_COUNCIL
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.answer.startswith("Ban Thi đua – Khen thưởng Thành phố")
    assert comment.moderated_by.username == "cb_thanhpho"
    assert comment.nominee.honour_id == "CSTD_TINH"
    assert dossier.publicity_from <= timezone.localdate(comment.created_at) <= dossier.publicity_to


def test_commendation_demo_city_council_of_eight_members_each_with_an_account(demo):
    c = council()
    members = list(c.members.select_related("user"))
    assert len(members) == 8 >= 7
    assert all(m.user_id for m in members)
    assert {m.role for m in members} >= {"chair", "vice", "member", "secretary"}
    grants = RoleGrant.objects.filter(user__in=[m.user for m in members], unit__code="HN")
    assert set(grants.values_list("role", flat=True)) == {"council"}
    assert grants.values("user").distinct().count() == 8


def test_commendation_demo_failed_nominee_is_refused_under_the_threshold(demo):
    meeting = CouncilMeeting.objects.get(council=council())
    assert meeting.status == MeetingStatus.CLOSED and meeting.minutes_file_id
    ballots = list(NomineeBallot.objects.filter(meeting=meeting).select_related("nominee"))
    failed = [b for b in ballots if not b.passed]
    assert len(failed) == 1
    b = failed[0]
    assert b.nominee.honour_id == "CSTD_TINH"
    assert b.nominee.person.full_name == commendation.FAILED_NAME
    assert (b.yes_votes, b.total_members) == (5, 8)
    assert Decimal(b.yes_votes) / b.total_members < b.threshold == Decimal("0.90")
    assert b.nominee.outcome == NomineeOutcome.REJECTED
    reason = b.nominee.outcome_reason
    assert "5/8 thành viên Hội đồng đồng ý (62,50%), dưới ngưỡng 90%" in reason
    assert "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 5" in reason  # the threshold in force
    assert all(x.nominee.outcome == NomineeOutcome.ACCEPTED for x in ballots if x.passed)
    assert len(ballots) - 1 == sum(1 for x in ballots if x.passed) >= 5
    # The absent member voted in writing through the secretary, once per ballot.
    written = BallotVoter.objects.filter(ballot__meeting=meeting, channel=VoteChannel.WRITTEN)
    assert written.count() == len(ballots)
    assert set(written.values_list("recorded_by__username", flat=True)) == {"thuky_hd"}
    assert not HonourRecord.objects.filter(
        person_id=b.nominee.person_id, honour_id="CSTD_TINH", achievement_year=YEAR
    ).exists()


def test_commendation_demo_city_decision_issued_with_certificates_and_register(demo, client):
    decision = city_decision()
    assert decision.number.display.endswith("/QĐ-UBND")
    assert decision.published and decision.published_at
    assert decision.docx_file_id and decision.pdf_file_id  # the issued files, kept once
    assert decision.date.year == YEAR
    assert decision.signer_name == "Phạm Quang Huy"
    lines = list(decision.lines.select_related("register_entry"))
    assert {ln.honour_id for ln in lines} == {"CSTD_TINH", "BK_TINH"}
    assert all(
        ln.register_entry and ln.register_entry.decision_number == decision.number.display
        for ln in lines
    )
    assert decision.total_amount > 0
    # The people it honours first got the department's LĐTT and CSTĐCS of the year.
    people = [ln.person_id for ln in lines]
    syt = Decision.objects.get(issuer__code="HN.SYT", status=DecisionStatus.ISSUED)
    assert syt.number.display.endswith("/QĐ-SYT") and syt.date <= decision.date
    assert syt.published
    assert set(syt.lines.values_list("person_id", flat=True)) == set(people)
    assert HonourRecord.objects.filter(
        person_id__in=people, honour_id="CSTDCS", achievement_year=YEAR
    ).count() == len(people)
    certs = list(Certificate.objects.filter(line__decision=decision).select_related("line"))
    assert len(certs) == len(lines)
    assert (
        Dossier.objects.get(status=DossierStatus.DECIDED, sending_unit__code="HN.SYT")
        .events.last()
        .reason.endswith(decision.number.display)
    )
    # The certificate verifies on the public portal (anonymous).
    cert = certs[0]
    page = client.get(reverse("portal:verify_token", args=[cert.public_token]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Còn hiệu lực" in text and cert.line.name in text


def test_commendation_demo_reload_is_idempotent_and_logins_list_the_roles(demo):
    before = (Dossier.objects.count(), Decision.objects.count(), Council.objects.count())
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "không nạp lại" in out.getvalue()
    assert (Dossier.objects.count(), Decision.objects.count(), Council.objects.count()) == before
    out = io.StringIO()
    call_command("demo_data", "--logins", stdout=out)
    text = out.getvalue()
    for username, *_ in commendation.ACCOUNTS:
        assert username in text
    accounts = get_user_model().objects.filter(username__in=[a[0] for a in commendation.ACCOUNTS])
    assert accounts.count() == len(commendation.ACCOUNTS)
    for username, role, _what in commendation.GUIDE:
        assert f"• {username} — {role}" in text


def test_commendation_demo_portal_finds_the_decision_without_accents(demo, client):
    decision = city_decision()
    line = decision.lines.order_by("position").first()
    folded = fold(line.name)
    assert folded != line.name.lower()
    page = client.get(reverse("portal:decision_list"), {"q": folded})
    text = page.content.decode()
    assert decision.number.display in text
    detail = client.get(reverse("portal:decision_detail", args=[decision.pk])).content.decode()
    assert line.name in detail and commendation.FAILED_NAME not in detail


def test_commendation_demo_prime_minister_decision_answers_the_city_dossier(demo):
    external = Decision.objects.get(is_external=True)
    assert external.external_number == commendation.PM_NUMBER
    assert external.external_issuer_name == "Thủ tướng Chính phủ"
    assert external.status == DecisionStatus.ISSUED and external.external_scan_id
    dossier = external.answers_dossier
    assert dossier.status == DossierStatus.DECIDED
    assert dossier.sending_unit.code == "HN.SGDDT" and dossier.receiving_unit.code == "HN"
    assert set(dossier.nominees.values_list("honour_id", flat=True)) == {"BK_TTG"}
    people = set(dossier.nominees.values_list("person_id", flat=True))
    records = HonourRecord.objects.filter(
        honour_id="BK_TTG", achievement_year=YEAR, decision_number=commendation.PM_NUMBER
    )
    assert set(records.values_list("person_id", flat=True)) == people
    assert set(records.values_list("issuer", flat=True)) == {"Thủ tướng Chính phủ"}
    assert {ln.register_entry_id for ln in external.lines.all()} == set(
        records.values_list("pk", flat=True)
    )
    event = dossier.events.get(to_status=DossierStatus.DECIDED)
    assert commendation.PM_NUMBER in event.reason
