"""Reads of the council app (set-based)."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import get_scoped_or_404, scoped

from .models import Council, CouncilMember
from .standing import (  # noqa: F401  (the guard other apps call: council.selectors.*)
    VoteStanding,
    nominee_may_be_decided,
    nominees_may_be_decided,
    vote_standing,
    vote_standings,
)


def councils_for(user, capability: str = Capability.VIEW) -> QuerySet:
    return scoped(Council.objects.select_related("unit"), user, capability)


def council_or_404(user, pk: int, capability: str = Capability.VIEW) -> Council:
    return get_scoped_or_404(Council.objects.select_related("unit"), user, capability, pk=pk)


def council_list(user) -> QuerySet:
    today = dt.date.today()
    current = Q(members__term_start__lte=today) & (
        Q(members__term_end__isnull=True) | Q(members__term_end__gte=today)
    )
    return (
        councils_for(user)
        .annotate(member_count=Count("members", filter=current, distinct=True))
        .order_by("unit__sort_key", "name", "pk")
    )


def role_rank_of(field: str = "role"):
    """Chair, vice-chairs, members, secretary — the order of the minutes and member lists."""
    from .models import MemberRole

    order = [MemberRole.CHAIR, MemberRole.VICE, MemberRole.MEMBER, MemberRole.SECRETARY]
    return Case(
        *[When(**{field: r}, then=Value(i)) for i, r in enumerate(order)],
        default=Value(9),
        output_field=IntegerField(),
    )


def members_on(council: Council, day: dt.date) -> QuerySet:
    """Members whose term covers ``day`` — the "all members" of a meeting held that day."""
    return (
        CouncilMember.objects.filter(council=council, term_start__lte=day)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .select_related("user")
        .order_by(role_rank_of(), "full_name", "pk")
    )


def all_members(council: Council) -> QuerySet:
    return (
        CouncilMember.objects.filter(council=council)
        .select_related("user")
        .order_by(role_rank_of(), "full_name", "pk")
    )


def meetings_of(council: Council) -> QuerySet:
    from .models import CouncilMeeting

    return (
        CouncilMeeting.objects.filter(council=council)
        .select_related("minutes_number")
        .order_by("-date", "-pk")
    )


def meeting_or_404(user, pk: int):
    from .models import CouncilMeeting

    return get_scoped_or_404(
        CouncilMeeting.objects.select_related("council__unit", "minutes_number", "minutes_file"),
        user,
        Capability.VIEW,
        path_field="council__unit__path",
        pk=pk,
    )


def ballot_or_404(user, pk: int):
    from .models import NomineeBallot

    return get_scoped_or_404(
        NomineeBallot.objects.select_related(
            "meeting__council__unit", "nominee__person", "nominee__unit", "nominee__honour",
            "nominee__dossier",
        ),
        user,
        Capability.VIEW,
        path_field="meeting__council__unit__path",
        pk=pk,
    )  # fmt: skip


def meeting_page(meeting, user) -> dict:
    """Everything the meeting page shows, in a fixed number of queries."""
    from vinhdanh.nominations.enums import CommentStatus
    from vinhdanh.nominations.models import Nominee, PublicComment

    from .models import AgendaItem, Attendance, BallotVoter, NomineeBallot

    members = list(members_on(meeting.council, meeting.date))
    presence = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "present"))
    agenda = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("dossier__sending_unit")
        .order_by("position", "pk")
    )
    ballots = {
        b.nominee_id: b
        for b in NomineeBallot.objects.filter(meeting=meeting)
        .select_related("paper")
        .annotate(
            voted=Count("voters", distinct=True),
            written=Count("voters", filter=Q(voters__channel="written"), distinct=True),
        )
    }
    nominees = list(
        Nominee.objects.filter(dossier__in=[a.dossier_id for a in agenda])
        .select_related("person", "unit", "honour", "downgraded_to")
        .order_by("dossier_id", "position", "pk")
    )
    standings = vote_standings(nominees)
    by_dossier: dict[int, list] = {}
    for n in nominees:
        n.ballot = ballots.get(n.pk)
        n.standing = standings[n.pk]
        n.standing_here = n.standing.meeting_id == meeting.pk
        by_dossier.setdefault(n.dossier_id, []).append(n)
    # The council sees the public's comments on each dossier and the answers (Luật Điều 84 k5).
    comments: dict[int, list] = {}
    for c in (
        PublicComment.objects.filter(dossier__in=[a.dossier_id for a in agenda])
        .exclude(status=CommentStatus.HIDDEN)
        .select_related("nominee__person", "nominee__unit")
        .order_by("created_at", "pk")
    ):
        comments.setdefault(c.dossier_id, []).append(c)
    for item in agenda:
        item.nominee_rows = by_dossier.get(item.dossier_id, [])
        item.comments = comments.get(item.dossier_id, [])
        # Comments not answered yet are flagged to the council (NĐ 152/2025 Điều 44 khoản 2).
        item.unanswered = sum(1 for c in item.comments if not c.answer.strip())
    mine = {m.pk for m in members if m.user_id == getattr(user, "pk", None)}
    voted_by_me = (
        set(
            BallotVoter.objects.filter(ballot__meeting=meeting, member__in=mine).values_list(
                "ballot_id", flat=True
            )
        )
        if mine
        else set()
    )
    for m in members:
        m.present = presence.get(m.pk)
    return {
        "members": members,
        "present_count": sum(1 for m in members if m.present),
        "attendance_taken": bool(presence),
        "agenda": agenda,
        "unballoted": any(n.ballot is None for n in nominees),
        "ballots": list(ballots.values()),
        "voted_by_me": voted_by_me,
        "my_member": next((m for m in members if m.pk in mine), None),
        "paper_voters": sum(1 for m in members if m.present and m.user_id is None),
    }


def council_results_for(dossier) -> dict[int, object]:
    """{nominee id: the latest CLOSED NomineeBallot} for the dossier's nominees (others read this)."""
    from .models import NomineeBallot

    rows = (
        NomineeBallot.objects.filter(nominee__dossier=dossier, is_open=False)
        .select_related("meeting")
        .order_by("nominee_id", "closed_at", "pk")
    )
    return {b.nominee_id: b for b in rows}


def open_ballots_for(user) -> list:
    """Open ballots the user may vote on now (linked, present member, not voted yet)."""
    from .models import Attendance, BallotVoter, MeetingStatus, NomineeBallot

    if not getattr(user, "is_authenticated", False):
        return []
    qs = (
        NomineeBallot.objects.filter(is_open=True, meeting__status=MeetingStatus.OPEN)
        .filter(
            Q(meeting__council__members__user=user)
            & Q(meeting__council__members__term_start__lte=F("meeting__date"))
            & (
                Q(meeting__council__members__term_end__isnull=True)
                | Q(meeting__council__members__term_end__gte=F("meeting__date"))
            )
        )
        .filter(
            Exists(
                Attendance.objects.filter(
                    meeting=OuterRef("meeting"), member__user=user, present=True
                )
            )
        )
        .exclude(
            Exists(BallotVoter.objects.filter(ballot=OuterRef("pk"), member__user=user))
        )
        .select_related(
            "meeting__council", "nominee__person", "nominee__unit", "nominee__honour",
            "nominee__dossier",
        )
        .distinct()
        .order_by("meeting__date", "meeting_id", "nominee__dossier_id", "nominee__position", "pk")
    )  # fmt: skip
    return list(
        scoped(qs, user, Capability.COUNCIL_VOTE, path_field="meeting__council__unit__path")
    )
