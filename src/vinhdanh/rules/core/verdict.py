"""What the engine answers: one verdict per subject, target and achievement year.

Every verdict lists each check with met/not met, its legal citation and a Vietnamese sentence
saying what was required and what the records show (RULES.md, "How the engine reads a
history"). `to_dict()` is the JSON shape of one entry of the what-if response's "results".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from .money import Reward

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
HELD = "held"
MANUAL = "manual"
STATUSES = (ELIGIBLE, NOT_ELIGIBLE, HELD, MANUAL)


class Check:
    """One rule's result: rule id, met, citation and the Vietnamese sentence (`message`).

    Bulk runs create millions of checks and read the sentence of very few, so the sentence
    may be given as a zero-argument callable (what a rule's check function returns) and is
    produced on first access, then kept. Equality, iteration and `to_dict()` behave as for
    the (rule, met, citation, message) tuple this used to be.
    """

    __slots__ = ("rule", "met", "citation", "_message")

    def __init__(self, rule: str, met: bool, citation: str, message: str | Callable[[], str]):
        self.rule = rule
        self.met = met
        self.citation = citation
        self._message = message

    @property
    def message(self) -> str:
        message = self._message
        if message.__class__ is not str:
            message = self._message = message()
        return message

    def _fields(self) -> tuple[str, bool, str, str]:
        return (self.rule, self.met, self.citation, self.message)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._fields())

    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> Any:
        if index.__class__ is not int and not isinstance(index, slice):
            # Templates try c["message"] before c.message: refuse without formatting anything.
            raise TypeError("Check indices must be integers")
        return self._fields()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Check):
            return self._fields() == other._fields()
        if isinstance(other, tuple):
            return self._fields() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Check(rule={self.rule!r}, met={self.met!r}, citation={self.citation!r}, "
            f"message={self.message!r})"
        )

    def __reduce__(self):
        return (Check, self._fields())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "met": self.met,
            "citation": self.citation,
            "message": self.message,
        }


class ManualGround(NamedTuple):
    """A ground that people judge (e.g. an ad hoc achievement under Luật Điều 74)."""

    ground: str
    citation: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"ground": self.ground, "citation": self.citation, "message": self.message}


class Verdict(NamedTuple):
    """One subject judged for one target and year (a NamedTuple: bulk runs make ~10 per
    subject, and tuple construction is several times cheaper than a frozen dataclass)."""

    target: str
    year: int
    status: str
    checks: tuple[Check, ...]
    manual_grounds: tuple[ManualGround, ...] = ()
    council_vote_threshold: float | None = None
    reward: Reward | None = None
    council_vote_citation: str | None = None  # the text setting the share on the date

    @property
    def eligible(self) -> bool:
        return self.status == ELIGIBLE

    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.met)

    def check(self, rule: str) -> Check:
        """The check of rule id `rule` (KeyError when the verdict has none)."""
        for c in self.checks:
            if c.rule == rule:
                return c
        raise KeyError(rule)

    def with_reward(self, reward: Reward | None) -> Verdict:
        return self._replace(reward=reward)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "status": self.status,
            "checks": [c.to_dict() for c in self.checks],
            "manual_grounds": [g.to_dict() for g in self.manual_grounds],
            "council_vote_threshold": self.council_vote_threshold,
            "council_vote_citation": self.council_vote_citation,
            "reward": self.reward.to_dict() if self.reward is not None else None,
        }
