"""Rules as data: each rule has an id, a target, a citation, a confidence mark, a version
(valid-from date), parameters with defaults and a pure check function (RULES.md, preamble).

Several versions of one rule id may exist; the engine uses, for achievement year Y, the
version with the latest `valid_from` on or before 31 December of Y (its evaluation date: the
engine judges a year's record, it has no act date; RULES.md "Which version applies" names the
act's date, which callers that have one, such as money on a decision date, use instead).
A check may answer None instead of True/False: the rule cannot be judged by the engine (e.g.
HCLD1's counts while their parameters are empty), so a path whose other checks are met gives
the verdict "manual", never "eligible". When every version is
newer than that date (a year before the encoded texts took effect) the earliest version is
used, because the engine encodes no older law; the listing screen shows each valid_from.

Parameters are keyed by a dotted name namespaced by the target ("ldtt.min_months",
"ttldtt.ldtt_share"); a jurisdiction overrides them with a mapping of those keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Subject

# A check's sentence: the text, or a zero-argument callable producing it (formatted only when
# read: bulk runs judge millions of checks and read the sentences of very few).
Message = str | Callable[[], str]
CheckFn = Callable[["Subject", int, Mapping[str, Any]], tuple[bool, Message]]

TEXT = "text"
SUMMARY = "summary"
CONVENTION = "convention"
CONFIDENCES = (TEXT, SUMMARY, CONVENTION)
ANY = "*"


def reference_date(year: int) -> date:
    """The date a rule version must be valid on to judge achievement year `year`."""
    return date(year, 12, 31)


@dataclass(frozen=True)
class Param:
    """A value the Law leaves to a ministry or province (RULES.md), with its default."""

    key: str
    default: int | Decimal | None
    description: str
    minimum: int | Decimal = 0
    maximum: int | Decimal | None = None

    def coerce(self, value: object) -> int | Decimal:
        """Validate an override; raises ValueError with the key in the message."""
        if value is None and self.default is None:
            return None  # an empty parameter stays empty (its rule answers "manual")
        if self.default is None or isinstance(self.default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{self.key}: expected an integer, got {value!r}")
            result: int | Decimal = value
        else:
            if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
                raise ValueError(f"{self.key}: expected a number, got {value!r}")
            try:
                result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            except InvalidOperation:
                raise ValueError(f"{self.key}: expected a number, got {value!r}") from None
            if not result.is_finite():
                raise ValueError(f"{self.key}: expected a finite number, got {value!r}")
        assert result is not None
        if result < self.minimum or (self.maximum is not None and result > self.maximum):
            upper = "∞" if self.maximum is None else self.maximum
            raise ValueError(f"{self.key}: {value!r} outside [{self.minimum}, {upper}]")
        return result


@dataclass(frozen=True)
class Rule:
    id: str
    target: str
    kind: str
    citation: str
    confidence: str
    valid_from: date
    description: str
    check: CheckFn = field(repr=False, compare=False)
    params: tuple[Param, ...] = ()
    may_defer: bool = False  # the check may answer None: "judged by people"

    def __post_init__(self) -> None:
        if self.confidence not in CONFIDENCES:
            raise ValueError(f"{self.id}: confidence must be one of {CONFIDENCES}")

    def to_dict(self) -> dict[str, Any]:
        """For a listing screen: rule, citation, version and parameters (no function)."""
        return {
            "id": self.id,
            "target": self.target,
            "kind": self.kind,
            "citation": self.citation,
            "confidence": self.confidence,
            "valid_from": self.valid_from.isoformat(),
            "description": self.description,
            "params": [
                {"key": p.key, "default": p.default, "description": p.description}
                for p in self.params
            ],
        }


@dataclass(frozen=True)
class GroundSpec:
    """A ground judged by people; `message` may use {year} and {name}. `dated` holds
    (valid_from, citation) pairs: the citation in force on the evaluation date replaces
    `citation` (the text in force before the first pair)."""

    ground: str
    citation: str
    message: str
    dated: tuple[tuple[date, str], ...] = ()

    def citation_on(self, on: date) -> str:
        chosen = self.citation
        for start, citation in sorted(self.dated):
            if start <= on:
                chosen = citation
        return chosen


@dataclass(frozen=True)
class TargetSpec:
    """How one target is judged for one kind of subject.

    `paths`: the target is eligible when every rule of at least one path is met (most
    targets have one path; BK_TINH for an individual has two). No paths means the engine has
    no regular rules and the verdict is "manual" with the `manual` grounds. `discretionary`
    grounds are listed when no path is met (e.g. the other grounds of Luật Điều 74).
    """

    code: str
    kind: str
    paths: tuple[tuple[str, ...], ...] = ()
    discretionary: tuple[GroundSpec, ...] = ()
    manual: tuple[GroundSpec, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for path in self.paths:
            for rule_id in path:
                seen.setdefault(rule_id, None)
        return tuple(seen)


class Registry:
    """Every rule version and target definition the engine knows."""

    def __init__(self) -> None:
        self._rules: dict[str, list[Rule]] = {}
        self._targets: dict[tuple[str, str], TargetSpec] = {}

    def copy(self) -> Registry:
        other = Registry()
        other._rules = {k: list(v) for k, v in self._rules.items()}
        other._targets = dict(self._targets)
        return other

    def add_target(self, spec: TargetSpec) -> None:
        self._targets[(spec.code, spec.kind)] = spec

    def register(self, rule: Rule, *, extends_target: bool = False) -> None:
        """Add a rule version. With `extends_target`, a new rule id also becomes an extra
        condition on every path of its target (Luật Điều 24 khoản 4 lets ministries and
        provinces add details to LĐTT, for instance)."""
        versions = self._rules.setdefault(rule.id, [])
        if any(v.valid_from == rule.valid_from for v in versions):
            raise ValueError(f"{rule.id}: a version valid from {rule.valid_from} exists")
        versions.append(rule)
        versions.sort(key=lambda r: r.valid_from)
        if extends_target:
            spec = self._targets.get((rule.target, rule.kind))
            if spec is None:
                raise ValueError(f"{rule.id}: no target {rule.target} for {rule.kind}")
            if rule.id not in spec.rule_ids:
                paths = tuple((*path, rule.id) for path in spec.paths) or ((rule.id,),)
                self.add_target(
                    TargetSpec(spec.code, spec.kind, paths, spec.discretionary, spec.manual)
                )

    def versions(self, rule_id: str) -> tuple[Rule, ...]:
        return tuple(self._rules[rule_id])

    def version(self, rule_id: str, on: date) -> Rule:
        """The version with the latest valid_from <= `on` (earliest version if none is)."""
        versions = self._rules[rule_id]
        chosen = versions[0]
        for v in versions:
            if v.valid_from <= on:
                chosen = v
        return chosen

    def all_rules(self) -> list[Rule]:
        """Every version of every rule, in registration order of ids, oldest version first."""
        return [v for versions in self._rules.values() for v in versions]

    def target(self, code: str, kind: str) -> TargetSpec | None:
        return self._targets.get((code, kind))

    def targets(self, kind: str) -> tuple[str, ...]:
        """Codes with a definition for `kind`, in definition order."""
        return tuple(code for (code, k) in self._targets if k == kind)

    def param_specs(self) -> dict[str, Param]:
        specs: dict[str, Param] = {}
        for rule in self.all_rules():
            for p in rule.params:
                specs[p.key] = p
        return specs

    def validate_params(self, overrides: Mapping[str, object] | None) -> dict[str, object]:
        """Check override keys and values; raises ValueError naming the bad key."""
        if not overrides:
            return {}
        specs = self.param_specs()
        result: dict[str, object] = {}
        for key, value in overrides.items():
            spec = specs.get(key)
            if spec is None:
                known = ", ".join(sorted(specs)) or "none"
                raise ValueError(f"unknown rule parameter {key!r}; known: {known}")
            result[key] = spec.coerce(value)
        return result
