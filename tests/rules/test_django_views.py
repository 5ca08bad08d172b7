"""Screens: rules and parameters, candidate lists (scope, filters, exports, query counts,
background runs), profile verdicts."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.urls import reverse
from docx import Document

from tests.factories import PersonFactory
from tests.rules.conftest import give
from vinhdanh.core.models import AuditEntry
from vinhdanh.rules.core import all_rules
from vinhdanh.rules.models import EligibilityRun, RuleParameter

CANDIDATES = "/tieu-chuan/danh-sach/"


def body(response) -> str:
    return response.content.decode()


def test_rule_list_shows_every_rule_with_citation(login, personas):
    response = login(personas.viewer).get(reverse("rules:rule_list"))
    html = body(response)
    for rule in all_rules():
        assert rule.id in html
    assert "Điều 22" in html and "ttldtt.ldtt_share" in html
    assert "Đặt tham số cho đơn vị" not in html  # a viewer may not set parameters


def test_rule_list_refuses_anonymous_and_nobody(client, login, personas):
    response = client.get(reverse("rules:rule_list"))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
    assert login(personas.nobody).get(reverse("rules:rule_list")).status_code == 404


def test_parameter_set_by_admin_shows_per_unit(login, personas, tree):
    c = login(personas.admin)
    response = c.post(reverse("rules:parameter_set"), {"key": "ttldtt.ldtt_share",
                      "jurisdiction": tree.hanoi.pk, "value": "0.6", "valid_from": "01/01/2025",
                      "note": "QĐ của UBND"})  # fmt: skip
    assert response.status_code == 302
    row = RuleParameter.objects.get()
    assert (row.jurisdiction, row.key, row.value, row.valid_from) == (
        tree.hanoi, "ttldtt.ldtt_share", 0.6, dt.date(2025, 1, 1))  # fmt: skip
    assert AuditEntry.objects.filter(object_type="rules.ruleparameter").count() == 1
    html = body(c.get(reverse("rules:rule_list")))
    assert "Ủy ban nhân dân Thành phố Hà Nội: <strong>0,6</strong>" in html


def test_parameter_set_out_of_bounds_keeps_input(login, personas, tree):
    response = login(personas.admin).post(reverse("rules:parameter_set"), {
        "key": "ttldtt.ldtt_share", "jurisdiction": tree.hanoi.pk, "value": "1.7",
        "valid_from": "01/01/2025"})  # fmt: skip
    assert response.status_code == 422
    assert "phải là số từ" in body(response) and 'value="1.7"' in body(response)
    assert not RuleParameter.objects.exists()


def test_parameter_set_refused_without_catalogue_right(login, personas, tree):
    response = login(personas.province_officer).post(reverse("rules:parameter_set"), {
        "key": "ttldtt.ldtt_share", "value": "0.6", "valid_from": "01/01/2025"})  # fmt: skip
    assert response.status_code == 404 and not RuleParameter.objects.exists()


def test_candidates_list_eligible_with_reasons(login, personas, due, people, tree):
    html = body(login(personas.unit_officer).get(CANDIDATES, {"year": 2025}))
    assert "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh" in html
    assert "Đặng Thu Hà" in html and "Điều 22" in html
    assert people.foreign.full_name not in html


def test_candidates_filters_target_status_kind_name(login, personas, due, people):
    c = login(personas.province_officer)
    html = body(c.get(CANDIDATES, {"year": 2025, "target": "CSTD_TINH", "status": "not_eligible"}))
    assert people.an.full_name in html and "Đặng Thu Hà" not in html
    html = body(c.get(CANDIDATES, {"year": 2025, "status": "", "q": "dang thu"}))
    assert "Đặng Thu Hà" in html and people.an.full_name not in html
    html = body(c.get(CANDIDATES, {"year": 2025, "kind": "collective", "status": ""}))
    assert "Sở Y tế" in html and "Đặng Thu Hà" not in html


def test_candidates_match_engine_for_subtree(due, people, tree):
    from vinhdanh.orgs.models import Person
    from vinhdanh.rules.candidates import CandidateFilter, candidate_rows
    from vinhdanh.rules.core import Engine
    from vinhdanh.rules.selectors import catalogue_from_db, histories_for_people

    rows = candidate_rows(tree.syt, CandidateFilter(year=2025, kind="individual", status=""))
    catalogue = catalogue_from_db()
    engine = Engine(catalogue=catalogue)
    histories = histories_for_people(Person.objects.filter(unit__path__startswith=tree.syt.path),
                                     2025, catalogue=catalogue)  # fmt: skip
    expected = {(pid, v.target, v.status) for pid, h in histories.items()
                for v in engine.evaluate(h, 2025)}  # fmt: skip
    assert {(r.subject_id, r.target, r.status) for r in rows} == expected
    assert {r.subject_id for r in rows} == {due.pk, people.an.pk, people.binh.pk}


def test_candidates_outsider_and_anonymous_refused(client, login, personas, due, tree):
    response = client.get(CANDIDATES)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
    c = login(personas.outsider)
    assert c.get(CANDIDATES, {"unit": tree.syt.pk}).status_code == 404
    html = body(c.get(CANDIDATES, {"year": 2025, "status": ""}))
    assert "Đặng Thu Hà" not in html and "Sở Y tế Hà Tĩnh" in html
    assert login(personas.nobody).get(CANDIDATES).status_code == 404


def test_candidates_query_count_constant(login, personas, tree):
    c = login(personas.unit_officer)
    give(PersonFactory(unit=tree.syt), ratings={2025: "HTT"})
    c.get(CANDIDATES, {"year": 2025, "status": ""})  # warm caches (session, grants)
    import django.db

    def count():
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(django.db.connection) as ctx:
            response = c.get(CANDIDATES, {"year": 2025, "status": ""})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i in range(12):
        give(PersonFactory(unit=tree.hospital if i % 2 else tree.syt),
             ratings={2024: "HTT", 2025: "HTXS"}, titles=[("LDTT", 2024)],
             initiatives=[("DE_TAI", "CO_SO", 2025)])  # fmt: skip
    assert count() == one


def test_candidates_export_xlsx_and_docx(login, personas, due, tree):
    c = login(personas.unit_officer)
    response = c.get(CANDIDATES, {"year": 2025, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:5] == ("STT", "Danh hiệu, hình thức", "Đối tượng", "Họ và tên / Tên tập thể",
                             "Đơn vị")  # fmt: skip
    assert any(v[3] == "Đặng Thu Hà" and v[1].startswith("Chiến sĩ thi đua cấp bộ") for v in values)
    response = c.get(CANDIDATES, {"year": 2025, "export": "docx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.word")
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "DANH SÁCH ĐỦ ĐIỀU KIỆN KHEN THƯỞNG NĂM 2025" in text and "Sở Y tế" in text
    # tables[0] is the head block (NĐ 30 layout); the lists follow
    header = [cell.text for cell in doc.tables[1].rows[0].cells]
    assert header == ["STT", "Họ và tên / Tên tập thể", "Đơn vị", "Căn cứ"]
    names = {row.cells[1].text for t in doc.tables[1:] for row in t.rows[1:]}
    assert "Đặng Thu Hà" in names


def test_candidates_forecast_column(login, personas, due):
    html = body(login(personas.unit_officer).get(CANDIDATES, {"year": 2025, "forecast": "1",
                                                              "target": "CSTD_TINH"}))  # fmt: skip
    assert "Dự báo" in html and "Chiến sĩ thi đua toàn quốc" in html


def test_background_run_writes_file(
    login, personas, due, tree, monkeypatch, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("vinhdanh.rules.views.INLINE_LIMIT", 1)
    c = login(personas.unit_officer)
    html = body(c.get(CANDIDATES, {"year": 2025}))
    assert "chạy nền" in html
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs it
        response = c.post(reverse("rules:run_start"), {"unit": tree.syt.pk, "year": 2025,
                          "status": "eligible", "format": "xlsx"})  # fmt: skip
    run = EligibilityRun.objects.get()
    assert response["Location"] == reverse("rules:run_detail", args=[run.pk])
    assert run.status == "done" and run.percent == 100 and run.processed == run.total
    detail = body(c.get(reverse("rules:run_detail", args=[run.pk])))
    assert "Hoàn tất" in detail and "100%" in detail
    download = c.get(reverse("rules:run_download", args=[run.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert any(row[3] == "Đặng Thu Hà" for row in sheet.iter_rows(values_only=True))
    assert (
        login(personas.outsider).get(reverse("rules:run_detail", args=[run.pk])).status_code == 404
    )


def test_profile_shows_verdicts_and_forecast(login, personas, due, tree):
    html = body(login(personas.viewer).get(reverse("registry:person_profile", args=[due.pk])))
    assert "Điều kiện khen thưởng" in html and "Dự báo" in html
    assert "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh" in html and "Điều 22" in html
    html = body(login(personas.viewer).get(reverse("registry:unit_profile", args=[tree.syt.pk])))
    assert "Tập thể lao động tiên tiến" in html
