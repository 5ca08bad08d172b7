"""The JSON what-if contract, pure Python (a management command and a Django Ninja endpoint
wrap it).

Request::

    {"year": 2025,
     "subject": {"kind": "individual", "gender": "female", "hired_on": "2025-03-01",
                 "pending_review": false, "ratings": {"2024": "HTT", "2025": "HTXS"},
                 "titles": [{"code": "CSTDCS", "year": 2024}],
                 "awards": [{"code": "BK_TINH", "year": 2019}],
                 "initiatives": [{"kind": "SANG_KIEN", "scope": "CO_SO", "year": 2025}],
                 "members": {"total": 20, "completed": 20, "ldtt": 15, "cstdcs": 1,
                             "warned": 0}},
     "targets": ["CSTDCS", "BK_TINH"],       # optional: default every target of the kind
     "decision_date": "2025-12-20"}          # optional: adds "reward" to each result

With a decision date each result carries "reward": {"multiple", "amount"} computed with the
multiple and base salary in force on that date, or null with "reward_error", a Vietnamese
message naming the missing multiple (e.g. a Bằng khen dated before 01/7/2025, anything dated
before 01/01/2024, or from 01/3/2027 when NĐ 152/2025 has lapsed).

Response: {"year": 2025, "results": [Verdict.to_dict(), ...]}.

Any malformed input raises `ContractError(field, message)` and nothing else; the message is
Vietnamese and names what is wrong, the field is a dotted path ("subject.ratings.2024").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .catalogue import FORM, TITLE, Catalogue, CodeInfo
from .codes import (
    COLLECTIVE,
    GENDERS,
    INDIVIDUAL,
    INITIATIVE_KINDS,
    KIND_NAMES,
    RATING_RANK,
    SCOPE_RANK,
    date_text,
)
from .defaults import CATALOGUE
from .engine import Engine
from .history import Held, History, Initiative, Members
from .money import MoneyError, base_salary_on, compute_reward, reward_for
from .registry import Registry

YEAR_MIN = 1945
YEAR_MAX = 2100
CONTRACT_KINDS = (INDIVIDUAL, COLLECTIVE)

_TOP_KEYS = frozenset({"year", "subject", "targets", "decision_date"})
_SUBJECT_KEYS = frozenset(
    {
        "kind",
        "gender",
        "hired_on",
        "pending_review",
        "ratings",
        "titles",
        "awards",
        "initiatives",
        "members",
    }
)
_MEMBER_KEYS = ("total", "completed", "ldtt", "cstdcs", "warned")
_YEAR_KEY = re.compile(r"[0-9]{1,6}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ContractError(ValueError):
    """Invalid what-if input: `field` is the dotted path, `message` Vietnamese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {"error": {"field": self.field, "message": self.message}}


@dataclass(frozen=True)
class Request:
    year: int
    history: History
    targets: tuple[str, ...] | None = None
    decision_date: date | None = None


# -- small validators -------------------------------------------------------------------------


def _show(value: object) -> str:
    """A short, safe rendering of a user value for a message."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**12:
        return "một số quá lớn"
    try:
        text = repr(value)
    except Exception:  # a value whose repr fails must still give a clean error
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _join(path: str, key: object) -> str:
    name = key if isinstance(key, str) else _show(key)
    return f"{path}.{name}" if path else name


def _object(value: object, path: str, allowed: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        what = "Yêu cầu" if not path else f"Trường '{path}'"
        raise ContractError(path, f"{what} phải là một đối tượng JSON, nhận được {_show(value)}")
    for key in value:
        if not isinstance(key, str) or key not in allowed:
            raise ContractError(
                _join(path, key),
                f"Trường không được hỗ trợ: {_show(key)} (chỉ nhận: {', '.join(sorted(allowed))})",
            )
    return value


def _int(value: object, path: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContractError(path, f"{what} phải là số nguyên, nhận được {_show(value)}")
    return value


def _year(value: object, path: str) -> int:
    year = _int(value, path, "Năm")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ContractError(
            path, f"Năm phải trong khoảng {YEAR_MIN}–{YEAR_MAX}, nhận được {_show(year)}"
        )
    return year


def _date(value: object, path: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ContractError(path, f"Ngày phải có dạng YYYY-MM-DD, nhận được {_show(value)}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ContractError(path, f"Ngày không tồn tại: {_show(value)}") from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ContractError(
            path, f"Năm của ngày phải trong khoảng {YEAR_MIN}–{YEAR_MAX}, nhận được {value}"
        )
    return day


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise ContractError(
            path, f"Trường '{path}' phải là một danh sách, nhận được {_show(value)}"
        )
    return list(value)


def _choice(
    value: object, path: str, allowed: Mapping[str, Any] | tuple[str, ...], what: str
) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ContractError(path, f"{what} không hợp lệ: {_show(value)}")
    return value


def _code(
    value: object, path: str, known: Mapping[str, CodeInfo], group: str | None, kind: str
) -> str:
    noun = {TITLE: "Mã danh hiệu", FORM: "Mã hình thức khen thưởng"}.get(
        group or "", "Mã danh hiệu/hình thức"
    )
    if not isinstance(value, str) or value not in known:
        raise ContractError(path, f"{noun} không hợp lệ: {_show(value)}")
    info = known[value]
    if group is not None and info.group != group:
        other = "danh hiệu thi đua" if info.group == TITLE else "hình thức khen thưởng"
        raise ContractError(path, f"{noun} không hợp lệ: '{value}' là {other}")
    if kind not in info.kinds:
        raise ContractError(path, f"'{value}' không áp dụng cho {KIND_NAMES[kind]}")
    return value


# -- parsing ----------------------------------------------------------------------------------


def _ratings(value: object, path: str) -> dict[int, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ContractError(path, f"Trường '{path}' phải là một đối tượng năm → mã xếp loại")
    ratings: dict[int, str] = {}
    for key, code in value.items():
        field = _join(path, key)
        if isinstance(key, str) and _YEAR_KEY.fullmatch(key):
            year = int(key)
        elif isinstance(key, int) and not isinstance(key, bool):
            year = key
        else:
            raise ContractError(field, f"Năm không hợp lệ: {_show(key)}")
        _year(year, field)
        if year in ratings:
            raise ContractError(field, f"Năm {year} có hai xếp loại")
        ratings[year] = _choice(code, field, RATING_RANK, "Mã xếp loại")
    return ratings


def _held(
    value: object, path: str, known: Mapping[str, CodeInfo], group: str, kind: str
) -> tuple[Held, ...]:
    if value is None:
        return ()
    items = []
    for i, item in enumerate(_list(value, path)):
        field = f"{path}[{i}]"
        obj = _object(item, field, frozenset({"code", "year"}))
        if "code" not in obj or "year" not in obj:
            raise ContractError(field, "Cần có cả 'code' và 'year'")
        code = _code(obj["code"], f"{field}.code", known, group, kind)
        items.append(Held(code, _year(obj["year"], f"{field}.year")))
    return tuple(items)


def _initiatives(value: object, path: str) -> tuple[Initiative, ...]:
    if value is None:
        return ()
    items = []
    for i, item in enumerate(_list(value, path)):
        field = f"{path}[{i}]"
        obj = _object(item, field, frozenset({"kind", "scope", "year"}))
        for key in ("kind", "scope", "year"):
            if key not in obj:
                raise ContractError(f"{field}.{key}", f"Thiếu trường '{key}'")
        kind = _choice(obj["kind"], f"{field}.kind", INITIATIVE_KINDS, "Loại sáng kiến/đề tài")
        scope = _choice(obj["scope"], f"{field}.scope", SCOPE_RANK, "Phạm vi ảnh hưởng")
        items.append(Initiative(kind, scope, _year(obj["year"], f"{field}.year")))
    return tuple(items)


def _members(value: object, path: str) -> Members | None:
    if value is None:
        return None
    obj = _object(value, path, frozenset(_MEMBER_KEYS))
    counts: dict[str, int] = {}
    for key in _MEMBER_KEYS:
        if key not in obj:
            if key == "warned":
                counts[key] = 0
                continue
            raise ContractError(f"{path}.{key}", f"Thiếu trường '{key}'")
        count = _int(obj[key], f"{path}.{key}", "Số thành viên")
        if count < 0:
            raise ContractError(f"{path}.{key}", f"Số thành viên không được âm: {count}")
        counts[key] = count
    total = counts["total"]
    if total == 0:
        raise ContractError(f"{path}.total", "Tập thể phải có ít nhất 1 thành viên")
    limits = (
        ("completed", "total", "hoàn thành nhiệm vụ", "tổng số thành viên"),
        ("ldtt", "completed", "đạt LĐTT", "số hoàn thành nhiệm vụ"),
        ("cstdcs", "ldtt", "đạt CSTĐCS", "số đạt LĐTT"),
        ("warned", "total", "bị kỷ luật từ cảnh cáo", "tổng số thành viên"),
    )
    for key, bound, what, bound_what in limits:
        if counts[key] > counts[bound]:
            raise ContractError(
                f"{path}.{key}",
                f"Số thành viên {what} ({counts[key]}) không thể lớn hơn {bound_what} "
                f"({counts[bound]})",
            )
    return Members(**counts)


def parse_request(obj: object, *, known_codes: Mapping[str, CodeInfo] | None = None) -> Request:
    """Validate a what-if request; raises ContractError only.

    `known_codes` maps each catalogue code to its group (title or form) and the subject
    kinds it applies to; the default is CATALOGUE.md's list.
    """
    known = CATALOGUE.codes if known_codes is None else known_codes
    top = _object(obj, "", _TOP_KEYS)
    if "year" not in top:
        raise ContractError("year", "Thiếu trường 'year'")
    year = _year(top["year"], "year")
    if "subject" not in top:
        raise ContractError("subject", "Thiếu trường 'subject'")
    subject = _object(top["subject"], "subject", _SUBJECT_KEYS)
    if "kind" not in subject:
        raise ContractError("subject.kind", "Thiếu trường 'kind' (individual hoặc collective)")
    kind = _choice(subject["kind"], "subject.kind", CONTRACT_KINDS, "Loại đối tượng")

    gender = subject.get("gender")
    if gender is not None:
        gender = _choice(gender, "subject.gender", GENDERS, "Giới tính")
    hired_on = subject.get("hired_on")
    if hired_on is not None:
        hired_on = _date(hired_on, "subject.hired_on")
    if kind == COLLECTIVE:
        for key, value in (("gender", gender), ("hired_on", hired_on)):
            if value is not None:
                raise ContractError(f"subject.{key}", "Chỉ áp dụng cho cá nhân")
    pending = subject.get("pending_review", False)
    if not isinstance(pending, bool):
        raise ContractError(
            "subject.pending_review", f"Phải là true hoặc false, nhận được {_show(pending)}"
        )
    if kind != COLLECTIVE and subject.get("members") is not None:
        raise ContractError("subject.members", "Chỉ tập thể mới có số liệu thành viên")
    members = _members(subject.get("members"), "subject.members")

    history = History(
        kind=kind,
        ratings=_ratings(subject.get("ratings"), "subject.ratings"),
        titles=_held(subject.get("titles"), "subject.titles", known, TITLE, kind),
        awards=_held(subject.get("awards"), "subject.awards", known, FORM, kind),
        initiatives=_initiatives(subject.get("initiatives"), "subject.initiatives"),
        pending_review=pending,
        hired_on=hired_on,
        gender=gender,
        members=members,
    )

    targets: tuple[str, ...] | None = None
    if top.get("targets") is not None:
        seen: dict[str, None] = {}
        for i, code in enumerate(_list(top["targets"], "targets")):
            seen.setdefault(_code(code, f"targets[{i}]", known, None, kind), None)
        targets = tuple(seen)

    decision_date = None
    if top.get("decision_date") is not None:
        decision_date = _date(top["decision_date"], "decision_date")
    return Request(year, history, targets, decision_date)


# -- evaluation -------------------------------------------------------------------------------

_ENGINES: dict[tuple[int, int], tuple[Catalogue, Registry | None, Engine]] = {}


def _engine(
    catalogue: Catalogue, registry: Registry | None, params: Mapping[str, object] | None
) -> Engine:
    if params:
        return Engine(registry=registry, params=params, catalogue=catalogue)
    key = (id(catalogue), id(registry))
    cached = _ENGINES.get(key)
    if cached is None or cached[0] is not catalogue or cached[1] is not registry:
        cached = (catalogue, registry, Engine(registry=registry, catalogue=catalogue))
        _ENGINES[key] = cached
    return cached[2]


def evaluate_request(
    req: Request,
    *,
    catalogue: Catalogue = CATALOGUE,
    params: Mapping[str, object] | None = None,
    registry: Registry | None = None,
) -> dict[str, Any]:
    """The response for a parsed request (raises ContractError for a decision date that no
    base salary covers)."""
    engine = _engine(catalogue, registry, params)
    verdicts = engine.evaluate(req.history, req.year, req.targets)
    if req.decision_date is not None:
        try:
            base_salary_on(req.decision_date, catalogue.base_salaries)
        except ValueError:
            first = min((d for d, _ in catalogue.base_salaries), default=None)
            since = f" (dữ liệu bắt đầu từ {date_text(first)})" if first else ""
            raise ContractError(
                "decision_date",
                f"Không có mức lương cơ sở áp dụng cho ngày {date_text(req.decision_date)}{since}",
            ) from None
    results = []
    for verdict in verdicts:
        result = verdict.to_dict()
        if req.decision_date is not None:
            result.update(_reward(verdict.target, req.history.kind, req.decision_date, catalogue))
        results.append(result)
    return {"year": req.year, "results": results}


def _reward(code: str, kind: str, on: date, catalogue: Catalogue) -> dict[str, Any]:
    """ "reward" ({multiple, amount} or null) and, when null, "reward_error": the Vietnamese
    refusal naming the missing multiple for that date (money is never guessed)."""
    if not catalogue.multiple_rows:  # a catalogue of one table (no dates): the old reading
        reward = reward_for(
            code, kind, on, multiples=catalogue.multiples, salaries=catalogue.base_salaries
        )
        return {"reward": reward.to_dict() if reward is not None else None}
    try:
        reward = compute_reward(
            code,
            kind,
            on,
            rows=catalogue.multiple_rows,
            salaries=catalogue.base_salaries,
            name=catalogue.name(code),
        )
    except MoneyError as error:
        return {"reward": None, "reward_error": error.message}
    return {"reward": reward.to_dict()}


def handle(
    obj: object,
    *,
    catalogue: Catalogue = CATALOGUE,
    params: Mapping[str, object] | None = None,
    registry: Registry | None = None,
) -> dict[str, Any] | list[dict[str, Any]]:
    """One request object → one response; a list of requests → a list of responses.

    In a list, an error names the item: field "[3].subject.ratings.2024".
    """
    if isinstance(obj, list):
        responses = []
        for i, item in enumerate(obj):
            try:
                responses.append(_handle_one(item, catalogue, params, registry))
            except ContractError as error:
                field = f"[{i}].{error.field}" if error.field else f"[{i}]"
                raise ContractError(field, error.message) from None
        return responses
    return _handle_one(obj, catalogue, params, registry)


def _handle_one(
    obj: object,
    catalogue: Catalogue,
    params: Mapping[str, object] | None,
    registry: Registry | None,
) -> dict[str, Any]:
    req = parse_request(obj, known_codes=catalogue.codes)
    return evaluate_request(req, catalogue=catalogue, params=params, registry=registry)
