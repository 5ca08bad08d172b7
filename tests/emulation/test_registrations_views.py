"""Registration screens: a member's page (collective titles, models, people picker, bulk from a
list and from Excel with preview), the bloc's list (counts, filters, search, warnings, query
counts), exports read back, deadline, recheck, and refusals on every view."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.emulation.fixtures_registrations import *  # noqa: F403 (fixtures)
from tests.emulation.fixtures_registrations import xlsx
from tests.factories import PersonFactory
from tests.xlsx import export_rows
from vinhdanh.emulation.models import EmulationModel, Registration
from vinhdanh.emulation.services import registrations as services


def _url(name, *args):
    return reverse(f"emulation:{name}", args=[a.pk if hasattr(a, "pk") else a for a in args])


def _unit_url(khoi9, unit=None):
    return _url("registration_unit", khoi9.bloc, unit or khoi9.sgd)


# --- A member's page ---------------------------------------------------------------------------


def test_unit_page_registers_collective_models_individuals(login, khoi9, honours, staff):
    client = login(khoi9.sgd_officer)
    url = _unit_url(khoi9)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Cờ thi đua cấp bộ, ban, ngành, tỉnh" in body and "Trần Văn Nam" in body
    assert "Lao động tiên tiến" in body  # individual titles in the select
    client.post(url, {"action": "collective", "honours": ["CO_TD_TINH", "TTLDXS"]})
    assert set(Registration.objects.filter(kind="collective").values_list("honour_id", flat=True)) == {"CO_TD_TINH", "TTLDXS"}  # fmt: skip
    client.post(url, {"action": "model", "name": "Trường học hạnh phúc", "description": "", "indicators": "A\nB"})  # fmt: skip
    assert EmulationModel.objects.get().indicators == "A\nB"
    resp = client.post(url, {"action": "individual", "honour": "CSTD_TINH", "people": [staff.hoa.pk, staff.nam.pk]})  # fmt: skip
    assert resp.status_code == 302
    regs = {r.person.full_name: r.warning for r in Registration.objects.filter(kind="individual")}
    assert regs["Nguyễn Thị Hoa"] == "" and "Điều 22" in regs["Trần Văn Nam"]
    body = client.get(url).content.decode()
    assert "Khó đạt" in body and "Điều 22" in body
    follow = client.post(url, {"action": "individual", "honour": "LDTT", "people": [staff.nam.pk]}, follow=True)  # fmt: skip
    assert "Đã đăng ký 1 người danh hiệu Lao động tiên tiến." in follow.content.decode()


def test_unit_page_keeps_input_and_says_why_on_duplicate(login, khoi9, honours, staff):
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    client = login(khoi9.sgd_officer)
    resp = client.post(_unit_url(khoi9), {"action": "individual", "honour": "LDTT", "people": [staff.nam.pk, staff.hoa.pk]})  # fmt: skip
    assert resp.status_code == 422
    body = resp.content.decode()
    assert "Trần Văn Nam đã được đăng ký Lao động tiên tiến năm 2024." in body
    assert '<option value="LDTT" selected>' in body
    assert Registration.objects.count() == 1


def test_unit_page_person_outside_subtree_rejected_by_form(login, khoi9, honours, staff):
    resp = login(khoi9.sgd_officer).post(_unit_url(khoi9), {"action": "individual", "honour": "LDTT", "people": [staff.lan.pk]})  # fmt: skip
    assert resp.status_code == 422 and "không thuộc đơn vị" in resp.content.decode()
    assert not Registration.objects.exists()


def test_people_picker_accent_free_over_subtree(login, khoi9, staff):
    client = login(khoi9.sgd_officer)
    body = client.get(_url("registration_people", khoi9.bloc, khoi9.sgd), {"q": "le minh tu"}, HTTP_HX_REQUEST="true").content.decode()  # fmt: skip
    assert "Lê Minh Tú" in body and "Trường THPT Chu Văn An" in body and "Trần Văn Nam" not in body
    body = client.get(
        _url("registration_people", khoi9.bloc, khoi9.sgd), {"q": "lan"}
    ).content.decode()
    assert "Đỗ Thị Lan" not in body and "Không tìm thấy" in body


def test_people_picker_keeps_ticked_people_and_refuses_others(login, khoi9, staff):
    client = login(khoi9.sgd_officer)
    url = _url("registration_people", khoi9.bloc, khoi9.sgd)
    resp = client.get(url, {"q": "tu", "people": [staff.nam.pk, staff.lan.pk]})
    people = [p.full_name for p in resp.context["people"]]
    assert people == ["Trần Văn Nam", "Lê Minh Tú"]  # Lan is outside the unit: never shown
    assert resp.context["ticked"] == {staff.nam.pk, staff.lan.pk}
    assert f'value="{staff.nam.pk}" checked' in resp.content.decode()


def test_refused_bulk_keeps_ticked_people(login, khoi9, honours, staff):
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    resp = login(khoi9.sgd_officer).post(_unit_url(khoi9), {"action": "individual", "honour": "LDTT", "people": [staff.tu.pk, staff.nam.pk]})  # fmt: skip
    body = resp.content.decode()
    assert f'value="{staff.tu.pk}" checked' in body and f'value="{staff.nam.pk}" checked' in body
    assert f'value="{staff.hoa.pk}" checked' not in body


def test_model_edit_and_delete_with_confirmation(login, khoi9):
    model = services.model_save(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, name="Cũ")
    client = login(khoi9.sgd_officer)
    edit = _url("registration_model_edit", khoi9.bloc, khoi9.sgd, model)
    assert "Cũ" in client.get(edit).content.decode()
    client.post(edit, {"name": "Mới", "description": "", "indicators": ""})
    model.refresh_from_db()
    assert model.name == "Mới"
    delete = _url("registration_model_delete", khoi9.bloc, khoi9.sgd, model)
    assert "Bạn chắc chắn muốn xóa" in client.get(delete).content.decode()
    assert EmulationModel.objects.exists()
    client.post(delete)
    assert not EmulationModel.objects.exists()


def test_registration_delete_with_confirmation(login, khoi9, honours, staff):
    reg = services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    client = login(khoi9.sgd_officer)
    url = _url("registration_delete", khoi9.bloc, reg)
    assert "Trần Văn Nam – Lao động tiên tiến" in client.get(url).content.decode()
    client.post(url)
    assert not Registration.objects.exists()


def test_after_deadline_member_sees_message_and_post_refused_owner_corrects(login, khoi9, honours, staff):  # fmt: skip
    khoi9.bloc.registration_deadline = dt.date(2020, 1, 31)
    khoi9.bloc.save()
    client = login(khoi9.sgd_officer)
    body = client.get(_unit_url(khoi9)).content.decode()
    assert "Đã hết hạn đăng ký thi đua (31/01/2020)" in body
    resp = client.post(_unit_url(khoi9), {"action": "collective", "honours": ["TTLDXS"]})
    assert resp.status_code == 422 and "Đã hết hạn đăng ký thi đua" in resp.content.decode()
    assert not Registration.objects.exists()
    owner = login(khoi9.city_officer)
    owner.post(_unit_url(khoi9), {"action": "collective", "honours": ["TTLDXS"]})
    assert Registration.objects.filter(unit=khoi9.sgd, honour_id="TTLDXS").exists()


def test_member_cannot_open_or_post_for_another_member(login, khoi9, honours, staff):
    client = login(khoi9.sgd_officer)
    url = _unit_url(khoi9, khoi9.syt)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "collective", "honours": ["TTLDXS"]}).status_code == 403
    assert client.get(_url("registration_people", khoi9.bloc, khoi9.syt)).status_code == 403
    assert (
        client.get(_url("registration_import_template", khoi9.bloc, khoi9.syt)).status_code == 403
    )
    reg = services.registration_add(khoi9.head_officer, khoi9.bloc, khoi9.syt, person=staff.lan, honour=honours.ldtt)  # fmt: skip
    assert client.post(_url("registration_delete", khoi9.bloc, reg)).status_code == 403
    assert Registration.objects.count() == 1
    assert (
        client.get(_url("registration_unit", khoi9.bloc, khoi9.sxd)).status_code == 404
    )  # not a member


# --- Excel -------------------------------------------------------------------------------------


def test_import_template_downloads(login, khoi9):
    resp = login(khoi9.sgd_officer).get(_url("registration_import_template", khoi9.bloc, khoi9.sgd))
    wb = load_workbook(io.BytesIO(resp.content), read_only=True)
    assert next(wb["Đăng ký"].iter_rows(values_only=True)) == ("Số CCCD", "Họ và tên", "Danh hiệu")
    codes = [r[0] for r in wb["Mã danh hiệu"].iter_rows(min_row=2, values_only=True)]
    assert "CSTD_TINH" in codes and "TTLDXS" not in codes


def test_import_preview_lists_each_problem_and_writes_nothing(login, khoi9, honours, staff):
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.tu, honour=honours.ldtt)  # fmt: skip
    rows = [
        ("001099000000", "Người Lạ", "LDTT"),  # 2: unknown CCCD
        (staff.lan.cccd, "Đỗ Thị Lan", "LDTT"),  # 3: outside the unit
        (staff.nam.cccd, "Trần Văn Nam", "XYZ"),  # 4: unknown code
        (staff.nam.cccd, "Trần Văn Nam", "TTLDXS"),  # 5: not an individual title
        (staff.hoa.cccd, "Nguyễn Thị Hoa", "CSTDCS"),  # 6: fine
        (staff.hoa.cccd, "Nguyen Thi Hoa", "CSTDCS"),  # 7: duplicate of row 6
        (staff.tu.cccd, "Lê Minh Tú", "LDTT"),  # 8: already registered
        (staff.nam.cccd, "Trần Văn Năm", "LDTT"),  # 9: name differs (a note only)
    ]
    resp = login(khoi9.sgd_officer).post(
        _url("registration_import_preview", khoi9.bloc, khoi9.sgd), {"file": xlsx(rows)}
    )
    assert resp.status_code == 422
    errors = {(e["row"], e["column"]): e["message"] for e in resp.context["preview"]["errors"]}
    # An unknown CCCD and one held outside the unit read the same (existence is not revealed).
    assert (
        errors[(2, "Số CCCD")]
        == "Không có người mang số CCCD 001099000000 thuộc Sở Giáo dục và Đào tạo."
    )
    assert (
        errors[(3, "Số CCCD")]
        == f"Không có người mang số CCCD {staff.lan.cccd} thuộc Sở Giáo dục và Đào tạo."
    )
    assert "Không có danh hiệu mã XYZ" in errors[(4, "Danh hiệu")]
    assert "không phải danh hiệu thi đua cá nhân" in errors[(5, "Danh hiệu")]
    assert "Trùng với dòng 6" in errors[(7, "Danh hiệu")]
    assert "đã được đăng ký Lao động tiên tiến" in errors[(8, "Danh hiệu")]
    assert not any(row == 6 or row == 9 for row, _ in errors)
    notes = resp.context["preview"]["notes"]
    assert [(n["row"], n["column"]) for n in notes] == [(7, "Họ và tên"), (9, "Họ và tên")]
    assert "“Trần Văn Năm” khác hồ sơ “Trần Văn Nam”" in notes[1]["message"]
    assert "Xác nhận đăng ký" not in resp.content.decode()
    assert Registration.objects.count() == 1


def test_import_missing_column_and_bad_file(login, khoi9):
    client = login(khoi9.sgd_officer)
    url = _url("registration_import_preview", khoi9.bloc, khoi9.sgd)
    resp = client.post(url, {"file": xlsx([("1", "A", "LDTT")], headers=("CCCD", "Họ và tên", "Danh hiệu"))})  # fmt: skip
    assert "Thiếu cột “Số CCCD”" in resp.content.decode()
    bad = io.BytesIO(b"not a workbook")
    bad.name = "x.xlsx"
    assert "Không đọc được tệp" in client.post(url, {"file": bad}).content.decode()
    csv = io.BytesIO(b"a,b")
    csv.name = "x.csv"
    assert "Chỉ nhận tệp Excel .xlsx" in client.post(url, {"file": csv}).content.decode()
    assert not Registration.objects.exists()


def test_import_preview_then_confirm_writes(login, khoi9, honours, staff):
    client = login(khoi9.sgd_officer)
    rows = [(staff.hoa.cccd, "Nguyễn Thị Hoa", "CSTD_TINH"), (int(staff.nam.cccd), "Trần Văn Nam", "cstd_tinh")]  # fmt: skip
    resp = client.post(_url("registration_import_preview", khoi9.bloc, khoi9.sgd), {"file": xlsx(rows)})  # fmt: skip
    assert resp.status_code == 200 and not resp.context["preview"]["errors"]
    assert not Registration.objects.exists()  # nothing written by the preview
    pairs = [f"{p.pk}:{h.code}" for p, h in resp.context["preview"]["pairs"]]
    done = client.post(_url("registration_import_confirm", khoi9.bloc, khoi9.sgd), {"pair": pairs})
    assert done.status_code == 302
    regs = {r.person_id: r.warning for r in Registration.objects.filter(honour_id="CSTD_TINH")}
    assert regs[staff.hoa.pk] == "" and "Điều 22" in regs[staff.nam.pk]
    again = client.post(_url("registration_import_confirm", khoi9.bloc, khoi9.sgd), {"pair": pairs})
    assert again.status_code == 422 and "đã được đăng ký" in again.content.decode()
    assert Registration.objects.count() == 2


def test_import_confirm_rechecks_tampered_pairs(login, khoi9, staff):
    client = login(khoi9.sgd_officer)
    resp = client.post(_url("registration_import_confirm", khoi9.bloc, khoi9.sgd), {"pair": [f"{staff.lan.pk}:LDTT"]})  # fmt: skip
    assert resp.status_code == 422 and "không thuộc Sở Giáo dục" in resp.content.decode()
    assert not Registration.objects.exists()


# --- The bloc's list ---------------------------------------------------------------------------


@pytest.fixture
def registered(khoi9, honours, staff):
    services.collective_set(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honours=[honours.co_td_tinh, honours.ttldxs])  # fmt: skip
    services.registrations_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, [(staff.hoa, honours.cstd_tinh), (staff.nam, honours.cstd_tinh), (staff.tu, honours.ldtt)])  # fmt: skip
    services.registration_add(khoi9.head_officer, khoi9.bloc, khoi9.syt, person=staff.lan, honour=honours.ldtt)  # fmt: skip
    services.model_save(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, name="Trường học hạnh phúc", indicators="100% trường\n90% giáo viên")  # fmt: skip
    return staff


def test_list_counts_filters_search_and_warning_badges(login, khoi9, registered):
    client = login(khoi9.svhtt_officer)  # any member sees the bloc's registrations
    url = _url("registration_list", khoi9.bloc)
    resp = client.get(url)
    counts = resp.context["counts"]
    by_title = {(c["honour_id"], c["kind"]): (c["total"], c["warned"]) for c in counts["by_title"]}
    assert by_title[("CSTD_TINH", "individual")] == (2, 1)
    assert by_title[("LDTT", "individual")] == (2, 0)
    by_unit = {c["unit__name"]: (c["collective"], c["individual"]) for c in counts["by_unit"]}
    assert by_unit == {
        "Sở Giáo dục và Đào tạo": (2, 3),
        "Sở Y tế": (0, 1),
        "Sở Khoa học và Công nghệ": (0, 0),
        "Sở Lao động – Thương binh và Xã hội": (0, 0),
        "Sở Văn hóa và Thể thao": (0, 0),
    }
    body = resp.content.decode()
    assert "Khó đạt" in body and "Điều 22" in body and "Trường học hạnh phúc" in body

    def names(r):
        return [x.person.full_name if x.person_id else x.honour_id for x in r.context["page"]]

    assert names(client.get(url, {"q": "tran van"})) == ["Trần Văn Nam"]
    assert names(client.get(url, {"warning_only": "on"})) == ["Trần Văn Nam"]
    assert sorted(names(client.get(url, {"unit": khoi9.syt.pk}))) == ["Đỗ Thị Lan"]
    assert sorted(names(client.get(url, {"kind": "collective"}))) == ["CO_TD_TINH", "TTLDXS"]
    assert len(names(client.get(url, {"honour": "LDTT"}))) == 2


def test_list_query_count_constant(login, khoi9, honours, staff, django_assert_num_queries):
    client = login(khoi9.sgd_officer)
    url = _url("registration_list", khoi9.bloc)
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.cstd_tinh)  # fmt: skip
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    assert len(one.captured_queries) <= 20
    extra = [PersonFactory(unit=khoi9.sgd) for _ in range(25)]
    services.registrations_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, [(p, honours.cstd_tinh) for p in extra])  # fmt: skip
    services.model_save(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, name="Mô hình 1")
    services.model_save(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, name="Mô hình 2")
    with django_assert_num_queries(len(one.captured_queries)):
        resp = client.get(url)
    assert resp.context["page"].paginator.count == 26


def test_exports_read_back(login, khoi9, registered):
    client = login(khoi9.city_officer)
    resp = client.get(_url("registration_export", khoi9.bloc, "xlsx"))
    rows = export_rows(resp)
    assert rows[0][:3] == ("Đơn vị", "Đối tượng", "Họ và tên")
    nam = next(r for r in rows if r[2] == "Trần Văn Nam")
    assert nam[4] == "CSTD_TINH" and "Điều 22" in nam[6]
    assert len(rows) == 1 + 6
    filtered = client.get(_url("registration_export", khoi9.bloc, "xlsx"), {"unit": khoi9.syt.pk})
    assert [r[2] for r in export_rows(filtered)[1:]] == ["Đỗ Thị Lan"]
    doc = Document(io.BytesIO(client.get(_url("registration_export", khoi9.bloc, "docx")).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Đăng ký danh hiệu thi đua năm 2024" in text and "Trường học hạnh phúc" in text
    assert len(doc.tables) == 2  # a table per unit
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert any(row[2] == "Trần Văn Nam" and "Điều 22" in row[4] for row in cells)
    assert any(row[2] == "Sở Giáo dục và Đào tạo" and row[3] == "Tập thể lao động xuất sắc" for row in cells)  # fmt: skip
    assert client.get(_url("registration_export", khoi9.bloc, "pdf")).status_code == 404


def test_deadline_form_head_only(login, khoi9):
    url = _url("registration_deadline", khoi9.bloc)
    assert (
        login(khoi9.sgd_officer).post(url, {"registration_deadline": "31/01/2024"}).status_code
        == 403
    )
    khoi9.bloc.refresh_from_db()
    assert khoi9.bloc.registration_deadline is None
    head = login(khoi9.head_officer)
    assert "Lưu hạn đăng ký" in head.get(_url("registration_list", khoi9.bloc)).content.decode()
    head.post(url, {"registration_deadline": "31/01/2024"})
    khoi9.bloc.refresh_from_db()
    assert khoi9.bloc.registration_deadline == dt.date(2024, 1, 31)
    body = head.get(_url("registration_list", khoi9.bloc)).content.decode()
    assert "31/01/2024" in body and "Đã hết hạn" in body


def test_recheck_view(login, khoi9, registered):
    reg = Registration.objects.get(person=registered.nam)
    Registration.objects.filter(pk=reg.pk).update(warning="")
    resp = login(khoi9.head_officer).post(_url("registration_recheck", khoi9.bloc), follow=True)
    assert "1 cảnh báo thay đổi" in resp.content.decode()
    reg.refresh_from_db()
    assert "Điều 22" in reg.warning
    assert (
        login(khoi9.other_bloc_officer).post(_url("registration_recheck", khoi9.bloc)).status_code
        == 404
    )


# --- Refusals on every view --------------------------------------------------------------------


def _all_urls(khoi9, reg, model):
    b, u = khoi9.bloc, khoi9.sgd
    return [
        ("get", _url("registration_list", b)),
        ("get", _url("registration_export", b, "xlsx")),
        ("get", _url("registration_export", b, "docx")),
        ("post", _url("registration_deadline", b)),
        ("post", _url("registration_recheck", b)),
        ("get", _url("registration_unit", b, u)),
        ("post", _url("registration_unit", b, u)),
        ("get", _url("registration_people", b, u)),
        ("get", _url("registration_delete", b, reg)),
        ("post", _url("registration_delete", b, reg)),
        ("get", _url("registration_model_edit", b, u, model)),
        ("post", _url("registration_model_delete", b, u, model)),
        ("get", _url("registration_import_template", b, u)),
        ("post", _url("registration_import_preview", b, u)),
        ("post", _url("registration_import_confirm", b, u)),
    ]


def test_other_bloc_outsider_404_anonymous_redirected(client, login, khoi9, personas, honours, staff):  # fmt: skip
    reg = services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    model = services.model_save(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, name="Mô hình")
    urls = _all_urls(khoi9, reg, model)
    for user in (khoi9.other_bloc_officer, personas.outsider):
        c = login(user)
        for method, url in urls:
            assert getattr(c, method)(url).status_code == 404, (user, url)
    client.logout()
    for method, url in urls:
        resp = getattr(client, method)(url)
        assert resp.status_code == 302 and resp["Location"].startswith(resolve_url(settings.LOGIN_URL)), url  # fmt: skip
    assert Registration.objects.count() == 1 and EmulationModel.objects.count() == 1


def test_import_template_offers_honour_codes_as_a_drop_down(login, khoi9):
    resp = login(khoi9.sgd_officer).get(_url("registration_import_template", khoi9.bloc, khoi9.sgd))
    wb = load_workbook(io.BytesIO(resp.content))
    ws = wb["Đăng ký"]
    assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].number_format == "@"
    (dv,) = ws.data_validations.dataValidation
    assert str(dv.sqref).startswith("C2:") and dv.errorStyle == "stop"
    sheet, ref = dv.formula1.split("!")
    codes = [c.value for row in wb[sheet.strip("'")][ref.replace("$", "")] for c in row]
    assert "CSTD_TINH" in codes and "TTLDXS" not in codes
