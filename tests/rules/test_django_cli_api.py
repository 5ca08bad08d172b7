"""The what-if contract through its two doors (command line and API), and the candidate
command."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.factories import UnitFactory

REQUEST = {
    "year": 2025,
    "subject": {
        "kind": "individual",
        "ratings": {"2024": "HTT", "2025": "HTXS"},
        "titles": [{"code": "LDTT", "year": 2024}],
        "initiatives": [{"kind": "SANG_KIEN", "scope": "CO_SO", "year": 2025}],
    },
    "targets": ["LDTT", "CSTDCS"],
    "decision_date": "2025-12-20",
}


def run_check(path, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = 0
    try:
        call_command("eligibility_check", path, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_eligibility_check_file_prints_response(tmp_path):
    path = tmp_path / "req.json"
    path.write_text(json.dumps(REQUEST), encoding="utf-8")
    code, out, _ = run_check(str(path))
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2025
    cstdcs = data["results"][1]
    assert cstdcs["target"] == "CSTDCS" and cstdcs["status"] == "eligible"
    assert any("Điều 23" in c["citation"] for c in cstdcs["checks"])
    assert cstdcs["reward"] == {"multiple": 1.0, "amount": 2340000}
    assert "giải quyết" in out  # UTF-8, not \\u escapes


@pytest.mark.django_db
def test_eligibility_check_stdin_list_gives_list(monkeypatch):
    code, out, _ = run_check("-", json.dumps([REQUEST, {**REQUEST, "targets": None}]),
                             monkeypatch)  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 2
    assert len(data[1]["results"]) == 9  # every individual target


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({**REQUEST, "targets": ["NOPE"]}, "targets[0]", "không hợp lệ"),
        ({**REQUEST, "year": 3000}, "year", "1945–2100"),
        ({**REQUEST, "decision_date": "20/12/2025"}, "decision_date", "YYYY-MM-DD"),
        ({**REQUEST, "subject": {"kind": "robot"}}, "subject.kind", "Loại đối tượng"),
        ([REQUEST, {**REQUEST, "year": "x"}], "[1].year", "số nguyên"),
    ],
)
def test_eligibility_check_invalid_exits_2(tmp_path, payload, field, words):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    code, out, err = run_check(str(path))
    assert code == 2
    assert json.loads(out)["error"]["field"] == field
    assert words in err and err.startswith("Lỗi:")


@pytest.mark.django_db
def test_eligibility_check_malformed_json_exits_2(monkeypatch):
    code, out, err = run_check("-", "{không phải json", monkeypatch)
    assert code == 2 and "JSON không hợp lệ" in err
    code, out, err = run_check("/khong/co/tep.json")
    assert code == 2 and "Không đọc được tệp" in err


def test_api_check_single_and_list(api_client, personas):
    client = api_client(personas.unit_officer)
    one = client.post("/api/v1/eligibility/check", REQUEST, content_type="application/json")
    assert one.status_code == 200
    assert one.json()["results"][0]["target"] == "LDTT"
    many = client.post("/api/v1/eligibility/check", [REQUEST, REQUEST],
                       content_type="application/json")  # fmt: skip
    assert [r["year"] for r in many.json()] == [2025, 2025]


def test_api_check_invalid_gives_422(api_client, personas):
    client = api_client(personas.viewer)
    bad = client.post("/api/v1/eligibility/check", {**REQUEST, "year": 1800},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    body = bad.json()
    assert body["errors"][0]["field"] == "year" and "Năm phải" in body["detail"]
    broken = client.post("/api/v1/eligibility/check", "{", content_type="application/json")
    assert broken.status_code == 422 and "JSON" in broken.json()["detail"]


@pytest.mark.django_db
def test_api_check_anonymous_gets_401(client):
    response = client.post("/api/v1/eligibility/check", REQUEST, content_type="application/json")
    assert response.status_code == 401


def test_eligibility_candidates_json_and_xlsx(due, people, tmp_path):
    out = tmp_path / "ds.json"
    call_command("eligibility_candidates", "--year", "2025", "--unit", "HN.SYT", "--out", str(out),
                 stdout=io.StringIO())  # fmt: skip
    rows = json.loads(out.read_text(encoding="utf-8"))
    tinh = [r for r in rows if r["target"] == "CSTD_TINH"]
    assert [r["id"] for r in tinh] == [due.pk]
    assert {r["status"] for r in rows} == {"eligible"}
    assert all(r["id"] != people.foreign.pk for r in rows if r["kind"] == "individual")
    xlsx = tmp_path / "ds.xlsx"
    call_command("eligibility_candidates", "--year", "2025", "--unit", "HN.SYT", "--out", str(xlsx),
                 stdout=io.StringIO())  # fmt: skip
    sheet = openpyxl.load_workbook(xlsx).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "STT" and len(values) == len(rows) + 1
    assert any(v[3] == "Đặng Thu Hà" and "tỉnh" in v[1] for v in values[1:])


def test_eligibility_candidates_ambiguous_abbreviation(tree, tmp_path):
    UnitFactory(code="HN.SGDDT.X", abbreviation="SYT", name="Phòng Y tế", parent=tree.sgd)
    with pytest.raises(CommandError) as exc:
        call_command("eligibility_candidates", "--year", "2025", "--unit", "syt",
                     "--out", str(tmp_path / "x.json"))  # fmt: skip
    message = str(exc.value)
    assert "HN.SYT" in message and "HT.SYT" in message and "HN.SGDDT.X" in message
    with pytest.raises(CommandError, match="đuôi"):
        call_command("eligibility_candidates", "--year", "2025", "--out", str(tmp_path / "x.csv"))
