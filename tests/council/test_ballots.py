import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vinhdanh.council import ballots
from vinhdanh.council.enums import CouncilError
from vinhdanh.council.models import (
    BallotChoice,
    BallotVoter,
    CouncilMeeting,
    MeetingStatus,
    MemberRole,
    NomineeBallot,
)
from vinhdanh.council.selectors import council_results_for, open_ballots_for

pytestmark = pytest.mark.django_db


def _ballot(meeting, honour="CSTD_TINH"):
    return NomineeBallot.objects.get(meeting=meeting, nominee__honour_id=honour)


def test_meeting_open_refused_below_two_thirds(session):
    s = session(9, absent=4, open_ballots=False)  # 5/9 < 2/3
    with pytest.raises(CouncilError, match="Chưa đủ điều kiện họp: có mặt 5/9"):
        ballots.meeting_open(s.officer, s.meeting)
    s.meeting.refresh_from_db()
    assert s.meeting.status == MeetingStatus.PLANNED


def test_ballots_open_refused_below_eighty_percent(session):
    s = session(10, absent=3, open_ballots=False)  # 7/10 ≥ 2/3 but < 80%
    ballots.meeting_open(s.officer, s.meeting)
    with pytest.raises(CouncilError, match="cần ít nhất 80%"):
        ballots.ballots_open(s.officer, s.meeting)
    assert not NomineeBallot.objects.exists()


def test_ballots_open_refusal_shown_on_page(session, client, login):
    s = session(10, absent=3, open_ballots=False)
    ballots.meeting_open(s.officer, s.meeting)
    login(s.officer)
    resp = client.post(reverse("council:ballots_open", args=[s.meeting.pk]), follow=True)
    assert "Chưa đủ điều kiện biểu quyết khen thưởng: có mặt 7/10" in resp.content.decode()
    assert not NomineeBallot.objects.exists()


def test_ballots_open_takes_thresholds_and_all_members(session):
    s = session(9)
    b = _ballot(s.meeting)
    assert str(b.threshold) == "0.90" and b.total_members == 9
    assert _ballot(s.meeting, "LDTT").threshold is None  # simple majority


def test_one_vote_per_member(session, client, login):
    s = session(3)
    b = _ballot(s.meeting)
    user = s.members[0].user
    ballots.cast_vote(user, b, True)
    with pytest.raises(CouncilError, match="đã bỏ phiếu"):
        ballots.cast_vote(user, b, False)
    login(user)
    resp = client.post(reverse("council:ballot_vote", args=[b.pk]), {"approve": "0"})
    assert resp.status_code == 422 and "đã bỏ phiếu" in resp.content.decode()
    assert BallotVoter.objects.filter(ballot=b).count() == 1
    assert BallotChoice.objects.filter(ballot=b).count() == 1


def test_vote_through_page_and_my_ballots_list(session, client, login):
    s = session(3)
    b = _ballot(s.meeting)
    user = s.members[1].user
    login(user)
    page = client.get(reverse("council:my_ballots")).content.decode()
    assert page.count("Bỏ phiếu</a>") == 2
    client.post(reverse("council:ballot_vote", args=[b.pk]), {"approve": "1"})
    assert BallotVoter.objects.get(ballot=b).member == s.members[1]
    assert list(BallotChoice.objects.filter(ballot=b).values_list("approve", flat=True)) == [True]
    assert [x.pk for x in open_ballots_for(user)] == [_ballot(s.meeting, "LDTT").pk]


def test_absent_member_cannot_vote_electronically_but_written_vote_counts(session, client, login):
    s = session(9, absent=1)
    absent = s.members[0]
    b = _ballot(s.meeting)
    with pytest.raises(CouncilError, match="vắng mặt"):
        ballots.cast_vote(absent.user, b, True)
    # the secretary (a present member with a linked account) enters the written vote
    secretary = s.members[1]
    secretary.role = MemberRole.SECRETARY
    secretary.save()
    login(secretary.user)
    client.post(reverse("council:written_vote", args=[b.pk]), {"member": absent.pk, "approve": "1"})
    voter = BallotVoter.objects.get(ballot=b, member=absent)
    assert voter.channel == "written" and voter.recorded_by == secretary.user
    for m in s.members[1:]:
        ballots.cast_vote(m.user, b, True)
    ballots.meeting_close(s.officer, s.meeting)
    b.refresh_from_db()
    assert (b.yes_votes, b.no_votes, b.passed) == (9, 0, True)


def test_written_vote_refused_for_plain_member(session):
    s = session(5, absent=1)
    with pytest.raises(CouncilError, match="Thư ký"):
        ballots.record_written_vote(s.members[2].user, _ballot(s.meeting), s.members[0], True)


@pytest.mark.parametrize("yes, passed", [(8, False), (9, True)])
def test_threshold_over_all_members(session, yes, passed):
    s = session(10, absent=1)  # 9 present of 10; threshold 0.9 of 10 members = 9 yes
    b = _ballot(s.meeting)
    for m in s.members[1 : 1 + yes]:
        ballots.cast_vote(m.user, b, True)
    ballots.meeting_close(s.officer, s.meeting)
    b.refresh_from_db()
    assert b.total_members == 10 and b.yes_votes == yes and b.passed is passed


def test_nine_members_eight_yes_of_nine_present_fails(session):
    s = session(9)
    b = _ballot(s.meeting)
    for i, m in enumerate(s.members):
        ballots.cast_vote(m.user, b, i != 0)
    ballots.meeting_close(s.officer, s.meeting)
    b.refresh_from_db()
    assert (b.yes_votes, b.no_votes, b.passed) == (8, 1, False)


def test_integer_comparison_and_simple_majority():
    from decimal import Decimal

    assert ballots.passes(9, 10, Decimal("0.90")) and not ballots.passes(8, 9, Decimal("0.90"))
    assert ballots.passes(4, 5, Decimal("0.80")) and not ballots.passes(3, 4, Decimal("0.80"))
    assert ballots.passes(3, 5, None) and not ballots.passes(2, 4, None)


def test_results_locked_after_close(session, client, login):
    s = session(3)
    b = _ballot(s.meeting)
    ballots.cast_vote(s.members[0].user, b, True)
    login(s.officer)
    assert (
        "Xác nhận"
        in client.get(reverse("council:meeting_close", args=[s.meeting.pk])).content.decode()
    )
    client.post(reverse("council:meeting_close", args=[s.meeting.pk]))
    s.meeting.refresh_from_db()
    b.refresh_from_db()
    assert s.meeting.status == MeetingStatus.CLOSED and not b.is_open and b.passed is False
    with pytest.raises(CouncilError, match="đã khóa"):
        ballots.cast_vote(s.members[1].user, b, True)
    login(s.members[1].user)
    client.post(reverse("council:ballot_vote", args=[b.pk]), {"approve": "1"})
    b.refresh_from_db()
    assert b.yes_votes == 1 and BallotChoice.objects.filter(ballot=b).count() == 1
    assert council_results_for(b.nominee.dossier)[b.nominee_id] == b


def test_tally_hidden_until_closed(session, client, login):
    s = session(3)
    b = _ballot(s.meeting)
    ballots.cast_vote(s.members[0].user, b, True)
    login(s.officer)
    page = client.get(reverse("council:meeting_detail", args=[s.meeting.pk])).content.decode()
    assert "Kết quả công bố khi kết thúc biểu quyết" in page and "Thông qua" not in page
    ballots.meeting_close(s.officer, s.meeting)
    page = client.get(reverse("council:meeting_detail", args=[s.meeting.pk])).content.decode()
    # 1/3 yes for CSTĐ tỉnh: below 90% of all members, shown with the count, share and citation
    assert "Không đạt" in page and "1/3 đồng ý (33,33%)" in page
    from vinhdanh.catalogue.models import VoteThreshold

    row = VoteThreshold.objects.filter(
        honour_id="CSTD_TINH", valid_from__lte=s.meeting.date
    ).latest("valid_from")
    assert row.citation in page


def test_secrecy_no_link_and_order_not_voting_order(session):
    from django.db.models import ForeignKey

    links = [
        f
        for f in BallotVoter._meta.get_fields()
        if getattr(f, "related_model", None) is BallotChoice
    ]
    links += [
        f
        for f in BallotChoice._meta.get_fields()
        if getattr(f, "related_model", None) is BallotVoter
    ]
    assert links == []
    assert {f.name for f in BallotChoice._meta.concrete_fields} == {"id", "ballot", "approve"}
    assert all(
        not isinstance(f, ForeignKey) or f.name == "ballot"
        for f in BallotChoice._meta.concrete_fields
    )
    s = session(30)
    b = _ballot(s.meeting)
    votes = [i % 2 == 0 for i in range(30)]
    for m, v in zip(s.members, votes, strict=True):
        ballots.cast_vote(m.user, b, v)
    ballots.meeting_close(s.officer, s.meeting)
    with connection.cursor() as cur:  # storage order after the rewrite
        cur.execute("SELECT approve FROM council_ballotchoice WHERE ballot_id = %s", [b.pk])
        stored = [bool(r[0]) for r in cur.fetchall()]
    assert sorted(stored) == sorted(votes) and stored != votes
    by_key = list(
        BallotChoice.objects.filter(ballot=b).order_by("id").values_list("approve", flat=True)
    )
    assert by_key != votes


def test_agenda_only_dossiers_at_council_of_the_unit(session, dossier, tree):
    from vinhdanh.nominations.models import Dossier

    s = session(3, open_ballots=False)
    other = Dossier.objects.create(
        kind="merit", title="Khác", year=2025, sending_unit=tree.hospital, receiving_unit=tree.syt,
        status="at_council",
    )  # fmt: skip
    with pytest.raises(CouncilError, match="Trình Hội đồng"):
        ballots.agenda_add(s.officer, s.meeting, other)
    with pytest.raises(CouncilError, match="đã có"):
        ballots.agenda_add(s.officer, s.meeting, dossier)


def test_members_outside_term_not_counted(session, council, personas):
    from vinhdanh.council.models import CouncilMember

    CouncilMember.objects.create(
        council=council, full_name="Đã hết nhiệm kỳ", term_start=dt.date(2020, 1, 1),
        term_end=dt.date(2025, 12, 31),
    )  # fmt: skip
    s = session(4)
    assert _ballot(s.meeting).total_members == 4


def test_meeting_views_refuse_outsider_anonymous_roleless(session, client, login, personas):
    s = session(3)
    b = _ballot(s.meeting)
    m = s.meeting
    item = m.agenda.get()
    gets = [
        reverse("council:meeting_detail", args=[m.pk]),
        reverse("council:meeting_close", args=[m.pk]),
        reverse("council:ballot_vote", args=[b.pk]),
        reverse("council:written_vote", args=[b.pk]),
        reverse("council:meeting_create", args=[m.council_id]),
    ]
    posts = [
        reverse("council:agenda_add", args=[m.pk]),
        reverse("council:agenda_remove", args=[m.pk, item.pk]),
        reverse("council:attendance_save", args=[m.pk]),
        reverse("council:meeting_open", args=[m.pk]),
        reverse("council:ballots_open", args=[m.pk]),
        reverse("council:meeting_close", args=[m.pk]),
        reverse("council:ballot_vote", args=[b.pk]),
        reverse("council:written_vote", args=[b.pk]),
    ]
    for url in [*gets, reverse("council:my_ballots")]:
        assert client.get(url).status_code == 302
    for url in posts:
        assert client.post(url, {"approve": "1"}).status_code == 302
    for user, codes in ((personas.outsider, {404}), (personas.nobody, {403, 404})):
        login(user)
        for url in gets:
            assert client.get(url).status_code in codes
        for url in posts:
            assert (
                client.post(url, {"approve": "1", "member": s.members[0].pk}).status_code in codes
            )
    login(personas.nobody)
    assert client.get(reverse("council:my_ballots")).status_code == 403
    # a voter who is not a member of this council cannot vote either
    login(personas.council_member)
    resp = client.post(reverse("council:ballot_vote", args=[b.pk]), {"approve": "1"})
    assert resp.status_code == 422
    assert not BallotVoter.objects.exists() and not BallotChoice.objects.exists()
    assert CouncilMeeting.objects.get().status == MeetingStatus.OPEN


def test_meeting_page_query_count_constant(session, client, login, dossier, tree, people):
    from vinhdanh.nominations.models import Dossier, Nominee

    s = session(3)
    login(s.officer)
    url = reverse("council:meeting_detail", args=[s.meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(3):
        d = Dossier.objects.create(
            kind="merit", title=f"Hồ sơ {i}", year=2025, sending_unit=tree.sgd,
            receiving_unit=tree.hanoi, status="at_council",
        )  # fmt: skip
        Nominee.objects.create(dossier=d, kind="person", person=people.chi, honour_id="CSTDCS")
        Nominee.objects.create(dossier=d, kind="collective", unit=tree.sgd, honour_id="CO_TD_TINH")
        ballots.agenda_add(s.officer, s.meeting, d)
    ballots.ballots_open(s.officer, s.meeting)
    for m in s.members:
        ballots.cast_vote(m.user, NomineeBallot.objects.filter(meeting=s.meeting).last(), True)
    with CaptureQueriesContext(connection) as many:
        resp = client.get(url)
    assert resp.content.decode().count("Hồ sơ ") >= 3
    assert len(one) == len(many)


@pytest.mark.django_db
def test_meeting_page_shows_public_comments_but_not_hidden_ones(login, personas, session, dossier):
    from django.urls import reverse

    from vinhdanh.nominations.enums import CommentStatus
    from vinhdanh.nominations.models import PublicComment

    s = session(3)
    PublicComment.objects.create(
        dossier=dossier, name="Trần Văn Hải", contact="0912345678",
        content="Đề nghị làm rõ sáng kiến năm 2025", status=CommentStatus.PUBLISHED,
        answer="Sáng kiến đã được Hội đồng sáng kiến cơ sở công nhận.",
    )  # fmt: skip
    PublicComment.objects.create(
        dossier=dossier, name="Ẩn danh", contact="x", content="Nội dung không phù hợp",
        status=CommentStatus.HIDDEN,
    )  # fmt: skip
    body = (
        login(personas.province_officer)
        .get(reverse("council:meeting_detail", args=[s.meeting.pk]))
        .content.decode()
    )
    assert "Đề nghị làm rõ sáng kiến năm 2025" in body
    assert "Sáng kiến đã được Hội đồng sáng kiến cơ sở công nhận." in body
    assert "Nội dung không phù hợp" not in body
