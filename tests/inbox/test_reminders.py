"""Scheduled reminders: due within 3 working days, once per item and deadline; digests once a
day; the command and the worker's task run the same code."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import UserFactory
from vinhdanh.emulation.models import ScoringTable
from vinhdanh.inbox.models import Notification, NotificationPreference
from vinhdanh.inbox.reminders import send_reminders
from vinhdanh.nominations.models import Dossier, Holiday

TODAY = dt.date(2026, 3, 9)  # Monday; +3 working days = Thursday 12/3


def _dossier(tree, due, status="submitted"):
    return Dossier.objects.create(
        kind="merit", title=f"Hồ sơ hạn {due:%d/%m}", year=2025, sending_unit=tree.hospital,
        receiving_unit=tree.syt, status=status, due_on=due,
    )  # fmt: skip


@pytest.mark.django_db
def test_reminder_once_per_item_and_deadline(tree, personas):
    soon = _dossier(tree, dt.date(2026, 3, 12))
    later = _dossier(tree, dt.date(2026, 3, 13))  # 4 working days away: not yet
    _dossier(tree, dt.date(2026, 3, 10), status="at_council")  # nobody's intake
    assert send_reminders(TODAY)["reminders"] == 1
    [n] = Notification.objects.all()
    assert n.user == personas.unit_officer and n.kind == "deadline_soon"
    assert n.title == f"Hồ sơ «{soon.title}» hạn 12/03/2026 (Đã gửi)"
    assert n.key == f"deadline:dossier:{soon.pk}:{tree.syt.pk}:20260312"
    # Run again the same day, and the next: nothing new for the same deadline.
    assert send_reminders(TODAY)["reminders"] == 0
    assert Notification.objects.count() == 1
    # The next day only the later dossier enters the window.
    assert send_reminders(TODAY + dt.timedelta(days=1))["reminders"] == 1
    assert Notification.objects.latest("id").key.startswith(f"deadline:dossier:{later.pk}:")
    assert Notification.objects.count() == 2
    # A new step with a new deadline is a new reminder.
    soon.due_on = dt.date(2026, 3, 11)
    soon.save()
    assert send_reminders(TODAY)["reminders"] == 1


@pytest.mark.django_db
def test_holidays_push_the_horizon(tree, personas):
    Holiday.objects.create(date=dt.date(2026, 3, 10), name="Giỗ Tổ (giả định)")
    _dossier(tree, dt.date(2026, 3, 13))  # 3 working days once Tuesday is off
    assert send_reminders(TODAY)["reminders"] == 1


@pytest.mark.django_db
def test_returned_dossier_reminds_sender_and_author(tree, personas):
    author = UserFactory(username="tacgia")
    d = Dossier.objects.create(
        kind="merit", title="Trả lại", year=2025, sending_unit=tree.syt, receiving_unit=tree.hanoi,
        status="returned", due_on=TODAY, created_by=author,
    )  # fmt: skip
    send_reminders(TODAY)
    got = Notification.objects.all()
    assert {n.user for n in got} == {personas.unit_officer, author}
    assert "đến hạn hôm nay" in got.first().title and got.first().url.endswith(f"/{d.pk}/")


@pytest.mark.django_db
def test_scoring_deadline_reminds_members_that_owe_sheets(khoi9):
    ScoringTable.objects.create(
        bloc=khoi9.bloc, name="Bảng điểm 2024", status="open",
        deadline=timezone.make_aware(dt.datetime(2026, 3, 11, 17)),
    )  # fmt: skip
    assert send_reminders(TODAY)["reminders"] == 5  # one officer per member unit
    assert Notification.objects.filter(user=khoi9.sgd_officer).count() == 1
    assert not Notification.objects.filter(user=khoi9.other_bloc_officer).exists()
    assert send_reminders(TODAY)["reminders"] == 0


@pytest.mark.django_db
def test_daily_digest_once_a_day(tree, personas):
    user = personas.unit_officer
    user.email = "cb@syt.example.vn"
    user.save()
    NotificationPreference.objects.create(user=user, channel="email", daily_digest=True)
    _dossier(tree, dt.date(2026, 3, 12))
    _dossier(tree, dt.date(2026, 3, 11))
    done = send_reminders(TODAY)
    assert done == {"reminders": 2, "digests": 1}
    [digest] = mail.outbox  # no single mails: the digest carries both
    assert digest.to == ["cb@syt.example.vn"] and "2 thông báo" in digest.subject
    assert digest.body.count("- Hồ sơ «") == 2
    assert send_reminders(TODAY) == {"reminders": 0, "digests": 0}
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_command_and_task(tree, personas, capsys):
    _dossier(tree, dt.date(2026, 3, 12))
    call_command("send_reminders", "--date", "09/03/2026")
    assert "Đã tạo 1 thông báo nhắc hạn" in capsys.readouterr().out
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("send_reminders", "--date", "2026-03-09")
    from vinhdanh.inbox.tasks import send_reminders_job

    result = send_reminders_job.enqueue()  # the immediate backend in tests, the worker in prod
    assert result.return_value == {"reminders": 0, "digests": 0}  # nothing due today
