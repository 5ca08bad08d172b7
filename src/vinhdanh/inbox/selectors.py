"""The work inbox ("Việc cần xử lý"): everything awaiting the signed-in user, across the product.

Set-based: one query per kind of item (dossiers, scoring sheets, council ballots, acclaim
ballots, public comments, decisions to sign, registrations) plus one for the holidays of the
working-day calendar, whatever the number of items.

Whose work is it? A role granted on a unit covers its subtree for *reading*, but the work waits
for the officers of the unit that must act: items are matched on the units where the user holds
the role itself (a city officer does not see every district's intake as their own work). The
dossier's creator also sees it come back when it is returned. Secret ballots are read only
through the who-voted tables (``BallotVoter``, ``AcclaimVoter``), never the papers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability
from vinhdanh.accounts.permissions import _grants

from .enums import WorkKind


@dataclass
class WorkItem:
    kind: str
    title: str
    detail: str
    action: str
    url: str
    due: dt.date | None = None
    days_left: int | None = None

    @property
    def kind_label(self) -> str:
        return WorkKind(self.kind).label

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def due_text(self) -> str:
        if self.days_left is None:
            return ""
        if self.days_left < 0:
            return f"Quá hạn {-self.days_left} ngày làm việc"
        if self.days_left == 0:
            return "Đến hạn hôm nay"
        return f"Còn {self.days_left} ngày làm việc"


def grant_paths(user, capability: str) -> set[str]:
    """Paths of the units where the user holds a role giving ``capability`` (the role's own
    unit, not its subtree)."""
    return {p for role, p in _grants(user) if capability in ROLE_CAPABILITIES.get(role, ())}


def _under(field: str, paths) -> Q:
    cond = Q(pk__in=[])
    for p in paths:
        cond |= Q(**{f"{field}__startswith": p})
    return cond


def _acts_for(paths: set[str], unit_path: str, owner_path: str) -> bool:
    """emulation.permissions.acts_for on plain paths: a grant on the member (or between it and
    the bloc's owner) acts for it; a grant on the owner or above does not."""
    return any(unit_path.startswith(p) and not owner_path.startswith(p) for p in paths)


# --- one function per kind: each is one query ------------------------------------------------

DOSSIER_ACTIONS = {
    "submitted": "Tiếp nhận hoặc trả lại hồ sơ",
    "received": "Thẩm định hồ sơ",
    "appraisal": "Trình Hội đồng hoặc trả lại hồ sơ",
    "returned": "Bổ sung và gửi lại hồ sơ",
}


def dossier_items(user) -> list[WorkItem]:
    from vinhdanh.nominations.enums import DossierStatus as S
    from vinhdanh.nominations.models import Dossier

    paths = grant_paths(user, Capability.MANAGE_NOMINATIONS)
    # A dossier assigned to a specialist awaits that specialist; an unassigned one, the office.
    office = Q(assigned_to__isnull=True, receiving_unit__path__in=paths) if paths else Q(pk__in=[])
    receiver = Q(status__in=(S.SUBMITTED, S.RECEIVED, S.APPRAISAL)) & (office | Q(assigned_to=user))
    sender = Q(status=S.RETURNED) & (Q(sending_unit__path__in=paths) | Q(created_by=user))
    rows = (
        Dossier.objects.filter(receiver | sender)
        .order_by()
        .values("pk", "title", "status", "due_on", "sending_unit__name", "receiving_unit__name")
    )
    items = []
    for r in rows:
        back = r["status"] == S.RETURNED
        items.append(
            WorkItem(
                WorkKind.DOSSIER,
                r["title"],
                f"Trả lại từ {r['receiving_unit__name']}"
                if back
                else f"Của {r['sending_unit__name']} · {S(r['status']).label}",
                DOSSIER_ACTIONS[r["status"]],
                reverse("nominations:dossier_detail", args=[r["pk"]]),
                r["due_on"],
            )
        )
    return items


def scoring_items(user) -> list[WorkItem]:
    """Open scoring tables where a member unit the user acts for still owes sheets (its own
    self-score, and for AVERAGE_OTHERS one cross sheet per other member)."""
    from vinhdanh.emulation.enums import CrossScoringMethod, ScoringStatus
    from vinhdanh.emulation.models import BlocMember, Score

    paths = grant_paths(user, Capability.MANAGE_EMULATION)
    if not paths:
        return []
    members = (
        BlocMember.objects.filter(bloc=OuterRef("bloc")).order_by().values("bloc")
        .annotate(c=Count("pk")).values("c")
    )  # fmt: skip
    scored = (
        Score.objects.filter(table=OuterRef("table_id"), scorer=OuterRef("unit"), is_panel=False)
        .order_by().values("scorer").annotate(c=Count("member", distinct=True)).values("c")
    )  # fmt: skip
    rows = (
        BlocMember.objects.filter(_under("unit__path", paths))
        .filter(bloc__scoring_tables__status=ScoringStatus.OPEN)
        .annotate(
            table_id=F("bloc__scoring_tables__id"),
            table_name=F("bloc__scoring_tables__name"),
            deadline=F("bloc__scoring_tables__deadline"),
            method=F("bloc__scoring_tables__method"),
        )
        .annotate(n_members=Subquery(members), n_scored=Subquery(scored))
        .order_by()
        .values(
            "bloc_id", "bloc__name", "bloc__owner__path", "unit_id", "unit__name", "unit__path",
            "table_id", "table_name", "deadline", "method", "n_members", "n_scored",
        )
    )  # fmt: skip
    items = []
    for r in rows:
        if not _acts_for(paths, r["unit__path"], r["bloc__owner__path"]):
            continue
        needed = 1 if r["method"] == CrossScoringMethod.PANEL else (r["n_members"] or 0)
        owed = needed - (r["n_scored"] or 0)
        if owed <= 0:
            continue
        deadline = r["deadline"]
        items.append(
            WorkItem(
                WorkKind.SCORING,
                f"{r['table_name']} – {r['bloc__name']}",
                f"{r['unit__name']} còn {owed} phiếu chấm chưa nộp",
                "Chấm điểm",
                reverse("emulation:scoring_table", args=[r["bloc_id"], r["table_id"]]),
                timezone.localdate(deadline) if deadline else None,
            )
        )
    return items


def ballot_items(user) -> list[WorkItem]:
    """Council ballots open for the user (present member, not voted yet: the who-voted table),
    one item per meeting."""
    from vinhdanh.council.selectors import open_ballots_for

    meetings: dict[int, list] = {}
    for b in open_ballots_for(user):
        meetings.setdefault(b.meeting_id, []).append(b)
    url = reverse("council:my_ballots")
    return [
        WorkItem(
            WorkKind.BALLOT,
            f"{bs[0].meeting.council.name}, phiên họp {bs[0].meeting.date:%d/%m/%Y}",
            f"{len(bs)} đối tượng chờ phiếu của bạn",
            "Bỏ phiếu",
            url,
            bs[0].meeting.date,
        )
        for bs in meetings.values()
    ]


def acclaim_items(user) -> list[WorkItem]:
    """Open acclaim ballots of blocs where a member the user acts for has not voted."""
    from vinhdanh.emulation.enums import BallotStatus
    from vinhdanh.emulation.models import AcclaimVoter, BlocMember

    paths = grant_paths(user, Capability.MANAGE_EMULATION)
    if not paths:
        return []
    voted = AcclaimVoter.objects.filter(ballot=OuterRef("bloc__ballot"), member=OuterRef("unit"))
    rows = (
        BlocMember.objects.filter(_under("unit__path", paths))
        .filter(bloc__ballot__status=BallotStatus.OPEN)
        .exclude(Exists(voted))
        .order_by()
        .values("bloc_id", "bloc__name", "bloc__owner__path", "unit__name", "unit__path",
                "bloc__ballot__meeting__date")
    )  # fmt: skip
    return [
        WorkItem(
            WorkKind.ACCLAIM,
            f"Suy tôn đơn vị dẫn đầu – {r['bloc__name']}",
            f"Phiếu của {r['unit__name']}",
            "Bỏ phiếu suy tôn",
            reverse("emulation:acclaim", args=[r["bloc_id"]]),
            r["bloc__ballot__meeting__date"],
        )
        for r in rows
        if _acts_for(paths, r["unit__path"], r["bloc__owner__path"])
    ]


def comment_items(user) -> list[WorkItem]:
    """Public comments not answered yet (nor hidden) on dossiers the user's unit receives,
    one item per dossier; due when its publicity window ends."""
    from vinhdanh.nominations.enums import CommentStatus
    from vinhdanh.nominations.models import PublicComment

    paths = grant_paths(user, Capability.MANAGE_NOMINATIONS)
    if not paths:
        return []
    rows = (
        PublicComment.objects.filter(dossier__receiving_unit__path__in=paths, answer="")
        .exclude(status=CommentStatus.HIDDEN)
        .order_by()
        .values("dossier_id", "dossier__title", "dossier__publicity_to")
        .annotate(n=Count("pk"))
    )
    return [
        WorkItem(
            WorkKind.COMMENT,
            r["dossier__title"],
            f"{r['n']} ý kiến góp ý chưa trả lời",
            "Trả lời góp ý",
            reverse("nominations:publicity", args=[r["dossier_id"]]),
            r["dossier__publicity_to"],
        )
        for r in rows
    ]


def decision_items(user) -> list[WorkItem]:
    """Draft decisions of a unit where the user signs (SIGN), not assigned to another signer."""
    from vinhdanh.decisions.models import Decision, DecisionStatus

    paths = grant_paths(user, Capability.SIGN)
    if not paths:
        return []
    rows = (
        Decision.objects.filter(
            status=DecisionStatus.DRAFT, is_external=False, issuer__path__in=paths
        )
        .filter(Q(signer__isnull=True) | Q(signer=user))
        .order_by()
        .values("pk", "title", "date", "issuer__name")
    )
    return [
        WorkItem(
            WorkKind.DECISION,
            r["title"],
            f"Dự thảo của {r['issuer__name']}",
            "Xem và ký ban hành",
            reverse("decisions:decision_detail", args=[r["pk"]]),
            r["date"],
        )
        for r in rows
    ]


def registration_items(user, today: dt.date) -> list[WorkItem]:
    """Blocs still open for registration where a member the user acts for has registered
    nothing yet (the product has no separate approval of registrations: the member's officer
    registers, the standing office checks the list)."""
    from vinhdanh.emulation.models import BlocMember, Registration

    paths = grant_paths(user, Capability.MANAGE_EMULATION)
    if not paths:
        return []
    registered = Registration.objects.filter(bloc=OuterRef("bloc"), unit=OuterRef("unit"))
    rows = (
        BlocMember.objects.filter(_under("unit__path", paths))
        .filter(bloc__registration_deadline__gte=today)
        .exclude(Exists(registered))
        .order_by()
        .values("bloc_id", "bloc__name", "bloc__owner__path", "unit_id", "unit__name",
                "unit__path", "bloc__registration_deadline")
    )  # fmt: skip
    return [
        WorkItem(
            WorkKind.REGISTRATION,
            f"Đăng ký thi đua – {r['bloc__name']}",
            f"{r['unit__name']} chưa đăng ký",
            "Đăng ký thi đua",
            reverse("emulation:registration_unit", args=[r["bloc_id"], r["unit_id"]]),
            r["bloc__registration_deadline"],
        )
        for r in rows
        if _acts_for(paths, r["unit__path"], r["bloc__owner__path"])
    ]


def work_items(user, today: dt.date | None = None) -> list[WorkItem]:
    """Every item awaiting ``user``: overdue first (most overdue on top), then by deadline;
    items without a deadline last."""
    from vinhdanh.nominations.deadlines import working_days_left

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = today or timezone.localdate()
    items = [
        *dossier_items(user),
        *scoring_items(user),
        *ballot_items(user),
        *acclaim_items(user),
        *comment_items(user),
        *decision_items(user),
        *registration_items(user, today),
    ]
    left = working_days_left(today, (i.due for i in items))
    for i in items:
        i.days_left = left.get(i.due) if i.due else None
    items.sort(key=lambda i: (i.due is None, i.due or dt.date.max, i.kind, i.title))
    return items


def work_summary(items: list[WorkItem]) -> list[tuple[str, str, int]]:
    """(kind, label, count) for the kinds that have items, in WorkKind order."""
    counts: dict[str, int] = {}
    for i in items:
        counts[i.kind] = counts.get(i.kind, 0) + 1
    return [(k.value, k.label, counts[k.value]) for k in WorkKind if k.value in counts]
