import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from vinhdanh.nominations.imports import HEADERS
from vinhdanh.nominations.models import Nominee


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("doi-tuong.xlsx", out.getvalue())


def test_import_preview_then_confirm(login, personas, draft, people, tree):
    client = login(personas.unit_officer)
    url = reverse("nominations:nominee_import", args=[draft.pk])
    body = client.post(url, {"file": _xlsx([
        [people.an.cccd, None, "LDTT"],
        [tree.hospital.code, None, "TTLDTT"],
        [None, "Vũ Văn Tâm", "giay_khen"],
    ])}).content.decode()  # fmt: skip
    assert "Xác nhận thêm 3 đối tượng" in body and "Nguyễn Văn An" in body
    assert not Nominee.objects.exists()  # preview only
    client.post(url, {"confirm": "1"})
    kinds = sorted(draft.nominees.values_list("kind", "honour_id"))
    assert kinds == [("citizen", "GIAY_KHEN"), ("collective", "TTLDTT"), ("person", "LDTT")]


def test_import_errors_block_confirm(login, personas, draft, people):
    client = login(personas.unit_officer)
    url = reverse("nominations:nominee_import", args=[draft.pk])
    body = client.post(url, {"file": _xlsx([
        [people.chi.cccd, None, "LDTT"],  # another department's person
        [people.an.cccd, None, "KHONG_CO"],
    ])}).content.decode()  # fmt: skip
    assert "Không tìm thấy cá nhân" in body and "KHONG_CO" in body
    assert "Xác nhận thêm" not in body
    client.post(url, {"confirm": "1"})
    assert not Nominee.objects.exists()


def test_import_all_or_nothing_on_duplicate(login, personas, draft, add, people):
    add(draft, person=people.an)
    client = login(personas.unit_officer)
    url = reverse("nominations:nominee_import", args=[draft.pk])
    client.post(url, {"file": _xlsx([[None, "Vũ Văn Tâm", "GIAY_KHEN"],
                                     [people.an.cccd, None, "LDTT"]])})  # fmt: skip
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "Dòng 3" in response.content.decode()
    assert draft.nominees.count() == 1


def test_import_refuses_non_excel_and_outsider(client, login, personas, draft):
    url = reverse("nominations:nominee_import", args=[draft.pk])
    assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    assert login(personas.outsider).get(url).status_code == 404
    officer = login(personas.unit_officer)
    body = officer.post(url, {"file": SimpleUploadedFile("a.xlsx", b"not a workbook")})
    assert "Không đọc được tệp Excel" in body.content.decode()
