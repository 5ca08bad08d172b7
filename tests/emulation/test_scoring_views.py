"""Scoring and acclaim pages: access (anonymous, outsider, other bloc), forms that keep input,
results query counts whatever the size, exports read back."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.emulation.fixtures_scoring import (
    D,
    make_table,
    score_rows,
)
from tests.factories import UnitFactory
from tests.xlsx import export_rows
from vinhdanh.emulation.enums import CriterionKind, ScoringStatus
from vinhdanh.emulation.models import AcclaimVoter, Bloc, BlocMember, Criterion, Score, ScoringTable
from vinhdanh.emulation.services import acclaim as acclaim_svc
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db


def urls(k, t):
    b, tid = k.bloc.pk, t.table.pk
    return [
        reverse("emulation:scoring", args=[b]),
        reverse("emulation:scoring_table", args=[b, tid]),
        reverse("emulation:scoring_settings", args=[b, tid]),
        reverse("emulation:criterion_add", args=[b, tid]),
        reverse("emulation:criterion_edit", args=[b, tid, t.c11.pk]),
        reverse("emulation:criterion_delete", args=[b, tid, t.c11.pk]),
        reverse("emulation:scoring_lock", args=[b, tid]),
        reverse("emulation:scoring_reopen", args=[b, tid]),
        reverse("emulation:scoring_sheet", args=[b, tid, k.sgd.pk]) + f"?scorer={k.sgd.pk}",
        reverse("emulation:scoring_results", args=[b, tid]),
        reverse("emulation:scoring_results_xlsx", args=[b, tid]),
        reverse("emulation:scoring_results_docx", args=[b, tid]),
        reverse("emulation:acclaim", args=[b]),
        reverse("emulation:acclaim_close", args=[b]),
        reverse("emulation:criteria_import", args=[b, tid]),
        reverse("emulation:scoring_action", args=[b, tid, "new_version"]),
    ]


def test_anonymous_redirected_to_login(client, khoi9):
    t = make_table(khoi9.bloc)
    for url in [*urls(khoi9, t), reverse("emulation:flag_proposals")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:login")
        ), url


@pytest.mark.parametrize("who", ["outsider", "other_bloc_officer"])
def test_outsider_and_other_bloc_get_404_everywhere(login, khoi9, personas, who):
    t = make_table(khoi9.bloc)
    acclaim_svc.open_ballot(khoi9.head_officer, khoi9.bloc)
    user = personas.outsider if who == "outsider" else khoi9.other_bloc_officer
    client = login(user)
    for url in [
        *urls(khoi9, t),
        reverse("emulation:scoring_evidence", args=[khoi9.bloc.pk, t.table.pk, 1]),
    ]:
        assert client.get(url).status_code == 404, url
    # and cannot write through the pages
    sheet = reverse("emulation:scoring_sheet", args=[khoi9.bloc.pk, t.table.pk, khoi9.sgd.pk])
    assert (
        client.post(
            sheet + f"?scorer={khoi9.sgd.pk}", {"form": "sheet", f"p_{t.c11.pk}": "5"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("emulation:scoring_lock", args=[khoi9.bloc.pk, t.table.pk])).status_code
        == 404
    )
    assert client.post(reverse("emulation:acclaim", args=[khoi9.bloc.pk]), {"form": "vote", "member": khoi9.sxd.pk,
                                                                            "candidates": [khoi9.sgd.pk]}).status_code == 404  # fmt: skip
    move = reverse("emulation:criterion_move", args=[khoi9.bloc.pk, t.table.pk, t.c11.pk])
    assert client.post(move, {"direction": "down"}).status_code == 404
    assert not Score.objects.exists() and not AcclaimVoter.objects.exists()
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN


def test_create_table_and_criteria_through_pages(login, khoi9):
    client = login(khoi9.head_officer)
    response = client.post(reverse("emulation:scoring", args=[khoi9.bloc.pk]),
                           {"name": "Bảng điểm 2024", "method": "average_others", "deadline": "31/12/2024 17:00", "tie_1": "more_bonus"})  # fmt: skip
    table = ScoringTable.objects.get(bloc=khoi9.bloc)
    assert (
        response.status_code == 302
        and table.tie_break == ["more_bonus"]
        and table.deadline.day == 31
    )
    add = reverse("emulation:criterion_add", args=[khoi9.bloc.pk, table.pk])
    client.post(add, {"code": "I", "name": "Nhóm I", "kind": "group", "max_points": "20"})
    group = Criterion.objects.get(table=table, code="I")
    client.post(
        add,
        {
            "code": "1.1",
            "name": "Tiêu chí",
            "kind": "criterion",
            "max_points": "10",
            "parent": group.pk,
            "guidance": "Đủ thì 10",
        },
    )
    leaf = Criterion.objects.get(table=table, code="1.1")
    assert leaf.parent == group and leaf.guidance == "Đủ thì 10"
    page = client.get(
        reverse("emulation:scoring_table", args=[khoi9.bloc.pk, table.pk])
    ).content.decode()
    assert "Đủ thì 10" in page and "Áp dụng" in page
    client.post(reverse("emulation:scoring_action", args=[khoi9.bloc.pk, table.pk, "open"]))
    table.refresh_from_db()
    assert table.status == ScoringStatus.OPEN


def test_member_cannot_create_table(login, khoi9):
    client = login(khoi9.sgd_officer)
    client.post(
        reverse("emulation:scoring", args=[khoi9.bloc.pk]),
        {"name": "X", "method": "average_others"},
    )
    assert not ScoringTable.objects.exists()


def test_sheet_bound_error_keeps_input(login, khoi9):
    t = make_table(khoi9.bloc)
    client = login(khoi9.sgd_officer)
    url = (
        reverse("emulation:scoring_sheet", args=[khoi9.bloc.pk, t.table.pk, khoi9.sgd.pk])
        + f"?scorer={khoi9.sgd.pk}"
    )
    response = client.post(
        url,
        {
            "form": "sheet",
            f"p_{t.c11.pk}": "7,5",
            f"p_{t.c12.pk}": "12",
            f"n_{t.c11.pk}": "ghi chú",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Điểm tiêu chí 1.2 không được vượt quá 10" in page
    assert 'value="7,5"' in page and 'value="12"' in page and 'value="ghi chú"' in page
    assert not Score.objects.exists()
    response = client.post(url, {"form": "sheet", f"p_{t.c11.pk}": "7,5", f"p_{t.c12.pk}": "9"})
    assert response.status_code == 302
    assert dict(Score.objects.values_list("criterion__code", "points")) == {
        "1.1": D("7.5"),
        "1.2": D(9),
    }
    page = client.get(url).content.decode()
    assert "16,50" in page  # totals computed


def test_sheet_of_other_scorer_hidden_from_member(login, khoi9):
    t = make_table(khoi9.bloc)
    client = login(khoi9.sgd_officer)
    url = (
        reverse("emulation:scoring_sheet", args=[khoi9.bloc.pk, t.table.pk, khoi9.sgd.pk])
        + f"?scorer={khoi9.skhcn.pk}"
    )
    assert client.get(url).status_code == 404


def test_cross_scoring_through_page(login, khoi9):
    t = make_table(khoi9.bloc)
    client = login(khoi9.sgd_officer)
    url = (
        reverse("emulation:scoring_sheet", args=[khoi9.bloc.pk, t.table.pk, khoi9.skhcn.pk])
        + f"?scorer={khoi9.sgd.pk}"
    )
    client.post(url, {"form": "sheet", f"p_{t.c11.pk}": "6"})
    s = Score.objects.get()
    assert (s.member_id, s.scorer_id, s.points, s.entered_by) == (
        khoi9.skhcn.pk,
        khoi9.sgd.pk,
        D(6),
        khoi9.sgd_officer,
    )


def test_lock_and_reopen_through_pages(login, khoi9):
    t = make_table(khoi9.bloc)
    client = login(khoi9.head_officer)
    lock_url = reverse("emulation:scoring_lock", args=[khoi9.bloc.pk, t.table.pk])
    missing = client.get(lock_url).context["missing"]
    client.post(lock_url, {f"r_{m.key}": "Không tham gia chấm" for m in missing})
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.LOCKED
    url = reverse("emulation:scoring_reopen", args=[khoi9.bloc.pk, t.table.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    client.post(url, {"reason": "Bổ sung minh chứng"})
    t.table.refresh_from_db()
    assert t.table.status == ScoringStatus.OPEN and t.table.reopen_reason == "Bổ sung minh chứng"


def _bloc_of_size(owner, n_members, n_criteria, tag):
    bloc = Bloc.objects.create(
        owner=owner, name=f"Khối đo {tag}", abbreviation=f"KĐ{tag}", year=2024
    )
    units = [UnitFactory(code=f"HN.Q{tag}.{i}", name=f"Sở thử {tag} {i:02d}", abbreviation=f"Q{tag}{i}", level=UnitLevel.DEPARTMENT,
                         parent=owner) for i in range(n_members)]  # fmt: skip
    BlocMember.objects.bulk_create(
        [BlocMember(bloc=bloc, unit=u, rotation_order=i) for i, u in enumerate(units)]
    )
    table = ScoringTable.objects.create(
        bloc=bloc, name="Bảng", status=ScoringStatus.OPEN, tie_break=["more_bonus"]
    )
    group = Criterion.objects.create(
        table=table, code="I", name="Nhóm", kind=CriterionKind.GROUP, max_points=0
    )
    crits = Criterion.objects.bulk_create(
        [
            Criterion(
                table=table,
                parent=group,
                code=f"1.{i}",
                name=f"TC {i}",
                kind=CriterionKind.CRITERION,
                max_points=10,
                position=i,
            )
            for i in range(n_criteria - 1)
        ]  # fmt: skip
    ) + [
        Criterion.objects.create(
            table=table,
            code="T",
            name="Thưởng",
            kind=CriterionKind.BONUS,
            max_points=5,
            position=99,
        )
    ]
    rows = []
    for i, member in enumerate(units):
        for scorer in units[:3]:
            for j, c in enumerate(crits):
                rows.append(
                    Score(
                        table=table,
                        criterion=c,
                        member=member,
                        scorer=scorer,
                        points=Decimal(i) / 10 if j == 0 else 5,
                    )
                )
    Score.objects.bulk_create(rows)
    return bloc, table


def test_results_page_fixed_queries_whatever_size(login, khoi9, django_assert_num_queries):
    client = login(khoi9.city_officer)
    small = _bloc_of_size(khoi9.hanoi, 3, 10, "S")
    large = _bloc_of_size(khoi9.hanoi, 30, 50, "L")
    counts = []
    for bloc, table in (small, large):
        url = reverse("emulation:scoring_results", args=[bloc.pk, table.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    url = reverse("emulation:scoring_results", args=[large[0].pk, large[1].pk])
    with django_assert_num_queries(counts[0]):
        response = client.get(url)
    assert response.context["ranking"][0].unit.name == "Sở thử L 29"
    assert "<svg" in response.content.decode()


def test_table_page_fixed_queries_whatever_size(login, khoi9):
    client = login(khoi9.city_officer)
    counts = []
    for bloc, table in (
        _bloc_of_size(khoi9.hanoi, 3, 10, "S"),
        _bloc_of_size(khoi9.hanoi, 30, 50, "L"),
    ):
        url = reverse("emulation:scoring_table", args=[bloc.pk, table.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_exports_read_back(login, khoi9):
    from docx import Document

    t = make_table(khoi9.bloc)
    score_rows(t, khoi9.sgd, khoi9.syt, [9, 9, 9, 2, None, 1])
    client = login(khoi9.sgd_officer)
    response = client.get(
        reverse("emulation:scoring_results_xlsx", args=[khoi9.bloc.pk, t.table.pk])
    )
    rows = export_rows(response)
    assert rows[0][:2] == ("Xếp hạng", "Đơn vị")
    assert rows[1][:2] == (1, "Sở Giáo dục và Đào tạo") and rows[1][6] == 28
    assert len(rows) == 6
    response = client.get(
        reverse("emulation:scoring_results_docx", args=[khoi9.bloc.pk, t.table.pk])
    )
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM 2024" in text and "Khối thi đua số 9" in text
    cells = [c.text for c in doc.tables[0].rows[1].cells]
    assert cells[:2] == ["1", "Sở Giáo dục và Đào tạo"] and cells[6] == "28,00"


# --- acclaim pages ---------------------------------------------------------------------------


def test_acclaim_flow_through_pages(login, khoi9):
    url = reverse("emulation:acclaim", args=[khoi9.bloc.pk])
    head = login(khoi9.head_officer)
    head.post(url, {"seats": "1"})
    voters = {khoi9.syt: khoi9.head_officer, khoi9.sgd: khoi9.sgd_officer, khoi9.skhcn: khoi9.skhcn_officer,
              khoi9.sldtbxh: khoi9.sldtbxh_officer, khoi9.svhtt: khoi9.svhtt_officer}  # fmt: skip
    for unit, user in voters.items():
        client = login(user)
        page = client.get(url).content.decode()
        assert "Kết quả chỉ hiện khi" in page
        choice = khoi9.sgd if unit != khoi9.sgd else khoi9.syt
        response = client.post(url, {"form": "vote", "member": unit.pk, "candidates": [choice.pk]})
        assert response.status_code == 302
    client = login(khoi9.sgd_officer)
    response = client.post(
        url, {"form": "vote", "member": khoi9.sgd.pk, "candidates": [khoi9.syt.pk]}
    )
    assert AcclaimVoter.objects.count() == 5  # no second ballot (the form is no longer offered)
    page = client.get(url).content.decode()
    assert "Kết quả chỉ hiện khi" not in page and "Sở Giáo dục và Đào tạo" in page
    head = login(khoi9.head_officer)
    head.post(reverse("emulation:acclaim_close", args=[khoi9.bloc.pk]))
    page = head.get(url).content.decode()
    assert "Cờ thi đua" in page and "Đã kết thúc" in page


def test_vote_for_self_refused_on_page(login, khoi9):
    acclaim_svc.open_ballot(khoi9.head_officer, khoi9.bloc)
    client = login(khoi9.sgd_officer)
    response = client.post(reverse("emulation:acclaim", args=[khoi9.bloc.pk]),
                           {"form": "vote", "member": khoi9.sgd.pk, "candidates": [khoi9.sgd.pk]})  # fmt: skip
    assert response.status_code == 200 and "chính đơn vị mình" in response.content.decode()
    assert not AcclaimVoter.objects.exists()


def test_flag_page_owner_only(login, khoi9, personas):
    url = reverse("emulation:flag_proposals")
    assert login(khoi9.sgd_officer).get(url).status_code == 404
    assert login(personas.outsider).get(url).status_code == 404
    page = (
        login(khoi9.city_officer).get(url, {"owner": khoi9.hanoi.pk, "year": 2024}).content.decode()
    )
    assert "Chưa có khối nào kết thúc suy tôn năm 2024" in page


def test_criteria_template_imports_back_and_lists_kinds(login, khoi9):
    """The downloaded template (header on row 1, kind as a drop-down) imports as it is."""
    from openpyxl import load_workbook

    from vinhdanh.core.files import bytes_upload
    from vinhdanh.emulation.services import scoring as svc

    table = ScoringTable.objects.create(
        bloc=khoi9.bloc, name="Bảng điểm", status=ScoringStatus.DRAFT
    )
    url = reverse("emulation:criteria_import", args=[khoi9.bloc.pk, table.pk])
    content = login(khoi9.head_officer).get(url, {"mau": "1"}).content
    ws = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in ws[1]] == svc.IMPORT_COLUMNS and ws.freeze_panes == "A2"
    (dv,) = ws.data_validations.dataValidation
    assert str(dv.sqref).startswith("C2:") and "Điểm thưởng" in dv.formula1
    assert svc.import_criteria(khoi9.head_officer, table, bytes_upload(content, "mau.xlsx")) == 5
    assert Criterion.objects.filter(table=table).count() == 5
