"""The JSON what-if contract: response shape, validation errors, list handling."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date

import pytest

from tests.rules.builders import COLLECTIVE, EXAMPLE
from vinhdanh.rules.core import CATALOGUE, ContractError, evaluate_request, handle, parse_request


def with_(base, path, value):
    """A deep copy of `base` with the dotted `path` set to `value` (or removed if ...)."""
    obj = copy.deepcopy(base)
    node = obj
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is ...:
        del node[last]
    else:
        node[last] = value
    return obj


def error_of(obj):
    with pytest.raises(ContractError) as info:
        handle(obj)
    return info.value.field, info.value.message


def test_response_shape_is_exact():
    out = handle(EXAMPLE)
    assert set(out) == {"year", "results"} and out["year"] == 2025
    assert [r["target"] for r in out["results"]] == ["CSTDCS", "BK_TINH"]
    first = out["results"][0]
    assert list(first) == [
        "target",
        "status",
        "checks",
        "manual_grounds",
        "council_vote_threshold",
        "council_vote_citation",
        "reward",
    ]
    assert list(first["checks"][0]) == ["rule", "met", "citation", "message"]
    assert first["status"] == "eligible" and first["council_vote_threshold"] == 0.8
    # year 2025 → its evaluation date 31/12/2025: the transition of NĐ 152/2025 Điều 60
    assert first["council_vote_citation"].startswith("Nghị định 152/2025/NĐ-CP, Điều 60 khoản 2")
    assert first["checks"][0] == {
        "rule": "cstdcs.ldtt",
        "met": True,
        "citation": "Luật Thi đua, khen thưởng 2022, Điều 23",
        "message": "Cần danh hiệu LĐTT năm 2025; hồ sơ: chưa ghi nhận nhưng đủ điều kiện trong lần xét này.",
    }
    assert first["reward"] == {"multiple": 1.0, "amount": 2_340_000}
    assert out["results"][1]["reward"] == {"multiple": 1.5, "amount": 3_510_000}
    json.dumps(out)  # JSON-serialisable as is


def test_response_reward_null_without_decision_date():
    out = handle(with_(EXAMPLE, "decision_date", ...))
    assert all(r["reward"] is None for r in out["results"])


def test_response_manual_grounds_shape():
    out = handle(with_(with_(EXAMPLE, "targets", ["BK_TTG"]), "decision_date", ...))
    (result,) = out["results"]
    assert result["status"] == "not_eligible"
    assert list(result["manual_grounds"][0]) == ["ground", "citation", "message"]


def test_targets_default_to_every_target_of_kind():
    assert [r["target"] for r in handle(with_(EXAMPLE, "targets", ...))["results"]] == [
        "LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1",
    ]  # fmt: skip
    statuses = {r["target"]: r["status"] for r in handle(COLLECTIVE)["results"]}
    assert statuses == {"TTLDTT": "eligible", "TTLDXS": "eligible", "CO_TD_TINH": "manual",
                        "CO_TD_CP": "manual", "BK_TINH": "eligible",
                        "HCLD1": "not_eligible"}  # fmt: skip


def test_targets_duplicates_collapse_and_manual_codes_allowed():
    out = handle(with_(EXAMPLE, "targets", ["HCDL1", "LDTT", "HCDL1"]))
    assert [(r["target"], r["status"]) for r in out["results"]] == [
        ("HCDL1", "manual"),
        ("LDTT", "eligible"),
    ]
    assert out["results"][0]["reward"] == {"multiple": 15.0, "amount": 35_100_000}


def test_handle_list_in_list_out():
    out = handle([EXAMPLE, COLLECTIVE])
    assert isinstance(out, list) and len(out) == 2
    assert handle([]) == []


def test_handle_list_error_names_item():
    assert error_of([EXAMPLE, with_(COLLECTIVE, "year", 1900)]) == (
        "[1].year", "Năm phải trong khoảng 1945–2100, nhận được 1900",
    )  # fmt: skip
    assert error_of([EXAMPLE, 7])[0] == "[1]"


def test_parse_request_builds_history():
    req = parse_request(EXAMPLE)
    assert req.year == 2025 and req.decision_date == date(2025, 12, 20)
    assert req.history.ratings == {2023: "HTT", 2024: "HTXS", 2025: "HTXS"}
    assert req.history.has("BK_TINH", 2019) and req.history.hired_on == date(2025, 3, 1)
    assert req.targets == ("CSTDCS", "BK_TINH")


def test_parse_request_known_codes_injectable():
    codes = dict(CATALOGUE.codes)
    codes["KNC_BYT"] = replace(codes["KNC"], name="Kỷ niệm chương Vì sức khỏe nhân dân")
    obj = with_(EXAMPLE, "subject.awards", [{"code": "KNC_BYT", "year": 2020}])
    assert parse_request(obj, known_codes=codes).history.has("KNC_BYT", 2020)
    with pytest.raises(ContractError):
        parse_request(obj)
    local = replace(CATALOGUE, codes=codes)
    assert (
        handle(with_(obj, "targets", ["KNC_BYT"]), catalogue=local)["results"][0]["status"]
        == "manual"
    )


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("subject.ratings", {"2024": "ABC"}, "subject.ratings.2024", "Mã xếp loại không hợp lệ: 'ABC'"),
        ("subject.ratings", {"20x4": "HTT"}, "subject.ratings.20x4", "Năm không hợp lệ: '20x4'"),
        ("subject.ratings", {"1800": "HTT"}, "subject.ratings.1800", "Năm phải trong khoảng 1945–2100, nhận được 1800"),
        ("subject.ratings", ["HTT"], "subject.ratings", None),
        ("year", 2101, "year", "Năm phải trong khoảng 1945–2100, nhận được 2101"),
        ("year", "2025", "year", "Năm phải là số nguyên, nhận được '2025'"),
        ("year", 2025.0, "year", "Năm phải là số nguyên, nhận được 2025.0"),
        ("year", True, "year", "Năm phải là số nguyên, nhận được True"),
        ("year", ..., "year", "Thiếu trường 'year'"),
        ("subject", ..., "subject", "Thiếu trường 'subject'"),
        ("subject.kind", "household", "subject.kind", "Loại đối tượng không hợp lệ: 'household'"),
        ("subject.kind", ..., "subject.kind", None),
        ("subject.gender", "x", "subject.gender", "Giới tính không hợp lệ: 'x'"),
        ("subject.hired_on", "2025-02-30", "subject.hired_on", "Ngày không tồn tại: '2025-02-30'"),
        ("subject.hired_on", "01/03/2025", "subject.hired_on", "Ngày phải có dạng YYYY-MM-DD, nhận được '01/03/2025'"),
        ("subject.hired_on", "20250301", "subject.hired_on", None),
        ("subject.pending_review", "no", "subject.pending_review", "Phải là true hoặc false, nhận được 'no'"),
        ("subject.titles", [{"code": "XYZ", "year": 2024}], "subject.titles[0].code", "Mã danh hiệu không hợp lệ: 'XYZ'"),
        ("subject.titles", [{"code": "BK_TINH", "year": 2024}], "subject.titles[0].code", "Mã danh hiệu không hợp lệ: 'BK_TINH' là hình thức khen thưởng"),
        ("subject.titles", [{"code": "TTLDTT", "year": 2024}], "subject.titles[0].code", "'TTLDTT' không áp dụng cho cá nhân"),
        ("subject.titles", [{"code": "LDTT", "year": 1900}], "subject.titles[0].year", None),
        ("subject.titles", [{"code": "LDTT"}], "subject.titles[0]", "Cần có cả 'code' và 'year'"),
        ("subject.titles", [{"code": "LDTT", "year": 2024, "x": 1}], "subject.titles[0].x", None),
        ("subject.titles", {"code": "LDTT"}, "subject.titles", None),
        ("subject.awards", [{"code": "LDTT", "year": 2024}], "subject.awards[0].code", "Mã hình thức khen thưởng không hợp lệ: 'LDTT' là danh hiệu thi đua"),
        ("subject.initiatives", [{"kind": "PATENT", "scope": "CO_SO", "year": 2024}], "subject.initiatives[0].kind", "Loại sáng kiến/đề tài không hợp lệ: 'PATENT'"),
        ("subject.initiatives", [{"kind": "DE_TAI", "scope": "HUYEN", "year": 2024}], "subject.initiatives[0].scope", "Phạm vi ảnh hưởng không hợp lệ: 'HUYEN'"),
        ("subject.initiatives", [{"kind": "DE_TAI", "scope": "TINH"}], "subject.initiatives[0].year", "Thiếu trường 'year'"),
        ("subject.members", {"total": 1, "completed": 1, "ldtt": 1, "cstdcs": 0}, "subject.members", "Chỉ tập thể mới có số liệu thành viên"),
        ("targets", ["TTLDTT"], "targets[0]", "'TTLDTT' không áp dụng cho cá nhân"),
        ("targets", ["NOPE"], "targets[0]", "Mã danh hiệu/hình thức không hợp lệ: 'NOPE'"),
        ("targets", "CSTDCS", "targets", None),
        ("decision_date", "2019-06-30", "decision_date", "Không có mức lương cơ sở áp dụng cho ngày 30/06/2019 (dữ liệu bắt đầu từ 01/07/2019)"),
        ("decision_date", "2025-13-01", "decision_date", "Ngày không tồn tại: '2025-13-01'"),
        ("extra", 1, "extra", None),
    ],
)  # fmt: skip
def test_contract_error_names_field(path, value, field, message):
    got_field, got_message = error_of(with_(EXAMPLE, path, value))
    assert got_field == field
    if message is not None:
        assert got_message == message


@pytest.mark.parametrize(
    ("members", "field", "message"),
    [
        ({"total": 20, "completed": 20, "ldtt": -1, "cstdcs": 0}, "subject.members.ldtt", "Số thành viên không được âm: -1"),
        ({"total": 0, "completed": 0, "ldtt": 0, "cstdcs": 0}, "subject.members.total", "Tập thể phải có ít nhất 1 thành viên"),
        ({"total": 20, "completed": 21, "ldtt": 0, "cstdcs": 0}, "subject.members.completed", "Số thành viên hoàn thành nhiệm vụ (21) không thể lớn hơn tổng số thành viên (20)"),
        ({"total": 20, "completed": 10, "ldtt": 11, "cstdcs": 0}, "subject.members.ldtt", None),
        ({"total": 20, "completed": 20, "ldtt": 2, "cstdcs": 3}, "subject.members.cstdcs", None),
        ({"total": 20, "completed": 20, "ldtt": 2, "cstdcs": 0, "warned": 21}, "subject.members.warned", None),
        ({"total": 20, "completed": 20, "ldtt": 2}, "subject.members.cstdcs", "Thiếu trường 'cstdcs'"),
        ({"total": 20.5, "completed": 20, "ldtt": 2, "cstdcs": 0}, "subject.members.total", None),
        ([], "subject.members", None),
    ],
)  # fmt: skip
def test_contract_error_member_counts(members, field, message):
    got_field, got_message = error_of(with_(COLLECTIVE, "subject.members", members))
    assert got_field == field
    if message is not None:
        assert got_message == message


def test_contract_error_collective_with_individual_fields():
    assert error_of(with_(COLLECTIVE, "subject.hired_on", "2020-01-01"))[0] == "subject.hired_on"


def test_contract_error_root_not_object():
    assert error_of("hello") == ("", "Yêu cầu phải là một đối tượng JSON, nhận được 'hello'")


def test_contract_error_is_value_error_with_dict():
    err = ContractError("year", "Sai")
    assert isinstance(err, ValueError) and err.to_dict() == {
        "error": {"field": "year", "message": "Sai"}
    }


def test_evaluate_request_with_params():
    req = parse_request(
        with_(with_(EXAMPLE, "subject.hired_on", "2025-09-01"), "targets", ["LDTT"])
    )
    assert evaluate_request(req)["results"][0]["status"] == "not_eligible"
    assert (
        evaluate_request(req, params={"ldtt.min_months": 3})["results"][0]["status"] == "eligible"
    )
