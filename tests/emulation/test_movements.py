"""Movements: create, edit while draft, transitions, milestones, participants, documents,
reminders, the page's contents, list filters/export/query counts, refusals."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.emulation.fixtures_movements import *  # noqa: F403 (fixtures)
from tests.files import PDF
from tests.xlsx import export_rows
from vinhdanh.catalogue.models import Honour
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.emulation.enums import MovementStatus
from vinhdanh.emulation.models import (
    EmulationModel,
    Milestone,
    Movement,
    MovementDocument,
    MovementParticipant,
    Registration,
)
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.services import movements as services

LIST = reverse("emulation:movement_list")


def _url(name, m, *args):
    return reverse(f"emulation:{name}", args=[m.pk, *args])


# --- Create and edit -----------------------------------------------------------------------------


def test_create_movement_as_city_officer(login, khoi9, movement):
    client = login(khoi9.city_officer)
    resp = client.post(
        reverse("emulation:movement_create"),
        {
            "launching_unit": khoi9.syt.pk,
            "authority": "Giám đốc Sở Y tế",
            "theme": "Ngành Y tế Thủ đô đổi mới, phát triển",
            "kind": "thematic",
            "start": "01/03/2024",
            "end": "30/11/2024",
            "audience": "Các đơn vị trực thuộc",
            "criteria": "",
            "parent": movement.pk,
        },
    )
    assert resp.status_code == 302
    created = Movement.objects.get(theme="Ngành Y tế Thủ đô đổi mới, phát triển")
    assert created.parent == movement
    assert created.status == MovementStatus.DRAFT
    assert created.start == dt.date(2024, 3, 1)
    assert AuditEntry.objects.filter(
        object_type="emulation.movement", object_id=str(created.pk), action="create"
    ).exists()
    # The city's page lists the answering movement.
    assert (
        "Ngành Y tế Thủ đô đổi mới"
        in client.get(_url("movement_detail", movement)).content.decode()
    )


def test_create_for_unit_outside_manage_scope_refused_and_input_kept(login, khoi9):
    client = login(khoi9.head_officer)
    resp = client.post(
        reverse("emulation:movement_create"),
        {
            "launching_unit": khoi9.sgd.pk,
            "authority": "X",
            "theme": "Chủ đề giữ lại",
            "kind": "regular",
            "start": "01/01/2024",
            "end": "31/12/2024",
        },
    )
    assert resp.status_code == 422
    assert "Chủ đề giữ lại" in resp.content.decode()
    assert not Movement.objects.exists()


def test_create_end_before_start_refused(login, khoi9):
    client = login(khoi9.city_officer)
    resp = client.post(
        reverse("emulation:movement_create"),
        {
            "launching_unit": khoi9.hanoi.pk,
            "authority": "X",
            "theme": "Ngày sai",
            "kind": "regular",
            "start": "31/12/2024",
            "end": "01/01/2024",
        },
    )
    assert resp.status_code == 422
    assert "Ngày kết thúc phải sau ngày bắt đầu." in resp.content.decode()
    assert not Movement.objects.exists()


def test_edit_only_while_draft(login, khoi9, movement):
    client = login(khoi9.city_officer)
    data = {
        "launching_unit": khoi9.hanoi.pk,
        "authority": "Chủ tịch UBND Thành phố",
        "theme": "Chủ đề mới",
        "kind": "regular",
        "start": "01/01/2024",
        "end": "31/12/2024",
    }
    assert client.post(_url("movement_edit", movement), data).status_code == 302
    movement.refresh_from_db()
    assert movement.theme == "Chủ đề mới"
    assert movement.theme_folded == "chu de moi"
    services.movement_transition(khoi9.city_officer, movement, "launch")
    data["theme"] = "Không được sửa"
    resp = client.post(_url("movement_edit", movement), data)
    assert resp.status_code == 422
    assert "Chỉ sửa được phong trào đang ở trạng thái dự thảo" in resp.content.decode()
    movement.refresh_from_db()
    assert movement.theme == "Chủ đề mới"


def test_edit_refused_to_participant_officer(login, khoi9, movement):
    client = login(khoi9.head_officer)  # Sở Y tế takes part but did not launch
    assert client.get(_url("movement_detail", movement)).status_code == 200
    resp = client.post(_url("movement_edit", movement), {"theme": "x"})
    assert resp.status_code == 403
    movement.refresh_from_db()
    assert movement.theme.startswith("Thi đua thực hiện")


# --- Transitions ---------------------------------------------------------------------------------

ALLOWED = {
    "launch": {MovementStatus.DRAFT: MovementStatus.LAUNCHED},
    "start_review": {MovementStatus.LAUNCHED: MovementStatus.UNDER_REVIEW},
    "close": {
        MovementStatus.LAUNCHED: MovementStatus.CLOSED,
        MovementStatus.UNDER_REVIEW: MovementStatus.CLOSED,
    },
    "reopen": {MovementStatus.UNDER_REVIEW: MovementStatus.LAUNCHED},
}
CASES = [(action, state) for action in ALLOWED for state in MovementStatus.values]


@pytest.mark.parametrize(("action", "state"), CASES)
def test_transition_allowed_or_refused(login, khoi9, movement, action, state):
    Movement.objects.filter(pk=movement.pk).update(status=state)
    client = login(khoi9.city_officer)
    before = AuditEntry.objects.filter(
        object_type="emulation.movement", action="transition"
    ).count()
    resp = client.post(_url("movement_transition", movement, action))
    movement.refresh_from_db()
    after = AuditEntry.objects.filter(object_type="emulation.movement", action="transition")
    if state in ALLOWED[action]:
        assert resp.status_code == 302
        assert movement.status == ALLOWED[action][state]
        assert after.count() == before + 1
        entry = after.latest("pk")
        assert entry.changes["status"] == [state, ALLOWED[action][state]]
        assert entry.actor == khoi9.city_officer
        if action == "launch":
            assert movement.launched_on is not None
    else:
        assert resp.status_code == 422
        assert movement.status == state
        assert after.count() == before
        assert "Không thể" in resp.content.decode()


def test_transition_has_confirmation_step(login, khoi9, movement):
    client = login(khoi9.city_officer)
    page = client.get(_url("movement_transition", movement, "launch"))
    assert "Xác nhận chuyển trạng thái" in page.content.decode()
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


def test_transition_refused_to_participant_officer(login, khoi9, movement):
    resp = login(khoi9.head_officer).post(_url("movement_transition", movement, "launch"))
    assert resp.status_code == 403
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


# --- Milestones and reminders ------------------------------------------------------------------


def test_milestone_add_edit_done(login, khoi9, movement):
    client = login(khoi9.city_officer)
    resp = client.post(
        _url("milestone_add", movement),
        {
            "kind": "mid_term",
            "title": "Sơ kết 6 tháng",
            "due": "15/07/2024",
            "remind_days_before": 7,
        },
    )
    assert resp.status_code == 302
    ms = Milestone.objects.get()
    assert ms.due == dt.date(2024, 7, 15)
    ms.reminded_at = dt.datetime(2024, 7, 9, tzinfo=dt.UTC)
    ms.save()
    client.post(
        _url("milestone_edit", movement, ms.pk),
        {
            "kind": "mid_term",
            "title": "Sơ kết 6 tháng đầu năm",
            "due": "20/07/2024",
            "remind_days_before": 5,
        },
    )
    ms.refresh_from_db()
    assert ms.title == "Sơ kết 6 tháng đầu năm" and ms.reminded_at is None  # moved → reminded again
    client.post(_url("milestone_done", movement, ms.pk))
    ms.refresh_from_db()
    assert ms.done_on is not None
    assert (
        AuditEntry.objects.filter(object_type="emulation.milestone", object_id=str(ms.pk)).count()
        == 3
    )


def test_reminders_sent_once_and_marked(khoi9, movement, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for user in (khoi9.city_officer, khoi9.head_officer, khoi9.sgd_officer, khoi9.skhcn_officer):
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    Movement.objects.filter(pk=movement.pk).update(status=MovementStatus.LAUNCHED)
    soon = Milestone.objects.create(
        movement=movement,
        kind="mid_term",
        title="Sơ kết",
        due=dt.date(2024, 7, 10),
        remind_days_before=7,
    )
    later = Milestone.objects.create(
        movement=movement,
        kind="final",
        title="Tổng kết",
        due=dt.date(2024, 12, 10),
        remind_days_before=7,
    )
    call_command("send_milestone_reminders", "--today", "05/07/2024", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    # Officers of the launching unit and of the participants; not Sở KH&CN (not taking part).
    assert set(message.to) == {"cb_thanhpho@example.vn", "cb_syt@example.vn", "cb_sgd@example.vn"}
    assert "10/07/2024" in message.body
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None and later.reminded_at is None
    call_command("send_milestone_reminders", "--today", "06/07/2024", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # idempotent


def test_reminders_skip_draft_and_done(khoi9, movement, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    khoi9.city_officer.email = "cb@example.vn"
    khoi9.city_officer.save(update_fields=["email"])
    Milestone.objects.create(
        movement=movement, kind="mid_term", title="Sơ kết", due=dt.date(2024, 7, 10)
    )
    call_command("send_milestone_reminders", "--today", "05/07/2024", stdout=io.StringIO())
    assert mail.outbox == []  # the movement is still a draft
    Movement.objects.filter(pk=movement.pk).update(status=MovementStatus.LAUNCHED)
    Milestone.objects.update(done_on=dt.date(2024, 7, 1))
    call_command("send_milestone_reminders", "--today", "05/07/2024", stdout=io.StringIO())
    assert mail.outbox == []


# --- Participants ---------------------------------------------------------------------------------


def test_participant_add_and_remove(login, khoi9, movement):
    client = login(khoi9.city_officer)
    resp = client.post(_url("participant_add", movement), {"p-unit": khoi9.skhcn.pk})
    assert resp.status_code == 302
    part = MovementParticipant.objects.get(movement=movement, unit=khoi9.skhcn)
    resp = client.post(_url("participant_add", movement), {"p-unit": khoi9.skhcn.pk})
    assert resp.status_code == 422
    assert "đã có trong danh sách" in resp.content.decode()
    confirm = client.get(_url("participant_remove", movement, part.pk)).content.decode()
    assert "Bỏ Sở Khoa học và Công nghệ khỏi phong trào" in confirm
    assert MovementParticipant.objects.filter(pk=part.pk).exists()  # GET only asks
    client.post(_url("participant_remove", movement, part.pk))
    assert not MovementParticipant.objects.filter(pk=part.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="emulation.movementparticipant", action="delete"
    ).exists()


def test_participant_outside_scope_refused(login, khoi9, movement, tree):
    resp = login(khoi9.city_officer).post(
        _url("participant_add", movement), {"p-unit": tree.syt_ht.pk}
    )
    assert resp.status_code == 422
    assert not MovementParticipant.objects.filter(unit=tree.syt_ht).exists()


# --- Documents -------------------------------------------------------------------------------------


def test_document_numbered_by_launching_unit(login, khoi9, movement):
    client = login(khoi9.city_officer)
    resp = client.post(
        _url("movement_document_add", movement),
        {
            "d-doc_type": "KH",
            "d-title": "Kế hoạch phát động thi đua năm 2024",
            "d-doc_date": "30/11/2023",
            "d-upload": bytes_upload(PDF, "ke-hoach.pdf"),
        },
    )
    assert resp.status_code == 302
    doc = MovementDocument.objects.get()
    assert doc.number.display == "01/KH-UBND"
    assert doc.number.status == NumberStatus.ISSUED
    assert doc.number.object_id == str(doc.pk)
    assert doc.file.original_name == "ke-hoach.pdf"
    dl = client.get(_url("movement_document_download", movement, doc.pk))
    assert b"".join(dl.streaming_content) == PDF


def test_document_external_number(login, khoi9, movement):
    client = login(khoi9.city_officer)
    client.post(
        _url("movement_document_add", movement),
        {
            "d-external_number": "282/KH-UBND",
            "d-title": "Kế hoạch của UBND Thành phố",
            "d-doc_date": "30/11/2023",
        },
    )
    doc = MovementDocument.objects.get()
    assert doc.number is None and doc.external_number == "282/KH-UBND"
    assert not DocumentNumber.objects.exists()
    assert "282/KH-UBND" in client.get(_url("movement_detail", movement)).content.decode()


def test_document_bad_file_refused_with_message(login, khoi9, movement):
    client = login(khoi9.city_officer)
    resp = client.post(
        _url("movement_document_add", movement),
        {
            "d-doc_type": "KH",
            "d-title": "Giữ trích yếu",
            "d-doc_date": "30/11/2023",
            "d-upload": bytes_upload(b"MZ\x90\x00", "virus.exe"),
        },
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    assert "không đúng loại cho phép" in html
    assert "Giữ trích yếu" in html
    assert not MovementDocument.objects.exists()
    assert not DocumentNumber.objects.exists()  # no number burnt on a refused file


def test_document_download_refused_outside(login, khoi9, movement, personas):
    client = login(khoi9.city_officer)
    client.post(
        _url("movement_document_add", movement),
        {
            "d-external_number": "282/KH-UBND",
            "d-title": "KH",
            "d-doc_date": "30/11/2023",
            "d-upload": bytes_upload(PDF, "a.pdf"),
        },
    )
    doc = MovementDocument.objects.get()
    # A participant's officer may download; the outsider gets 404.
    assert (
        login(khoi9.head_officer)
        .get(_url("movement_document_download", movement, doc.pk))
        .status_code
        == 200
    )
    assert (
        login(personas.outsider)
        .get(_url("movement_document_download", movement, doc.pk))
        .status_code
        == 404
    )


# --- The movement page -----------------------------------------------------------------------------


def test_page_shows_registrations_models_no_commendation_stub(login, khoi9, movement):
    honour = Honour.objects.filter(for_collective=True).first()
    assert honour is not None
    Registration.objects.create(
        year=2024, unit=khoi9.syt, movement=movement, kind="collective", honour=honour
    )
    EmulationModel.objects.create(
        year=2024, unit=khoi9.sgd, movement=movement, name="Trường học hạnh phúc"
    )
    html = login(khoi9.city_officer).get(_url("movement_detail", movement)).content.decode()
    assert honour.name in html
    assert "Trường học hạnh phúc" in html
    assert "Sở Giáo dục và Đào tạo" in html  # participant
    assert "Mô hình thi đua" in html and "Đăng ký thi đua" in html


# --- List ---------------------------------------------------------------------------------------


def test_list_accent_free_search_and_filters(login, khoi9, movement):
    Movement.objects.create(
        launching_unit=khoi9.syt,
        authority="Giám đốc",
        theme="Chuyển đổi số ngành Y tế",
        kind="thematic",
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
        status=MovementStatus.CLOSED,
    )
    client = login(khoi9.city_officer)
    html = client.get(LIST, {"q": "chuyen doi so"}).content.decode()
    assert "Chuyển đổi số ngành Y tế" in html and "phát triển kinh tế" not in html
    html = client.get(LIST, {"status": "draft"}).content.decode()
    assert "phát triển kinh tế" in html and "Chuyển đổi số" not in html
    html = client.get(LIST, {"year": 2023, "kind": "thematic"}).content.decode()
    assert "Chuyển đổi số" in html and "phát triển kinh tế" not in html


def test_list_export(login, khoi9, movement):
    resp = login(khoi9.city_officer).get(LIST, {"export": "xlsx"})
    rows = export_rows(resp)
    assert rows[0][0] == "Chủ đề"
    assert rows[1][0] == movement.theme and rows[1][8] == 2


def test_list_scope(login, khoi9, movement, personas):
    assert movement.theme not in login(personas.outsider).get(LIST).content.decode()
    # A participant sees the city's movement; a unit neither launching nor taking part does not.
    assert "phát triển kinh tế" in login(khoi9.head_officer).get(LIST).content.decode()
    assert "phát triển kinh tế" not in login(khoi9.skhcn_officer).get(LIST).content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_constant(login, khoi9, django_assert_num_queries, rows):
    for i in range(rows):
        m = Movement.objects.create(
            launching_unit=khoi9.hanoi,
            authority="UBND",
            theme=f"Phong trào {i}",
            kind="regular",
            start=dt.date(2024, 1, 1),
            end=dt.date(2024, 12, 31),
        )
        MovementParticipant.objects.create(movement=m, unit=khoi9.syt)
    client = login(khoi9.city_officer)
    client.get(LIST)
    with django_assert_num_queries(QUERIES_LIST):
        client.get(LIST)


QUERIES_LIST = 5


# --- Refusals -----------------------------------------------------------------------------------


def _all_urls(m):
    ms = Milestone.objects.create(
        movement=m, kind="final", title="Tổng kết", due=dt.date(2024, 12, 1)
    )
    part = m.participations.first()
    doc = MovementDocument.objects.create(
        movement=m, external_number="1/KH", title="t", doc_date=dt.date(2024, 1, 1)
    )
    return [
        _url("movement_detail", m),
        _url("movement_edit", m),
        _url("movement_transition", m, "launch"),
        _url("milestone_add", m),
        _url("milestone_edit", m, ms.pk),
        _url("milestone_done", m, ms.pk),
        _url("participant_add", m),
        _url("participant_remove", m, part.pk),
        _url("movement_document_add", m),
        _url("movement_document_download", m, doc.pk),
    ]


def test_outsider_gets_404_everywhere(login, khoi9, movement, personas):
    client = login(personas.outsider)
    for url in _all_urls(movement):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url).status_code in (404, 405), url
    assert client.post(reverse("emulation:movement_create"), {"theme": "x"}).status_code == 422
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT
    assert Movement.objects.count() == 1


def test_anonymous_redirected_everywhere(client, khoi9, movement):
    for url in [LIST, reverse("emulation:movement_create"), *_all_urls(movement)]:
        resp = client.get(url)
        assert resp.status_code in (302, 405) and (
            resp.status_code == 405 or "next=" in resp["Location"]
        ), url


def test_service_refuses_outsider(khoi9, movement, personas):
    with pytest.raises(EmulationError):
        services.movement_transition(personas.outsider, movement, "launch")
