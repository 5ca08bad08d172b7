"""Reads of scoring and ranking: the criteria tree, a scorer's sheet, totals and the ranking.

How a member's score is computed (one scorer's sheet, then the ranking)
---------------------------------------------------------------------
Only leaves are scored (kinds CRITERION, BONUS, PENALTY); every entered value is within
``0 ≤ points ≤ max_points`` of its leaf (the item cap). For one sheet (scorer s, member m):

    base(s, m)    = Σ points of CRITERION leaves
    bonus(s, m)   = Σ over bonus sections k of min(Σ points of BONUS leaves in k, cap(k))
    penalty(s, m) = Σ over penalty sections k of min(Σ points of PENALTY leaves in k, cap(k))
    total(s, m)   = base + bonus − penalty

A section is the nearest GROUP above the leaf that has ``max_points > 0`` (its cap); bonus or
penalty leaves without such a group form an uncapped section (each item is still capped by its
own maximum). A group's shown total is the sum of its children (groups have no score of their own).

The ranking of a table (members of the bloc only):

    self_total(m)  = total(m, m)                      — shown, never used to rank
    AVERAGE_OTHERS: cross_total(m) = mean over scorers s ≠ m of base(s, m)
                    bonus(m), penalty(m) = the same means of bonus(s, m), penalty(s, m)
    PANEL:          cross_total, bonus, penalty = those of the panel's sheet (is_panel)
    final(m)       = cross_total(m) + bonus(m) − penalty(m)
                     (= the mean of the other scorers' totals), rounded to 0,01

Members are ordered by final descending; members with equal finals are ordered by the table's
tie-break keys in order (``TieBreak``), then always by the female-share rule (RULES.md principle 3:
a member with female share ≥ 70 % goes first), then by name. Members equal on every key share a
rank (1, 1, 3). The scores are read with one aggregate query grouped by (member, scorer, panel).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, Q, Sum

from vinhdanh.orgs.enums import Gender
from vinhdanh.orgs.models import Person

from ..enums import CriterionKind, CrossScoringMethod, ScoringStatus, TieBreak
from ..models import (
    BlocMember,
    Criterion,
    MissingSheetReason,
    RankingResult,
    Score,
    ScoreEvidence,
    ScoringTable,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
FEMALE_THRESHOLD = Decimal("0.70")
LEAF_KINDS = {CriterionKind.CRITERION, CriterionKind.BONUS, CriterionKind.PENALTY}


def q2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# --- tables and the criteria tree ------------------------------------------------------------


def bloc_tables(bloc) -> list[ScoringTable]:
    return list(ScoringTable.objects.filter(bloc=bloc).order_by("-version"))


def current_table(tables: list[ScoringTable]) -> ScoringTable | None:
    """The version in use (open or locked, highest), else the newest draft."""
    in_use = [t for t in tables if t.status in (ScoringStatus.OPEN, ScoringStatus.LOCKED)]
    if in_use:
        return max(in_use, key=lambda t: t.version)
    drafts = [t for t in tables if t.status == ScoringStatus.DRAFT]
    return max(drafts, key=lambda t: t.version) if drafts else None


@dataclass
class Node:
    criterion: Criterion
    depth: int
    children: list[Node] = field(default_factory=list)
    section_id: int | None = None  # capping group of a bonus/penalty leaf

    @property
    def is_leaf(self) -> bool:
        return self.criterion.kind in LEAF_KINDS


def criteria_tree(table: ScoringTable, criteria: list[Criterion] | None = None) -> list[Node]:
    """Criteria in display order (pre-order, siblings by position), one query."""
    if criteria is None:
        criteria = list(Criterion.objects.filter(table=table).order_by("position", "id"))
    by_parent: dict[int | None, list[Criterion]] = defaultdict(list)
    for c in criteria:
        by_parent[c.parent_id].append(c)
    ordered: list[Node] = []

    def walk(parent_id, depth, section):
        out = []
        for c in by_parent.get(parent_id, []):
            node = Node(c, depth)
            own = c.pk if c.kind == CriterionKind.GROUP and c.max_points > 0 else None
            if node.is_leaf:
                node.section_id = section
            ordered.append(node)
            node.children = walk(c.pk, depth + 1, own or section)
            out.append(node)
        return out

    walk(None, 0, None)
    return ordered


def leaves(nodes: list[Node]) -> list[Node]:
    return [n for n in nodes if n.is_leaf]


def max_total(nodes: list[Node]) -> Decimal:
    """The best possible total: all criteria at their maximum plus the capped bonus."""
    base = sum(
        (n.criterion.max_points for n in nodes if n.criterion.kind == CriterionKind.CRITERION), ZERO
    )
    bonus = _capped(
        {
            n.criterion.pk: n.criterion.max_points
            for n in nodes
            if n.criterion.kind == CriterionKind.BONUS
        },
        nodes,
        CriterionKind.BONUS,
    )
    return base + bonus


def _sections(nodes: list[Node], kind: str) -> dict[int | None, list[int]]:
    sections: dict[int | None, list[int]] = defaultdict(list)
    for n in nodes:
        if n.criterion.kind == kind:
            sections[n.section_id].append(n.criterion.pk)
    return sections


def _caps(nodes: list[Node]) -> dict[int, Decimal]:
    return {
        n.criterion.pk: n.criterion.max_points
        for n in nodes
        if n.criterion.kind == CriterionKind.GROUP
    }


def _capped(points: dict[int, Decimal], nodes: list[Node], kind: str) -> Decimal:
    caps = _caps(nodes)
    total = ZERO
    for section, ids in _sections(nodes, kind).items():
        s = sum((points.get(i, ZERO) for i in ids), ZERO)
        total += min(s, caps[section]) if section is not None else s
    return total


@dataclass
class SheetTotals:
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    groups: dict[int, Decimal]

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus - self.penalty


def sheet_totals(nodes: list[Node], points: dict[int, Decimal]) -> SheetTotals:
    """Totals of one sheet from its leaf points (see the module docstring)."""
    base = sum(
        (
            points.get(n.criterion.pk, ZERO)
            for n in nodes
            if n.criterion.kind == CriterionKind.CRITERION
        ),
        ZERO,
    )
    groups: dict[int, Decimal] = {}

    def total_of(node: Node) -> Decimal:
        if node.is_leaf:
            return points.get(node.criterion.pk, ZERO)
        value = sum((total_of(c) for c in node.children), ZERO)
        kinds = {lf.criterion.kind for lf in _leaves_under(node)}
        if (
            kinds
            and kinds <= {CriterionKind.BONUS, CriterionKind.PENALTY}
            and node.criterion.max_points > 0
        ):
            value = min(value, node.criterion.max_points)
        groups[node.criterion.pk] = value
        return value

    for n in nodes:
        if n.depth == 0:
            total_of(n)
    return SheetTotals(
        base,
        _capped(points, nodes, CriterionKind.BONUS),
        _capped(points, nodes, CriterionKind.PENALTY),
        groups,
    )


def _leaves_under(node: Node):
    for c in node.children:
        if c.is_leaf:
            yield c
        else:
            yield from _leaves_under(c)


def sheet_scores(
    table: ScoringTable, member, scorer=None, *, panel: bool = False
) -> dict[int, Score]:
    qs = Score.objects.filter(table=table, member=member)
    qs = qs.filter(is_panel=True) if panel else qs.filter(is_panel=False, scorer=scorer)
    return {s.criterion_id: s for s in qs}


def sheet_evidence(table: ScoringTable, member) -> dict[int, list[ScoreEvidence]]:
    out: dict[int, list[ScoreEvidence]] = defaultdict(list)
    for ev in (
        ScoreEvidence.objects.filter(table=table, member=member)
        .select_related("file")
        .order_by("id")
    ):
        out[ev.criterion_id].append(ev)
    return out


def sheet_progress(table: ScoringTable) -> dict[tuple[int | None, int, bool], int]:
    """Number of scored leaves per (scorer, member, panel): one grouped query."""
    rows = (
        Score.objects.filter(table=table)
        .values("scorer_id", "member_id", "is_panel")
        .order_by()
        .annotate(n=Count("id"))
    )
    return {(r["scorer_id"], r["member_id"], r["is_panel"]): r["n"] for r in rows}


@dataclass
class MissingSheet:
    """A required sheet with no score at all: the member's self-score (``scorer is member``),
    another member's cross sheet, or the panel's sheet (``panel``)."""

    member: object  # orgs.Unit
    scorer: object | None  # orgs.Unit; None for the panel
    panel: bool = False
    reason: str = ""

    @property
    def key(self) -> str:
        return f"{self.member.pk}-{'panel' if self.panel else self.scorer.pk}"

    @property
    def is_self(self) -> bool:
        return not self.panel and self.scorer.pk == self.member.pk

    @property
    def label(self) -> str:
        if self.panel:
            return f"phiếu chấm của tổ chấm → {self.member.name}"
        if self.is_self:
            return f"phiếu tự chấm của {self.member.name}"
        return f"phiếu chấm chéo {self.scorer.name} → {self.member.name}"


def missing_sheets(
    table: ScoringTable, members: list[BlocMember] | None = None
) -> list[MissingSheet]:
    """The table's required sheets that have no score, with any recorded reason.

    Required: each member's self-score sheet; for AVERAGE_OTHERS every other member's cross
    sheet of each member; for PANEL the panel's sheet of each member. Two queries (scores
    grouped by sheet, reasons) plus the members when not given."""
    if members is None:
        members = list(BlocMember.objects.filter(bloc_id=table.bloc_id).select_related("unit"))
    units = sorted((m.unit for m in members), key=lambda u: (u.sort_key, u.pk))
    done = set(sheet_progress(table))
    reasons = {
        (r.member_id, r.scorer_id, r.is_panel): r.reason
        for r in MissingSheetReason.objects.filter(table=table)
    }
    out = []
    for member in units:
        if table.method == CrossScoringMethod.PANEL:
            required = [(member, False), (None, True)]
        else:
            required = [(member, False)] + [(s, False) for s in units if s.pk != member.pk]
        for scorer, panel in required:
            key = (None if panel else scorer.pk, member.pk, panel)
            if key in done:
                continue
            reason = reasons.get((member.pk, key[0], panel), "")
            out.append(MissingSheet(member, scorer, panel, reason))
    return out


# --- ranking ---------------------------------------------------------------------------------


@dataclass
class RankRow:
    member: BlocMember
    self_total: Decimal | None
    cross_total: Decimal
    bonus: Decimal
    penalty: Decimal
    final: Decimal
    scorers: int
    female_share: Decimal | None = None
    rank: int = 0
    tie_note: str = ""
    bar: int = 0  # bar length in the chart, 0–100

    @property
    def unit(self):
        return self.member.unit


def _buckets(nodes: list[Node]) -> dict[str, tuple[int | None, list[int]]]:
    """Bonus and penalty sections of one table by ordinal name (``b0``, ``b1``…, ``p0``…):
    (capping group id or None, leaf ids)."""
    out = {}
    for kind, prefix in ((CriterionKind.BONUS, "b"), (CriterionKind.PENALTY, "p")):
        for i, (section, ids) in enumerate(_sections(nodes, kind).items()):
            out[f"{prefix}{i}"] = (section, ids)
    return out


def compute_ranking(table: ScoringTable, *, members: list[BlocMember] | None = None,
                    nodes: list[Node] | None = None) -> list[RankRow]:  # fmt: skip
    """The table's ranking (see ``compute_rankings``)."""
    return compute_rankings(
        [table],
        members={table.bloc_id: members} if members is not None else None,
        nodes={table.pk: nodes} if nodes is not None else None,
    )[table.pk]


def compute_rankings(tables: list[ScoringTable], *, members: dict[int, list[BlocMember]] | None = None,
                     nodes: dict[int, list[Node]] | None = None) -> dict[int, list[RankRow]]:  # fmt: skip
    """Rankings of many tables from every score row with ONE aggregate query grouped by
    (table, member, scorer, panel) — the bonus and penalty sections are filtered sums over the
    union of their leaf ids (criterion ids are unique across tables) — plus one query for the
    members and one for the criteria when not given, and one for female shares when a tie
    needs them."""
    if not tables:
        return {}
    if members is None:
        members = defaultdict(list)
        for m in BlocMember.objects.filter(bloc_id__in={t.bloc_id for t in tables}).select_related(
            "unit"
        ):
            members[m.bloc_id].append(m)
    if nodes is None:
        by_table = defaultdict(list)
        for c in Criterion.objects.filter(table__in=tables).order_by("position", "id"):
            by_table[c.table_id].append(c)
        nodes = {t.pk: criteria_tree(t, by_table[t.pk]) for t in tables}
    buckets = {t.pk: _buckets(nodes[t.pk]) for t in tables}
    union: dict[str, list[int]] = defaultdict(list)
    for per_table in buckets.values():
        for name, (_section, ids) in per_table.items():
            union[name] += ids
    annotations = {"all": Sum("points")}
    annotations.update(
        {name: Sum("points", filter=Q(criterion_id__in=ids)) for name, ids in union.items()}
    )
    rows = (
        Score.objects.filter(table_id__in=[t.pk for t in tables])
        .values_list("table_id", "member_id", "scorer_id", "is_panel")
        .order_by()
        .annotate(**annotations)
    )
    names = list(annotations)[1:]
    member_ids = {t.pk: {m.unit_id for m in members.get(t.bloc_id) or []} for t in tables}
    caps = {
        t.pk: {
            name: (_caps(nodes[t.pk]).get(sec) if sec else None)
            for name, (sec, _ids) in buckets[t.pk].items()
        }
        for t in tables
    }
    sheets: dict[tuple[int, int], dict] = defaultdict(
        lambda: {"self": None, "others": [], "panel": None}
    )
    for table_id, mid, scorer_id, is_panel, total, *sums in rows:
        if mid not in member_ids[table_id]:
            continue
        bonus = penalty = raw = ZERO
        table_caps = caps[table_id]
        for name, value in zip(names, sums, strict=True):
            if value is None or name not in table_caps:
                continue
            raw += value
            cap = table_caps[name]
            value = min(value, cap) if cap is not None else value
            if name[0] == "b":
                bonus += value
            else:
                penalty += value
        sheet = ((total or ZERO) - raw, bonus, penalty)
        slot = sheets[(table_id, mid)]
        if is_panel:
            slot["panel"] = sheet
        elif scorer_id == mid:
            slot["self"] = sheet
        elif scorer_id in member_ids[table_id]:
            slot["others"].append(sheet)
    results = {}
    for t in tables:
        result = []
        for m in members.get(t.bloc_id) or []:
            data = sheets.get((t.pk, m.unit_id)) or {"self": None, "others": [], "panel": None}
            own = data["self"]
            self_total = q2(own[0] + own[1] - own[2]) if own else None
            used = (
                ([data["panel"]] if data["panel"] else [])
                if t.method == CrossScoringMethod.PANEL
                else data["others"]
            )
            n = len(used)
            if n:
                base = sum((s[0] for s in used), ZERO) / n
                bonus = sum((s[1] for s in used), ZERO) / n
                penalty = sum((s[2] for s in used), ZERO) / n
            else:
                base = bonus = penalty = ZERO
            result.append(RankRow(m, self_total, q2(base), q2(bonus), q2(penalty), q2(base + bonus - penalty), n,
                                  female_share=m.female_share))  # fmt: skip
        results[t.pk] = result
    fill_female_shares(
        [r for result in results.values() for r in _tied(result) if r.female_share is None]
    )
    for t in tables:
        result = results[t.pk]
        _order(t, result)
        top = max((r.final for r in result), default=ZERO)
        for r in result:
            r.bar = int((r.final / top * 100).to_integral_value()) if top > 0 else 0
    return results


def _tied(rows: list[RankRow]) -> list[RankRow]:
    count: dict[Decimal, int] = defaultdict(int)
    for r in rows:
        count[r.final] += 1
    return [r for r in rows if count[r.final] > 1]


TIE_KEYS = {
    TieBreak.CROSS_TOTAL: lambda r: -r.cross_total,
    TieBreak.SELF_TOTAL: lambda r: -(r.self_total or ZERO),
    TieBreak.FEWER_PENALTIES: lambda r: r.penalty,
    TieBreak.MORE_BONUS: lambda r: -r.bonus,
    TieBreak.FEMALE_SHARE: lambda r: 0 if (r.female_share or ZERO) >= FEMALE_THRESHOLD else 1,
}


def tie_order(table: ScoringTable) -> list[str]:
    """The table's configured tie-break keys, then the female-share rule (always last)."""
    keys = [
        k for k in (table.tie_break or []) if k in TieBreak.values and k != TieBreak.FEMALE_SHARE
    ]
    return [*keys, TieBreak.FEMALE_SHARE]


def _order(table: ScoringTable, rows: list[RankRow]) -> None:
    by_final: dict[Decimal, list[RankRow]] = defaultdict(list)
    for r in rows:
        by_final[r.final].append(r)
    order = tie_order(table)

    def key(r):
        return (-r.final, *(TIE_KEYS[k](r) for k in order))

    rows.sort(key=lambda r: (key(r), r.unit.sort_key, r.unit.pk))
    labels = dict(TieBreak.choices)
    for i, r in enumerate(rows):
        r.rank = rows[i - 1].rank if i and key(rows[i - 1]) == key(r) else i + 1
        if len(by_final[r.final]) == 1:
            continue
        neighbour = (
            rows[i + 1] if i + 1 < len(rows) and rows[i + 1].final == r.final else rows[i - 1]
        )
        above = rows.index(neighbour) > i
        differing = next((k for k in order if TIE_KEYS[k](r) != TIE_KEYS[k](neighbour)), None)
        if differing is None:
            r.tie_note = f"Bằng điểm và mọi tiêu chí phụ với {neighbour.unit.name}"
        else:
            word = "Xếp trên" if above else "Xếp sau"
            r.tie_note = f"Bằng điểm; {word} {neighbour.unit.name} theo: {labels[differing]}"


def fill_female_shares(rows: list[RankRow]) -> None:
    """Female share of members without a recorded one, from the people of each member's
    subtree (orgs.Person.gender), in one aggregate query."""
    if not rows:
        return
    aggs = {}
    for r in rows:
        under = Q(unit__path__startswith=r.unit.path)
        aggs[f"t{r.unit.pk}"] = Count("id", filter=under)
        aggs[f"f{r.unit.pk}"] = Count("id", filter=under & Q(gender=Gender.FEMALE))
    scope = reduce(or_, (Q(unit__path__startswith=r.unit.path) for r in rows))
    counts = Person.objects.filter(scope).aggregate(**aggs)
    for r in rows:
        total = counts[f"t{r.unit.pk}"]
        r.female_share = (
            (Decimal(counts[f"f{r.unit.pk}"]) / total).quantize(Decimal("0.001")) if total else ZERO
        )


def locked_ranking(bloc) -> dict[int, RankingResult]:
    """The ranking stored when the bloc's table in use was last locked, by member unit id."""
    table = (
        ScoringTable.objects.filter(bloc=bloc, status=ScoringStatus.LOCKED)
        .order_by("-version")
        .first()
    )
    if table is None:
        return {}
    return {r.member_id: r for r in RankingResult.objects.filter(table=table)}
