"""The eligibility engine: judges one subject for one target and achievement year.

RULES.md, "How the engine reads a history": a title for year Y that is not recorded but is
found eligible in the same run counts as held in Y. A `Subject` is one run (one history, one
year); it memoises each target's outcome so each (target, Y) is judged once per subject, and
a target that needs a lower title for Y (CSTĐCS for CSTĐ cấp tỉnh, LĐTT for CSTĐCS...) asks
the subject, which judges the lower title on demand.

Principle 1 (NĐ 152/2025 Điều 4): while `pending_review` is true the verdict is "held"; the
checks are still listed so a person sees what the outcome would be.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, TypeVar

from .catalogue import Catalogue
from .codes import KIND_NAMES, LAW, short_name
from .defaults import CATALOGUE
from .history import History
from .registry import CheckFn, Registry, reference_date
from .verdict import ELIGIBLE, HELD, MANUAL, NOT_ELIGIBLE, Check, ManualGround, Verdict

K = TypeVar("K")

PENDING_RULE = "general.pending_review"
_EMPTY: frozenset[int] = frozenset()
_IN_PROGRESS = object()


@dataclass(frozen=True, slots=True)
class _Step:
    rule: str
    citation: str
    check: CheckFn
    params: Mapping[str, Any]
    may_defer: bool = False


@dataclass(frozen=True, slots=True)
class _Plan:
    """A target's rules resolved for one kind and year: versions picked, params merged."""

    code: str
    kind: str
    year: int
    steps: tuple[_Step, ...]
    paths: tuple[tuple[int, ...], ...]
    discretionary: tuple[ManualGround, ...]
    manual: tuple[ManualGround, ...]
    threshold: float | None
    step_paths: tuple[frozenset[int], ...] = ()  # per step, the paths that include it
    calls: tuple[tuple[CheckFn, Mapping[str, Any]], ...] = ()  # (check, params) per step
    threshold_citation: str | None = None
    may_defer: bool = False  # a step may answer None ("judged by people")


class _Outcome(NamedTuple):
    checks: tuple[Check, ...]
    met: bool
    deferred: bool = False  # not met, but a path is open save for checks people judge


class Subject:
    """One run: one history judged for achievement year `year`.

    Rule check functions receive the subject and ask it questions; `holds` is the only one
    that may judge another target (and only for the run's own year).
    """

    __slots__ = ("h", "year", "kind", "_engine", "_plans", "_memo", "_met", "_pending")

    def __init__(self, engine: Engine, history: History, year: int) -> None:
        self.h = history
        self.year = year
        self.kind = history.kind
        self._engine = engine
        self._plans = engine.plans_of(history.kind, year)
        self._memo: dict[str, Any] = {}
        self._met: dict[str, Any] = {}
        self._pending: Check | None = None

    def holds(self, code: str, year: int) -> int:
        """0: not held; 1: recorded; 2: not recorded but found eligible in this run (year Y)."""
        if year in self.h.years.get(code, _EMPTY):
            return 1
        if year == self.year and self.met(code):
            return 2
        return 0

    def held_years(self, code: str, lo: int, hi: int) -> tuple[list[int], int | None]:
        """Years in [lo, hi] in which `code` is held, and the year inferred in this run."""
        recorded = self.h.years.get(code, _EMPTY)
        years = sorted(y for y in recorded if lo <= y <= hi)
        y = self.year
        if lo <= y <= hi and y not in recorded and self.met(code):
            years.append(y)
            years.sort()
            return years, y
        return years, None

    def met(self, code: str) -> bool:
        """Whether the regular criteria of `code` are met for the run's year (memoised).

        When the full outcome (every check) is not known yet, only as many checks run as it
        takes to decide: a single-path target stops at its first unmet check, a target with
        several paths once every path has an unmet check. Check functions are pure, so the
        answer is the one `outcome(code).met` gives; the checks are built only when a verdict
        asks for them.
        """
        found = self._memo.get(code)
        if found is not None:
            return found is not _IN_PROGRESS and found.met
        known = self._met.get(code)
        if known is not None:
            return known is True  # _IN_PROGRESS: a cycle between targets, not inferred
        plan = self._plans.get(code) or self._plan(code)
        if not plan.paths:
            self._met[code] = False
            return False
        self._met[code] = _IN_PROGRESS
        try:
            result = self._decide(plan)
        except BaseException:
            del self._met[code]
            raise
        self._met[code] = result
        return result

    def _plan(self, code: str) -> _Plan:
        return self._engine.plan(code, self.kind, self.year)

    def _decide(self, plan: _Plan) -> bool:
        year = self.year
        if len(plan.paths) == 1:
            for check, params in plan.calls:  # noqa: SIM110 - a plain loop is cheaper than all()
                if not check(self, year, params)[0]:
                    return False
            return True
        alive = set(range(len(plan.paths)))
        for step, paths in zip(plan.steps, plan.step_paths, strict=True):
            if not paths & alive:
                continue  # no path still open needs this check
            if not step.check(self, year, step.params)[0]:
                alive -= paths
                if not alive:
                    return False
        return True

    def status(self, code: str) -> str:
        """The status `verdict(code)` would have, without building its checks."""
        pending = self._pending
        if pending is None:
            pending = self.pending_check()
        if not pending.met:
            return HELD
        found = self._met.get(code)
        if found is True:
            return ELIGIBLE
        plan = self._plans.get(code) or self._plan(code)
        if not plan.paths:
            return MANUAL
        if self.met(code):
            return ELIGIBLE
        if plan.may_defer:
            outcome = self.outcome(code)
            if outcome is not None and outcome.deferred:
                return MANUAL
        return NOT_ELIGIBLE

    def outcome(self, code: str) -> _Outcome | None:
        memo = self._memo
        found = memo.get(code)
        if found is _IN_PROGRESS:
            return None  # a cycle between targets: the inner one is not inferred
        if found is not None:
            return found
        plan = self._plans.get(code) or self._plan(code)
        if not plan.paths:
            memo[code] = _NO_RULES
            return _NO_RULES
        memo[code] = _IN_PROGRESS
        try:
            year = self.year
            checks = []
            all_met = True
            answers = []
            for step in plan.steps:
                met, message = step.check(self, year, step.params)
                answers.append(met)
                met = met is True
                all_met = all_met and met
                checks.append(Check(step.rule, met, step.citation, message))
            if not all_met and len(plan.paths) > 1:  # another path may still be met
                all_met = any(all(checks[i].met for i in path) for path in plan.paths)
            deferred = (
                not all_met
                and plan.may_defer
                and any(all(answers[i] is not False for i in path) for path in plan.paths)
            )
            result = _Outcome(tuple(checks), all_met, deferred)
        except BaseException:
            del memo[code]
            raise
        memo[code] = result
        return result

    def pending_check(self) -> Check:
        if self._pending is None:
            step = self._engine.pending_step(self.year)
            met, message = step.check(self, self.year, step.params)
            self._pending = Check(step.rule, met, step.citation, message)
        return self._pending

    def verdict(self, code: str) -> Verdict:
        plan = self._plans.get(code) or self._plan(code)
        outcome = self.outcome(code)
        checks = outcome.checks if outcome is not None else ()
        pending = self.pending_check()
        if not plan.paths:
            status = MANUAL
            grounds = plan.manual
        else:
            met = outcome is not None and outcome.met
            status = ELIGIBLE if met else NOT_ELIGIBLE
            if not met and outcome is not None and outcome.deferred:
                status = MANUAL
            grounds = () if met else plan.discretionary
        if not pending.met:
            status = HELD
        return Verdict(
            code,
            self.year,
            status,
            (*checks, pending),
            grounds,
            plan.threshold,
            None,
            plan.threshold_citation,
        )


_NO_RULES = _Outcome((), False)


class Engine:
    """Judges histories with a registry of rules, jurisdiction parameters and a catalogue.

    Build it once and reuse it: resolved plans (rule versions and parameters per target,
    kind and year) are cached.
    """

    def __init__(
        self,
        *,
        registry: Registry | None = None,
        params: Mapping[str, object] | None = None,
        catalogue: Catalogue | None = None,
    ) -> None:
        if registry is None:
            from .targets import DEFAULT_REGISTRY

            registry = DEFAULT_REGISTRY
        self.registry = registry
        self.catalogue = catalogue if catalogue is not None else CATALOGUE
        self.params = registry.validate_params(params)
        self._plans: dict[tuple[str, str, int], _Plan] = {}
        self._by_kind_year: dict[tuple[str, int], dict[str, _Plan]] = {}
        self._pending: dict[int, _Step] = {}

    # -- plans -------------------------------------------------------------------------------

    def _step(self, rule_id: str, on: date) -> _Step:
        rule = self.registry.version(rule_id, on)
        values: dict[str, Any] = {}
        for p in rule.params:
            override = self.params.get(p.key)
            values[p.key] = p.default if override is None else p.coerce(override)
        return _Step(rule.id, rule.citation, rule.check, values, rule.may_defer)

    def pending_step(self, year: int) -> _Step:
        step = self._pending.get(year)
        if step is None:
            step = self._pending[year] = self._step(PENDING_RULE, reference_date(year))
        return step

    def plan(self, code: str, kind: str, year: int) -> _Plan:
        key = (code, kind, year)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._build_plan(code, kind, year)
            self.plans_of(kind, year)[code] = plan
        return plan

    def plans_of(self, kind: str, year: int) -> dict[str, _Plan]:
        """{target: plan} resolved so far for `kind` and `year` (filled by `plan`); subjects
        look their plans up here with the target code alone."""
        key = (kind, year)
        found = self._by_kind_year.get(key)
        if found is None:
            found = self._by_kind_year[key] = {}
        return found

    def _build_plan(self, code: str, kind: str, year: int) -> _Plan:
        on = reference_date(year)
        spec = self.registry.target(code, kind)
        name = self.catalogue.name(code) if code in self.catalogue.codes else short_name(code)
        threshold, threshold_citation = self.catalogue.threshold_on(code, on)

        def grounds(specs: Iterable[Any]) -> tuple[ManualGround, ...]:
            return tuple(
                ManualGround(g.ground, g.citation_on(on), g.message.format(year=year, name=name))
                for g in specs
            )

        if spec is None:
            generic = ManualGround(
                "manual.no_rules",
                LAW,
                f"Công cụ chưa có tiêu chí tự động cho {name} ({KIND_NAMES.get(kind, kind)}) "
                f"năm {year}; hồ sơ do cán bộ thi đua, khen thưởng và Hội đồng Thi đua – Khen "
                "thưởng xem xét theo quy định.",
            )
            return _Plan(
                code,
                kind,
                year,
                (),
                (),
                (),
                (generic,),
                threshold,
                threshold_citation=threshold_citation,
            )
        ids = spec.rule_ids
        steps = tuple(self._step(rule_id, on) for rule_id in ids)
        index = {rule_id: i for i, rule_id in enumerate(ids)}
        paths = tuple(tuple(index[r] for r in path) for path in spec.paths)
        step_paths = tuple(
            frozenset(p for p, path in enumerate(paths) if i in path) for i in range(len(steps))
        )
        return _Plan(
            code,
            kind,
            year,
            steps,
            paths,
            grounds(spec.discretionary),
            grounds(spec.manual),
            threshold,
            step_paths,
            tuple((step.check, step.params) for step in steps),
            threshold_citation,
            any(step.may_defer for step in steps),
        )

    # -- evaluation --------------------------------------------------------------------------

    def default_targets(self, kind: str) -> tuple[str, ...]:
        return self.registry.targets(kind)

    def subject(self, history: History, year: int) -> Subject:
        return Subject(self, history, year)

    def verdict(self, history: History, target: str, year: int) -> Verdict:
        return Subject(self, history, year).verdict(target)

    def evaluate(
        self, history: History, year: int, targets: Sequence[str] | None = None
    ) -> list[Verdict]:
        subject = Subject(self, history, year)
        codes = self.registry.targets(history.kind) if targets is None else targets
        return [subject.verdict(code) for code in codes]

    def evaluate_many(
        self,
        histories: Iterable[tuple[K, History]],
        year: int,
        targets: Sequence[str] | None = None,
    ) -> Iterator[tuple[K, Verdict]]:
        """Yield (key, verdict) for every history and target, lazily, in input order."""
        by_kind: dict[str, Sequence[str]] = {}
        for key, history in histories:
            codes = targets
            if codes is None:
                codes = by_kind.get(history.kind)
                if codes is None:
                    codes = by_kind[history.kind] = self.registry.targets(history.kind)
            subject = Subject(self, history, year)
            for code in codes:
                yield key, subject.verdict(code)


_DEFAULT_ENGINE: Engine | None = None


def default_engine() -> Engine:
    global _DEFAULT_ENGINE
    if _DEFAULT_ENGINE is None:
        _DEFAULT_ENGINE = Engine()
    return _DEFAULT_ENGINE


def evaluate(
    history: History,
    target: str,
    year: int,
    *,
    params: Mapping[str, object] | None = None,
) -> Verdict:
    """Judge one history for one target and achievement year."""
    engine = default_engine() if not params else Engine(params=params)
    return engine.verdict(history, target, year)


def evaluate_many(
    histories: Iterable[tuple[K, History]],
    year: int,
    targets: Sequence[str] | None = None,
    params: Mapping[str, object] | None = None,
    *,
    catalogue: Catalogue | None = None,
    registry: Registry | None = None,
) -> Iterator[tuple[K, Verdict]]:
    """Bulk evaluation: (key, verdict) for each history and each target (default: every
    target the registry defines for the history's kind)."""
    if not params and catalogue is None and registry is None:
        engine = default_engine()
    else:
        engine = Engine(registry=registry, params=params, catalogue=catalogue)
    return engine.evaluate_many(histories, year, targets)
