"""Assignment of a dossier to a specialist of the receiving office: workload, reassign with a
reason (audited, on the path), the specialist notified and finding it in their inbox."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, grant
from vinhdanh.core.models import AuditEntry
from vinhdanh.inbox.models import Notification
from vinhdanh.inbox.selectors import work_items
from vinhdanh.nominations.assignment import dossier_assign, workloads
from vinhdanh.nominations.models import Dossier, DossierEvent
from vinhdanh.nominations.services import NominationsError


@pytest.fixture
def office(tree, personas):
    """Sở Y tế receives from its hospital; two specialists besides its officer."""
    lan = UserFactory(username="cv_lan", full_name="Chuyên viên Lan")
    minh = UserFactory(username="cv_minh", full_name="Chuyên viên Minh")
    for u in (lan, minh):
        grant(u, "officer", tree.syt)
    d = Dossier.objects.create(
        kind="merit", title="Đề nghị năm 2025 của Bệnh viện", year=2025,
        sending_unit=tree.hospital, receiving_unit=tree.syt, status="submitted",
    )  # fmt: skip
    return lan, minh, d


@pytest.mark.django_db
def test_assign_then_reassign_with_reason(office, personas, django_capture_on_commit_callbacks):
    lan, minh, d = office
    boss = personas.unit_officer
    with django_capture_on_commit_callbacks(execute=True):
        dossier_assign(boss, d, specialist=lan)
    d.refresh_from_db()
    assert d.assigned_to == lan
    [n] = Notification.objects.filter(user=lan)
    assert n.kind == "dossier_assigned" and "Đề nghị năm 2025 của Bệnh viện" in n.title
    with pytest.raises(NominationsError, match="cần ghi lý do"):
        dossier_assign(boss, d, specialist=minh)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_assign(boss, d, specialist=minh, reason="Chị Lan nghỉ phép")
    d.refresh_from_db()
    assert d.assigned_to == minh
    event = DossierEvent.objects.filter(dossier=d).latest("id")
    assert event.reason == "Giao lại từ Chuyên viên Lan cho Chuyên viên Minh: Chị Lan nghỉ phép"
    entry = (
        AuditEntry.objects.filter(object_type="nominations.dossier", object_id=str(d.pk))
        .order_by("id")
        .last()
    )
    assert entry.changes == {"assigned_to": [lan.pk, minh.pk]} and entry.note == event.reason
    assert Notification.objects.filter(user=minh).count() == 1


@pytest.mark.django_db
def test_only_the_receiving_office_assigns_to_its_own(office, tree, personas):
    lan, _minh, d = office
    hospital_officer = UserFactory(username="cb_bv2")
    grant(hospital_officer, "officer", tree.hospital)
    with pytest.raises(NominationsError, match="Chỉ cấp tiếp nhận"):
        dossier_assign(hospital_officer, d, specialist=lan)
    from django.http import Http404

    with pytest.raises(Http404):
        dossier_assign(personas.outsider, d, specialist=lan)
    with pytest.raises(NominationsError, match="phải là cán bộ"):
        dossier_assign(personas.unit_officer, d, specialist=personas.outsider)
    d.status = "draft"
    d.save()
    with pytest.raises(NominationsError, match="chỉ phân công hồ sơ đang"):
        dossier_assign(personas.unit_officer, d, specialist=lan)
    d.refresh_from_db()
    assert d.assigned_to is None


@pytest.mark.django_db
def test_workload_and_inbox_follow_the_assignment(office, tree, personas):
    lan, minh, d = office
    other = Dossier.objects.create(
        kind="merit", title="Hồ sơ thứ hai", year=2025, sending_unit=tree.hospital,
        receiving_unit=tree.syt, status="received",
    )  # fmt: skip
    dossier_assign(personas.unit_officer, d, specialist=lan)
    dossier_assign(personas.unit_officer, other, specialist=lan)
    loads = {u["username"]: n for u, n in workloads(tree.syt)}
    assert loads["cv_lan"] == 2 and loads["cv_minh"] == 0 and loads["cb_syt"] == 0
    assert {i.title for i in work_items(lan)} == {d.title, other.title}
    assert work_items(minh) == [] and work_items(personas.unit_officer) == []


@pytest.mark.django_db
def test_assign_page(office, personas, login):
    lan, _minh, d = office
    url = reverse("nominations:dossier_assign", args=[d.pk])
    client = login(personas.unit_officer)
    body = client.get(url).content.decode()
    assert "Chuyên viên Lan — đang thụ lý 0 hồ sơ" in body and "data-confirm=" in body
    r = client.post(url, {"specialist": lan.pk}, follow=True)
    assert "Đã giao hồ sơ cho Chuyên viên Lan." in r.content.decode()
    d.refresh_from_db()
    assert d.assigned_to == lan
    detail = client.get(reverse("nominations:dossier_detail", args=[d.pk])).content.decode()
    assert "Chuyên viên thụ lý" in detail and "Giao lại chuyên viên khác" in detail


@pytest.mark.django_db
def test_assign_page_refuses_anonymous_outsider_and_sender(office, tree, personas, login, client):
    _lan, _minh, d = office
    url = reverse("nominations:dossier_assign", args=[d.pk])
    r = client.get(url)
    assert r.status_code == 302 and "/tai-khoan/dang-nhap/" in r["Location"]
    assert login(personas.outsider).get(url).status_code == 404
    sender = UserFactory(username="cb_bv3")
    grant(sender, "officer", tree.hospital)
    assert login(sender).post(url, {"specialist": _lan.pk}).status_code == 403
    d.refresh_from_db()
    assert d.assigned_to is None
