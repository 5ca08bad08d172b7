import hashlib

import pytest
from django.urls import reverse

from tests.factories import HonourFactory, RatingFactory
from tests.files import PDF
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry
from vinhdanh.documents.docx import docx_text
from vinhdanh.nominations import attachments
from vinhdanh.nominations.models import Attachment, Dossier
from vinhdanh.nominations.services import NominationsError


def test_upload_stores_checksum_and_audits(draft, personas):
    att = attachments.attachment_upload(
        personas.unit_officer, draft, bytes_upload(PDF, "To trinh.pdf"), kind="list"
    )
    assert att.file.sha256 == hashlib.sha256(PDF).hexdigest()
    assert att.file.file.read() == PDF
    assert AuditEntry.objects.filter(object_type="nominations.attachment", action="create").exists()


@pytest.mark.parametrize(
    ("data", "name", "match"),
    [
        (b"MZ\x90\x00 not a pdf", "ho-so.pdf", "không phải PDF"),
        (PDF, "chuong-trinh.exe", "không đúng loại"),
        (b"", "rong.pdf", "rỗng"),
    ],
)
def test_upload_refuses_bad_files(draft, personas, data, name, match):
    with pytest.raises(NominationsError, match=match):
        attachments.attachment_upload(
            personas.unit_officer, draft, bytes_upload(data, name), kind="other"
        )
    assert not Attachment.objects.exists()


def test_upload_refuses_oversize(draft, personas, settings):
    settings.UPLOAD_MAX_BYTES_BY_KIND = {"pdf": 10}
    with pytest.raises(NominationsError, match="dung lượng"):
        attachments.attachment_upload(
            personas.unit_officer, draft, bytes_upload(PDF, "a.pdf"), kind="other"
        )
    assert not Attachment.objects.exists()


def test_upload_refused_once_submitted(draft, personas):
    Dossier.objects.filter(pk=draft.pk).update(status="submitted")
    draft.refresh_from_db()
    with pytest.raises(NominationsError, match="cấp tiếp nhận"):
        attachments.attachment_upload(
            personas.unit_officer, draft, bytes_upload(PDF, "a.pdf"), kind="other"
        )


def test_achievement_report_from_register_then_replaced(draft, add, people, personas):
    RatingFactory(person=people.an, year=2024, rating_id="HTT")
    HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2023,
                  decision_number="77/QĐ-SYT")  # fmt: skip
    HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2015,
                  decision_number="5/QĐ-CU")  # fmt: skip
    nominee = add(draft, person=people.an, honour="CSTDCS")
    att = attachments.achievement_report_generate(personas.unit_officer, nominee)
    text = docx_text(att.file.file.read())
    assert "BÁO CÁO THÀNH TÍCH" in text and "Nguyễn Văn An" in text
    assert "77/QĐ-SYT" in text and "5/QĐ-CU" not in text  # only the last five years
    assert att.kind == "achievement_report" and att.file.generated
    again = attachments.achievement_report_generate(personas.unit_officer, nominee)
    assert again.pk == att.pk and Attachment.objects.count() == 1
    edited = attachments.attachment_replace(
        personas.unit_officer, again, bytes_upload(PDF, "bao-cao-da-sua.pdf")
    )
    edited.refresh_from_db()
    assert edited.file.original_name == "bao-cao-da-sua.pdf" and not edited.file.generated


def test_achievement_report_refused_for_outsider_nominee(draft, add, personas):
    nominee = add(draft, kind="foreigner", outsider_name="John Smith", honour="HUY_CHUONG_HN")
    with pytest.raises(NominationsError, match="nhập tay"):
        attachments.achievement_report_generate(personas.unit_officer, nominee)
    assert not Attachment.objects.exists()


def test_upload_and_download_views(login, personas, draft, add, people):
    nominee = add(draft, person=people.an)
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:attachment_add", args=[draft.pk]),
        {"kind": "other", "nominee": nominee.pk, "file": bytes_upload(PDF, "giay-to.pdf")},
    )
    att = Attachment.objects.get()
    assert att.nominee == nominee and response.status_code == 302
    detail = client.get(reverse("nominations:dossier_detail", args=[draft.pk])).content.decode()
    assert "giay-to.pdf" in detail and "Thay bản mới" in detail
    url = reverse("nominations:attachment_download", args=[draft.pk, att.pk])
    assert b"".join(client.get(url).streaming_content) == PDF
    # the receiver may download once it is sent; the outsider never
    Dossier.objects.filter(pk=draft.pk).update(status="submitted")
    receiver = login(personas.province_officer)
    assert b"".join(receiver.get(url).streaming_content) == PDF
    assert login(personas.outsider).get(url).status_code == 404


def test_upload_view_bad_file_keeps_form(login, personas, draft):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:attachment_add", args=[draft.pk]),
        {"kind": "other", "file": bytes_upload(b"<html>", "trang.pdf")},
    )
    assert "không phải PDF" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_views_refuse_outsider_and_anonymous(client, login, personas, draft):
    att = attachments.attachment_upload(
        personas.unit_officer, draft, bytes_upload(PDF, "a.pdf"), kind="other"
    )
    urls = [
        reverse("nominations:attachment_add", args=[draft.pk]),
        reverse("nominations:attachment_download", args=[draft.pk, att.pk]),
        reverse("nominations:attachment_replace", args=[draft.pk, att.pk]),
        reverse("nominations:attachment_delete", args=[draft.pk, att.pk]),
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    outsider = login(personas.outsider)
    for url in urls:
        assert outsider.get(url).status_code == 404
        assert outsider.post(url).status_code == 404
    assert Attachment.objects.filter(pk=att.pk).exists()


def test_delete_attachment_after_confirmation(login, personas, draft):
    att = attachments.attachment_upload(
        personas.unit_officer, draft, bytes_upload(PDF, "a.pdf"), kind="other"
    )
    client = login(personas.unit_officer)
    url = reverse("nominations:attachment_delete", args=[draft.pk, att.pk])
    assert "Gỡ «a.pdf»" in client.get(url).content.decode()
    client.post(url)
    assert not Attachment.objects.exists()
    assert AuditEntry.objects.filter(object_type="nominations.attachment", action="delete").exists()


def test_achievement_report_view(login, personas, draft, add, people):
    nominee = add(draft, person=people.an)
    client = login(personas.unit_officer)
    client.post(reverse("nominations:achievement_report", args=[draft.pk, nominee.pk]))
    att = Attachment.objects.get()
    assert att.nominee == nominee and att.file.original_name.endswith(".docx")
