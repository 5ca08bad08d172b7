"""Pure-Python core of the eligibility engine (no Django): histories, rules as versioned
data with citations, verdicts, reward money, the JSON what-if contract and forecasts."""

from __future__ import annotations

from .catalogue import Catalogue, CodeInfo
from .contract import ContractError, Request, evaluate_request, handle, parse_request
from .defaults import CATALOGUE
from .engine import Engine, Subject, default_engine, evaluate, evaluate_many
from .forecast import FORM_CHAIN, TITLE_CHAIN, Forecast, forecast, next_target
from .history import Held, History, Initiative, Members
from .money import Line, Payout, Reward, base_salary_on, payable, reward_amount, reward_for
from .registry import GroundSpec, Param, Registry, Rule, TargetSpec, reference_date
from .targets import DEFAULT_REGISTRY, build_registry
from .verdict import Check, ManualGround, Verdict


def all_rules() -> list[Rule]:
    """Every version of every built-in rule (for the rules screen)."""
    return DEFAULT_REGISTRY.all_rules()


def rule_version(rule_id: str, year: int) -> Rule:
    """The version of `rule_id` that judges achievement year `year` (valid on 31/12/year)."""
    return DEFAULT_REGISTRY.version(rule_id, reference_date(year))


__all__ = [
    "CATALOGUE",
    "DEFAULT_REGISTRY",
    "FORM_CHAIN",
    "TITLE_CHAIN",
    "Catalogue",
    "Check",
    "CodeInfo",
    "ContractError",
    "Engine",
    "Forecast",
    "GroundSpec",
    "Held",
    "History",
    "Initiative",
    "Line",
    "ManualGround",
    "Members",
    "Param",
    "Payout",
    "Registry",
    "Request",
    "Reward",
    "Rule",
    "Subject",
    "TargetSpec",
    "Verdict",
    "all_rules",
    "base_salary_on",
    "build_registry",
    "default_engine",
    "evaluate",
    "evaluate_many",
    "evaluate_request",
    "forecast",
    "handle",
    "next_target",
    "parse_request",
    "payable",
    "reference_date",
    "reward_amount",
    "reward_for",
    "rule_version",
]
