"""Council votes bind: thresholds of ALL members, quorum, paper ballots, reasons, publicity."""

import datetime as dt
import io
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tests.files import PDF
from vinhdanh.catalogue.models import VoteThreshold
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry
from vinhdanh.council import ballots
from vinhdanh.council.enums import CouncilError
from vinhdanh.council.minutes import minutes_generate
from vinhdanh.council.models import CouncilMember, MemberRole, NomineeBallot, PaperTally
from vinhdanh.council.selectors import nominee_may_be_decided, vote_standing
from vinhdanh.nominations import workflow
from vinhdanh.nominations.enums import DossierStatus
from vinhdanh.nominations.models import Dossier, Nominee, PublicComment
from vinhdanh.nominations.services import NominationsError

pytestmark = pytest.mark.django_db

SESSION = dt.date(2026, 3, 10)
PROVINCE_RULE = "Quyết định 12/2026/QĐ-UBND của tỉnh, Điều 9 khoản 2"


def _citation(code: str, day: dt.date = SESSION) -> str:
    """The citation of the catalogue's threshold row in force on ``day`` (the data decides)."""
    row = VoteThreshold.objects.filter(honour_id=code, valid_from__lte=day).latest("valid_from")
    return row.citation


def _province_rule(share="0.80"):
    """A province's own rule from 01/02/2026 (a date no built-in row uses)."""
    VoteThreshold.objects.update_or_create(
        honour_id="CSTD_TINH", valid_from=dt.date(2026, 2, 1),
        defaults={"share": share, "citation": PROVINCE_RULE},
    )  # fmt: skip


@pytest.fixture
def sit(council, make_members, dossier, personas):
    """``sit(voters, paper=0, absent=0, date=…, quorum=None)``: members with accounts (the last
    ``absent`` of them absent) plus ``paper`` present members without an account; the meeting
    is opened and its ballots are open."""

    def make(voters, *, paper=0, absent=0, day=dt.date(2026, 3, 10), quorum=None):
        accounts = make_members(voters)
        papers = [
            CouncilMember.objects.create(
                council=council,
                full_name=f"Ủy viên không tài khoản {i}",
                role=MemberRole.MEMBER,
                term_start=dt.date(2025, 1, 1),
            )  # fmt: skip
            for i in range(paper)
        ]
        officer = personas.province_officer
        meeting = ballots.meeting_create(officer, council, date=day, place="Hội trường")
        ballots.agenda_add(officer, meeting, dossier)
        present = accounts[: voters - absent] + papers
        ballots.attendance_set(officer, meeting, {m.pk for m in present})
        ballots.meeting_open(officer, meeting, **({"quorum": quorum} if quorum else {}))
        ballots.ballots_open(officer, meeting, **({"quorum": quorum} if quorum else {}))
        return SimpleNamespace(
            meeting=meeting, accounts=accounts, papers=papers, officer=officer,
            an=NomineeBallot.objects.get(meeting=meeting, nominee__honour_id="CSTD_TINH"),
            binh=NomineeBallot.objects.get(meeting=meeting, nominee__honour_id="LDTT"),
        )  # fmt: skip

    return make


def _vote(s, ballot, yes: int, no: int = 0, *, present_only=True):
    voters = [m for m in s.accounts if m.user_id]
    for m, approve in zip(voters, [True] * yes + [False] * no, strict=False):
        ballots.cast_vote(m.user, ballot, approve)


def _nominee(ballot):
    return Nominee.objects.select_related("person", "unit", "honour").get(pk=ballot.nominee_id)


def test_below_threshold_with_absent_members_counted_refuses_accept_approve_forward_decide(
    sit, personas
):
    # 10 members, 2 absent (80 % present: quorum met); all 8 present say yes = 80 % of ALL
    # members, below the 90 % CSTĐ tỉnh threshold.
    s = sit(10, absent=2)
    _vote(s, s.an, 8)
    _vote(s, s.binh, 8)
    ballots.meeting_close(s.officer, s.meeting)
    an = _nominee(s.an)
    standing = vote_standing(an)
    assert (standing.yes, standing.members, standing.present) == (8, 10, 8)
    assert standing.quorum_ok and not standing.passed and standing.threshold * 100 == 90
    expected = (
        "Nguyễn Văn An: 8/10 thành viên Hội đồng đồng ý (80,00%), dưới ngưỡng 90% tổng số "
        f"thành viên ({_citation('CSTD_TINH')}) — không thể công nhận."
    )
    assert standing.citation == _citation("CSTD_TINH")
    assert standing.reason == expected
    officer = personas.province_officer
    with pytest.raises(NominationsError) as exc:
        workflow.decide_nominee(officer, an, outcome="accepted", reason="Xứng đáng")
    assert exc.value.message == expected
    an.refresh_from_db()
    assert an.outcome == "pending"
    assert not AuditEntry.objects.filter(object_type="nominations.nominee").exists()
    # an outcome written before the guard (or by hand) still cannot be approved
    Nominee.objects.filter(pk=an.pk).update(outcome="accepted")
    Nominee.objects.filter(pk=s.binh.nominee_id).update(outcome="accepted")
    dossier = an.dossier
    with pytest.raises(NominationsError, match="không thể công nhận") as exc:
        workflow.approve(officer, dossier, dossier.version)
    assert "8/10" in exc.value.message
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.AT_COUNCIL
    # nor forwarded upward, nor put on a decision
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.APPROVED)
    dossier.refresh_from_db()
    Dossier.objects.filter(pk=dossier.pk).update(receiving_unit=dossier.sending_unit)
    dossier.refresh_from_db()
    with pytest.raises(NominationsError, match="Không chuyển được hồ sơ lên cấp trên"):
        workflow.forward(personas.unit_officer, dossier, dossier.version)
    assert not Dossier.objects.filter(forwarded_from=dossier).exists()
    an.refresh_from_db()
    assert nominee_may_be_decided(an) == expected
    # Bình (LĐTT, no threshold): 8/10 > half — passed, may be decided
    assert nominee_may_be_decided(_nominee(s.binh)) is None


def test_threshold_reached_counts_written_votes_of_absent_members(sit, personas):
    s = sit(10, absent=1)
    _vote(s, s.an, 9)
    ballots.record_written_vote(s.officer, s.an, s.accounts[9], True)  # absent, in writing
    ballots.meeting_close(s.officer, s.meeting)
    an = _nominee(s.an)
    assert vote_standing(an).passed and vote_standing(an).yes == 10
    workflow.decide_nominee(personas.province_officer, an, outcome="accepted")
    an.refresh_from_db()
    assert an.outcome == "accepted" and an.ballot_override_reason == ""
    assert nominee_may_be_decided(an) is None


def test_citation_in_force_on_the_session_date(sit):
    _province_rule("0.80")
    after = sit(10)
    _vote(after, after.an, 7)
    ballots.meeting_close(after.officer, after.meeting)
    standing = vote_standing(_nominee(after.an))
    assert standing.reason == (
        "Nguyễn Văn An: 7/10 thành viên Hội đồng đồng ý (70,00%), dưới ngưỡng 80% tổng số "
        f"thành viên ({PROVINCE_RULE}) — không thể công nhận."
    )


def test_citation_before_first_of_july_2025(council, make_members, dossier, personas):
    _province_rule("0.80")  # a later rule does not reach back
    members = make_members(5)
    officer = personas.province_officer
    meeting = ballots.meeting_create(officer, council, date=dt.date(2025, 6, 20), place="HT")
    ballots.agenda_add(officer, meeting, dossier)
    ballots.attendance_set(officer, meeting, {m.pk for m in members})
    ballots.meeting_open(officer, meeting)
    ballots.ballots_open(officer, meeting)
    b = NomineeBallot.objects.get(meeting=meeting, nominee__honour_id="CSTD_TINH")
    for m in members[:4]:
        ballots.cast_vote(m.user, b, True)
    ballots.meeting_close(officer, meeting)
    standing = vote_standing(_nominee(b))
    assert standing.threshold * 100 == 90 and not standing.passed
    assert "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7" in standing.reason
    assert standing.citation == _citation("CSTD_TINH", dt.date(2025, 6, 20))
    assert "4/5 thành viên Hội đồng đồng ý (80,00%)" in standing.reason


def test_no_quorum_refuses_even_a_simple_majority(sit, personas):
    # a council that opened its ballots with a lower quorum: 7 of 10 present (< 80 %)
    s = sit(10, absent=3, quorum=Fraction(2, 3))
    _vote(s, s.an, 7)
    _vote(s, s.binh, 7)
    ballots.meeting_close(s.officer, s.meeting)
    an, binh = _nominee(s.an), _nominee(s.binh)
    standing = vote_standing(binh)
    assert standing.yes == 7 and not standing.quorum_ok and not standing.passed
    assert "chỉ có 7/10 thành viên có mặt, dưới 80% tổng số thành viên" in standing.reason
    officer = personas.province_officer
    with pytest.raises(NominationsError, match="7/10 thành viên có mặt.*không thể công nhận"):
        workflow.decide_nominee(officer, an, outcome="accepted", reason="x")
    # no threshold: accepting against the ballot needs the written reason
    with pytest.raises(NominationsError, match="cần ghi rõ lý do"):
        workflow.decide_nominee(officer, binh, outcome="accepted")
    workflow.decide_nominee(officer, binh, outcome="accepted", reason="Hội đồng họp lại")
    binh.refresh_from_db()
    assert binh.ballot_override_reason == "Hội đồng họp lại"
    assert nominee_may_be_decided(binh) is None


def test_paper_ballots_push_a_nominee_over_the_threshold(sit, client, login):
    s = sit(7, paper=3)  # 10 members, all present; 3 have no account and vote on paper
    _vote(s, s.an, 7)
    login(s.officer)
    url = reverse("council:paper_tally", args=[s.an.pk])
    page = client.get(url).content.decode()
    assert "3 thành viên có mặt không có tài khoản" in page
    resp = client.post(
        url, {"yes": 2, "no": 0, "invalid": 1, "tally": bytes_upload(PDF, "kiem-phieu.pdf")}
    )
    assert resp.status_code == 302
    tally = PaperTally.objects.get(ballot=s.an)
    assert (tally.yes_count, tally.no_count, tally.invalid_count) == (2, 0, 1)
    assert tally.tally_file.content_type == "application/pdf"
    assert {f.name for f in PaperTally._meta.concrete_fields} == {
        "id",
        "ballot",
        "yes_count",
        "no_count",
        "invalid_count",
        "tally_file",
        "recorded_by",
        "recorded_at",
    }  # fmt: skip  (no voter identity)
    entry = AuditEntry.objects.filter(object_type="council.councilmeeting").latest("pk")
    assert "phiếu giấy" in entry.note and "đồng ý 2" in entry.note
    ballots.meeting_close(s.officer, s.meeting)
    s.an.refresh_from_db()
    assert (s.an.yes_votes, s.an.no_votes, s.an.passed) == (9, 0, True)
    standing = vote_standing(_nominee(s.an))
    assert standing.passed and standing.yes == 9 and standing.paper_invalid == 1
    page = client.get(reverse("council:meeting_detail", args=[s.meeting.pk])).content.decode()
    assert "9/10 đồng ý (90,00%)" in page and "gồm 2 phiếu giấy" in page
    file_url = reverse("council:paper_tally_file", args=[s.an.pk])
    assert file_url in page
    resp = client.get(file_url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF


def test_paper_counts_above_present_members_without_account_refused(sit, client, login):
    s = sit(8, paper=2)
    with pytest.raises(CouncilError, match=r"\(3\) vượt quá .* \(2\)"):
        ballots.record_paper_tally(
            s.officer, s.an, yes=2, no=1, invalid=0, upload=bytes_upload(PDF, "a.pdf")
        )
    login(s.officer)
    resp = client.post(
        reverse("council:paper_tally", args=[s.an.pk]),
        {"yes": 3, "no": 0, "invalid": 0, "tally": bytes_upload(PDF, "a.pdf")},
    )
    assert resp.status_code == 422 and "vượt quá số thành viên có mặt" in resp.content.decode()
    # not a PDF: refused by the checked upload helper
    with pytest.raises(CouncilError, match="không đúng loại"):
        ballots.record_paper_tally(
            s.officer, s.an, yes=1, no=0, invalid=0, upload=bytes_upload(b"PK\x03\x04", "a.docx")
        )
    assert not PaperTally.objects.exists()
    # a plain member (account, not secretary) cannot record paper ballots
    with pytest.raises(CouncilError, match="Thư ký"):
        ballots.record_paper_tally(
            s.accounts[1].user, s.an, yes=1, no=0, invalid=0, upload=bytes_upload(PDF, "a.pdf")
        )
    # after the close, the result is locked
    ballots.meeting_close(s.officer, s.meeting)
    with pytest.raises(CouncilError, match="đã khóa"):
        ballots.record_paper_tally(
            s.officer, s.an, yes=1, no=0, invalid=0, upload=bytes_upload(PDF, "a.pdf")
        )


def test_no_paper_ballots_without_members_lacking_an_account(sit):
    s = sit(5)
    with pytest.raises(CouncilError, match=r"\(0\)"):
        ballots.record_paper_tally(
            s.officer, s.an, yes=1, no=0, invalid=0, upload=bytes_upload(PDF, "a.pdf")
        )


def test_reason_to_accept_against_the_ballot_is_stored_audited_shown_and_printed(
    sit, personas, client, login
):
    s = sit(5)
    s.accounts[1].role = MemberRole.SECRETARY
    s.accounts[1].save()
    _vote(s, s.binh, 1, 4)  # LĐTT (no threshold): 1 yes, 4 no
    ballots.meeting_close(s.officer, s.meeting)
    binh = _nominee(s.binh)
    officer = personas.province_officer
    login(officer)
    url = reverse("nominations:nominee_outcome", args=[binh.dossier_id, binh.pk])
    page = client.get(url).content.decode()
    assert "Không đạt" in page and "cần ghi rõ lý do" in page
    body = client.post(url, {"outcome": "accepted", "reason": ""}).content.decode()
    assert "1/5 thành viên Hội đồng đồng ý (20,00%)" in body and "cần ghi rõ lý do" in body
    binh.refresh_from_db()
    assert binh.outcome == "pending"
    reason = "Thành tích chống dịch được Bộ Y tế ghi nhận sau phiên họp"
    client.post(url, {"outcome": "accepted", "reason": reason})
    binh.refresh_from_db()
    assert (binh.outcome, binh.ballot_override_reason) == ("accepted", reason)
    entry = AuditEntry.objects.get(object_type="nominations.nominee", object_id=str(binh.pk))
    assert entry.changes["ballot_override_reason"] == ["", reason]
    page = client.get(reverse("nominations:dossier_detail", args=[binh.dossier_id]))
    text = page.content.decode()
    assert "Chấp thuận khác kết quả biểu quyết" in text and reason in text
    assert "Không đạt" in text and "1/5 đồng ý (20,00%)" in text
    meeting = minutes_generate(officer, s.meeting)
    doc = Document(io.BytesIO(meeting.minutes_file.file.read()))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert (
        f"Chấp thuận khác kết quả biểu quyết: Trần Thị Bình (Lao động tiên tiến) — lý do: {reason}"
        in paragraphs
    )
    assert "Nguyễn Văn An" in paragraphs and "0/5 đồng ý (0,00%) — ngưỡng ≥ 90%" in paragraphs
    assert "Trần Thị Bình (Lao động tiên tiến): 1/5 đồng ý (20,00%)" in paragraphs


def test_minutes_print_share_against_threshold_with_citation_and_paper_counts(sit):
    s = sit(7, paper=3)
    _vote(s, s.an, 7)
    ballots.record_paper_tally(
        s.officer, s.an, yes=1, no=1, invalid=1, upload=bytes_upload(PDF, "kp.pdf")
    )
    ballots.meeting_close(s.officer, s.meeting)
    meeting = minutes_generate(s.officer, s.meeting)
    doc = Document(io.BytesIO(meeting.minutes_file.file.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "8/10 đồng ý (80,00%) — ngưỡng ≥ 90% tổng số thành viên "
        f"({_citation('CSTD_TINH')}) — Không đạt." in text
    )
    assert "1 đồng ý, 1 không đồng ý, 1 phiếu trắng, không hợp lệ" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "8 (gồm 1 phiếu giấy)" in cells


def test_approve_needs_every_accepted_nominee_to_stand(sit, personas):
    s = sit(5)
    _vote(s, s.an, 5)
    _vote(s, s.binh, 2, 3)
    ballots.meeting_close(s.officer, s.meeting)
    officer = personas.province_officer
    an, binh = _nominee(s.an), _nominee(s.binh)
    workflow.decide_nominee(officer, an, outcome="accepted")
    Nominee.objects.filter(pk=binh.pk).update(outcome="accepted")  # no reason recorded
    dossier = Dossier.objects.get(pk=an.dossier_id)
    with pytest.raises(NominationsError, match="Trần Thị Bình.*cần ghi rõ lý do"):
        workflow.approve(officer, dossier, dossier.version)
    workflow.decide_nominee(officer, binh, outcome="rejected", reason="Hội đồng không thông qua")
    workflow.approve(officer, dossier, dossier.version)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.APPROVED
    binh.refresh_from_db()
    assert "không thể đưa vào quyết định" in nominee_may_be_decided(binh)


# --- Publicity before the council (NĐ 152/2025 Điều 44 khoản 2) ---


@pytest.fixture
def tq_dossier(tree, people):
    d = Dossier.objects.create(
        kind="merit", title="Đề nghị CSTĐ toàn quốc", year=2025, sending_unit=tree.syt,
        receiving_unit=tree.hanoi, status=DossierStatus.APPRAISAL,
    )  # fmt: skip
    Nominee.objects.create(dossier=d, position=1, kind="person", person=people.an,
                           honour_id="CSTD_TQ")  # fmt: skip
    return d


def test_publicity_not_ended_refused(tq_dossier, personas):
    officer = personas.province_officer
    today = timezone.localdate()
    with pytest.raises(NominationsError, match="chưa được công khai") as exc:
        workflow.send_to_council(officer, tq_dossier, tq_dossier.version)
    assert "Điều 44 khoản 2" in exc.value.message
    end = today + dt.timedelta(days=3)
    Dossier.objects.filter(pk=tq_dossier.pk).update(
        publicity_from=today - dt.timedelta(days=14), publicity_to=end
    )
    tq_dossier.refresh_from_db()
    with pytest.raises(NominationsError, match=f"đến hết ngày {end:%d/%m/%Y}"):
        workflow.send_to_council(officer, tq_dossier, tq_dossier.version)
    # ended, but only 3 working days long
    Dossier.objects.filter(pk=tq_dossier.pk).update(
        publicity_from=today - dt.timedelta(days=5), publicity_to=today - dt.timedelta(days=1)
    )
    tq_dossier.refresh_from_db()
    with pytest.raises(NominationsError, match="chưa đủ 10 ngày làm việc"):
        workflow.send_to_council(officer, tq_dossier, tq_dossier.version)
    assert Dossier.objects.get(pk=tq_dossier.pk).status == DossierStatus.APPRAISAL
    Dossier.objects.filter(pk=tq_dossier.pk).update(
        publicity_from=today - dt.timedelta(days=30), publicity_to=today - dt.timedelta(days=1)
    )
    tq_dossier.refresh_from_db()
    workflow.send_to_council(officer, tq_dossier, tq_dossier.version)
    assert Dossier.objects.get(pk=tq_dossier.pk).status == DossierStatus.AT_COUNCIL


def test_publicity_guard_on_the_agenda(tq_dossier, council, personas, client, login):
    today = timezone.localdate()
    Dossier.objects.filter(pk=tq_dossier.pk).update(
        status=DossierStatus.AT_COUNCIL, publicity_from=today - dt.timedelta(days=2),
        publicity_to=today + dt.timedelta(days=12),
    )  # fmt: skip
    officer = personas.province_officer
    meeting = ballots.meeting_create(officer, council, date=today, place="HT")
    with pytest.raises(CouncilError, match="Nghị định 152/2025/NĐ-CP, Điều 44 khoản 2"):
        ballots.agenda_add(officer, meeting, tq_dossier)
    login(officer)
    resp = client.post(
        reverse("council:agenda_add", args=[meeting.pk]), {"dossier": tq_dossier.pk}, follow=True
    )
    assert "kéo dài đến hết ngày" in resp.content.decode()
    assert not meeting.agenda.exists()
    # publicity ended yesterday after 30 days: a meeting held today may take it
    Dossier.objects.filter(pk=tq_dossier.pk).update(
        publicity_from=today - dt.timedelta(days=30), publicity_to=today - dt.timedelta(days=1)
    )
    tq_dossier.refresh_from_db()
    ballots.agenda_add(officer, meeting, tq_dossier)
    assert meeting.agenda.filter(dossier=tq_dossier).exists()


def test_honours_without_publicity_rule_pass(dossier):
    from vinhdanh.catalogue.models import Honour
    from vinhdanh.council.publicity import needs_publicity, publicity_problem

    assert publicity_problem(dossier) is None  # CSTĐ tỉnh and LĐTT
    codes = {h.pk for h in Honour.objects.all() if needs_publicity(h)}
    assert {"CSTD_TQ", "HCLD3", "HC_HCM", "AHLD", "NGUT"} <= codes
    assert not codes & {"CSTD_TINH", "BK_TTG", "HUY_CHUONG_HN", "LDTT"}


def test_unanswered_comments_flagged_on_the_agenda(sit, dossier, client, login):
    s = sit(5)
    PublicComment.objects.create(dossier=dossier, name="A", contact="a@x.vn", content="Góp ý 1",
                                 status="published")  # fmt: skip
    PublicComment.objects.create(dossier=dossier, name="B", contact="b@x.vn", content="Góp ý 2",
                                 status="published", answer="Đã xác minh")  # fmt: skip
    PublicComment.objects.create(dossier=dossier, name="C", contact="c@x.vn", content="Ẩn",
                                 status="hidden")  # fmt: skip
    login(s.officer)
    page = client.get(reverse("council:meeting_detail", args=[s.meeting.pk])).content.decode()
    assert "1 ý kiến góp ý chưa được trả lời" in page
    assert reverse("nominations:publicity", args=[dossier.pk]) in page


def test_paper_tally_view_refuses_anonymous_outsider_and_plain_member(sit, client, login, personas):
    s = sit(4, paper=1)
    url = reverse("council:paper_tally", args=[s.an.pk])
    data = {"yes": 1, "no": 0, "invalid": 0}
    assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    assert client.post(url, data).status_code == 302
    file_url = reverse("council:paper_tally_file", args=[s.an.pk])
    assert client.get(file_url)["Location"].startswith(reverse("accounts:login"))
    login(personas.outsider)
    assert client.get(url).status_code == 404
    assert client.get(file_url).status_code == 404
    assert client.post(url, {**data, "tally": bytes_upload(PDF, "a.pdf")}).status_code == 404
    login(personas.nobody)
    assert client.get(url).status_code in {403, 404}
    login(s.accounts[2].user)  # a member of the council, not its secretary
    assert client.get(url).status_code == 403
    assert client.post(url, {**data, "tally": bytes_upload(PDF, "a.pdf")}).status_code == 403
    assert not PaperTally.objects.exists()


def test_refusals_shown_on_the_dossier_action_pages(sit, tq_dossier, personas, client, login):
    login(personas.province_officer)
    url = reverse("nominations:dossier_action", args=[tq_dossier.pk, "trinh-hoi-dong"])
    body = client.post(url, {"version": tq_dossier.version, "confirm": "1"}).content.decode()
    assert "chưa được công khai" in body and "Điều 44 khoản 2" in body
    assert Dossier.objects.get(pk=tq_dossier.pk).status == DossierStatus.APPRAISAL
    s = sit(5)
    _vote(s, s.an, 4, 1)
    _vote(s, s.binh, 5)
    ballots.meeting_close(s.officer, s.meeting)
    Nominee.objects.filter(dossier=s.an.nominee.dossier).update(outcome="accepted")
    dossier = Dossier.objects.get(pk=s.an.nominee.dossier_id)
    url = reverse("nominations:dossier_action", args=[dossier.pk, "thong-qua"])
    body = client.post(url, {"version": dossier.version, "confirm": "1"}).content.decode()
    assert "Nguyễn Văn An: 4/5 thành viên Hội đồng đồng ý (80,00%), dưới ngưỡng 90%" in body
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.AT_COUNCIL
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Không đạt" in page and "4/5 đồng ý (80,00%) — ngưỡng ≥ 90%" in page
    assert "Đạt" in page and "5/5 đồng ý (100,00%)" in page
