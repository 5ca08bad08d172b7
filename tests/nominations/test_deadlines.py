import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.xlsx import export_rows
from vinhdanh.nominations.models import Dossier
from vinhdanh.nominations.reminders import send_reminders


def _dossier(tree, **extra):
    data = {"kind": "merit", "title": "Hồ sơ chờ tiếp nhận", "year": 2024, "status": "submitted",
            "sending_unit": tree.syt, "receiving_unit": tree.hanoi}  # fmt: skip
    data.update(extra)
    return Dossier.objects.create(**data)


def test_overdue_highlighted_and_filtered(login, personas, tree):
    _dossier(tree, due_on=dt.date(2020, 1, 6))
    _dossier(tree, title="Hồ sơ còn hạn", due_on=dt.date(2099, 1, 6))
    client = login(personas.province_officer)
    url = reverse("nominations:dossier_list")
    body = client.get(url, {"tab": "den"}).content.decode()
    assert body.count("Quá hạn</span>") == 1
    body = client.get(url, {"tab": "den", "overdue": "on"}).content.decode()
    assert "Hồ sơ chờ tiếp nhận" in body and "Hồ sơ còn hạn" not in body


def test_list_filters_by_unit(login, personas, tree):
    _dossier(tree)
    _dossier(tree, title="Hồ sơ của Sở Giáo dục", sending_unit=tree.sgd)
    client = login(personas.province_officer)
    body = client.get(
        reverse("nominations:dossier_list"), {"tab": "den", "unit": tree.sgd.pk}
    ).content.decode()
    assert "Hồ sơ của Sở Giáo dục" in body and "Hồ sơ chờ tiếp nhận" not in body


def test_export_xlsx_reads_back(login, personas, tree):
    _dossier(tree, due_on=dt.date(2020, 1, 6))
    client = login(personas.province_officer)
    response = client.get(reverse("nominations:dossier_list"), {"tab": "den", "export": "xlsx"})
    rows = export_rows(response)
    flat = [
        v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else str(v)
        for r in rows
        for v in r
        if v is not None
    ]
    assert "Hồ sơ chờ tiếp nhận" in flat and "06/01/2020" in flat and "Quá hạn" in flat


def test_export_is_scoped(login, personas, tree):
    _dossier(tree)
    client = login(personas.outsider)
    response = client.get(reverse("nominations:dossier_list"), {"tab": "den", "export": "xlsx"})
    flat = [str(v) for r in export_rows(response) for v in r if v is not None]
    assert "Hồ sơ chờ tiếp nhận" not in flat


def test_reminders_once_per_step(personas, tree):
    personas.province_officer.email = "tp@example.vn"
    personas.province_officer.save()
    personas.unit_officer.email = "syt@example.vn"
    personas.unit_officer.save()
    d = _dossier(tree, due_on=dt.date(2024, 3, 1))
    _dossier(tree, title="Còn xa", due_on=dt.date(2099, 6, 1))
    assert send_reminders(dt.date(2024, 3, 4)) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tp@example.vn"] and "quá hạn" in mail.outbox[0].subject
    assert send_reminders(dt.date(2024, 3, 4)) == 0  # idempotent
    Dossier.objects.filter(pk=d.pk).update(status="returned", version=2)
    call_command("send_dossier_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2 and "syt@example.vn" in mail.outbox[1].to
