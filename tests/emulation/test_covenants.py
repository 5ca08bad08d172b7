"""The bloc's covenant: commitments (add, edit, delete, reorder), signatories, signing (needs every
member's signatory, takes the GƯ number, locks editing), .docx/.pdf read back, scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.documents.docx import docx_text
from vinhdanh.documents.pdf import docx_to_pdf, soffice_path
from vinhdanh.emulation.models import Covenant, CovenantItem, CovenantSignature
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.services import covenants as services

ITEMS = [
    "Thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
    "Hoàn thành 100% chỉ tiêu, nhiệm vụ được giao năm 2024.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số.",
]


@pytest.fixture(autouse=True)
def _media_and_hashers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, bloc, *args):
    return reverse(f"emulation:{name}", args=[bloc.pk, *args])


@pytest.fixture
def draft(khoi9):
    cov = services.covenant_save(
        khoi9.head_officer,
        khoi9.bloc,
        theme="Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm 2024",
        basis="Kế hoạch số 282/KH-UBND ngày 30/11/2023 của UBND Thành phố",
        place="Sở Y tế Hà Nội",
        signed_on=dt.date(2024, 2, 20),
    )
    for text in ITEMS:
        services.item_add(khoi9.head_officer, cov, content=text)
    return cov


def _sign_all(khoi9, cov, skip=None):
    rows = {u.pk: (f"Giám đốc {u.abbreviation}", "Giám đốc") for u in khoi9.members if u != skip}
    services.signatories_save(khoi9.head_officer, cov, rows)


# --- Editing -----------------------------------------------------------------------------------


def test_covenant_created_from_form_audited(login, khoi9):
    resp = login(khoi9.head_officer).post(
        _url("covenant_edit", khoi9.bloc),
        {
            "theme": "Chủ đề",
            "basis": "Kế hoạch số 282/KH-UBND ngày 30/11/2023",
            "place": "Hà Nội",
            "signed_on": "20/02/2024",
        },
    )
    assert resp.status_code == 302
    cov = Covenant.objects.get(bloc=khoi9.bloc)
    assert cov.signed_on == dt.date(2024, 2, 20) and cov.number is None
    assert AuditEntry.objects.filter(object_type="emulation.covenant", action="create").exists()


def test_items_add_edit_reorder_delete_keep_numbering(login, khoi9, draft):
    client = login(khoi9.head_officer)
    first, second, third = draft.items.order_by("position")
    client.post(_url("covenant_item_move", khoi9.bloc, third.pk), {"direction": "up"})
    assert list(draft.items.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    client.post(_url("covenant_item_edit", khoi9.bloc, second.pk), {"content": "Nội dung mới"})
    second.refresh_from_db()
    assert second.content == "Nội dung mới"
    assert client.get(_url("covenant_item_delete", khoi9.bloc, first.pk)).status_code == 200
    assert CovenantItem.objects.filter(pk=first.pk).exists()  # GET only asks
    client.post(_url("covenant_item_delete", khoi9.bloc, first.pk))
    assert list(draft.items.order_by("position").values_list("position", "pk")) == [
        (1, third.pk),
        (2, second.pk),
    ]
    actions = set(
        AuditEntry.objects.filter(object_type="emulation.covenantitem").values_list(
            "action", flat=True
        )
    )
    assert {"create", "update", "delete"} <= actions
    assert AuditEntry.objects.filter(
        object_type="emulation.covenant", note="Đổi thứ tự cam kết"
    ).exists()


def test_empty_item_refused_input_kept(login, khoi9, draft):
    resp = login(khoi9.head_officer).post(_url("covenant_item_add", khoi9.bloc), {"content": "   "})
    assert resp.status_code == 422
    assert draft.items.count() == 3


def test_signatories_saved_and_cleared(login, khoi9, draft):
    data = {}
    for u in khoi9.members:
        data[f"name_{u.pk}"] = f"Người ký {u.abbreviation}"
        data[f"position_{u.pk}"] = "Giám đốc"
    data[f"name_{khoi9.sgd.pk}"] = ""
    data[f"position_{khoi9.sgd.pk}"] = ""
    resp = login(khoi9.head_officer).post(_url("covenant_signatories", khoi9.bloc), data)
    assert resp.status_code == 302
    sigs = dict(
        CovenantSignature.objects.filter(covenant=draft).values_list("unit_id", "signatory_name")
    )
    assert len(sigs) == 4 and khoi9.sgd.pk not in sigs
    assert sigs[khoi9.syt.pk] == "Người ký SYT"
    assert AuditEntry.objects.filter(
        object_type="emulation.covenant", note="Người ký giao ước"
    ).exists()


# --- Signing -----------------------------------------------------------------------------------


def test_sign_refused_until_every_member_has_a_signatory(login, khoi9, draft):
    _sign_all(khoi9, draft, skip=khoi9.sldtbxh)
    resp = login(khoi9.head_officer).post(
        _url("covenant_sign", khoi9.bloc), {"signed_on": "20/02/2024"}
    )
    assert resp.status_code == 422
    assert "Sở Lao động – Thương binh và Xã hội" in resp.content.decode()
    draft.refresh_from_db()
    assert draft.number is None and not DocumentNumber.objects.exists()
    assert not CovenantSignature.objects.filter(signed_at__isnull=False).exists()


def test_sign_refused_without_items(khoi9):
    cov = services.covenant_save(
        khoi9.head_officer, khoi9.bloc, theme="X", signed_on=dt.date(2024, 2, 20)
    )
    _sign_all(khoi9, cov)
    with pytest.raises(EmulationError, match="chưa có nội dung cam kết"):
        services.covenant_sign(khoi9.head_officer, cov)


def test_sign_takes_number_stamps_signatures_and_locks(login, khoi9, draft):
    _sign_all(khoi9, draft)
    client = login(khoi9.head_officer)
    resp = client.post(_url("covenant_sign", khoi9.bloc), {"signed_on": "21/02/2024"})
    assert resp.status_code == 302
    draft.refresh_from_db()
    assert draft.number.display == "01/GƯ-KTĐ9" and draft.number.status == NumberStatus.ISSUED
    assert draft.signed_on == dt.date(2024, 2, 21)
    assert CovenantSignature.objects.filter(covenant=draft, signed_at__isnull=False).count() == 5
    entry = AuditEntry.objects.get(object_type="emulation.covenant", action="transition")
    assert "01/GƯ-KTĐ9" in entry.note
    # Every edit is refused afterwards, in the services and through the views.
    item = draft.items.first()
    for call in (
        lambda: services.item_add(khoi9.head_officer, draft, content="Thêm"),
        lambda: services.item_update(khoi9.head_officer, item, content="Sửa"),
        lambda: services.item_delete(khoi9.head_officer, item),
        lambda: services.item_move(khoi9.head_officer, item, up=False),
        lambda: services.signatories_save(khoi9.head_officer, draft, {khoi9.syt.pk: ("A", "B")}),
        lambda: services.covenant_save(khoi9.head_officer, khoi9.bloc, theme="Khác"),
        lambda: services.covenant_sign(khoi9.head_officer, draft),
    ):
        with pytest.raises(EmulationError, match="đã ký kết"):
            call()
    resp = client.post(
        _url("covenant_item_edit", khoi9.bloc, item.pk), {"content": "Sửa sau khi ký"}
    )
    assert resp.status_code == 422 and "đã ký kết" in resp.content.decode()
    item.refresh_from_db()
    assert item.content == ITEMS[0] and draft.items.count() == 3
    assert DocumentNumber.objects.count() == 1
    page = client.get(_url("covenant", khoi9.bloc)).content.decode()
    assert "Thêm cam kết" not in page and "01/GƯ-KTĐ9" in page


def test_covenant_docx_and_pdf_read_back(login, khoi9, draft):
    _sign_all(khoi9, draft)
    services.covenant_sign(khoi9.head_officer, draft)
    client = login(khoi9.sgd_officer)  # a member reads and downloads
    data = client.get(_url("covenant_docx", khoi9.bloc)).content
    doc = Document(io.BytesIO(data))
    # No "Số:" on paper: giao ước is not a type of NĐ 30 Điều 7, it has no Phụ lục III code.
    head = doc.tables[0].rows[0].cells[0].text
    assert khoi9.bloc.name.upper() in head and "Số:" not in head and "GƯ" not in head
    text = docx_text(data)
    assert "GIAO ƯỚC THI ĐUA" in text and f"{khoi9.bloc.name} năm 2024" in text
    assert "Căn cứ Kế hoạch số 282/KH-UBND ngày 30/11/2023 của UBND Thành phố" in text
    for i, item in enumerate(ITEMS, start=1):
        assert f"{i}. {item.rstrip('.')}" in text
    for u in khoi9.members:
        assert u.name.upper() in text and f"Giám đốc {u.abbreviation}" in text
    pdf = client.get(_url("covenant_pdf", khoi9.bloc)).content
    flat = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "GIAO ƯỚC THI ĐUA NĂM 2024" in flat and "Số:" not in flat and "GƯ-" not in flat
    n = len(khoi9.members)
    assert f"lập thành {n + 1:02d} bản có giá trị như nhau" in flat  # the PDF counts copies too
    assert "Hoàn thành 100% chỉ tiêu, nhiệm vụ được giao năm 2024." in flat
    assert "Giám đốc SLĐTBXH" in flat


@pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) chưa cài: make system-deps"
)
def test_covenant_docx_converts_with_libreoffice(khoi9, draft):
    pdf = docx_to_pdf(services.covenant_docx(draft))
    flat = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "GIAO ƯỚC THI ĐUA" in flat and "Đẩy mạnh cải cách hành chính, chuyển đổi số" in flat
    assert "DỰ THẢO" in flat and "GƯ-" not in flat  # not signed yet: a draft, no number line


# --- Scope -------------------------------------------------------------------------------------


def _all_urls(khoi9, item):
    return [
        ("get", _url("covenant", khoi9.bloc)),
        ("get", _url("covenant_edit", khoi9.bloc)),
        ("post", _url("covenant_item_add", khoi9.bloc)),
        ("get", _url("covenant_item_edit", khoi9.bloc, item.pk)),
        ("get", _url("covenant_item_delete", khoi9.bloc, item.pk)),
        ("post", _url("covenant_item_delete", khoi9.bloc, item.pk)),
        ("post", _url("covenant_item_move", khoi9.bloc, item.pk)),
        ("get", _url("covenant_signatories", khoi9.bloc)),
        ("get", _url("covenant_sign", khoi9.bloc)),
        ("post", _url("covenant_sign", khoi9.bloc)),
        ("get", _url("covenant_docx", khoi9.bloc)),
        ("get", _url("covenant_pdf", khoi9.bloc)),
    ]


def test_other_bloc_officer_and_outsider_get_404(login, khoi9, draft, personas):
    item = draft.items.first()
    for user in (khoi9.other_bloc_officer, personas.outsider):
        client = login(user)
        for method, url in _all_urls(khoi9, item):
            assert getattr(client, method)(url).status_code == 404, (user, url)
    assert CovenantItem.objects.filter(pk=item.pk).exists() and draft.items.count() == 3


def test_anonymous_redirected_to_login(client, khoi9, draft):
    item = draft.items.first()
    for method, url in _all_urls(khoi9, item):
        resp = getattr(client, method)(url)
        assert resp.status_code == 302 and "next=" in resp.url, url
    assert draft.items.count() == 3


def test_member_officer_reads_but_cannot_write(login, khoi9, draft):
    client = login(khoi9.sgd_officer)
    page = client.get(_url("covenant", khoi9.bloc)).content.decode()
    assert ITEMS[1] in page and "Thêm cam kết" not in page
    item = draft.items.first()
    assert client.post(_url("covenant_item_delete", khoi9.bloc, item.pk)).status_code == 403
    assert (
        client.post(_url("covenant_sign", khoi9.bloc), {"signed_on": "20/02/2024"}).status_code
        == 403
    )
    assert draft.items.count() == 3 and not DocumentNumber.objects.exists()
