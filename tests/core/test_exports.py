"""Every Excel export of the product opens ready to use and never runs a formula.

One table of (export, builder): the builder puts the formula-like payloads into names, units,
reasons and comments of that export's rows and returns who downloads what. Each download is read
back with openpyxl: the payloads are string cells with a leading apostrophe (no formula cell
anywhere), the title rows name the report, the unit and the export date, the header is frozen
with an autofilter over the data, a date cell is a real date shown dd/mm/yyyy, a money cell is a
number shown #,##0 and the money columns are totalled.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.emulation.conftest import khoi9  # noqa: F401 - fixture used by the emulation cases
from tests.emulation.fixtures_scoring import make_table, score_rows
from tests.factories import HonourFactory, PersonFactory
from tests.xlsx import export_book
from vinhdanh.core.exports import DATE_FORMAT, HEADER_ROW, MONEY_FORMAT, TOTAL_LABEL, write_xlsx
from vinhdanh.core.models import AuditAction, AuditEntry
from vinhdanh.core.numbering import number_reserve

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1"]


def _people(env):
    for i, p in enumerate(PAYLOADS):
        PersonFactory(unit=env.tree.syt, position=p, hired_on=dt.date(2010, 9, 1 + i))
    return {"user": env.personas.unit_officer, "url": reverse("orgs:person_list") + "?export=xlsx",
            "date": "Ngày bắt đầu công tác", "report": "Danh sách cá nhân"}  # fmt: skip


def _units(env):
    from vinhdanh.orgs.models import Unit

    Unit.objects.filter(pk=env.tree.syt.pk).update(
        address=PAYLOADS[0], active_from=dt.date(2008, 8, 1)
    )
    Unit.objects.filter(pk=env.tree.hospital.pk).update(address=PAYLOADS[1])
    Unit.objects.filter(pk=env.tree.sgd.pk).update(address=PAYLOADS[2])
    Unit.objects.filter(pk=env.tree.hanoi.pk).update(address=PAYLOADS[3])
    return {"user": env.personas.province_officer, "url": reverse("orgs:unit_list") + "?export=xlsx",
            "date": "Hoạt động từ", "report": "Danh sách đơn vị"}  # fmt: skip


def _register(env):
    person = PersonFactory(unit=env.tree.syt)
    for i, p in enumerate(PAYLOADS):
        HonourFactory(person=person, decision_number=p, achievement_year=2020 + i)
    return {"user": env.personas.unit_officer, "url": reverse("registry:entry_list") + "?export=xlsx",
            "date": "Ngày", "report": "Sổ thi đua, khen thưởng"}  # fmt: skip


def _audit(env):
    for p in PAYLOADS:
        AuditEntry.objects.create(actor=env.personas.unit_officer, actor_name="Cán bộ", action=AuditAction.UPDATE,
                                  object_type="orgs.person", object_id="1", object_repr="Nguyễn Văn An",
                                  unit=env.tree.syt, note=p)  # fmt: skip
    return {"user": env.personas.province_officer, "url": reverse("core:audit_list") + "?export=xlsx",
            "date": "Thời điểm", "report": "Nhật ký thao tác"}  # fmt: skip


def _dossiers(env):
    from vinhdanh.nominations.models import Dossier

    for p in PAYLOADS:
        Dossier.objects.create(kind="merit", title=p, year=2024, sending_unit=env.tree.syt,
                               receiving_unit=env.tree.hanoi, created_by=env.personas.unit_officer,
                               due_on=dt.date(2025, 3, 31))  # fmt: skip
    return {"user": env.personas.unit_officer, "url": reverse("nominations:dossier_list") + "?tab=di&export=xlsx",
            "date": "Hạn xử lý", "report": "Hồ sơ đề nghị khen thưởng"}  # fmt: skip


def _decisions(env):
    from vinhdanh.decisions.models import Decision

    for i, p in enumerate(PAYLOADS):
        Decision.objects.create(
            issuer=env.tree.syt, title=p, date=dt.date(2025, 8, 1 + i), total_amount=1_234_000
        )
    return {"user": env.personas.unit_officer, "url": reverse("decisions:decision_list") + "?export=xlsx",
            "date": "Ngày ký", "money": "Tổng tiền", "total": 4 * 1_234_000,
            "report": "Danh sách quyết định khen thưởng"}  # fmt: skip


def _decision_lines(env):
    from vinhdanh.decisions.models import Decision, DecisionLine

    decision = Decision.objects.create(issuer=env.tree.syt, title="Về việc khen thưởng năm 2025")
    for i, p in enumerate(PAYLOADS):
        DecisionLine.objects.create(decision=decision, position=i + 1, name=f"Người {i}", details=p,
                                    subject_kind="individual", honour_id="LDTT", achievement_year=2024,
                                    amount=1_234_000 + i)  # fmt: skip
    return {"user": env.personas.unit_officer,
            "url": reverse("decisions:decision_detail", args=[decision.pk]) + "?export=xlsx",
            "money": "Tiền thưởng", "total": 4 * 1_234_000 + 6, "report": "Danh sách khen thưởng kèm"}  # fmt: skip


def _numbers(env):
    for i, p in enumerate(PAYLOADS):
        number_reserve(env.personas.admin, issuer_key=f"unit:{env.tree.syt.pk}", issuer_abbreviation="SYT",
                       unit=env.tree.syt, doc_type="KH", year=2024, title=p, doc_date=dt.date(2024, 3, 1 + i))  # fmt: skip
    return {"user": env.khoi9.head_officer, "url": reverse("emulation:number_book") + "?export=xlsx",
            "date": "Ngày văn bản", "report": "Sổ cấp số văn bản"}  # fmt: skip


def _movements(env):
    from vinhdanh.emulation.models import Movement

    for p in PAYLOADS:
        Movement.objects.create(launching_unit=env.tree.hanoi, authority="Chủ tịch UBND Thành phố", theme=p,
                                kind="regular", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))  # fmt: skip
    return {"user": env.khoi9.city_officer, "url": reverse("emulation:movement_list") + "?export=xlsx",
            "date": "Từ ngày", "report": "Danh sách phong trào thi đua"}  # fmt: skip


def _registrations(env):
    from vinhdanh.emulation.models import Registration

    k = env.khoi9
    for p in PAYLOADS:
        Registration.objects.create(year=2024, unit=k.syt, bloc=k.bloc, kind="individual",
                                    person=PersonFactory(unit=k.syt), honour_id="LDTT", warning=p)  # fmt: skip
    return {"user": k.city_officer, "url": reverse("emulation:registration_export", args=[k.bloc.pk, "xlsx"]),
            "report": "Đăng ký danh hiệu thi đua năm 2024"}  # fmt: skip


def _ranking(env):
    from vinhdanh.orgs.models import Unit

    k = env.khoi9
    t = make_table(k.bloc)
    for unit, p in zip(k.members[1:], PAYLOADS, strict=True):
        Unit.objects.filter(pk=unit.pk).update(name=p)
        score_rows(t, unit, k.syt, [5, 5, 5, None, None, None])
    return {"user": k.head_officer, "url": reverse("emulation:scoring_results_xlsx", args=[k.bloc.pk, t.table.pk]),
            "report": "Kết quả chấm điểm, xếp hạng thi đua năm 2024"}  # fmt: skip


def _import_errors(env):
    from vinhdanh.imports.models import ImportJob

    job = ImportJob.objects.create(kind="people", original_name="ca-nhan.xlsx", created_by=env.personas.unit_officer,
                                   scope_paths=[env.tree.syt.path], status="invalid", error_count=4,
                                   errors=[{"sheet": "Cá nhân", "row": i + 2, "column": "Họ và tên", "message": p}
                                           for i, p in enumerate(PAYLOADS)])  # fmt: skip
    return {"user": env.personas.unit_officer,
            "url": reverse("imports:job_detail", args=[job.pk]) + "?export=xlsx", "report": "Lỗi nhập Excel"}  # fmt: skip


def _candidates(env):
    from tests.rules.conftest import give
    from vinhdanh.orgs.models import Person

    for p in PAYLOADS:
        person = PersonFactory(unit=env.tree.syt, full_name="Tạm")
        Person.objects.filter(pk=person.pk).update(full_name=p)
        give(person, ratings={2024: "HTXS", 2025: "HTXS"}, titles=[("CSTDCS", 2024)])
    return {"user": env.personas.unit_officer, "url": "/tieu-chuan/danh-sach/?year=2025&export=xlsx",
            "report": "đủ điều kiện khen thưởng năm 2025"}  # fmt: skip


EXPORTS = {
    "people": _people,
    "units": _units,
    "register": _register,
    "audit": _audit,
    "dossiers": _dossiers,
    "decisions": _decisions,
    "decision_lines": _decision_lines,
    "number_book": _numbers,
    "movements": _movements,
    "registrations": _registrations,
    "ranking": _ranking,
    "import_errors": _import_errors,
    "candidates": _candidates,
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_export_is_safe_and_ready_to_use(name, login, tree, personas, khoi9):  # noqa: F811
    case = EXPORTS[name](SimpleNamespace(tree=tree, personas=personas, khoi9=khoi9))
    response = login(case["user"]).get(case["url"])
    assert response.status_code == 200, name
    ws = export_book(response).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell"
    for payload in PAYLOADS:
        found = [c for c in cells if c.value == "'" + payload]
        assert found and all(c.data_type == "s" for c in found), (name, payload)
        assert not [c for c in cells if c.value == payload], (name, payload)
    # Title rows, frozen header, autofilter over header and data.
    assert case["report"] in ws["A1"].value and ws["A1"].font.b
    assert ws["A2"].value.startswith("Đơn vị:") and ws["A3"].value.startswith("Ngày xuất: ")
    header = [c.value for c in ws[HEADER_ROW]]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    last_data = ws.max_row - (1 if TOTAL_LABEL in [c.value for c in ws[ws.max_row]] else 0)
    assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:") and ws.auto_filter.ref.endswith(
        str(last_data)
    )
    assert last_data - HEADER_ROW >= len(PAYLOADS)
    assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[HEADER_ROW])
    if case.get("date"):
        col = header.index(case["date"]) + 1
        dates = [ws.cell(row=r, column=col) for r in range(HEADER_ROW + 1, last_data + 1)]
        dated = [c for c in dates if c.value is not None]
        assert dated and all(isinstance(c.value, dt.datetime) for c in dated), (name, dated)
        assert all(c.number_format.startswith(DATE_FORMAT) for c in dated)
    if case.get("money"):
        col = header.index(case["money"]) + 1
        money = [ws.cell(row=r, column=col) for r in range(HEADER_ROW + 1, last_data + 1)]
        assert all(
            isinstance(c.value, int | float) and c.number_format == MONEY_FORMAT for c in money
        )
        total_row = [c.value for c in ws[ws.max_row]]
        assert TOTAL_LABEL in total_row and total_row[col - 1] == case["total"]


def test_helper_writes_money_dates_and_escapes_every_formula_start(tmp_path):
    path = tmp_path / "x.xlsx"
    rows = [
        ["=1+1", dt.date(2024, 5, 1), Decimal("1234000"), "\tTab"],
        ["\rCR", None, 1000, "Bình thường"],
    ]
    assert (
        write_xlsx(
            path,
            "Thử",
            ["Tên", "Ngày", "Số tiền", "Ghi chú"],
            rows,
            unit="Sở Y tế",
            money={"Số tiền"},
        )
        == 2
    )
    ws = export_book(path).active
    data = ws[HEADER_ROW + 1]
    assert data[0].value == "'=1+1" and data[0].data_type == "s"
    assert data[3].value == "'\tTab" and ws[HEADER_ROW + 2][0].value == "'\rCR"
    assert ws[HEADER_ROW + 2][3].value == "Bình thường"  # ordinary text untouched
    assert data[1].number_format == DATE_FORMAT and data[2].number_format == MONEY_FORMAT
    assert [c.value for c in ws[HEADER_ROW + 3]] == [TOTAL_LABEL, None, 1235000, None]
    assert ws["A2"].value == "Đơn vị: Sở Y tế"


def test_decision_lines_export_refuses_anonymous_and_outsider(client, login, tree, personas):
    from vinhdanh.decisions.models import Decision

    decision = Decision.objects.create(issuer=tree.syt, title="Về việc khen thưởng")
    url = reverse("decisions:decision_detail", args=[decision.pk]) + "?export=xlsx"
    response = client.get(url)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
    assert login(personas.outsider).get(url).status_code == 404
