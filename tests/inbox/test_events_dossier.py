"""Notifications created by the real services: a returned dossier, a public comment."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory, grant
from tests.nominations.conftest import *  # noqa: F403 (draft, add)
from vinhdanh.inbox.models import Notification, NotificationPreference
from vinhdanh.nominations import workflow
from vinhdanh.nominations.services import NominationsError


@pytest.fixture
def sent(draft, add, personas):
    add(draft, kind="citizen", outsider_name="Vũ Văn Tâm", honour="GIAY_KHEN",
        justification="Dũng cảm cứu người bị nạn")  # fmt: skip
    return workflow.submit(personas.unit_officer, draft, draft.version)


@pytest.mark.django_db
def test_return_notifies_sender_officers_after_commit(
    sent, personas, tree, django_capture_on_commit_callbacks
):
    colleague = UserFactory(username="cb_syt_2", email="cb2@syt.example.vn")
    grant(colleague, "officer", tree.syt)
    NotificationPreference.objects.create(user=colleague, channel="email")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.return_dossier(personas.province_officer, sent, sent.version, "Thiếu báo cáo")
        assert not Notification.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    got = Notification.objects.order_by("user__username")
    assert {n.user for n in got} == {personas.unit_officer, colleague}
    n = got.first()
    assert n.kind == "dossier_returned" and n.body == "Lý do: Thiếu báo cáo"
    assert n.title.startswith(f"Hồ sơ «{sent.title}» bị ")
    assert n.url == reverse("nominations:dossier_detail", args=[sent.pk])
    # Only the colleague asked for e-mail (the console backend in production).
    assert [m.to for m in mail.outbox] == [["cb2@syt.example.vn"]]
    assert Notification.objects.get(user=colleague).emailed_at is not None
    assert not personas.province_officer.notifications.exists()


@pytest.mark.django_db
def test_refused_return_notifies_nobody(sent, personas, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(NominationsError),
    ):
        workflow.return_dossier(personas.province_officer, sent, sent.version, "  ")
    assert callbacks == [] and not Notification.objects.exists()


@pytest.mark.django_db
def test_public_comment_notifies_the_receiving_officers(
    sent, personas, django_capture_on_commit_callbacks
):
    from vinhdanh.portal.services import submit_comment

    today = dt.date.today()
    sent.publicity_from, sent.publicity_to = today, today + dt.timedelta(days=20)
    sent.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit_comment(sent, name="Nguyễn Văn Dân", contact="0912345678",
                       content="Ông Tâm đã cứu hai em nhỏ.", ip="10.0.0.1")  # fmt: skip
    got = Notification.objects.all()
    # The city receives this dossier: its officer and its administrator (who may act too).
    assert {n.user for n in got} == {personas.province_officer, personas.admin}
    n = got.first()
    assert n.kind == "comment_received" and n.body == "Ông Tâm đã cứu hai em nhỏ."
    assert n.url == reverse("nominations:publicity", args=[sent.pk])
