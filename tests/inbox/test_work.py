"""The work inbox: each persona finds what awaits them, nothing of others, overdue first,
with the deadline in working days; one query per kind of item whatever their number."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, grant
from vinhdanh.council.models import (
    Attendance,
    BallotVoter,
    Council,
    CouncilMeeting,
    CouncilMember,
    MeetingStatus,
    NomineeBallot,
)
from vinhdanh.decisions.models import Decision
from vinhdanh.emulation.models import (
    AcclaimBallot,
    AcclaimVoter,
    Registration,
    Score,
    ScoringTable,
)
from vinhdanh.inbox.selectors import work_items
from vinhdanh.nominations.enums import DossierStatus as S
from vinhdanh.nominations.models import Dossier, Holiday, Nominee, PublicComment

TODAY = dt.date(2026, 3, 9)  # a Monday


def _dossier(sending, receiving, status, due=None, **extra):
    return Dossier.objects.create(
        kind="merit", title=extra.pop("title", f"Hồ sơ {status}"), year=2025,
        sending_unit=sending, receiving_unit=receiving, status=status, due_on=due, **extra,
    )  # fmt: skip


def kinds(user, today=TODAY):
    return sorted((i.kind, i.title) for i in work_items(user, today))


@pytest.mark.django_db
def test_receiving_officer_sees_dossiers_to_receive_appraise_and_return(tree, personas):
    d1 = _dossier(tree.hospital, tree.syt, S.SUBMITTED, TODAY + dt.timedelta(days=3))
    d2 = _dossier(tree.hospital, tree.syt, S.RECEIVED)
    d3 = _dossier(tree.hospital, tree.syt, S.APPRAISAL)
    _dossier(tree.hospital, tree.syt, S.AT_COUNCIL)  # the council's, not the officer's
    _dossier(tree.hospital, tree.syt, S.DRAFT)
    _dossier(tree.syt, tree.hanoi, S.SUBMITTED)  # awaits the city, not Sở Y tế
    items = work_items(personas.unit_officer, TODAY)
    assert {i.url for i in items} == {
        reverse("nominations:dossier_detail", args=[d.pk]) for d in (d1, d2, d3)
    }
    actions = {i.url.split("/")[-2]: i.action for i in items}
    assert actions[str(d1.pk)] == "Tiếp nhận hoặc trả lại hồ sơ"
    assert actions[str(d2.pk)] == "Thẩm định hồ sơ"
    # The city's officer has its own intake only; Hà Tĩnh's officer and a viewer see nothing.
    assert [i.title for i in work_items(personas.province_officer, TODAY)] == ["Hồ sơ submitted"]
    assert work_items(personas.outsider, TODAY) == []
    assert work_items(personas.viewer, TODAY) == []


@pytest.mark.django_db
def test_returned_dossier_awaits_the_sender_and_its_author(tree, personas):
    author = UserFactory(username="tacgia")
    d = _dossier(tree.syt, tree.hanoi, S.RETURNED, TODAY - dt.timedelta(days=7), created_by=author)
    for user in (personas.unit_officer, author):
        [item] = work_items(user, TODAY)
        assert item.action == "Bổ sung và gửi lại hồ sơ"
        assert item.url == reverse("nominations:dossier_detail", args=[d.pk])
    assert work_items(personas.province_officer, TODAY) == []


@pytest.mark.django_db
def test_deadlines_in_working_days_overdue_first(tree, personas):
    Holiday.objects.create(date=dt.date(2026, 3, 11), name="Nghỉ bù")
    later = _dossier(tree.hospital, tree.syt, S.SUBMITTED, dt.date(2026, 3, 13), title="Sau")
    late = _dossier(tree.hospital, tree.syt, S.RECEIVED, dt.date(2026, 3, 4), title="Trễ")
    none = _dossier(tree.hospital, tree.syt, S.APPRAISAL, None, title="Không hạn")
    today = _dossier(tree.hospital, tree.syt, S.SUBMITTED, TODAY, title="Hôm nay")
    items = work_items(personas.unit_officer, TODAY)
    assert [i.title for i in items] == [late.title, today.title, later.title, none.title]
    # Thu 04/3 → Mon 09/3: Thu→Fri 05, Mon 09 = 3 working days late (the weekend skipped).
    assert items[0].days_left == -3 and items[0].overdue
    assert items[0].due_text == "Quá hạn 3 ngày làm việc"
    assert items[1].days_left == 0 and items[1].due_text == "Đến hạn hôm nay"
    # Mon 09 → Fri 13: 10, 12, 13 (11 is a holiday) = 3.
    assert items[2].days_left == 3 and not items[2].overdue
    assert items[3].days_left is None and items[3].due_text == ""


@pytest.mark.django_db
def test_signer_sees_drafts_to_sign_not_those_of_another_signer(tree, personas):
    mine = Decision.objects.create(issuer=tree.syt, title="QĐ khen thưởng năm 2025")
    Decision.objects.create(issuer=tree.syt, title="Của người khác", signer=personas.admin)
    Decision.objects.create(issuer=tree.syt, title="Đã ban hành", status="issued")
    Decision.objects.create(issuer=tree.syt, title="Ghi nhận", is_external=True)
    [item] = work_items(personas.signer, TODAY)
    assert (item.kind, item.title) == ("decision", mine.title)
    assert item.url == reverse("decisions:decision_detail", args=[mine.pk])
    assert work_items(personas.unit_officer, TODAY) == []  # officers draft, signers sign


@pytest.mark.django_db
def test_unanswered_comments_await_the_receiving_officer(tree, personas):
    d = _dossier(tree.hospital, tree.syt, S.APPRAISAL, publicity_to=dt.date(2026, 3, 20))
    d.status = S.AT_COUNCIL
    d.save()
    for answer, status in (("", "pending"), ("", "published"), ("Đã trả lời", "published"),
                           ("", "hidden")):  # fmt: skip
        PublicComment.objects.create(
            dossier=d, name="Dân", contact="0900", content="Ý kiến", answer=answer, status=status
        )
    [item] = work_items(personas.unit_officer, TODAY)
    assert item.kind == "comment" and item.detail == "2 ý kiến góp ý chưa trả lời"
    assert item.due == dt.date(2026, 3, 20)
    assert item.url == reverse("nominations:publicity", args=[d.pk])


def _council_ballot(tree, personas, people_unit, user):
    council = Council.objects.create(unit=tree.hanoi, name="Hội đồng TĐKT Thành phố")
    member = CouncilMember.objects.create(
        council=council, user=user, full_name="Thành viên", term_start=dt.date(2025, 1, 1)
    )
    meeting = CouncilMeeting.objects.create(
        council=council, date=TODAY, place="Hội trường", status=MeetingStatus.OPEN
    )
    Attendance.objects.create(meeting=meeting, member=member, present=True)
    d = _dossier(people_unit, tree.hanoi, S.AT_COUNCIL)
    ballots = []
    for i in range(2):
        n = Nominee.objects.create(
            dossier=d, position=i, kind="citizen", outsider_name=f"Công dân {i}", honour_id="LDTT"
        )
        ballots.append(NomineeBallot.objects.create(meeting=meeting, nominee=n, total_members=1))
    return SimpleNamespace(council=council, member=member, meeting=meeting, ballots=ballots)


@pytest.mark.django_db
def test_council_member_sees_open_ballots_until_voted(tree, personas):
    c = _council_ballot(tree, personas, tree.syt, personas.council_member)
    [item] = work_items(personas.council_member, TODAY)
    assert item.kind == "ballot" and item.detail == "2 đối tượng chờ phiếu của bạn"
    assert item.url == reverse("council:my_ballots")
    for b in c.ballots:  # the who-voted table, never the papers
        BallotVoter.objects.create(ballot=b, member=c.member)
    assert work_items(personas.council_member, TODAY) == []


@pytest.mark.django_db
def test_bloc_members_see_sheets_acclaim_and_registration(khoi9):
    k = khoi9
    table = ScoringTable.objects.create(
        bloc=k.bloc, name="Bảng điểm 2024", status="open",
        deadline=timezone.make_aware(dt.datetime(2026, 3, 12, 17)),
    )  # fmt: skip
    AcclaimBallot.objects.create(bloc=k.bloc)
    k.bloc.registration_deadline = dt.date(2026, 3, 31)
    k.bloc.save()
    Registration.objects.create(
        year=2024, unit=k.skhcn, bloc=k.bloc, kind="collective", honour_id="TTLDXS"
    )
    got = {i.kind: i for i in work_items(k.sgd_officer, TODAY)}
    assert set(got) == {"scoring", "acclaim", "registration"}
    assert got["scoring"].detail == "Sở Giáo dục và Đào tạo còn 5 phiếu chấm chưa nộp"
    assert got["scoring"].days_left == 3
    assert got["registration"].due == dt.date(2026, 3, 31)
    # SKHCN registered already; the city's standing office does not vote nor score for members.
    assert {i.kind for i in work_items(k.skhcn_officer, TODAY)} == {"scoring", "acclaim"}
    assert work_items(k.city_officer, TODAY) == []
    assert work_items(k.other_bloc_officer, TODAY) == []
    # Sheets handed in and the ballot cast: nothing left for SGDĐT but its registration.
    from vinhdanh.emulation.models import Criterion

    crit = Criterion.objects.create(table=table, code="1", name="Tiêu chí", max_points=10)
    for member in k.members:
        Score.objects.create(table=table, criterion=crit, member=member, scorer=k.sgd, points=5)
    AcclaimVoter.objects.create(ballot=k.bloc.ballot, member=k.sgd)
    assert {i.kind for i in work_items(k.sgd_officer, TODAY)} == {"registration"}


@pytest.mark.django_db
def test_inbox_page_and_home_list_the_items(tree, personas, login):
    d = _dossier(tree.hospital, tree.syt, S.SUBMITTED, timezone.localdate() - dt.timedelta(days=9))
    client = login(personas.unit_officer)
    body = client.get(reverse("inbox:work")).content.decode()
    assert "Tiếp nhận hoặc trả lại hồ sơ" in body and "Quá hạn" in body
    assert reverse("nominations:dossier_detail", args=[d.pk]) in body
    home = client.get(reverse("core:home")).content.decode()
    assert home.index("Việc cần xử lý") < home.index("đơn vị trong phạm vi của bạn")
    assert reverse("nominations:dossier_detail", args=[d.pk]) in home
    counts = client.get(reverse("inbox:counts")).content.decode()
    assert '<span class="count" title="1 việc đang chờ">1</span>' in counts
    # Each menu item shows its kinds: the dossier list 1, the blocs none.
    assert 'id="nav-count-dossier" hx-swap-oob="true" class="count">1<' in counts
    assert 'id="nav-count-scoring-acclaim-registration" hx-swap-oob="true" class="count zero">' in (
        counts
    )
    assert 'id="nav-count-dossier" class="count zero"' in home  # filled in by htmx
    other = login(personas.outsider).get(reverse("inbox:work")).content.decode()
    assert "Không có việc nào đang chờ bạn." in other


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["inbox:work", "inbox:counts"])
def test_inbox_pages_refuse_anonymous(client, name):
    r = client.get(reverse(name))
    assert r.status_code == 302 and "/tai-khoan/dang-nhap/" in r["Location"]


def _everything(tree, k, user, start, n):
    """n more items of every kind for ``user`` (officer of Sở Y tế, its signer, a council
    member of the city); the bloc's acclaim ballot and registration are one item each."""
    for i in range(start, start + n):
        _dossier(tree.hospital, tree.syt, S.SUBMITTED, TODAY + dt.timedelta(days=i))
        d = _dossier(tree.hospital, tree.syt, S.AT_COUNCIL, title=f"Công khai {i}")
        PublicComment.objects.create(dossier=d, name="Dân", contact="09", content="Góp ý")
        Decision.objects.create(issuer=tree.syt, title=f"QĐ {i}")
        ScoringTable.objects.create(bloc=k.bloc, version=i + 1, name=f"Bảng {i}", status="open")
        c = _council_ballot(tree, None, tree.syt, user)
        c.council.name = f"Hội đồng {i}"
        c.council.save()
    if start == 0:
        AcclaimBallot.objects.create(bloc=k.bloc)
        k.bloc.registration_deadline = dt.date(2026, 12, 31)
        k.bloc.save()


@pytest.mark.django_db
def test_inbox_queries_do_not_grow_with_items(
    tree, khoi9, personas, login, django_assert_num_queries
):
    user = personas.unit_officer  # officer of Sở Y tế (head of Khối 9)
    grant(user, "signer", tree.syt)
    grant(user, "council", tree.hanoi)
    client = login(user)
    _everything(tree, khoi9, user, 0, 1)
    with CaptureQueriesContext(connection) as one:
        r = client.get(reverse("inbox:work"))
    assert sorted(i.kind for i in r.context["items"]) == sorted(
        ["dossier", "comment", "decision", "scoring", "ballot", "acclaim", "registration"]
    )
    _everything(tree, khoi9, user, 1, 4)
    with django_assert_num_queries(len(one.captured_queries)):
        r = client.get(reverse("inbox:work"))
    # five each of dossiers, comments, decisions, sheets, council meetings; one bloc ballot
    # and one registration
    assert len(r.context["items"]) == 5 * 5 + 2
