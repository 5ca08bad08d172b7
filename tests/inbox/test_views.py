"""Bell, notification list, read marks, preferences, help and feedback pages."""

import pytest
from django.urls import reverse

from vinhdanh.core.models import AuditEntry
from vinhdanh.inbox.models import Feedback, Notification, NotificationPreference


def _n(user, title="Hồ sơ bị trả lại", url="/ho-so/1/"):
    return Notification.objects.create(user=user, kind="dossier_returned", title=title, url=url)


VIEWS = [
    ("get", "inbox:notifications", ()),
    ("post", "inbox:notification_read", (1,)),
    ("post", "inbox:read_all", ()),
    ("get", "inbox:preferences", ()),
    ("get", "inbox:help", ()),
    ("get", "inbox:feedback", ()),
    ("get", "inbox:feedback_list", ()),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "name", "args"), VIEWS)
def test_anonymous_is_sent_to_login(client, method, name, args):
    r = getattr(client, method)(reverse(name, args=args))
    assert r.status_code == 302 and "/tai-khoan/dang-nhap/" in r["Location"]


@pytest.mark.django_db
def test_list_shows_only_own_and_bell_counts_unread(login, personas):
    mine = _n(personas.unit_officer, "Của tôi")
    _n(personas.outsider, "Của người khác")
    client = login(personas.unit_officer)
    body = client.get(reverse("inbox:notifications")).content.decode()
    assert "Của tôi" in body and "Của người khác" not in body
    counts = client.get(reverse("inbox:counts")).content.decode()
    assert (
        'id="bell-count" hx-swap-oob="true" class="count" title="1 thông báo chưa đọc">1<' in counts
    )
    r = client.post(reverse("inbox:notification_read", args=[mine.pk]), {"open": "1"})
    assert r["Location"] == "/ho-so/1/"
    mine.refresh_from_db()
    assert mine.read_at is not None


@pytest.mark.django_db
def test_outsider_cannot_mark_anothers_notification(login, personas):
    theirs = _n(personas.unit_officer)
    r = login(personas.outsider).post(reverse("inbox:notification_read", args=[theirs.pk]))
    assert r.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_mark_all_read_only_touches_own(login, personas):
    for i in range(3):
        _n(personas.unit_officer, f"Tin {i}")
    other = _n(personas.outsider)
    r = login(personas.unit_officer).post(reverse("inbox:read_all"), follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in r.content.decode()
    assert not Notification.objects.filter(
        user=personas.unit_officer, read_at__isnull=True
    ).exists()
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.django_db
def test_preferences_saved_and_audited(login, personas):
    user = personas.unit_officer
    client = login(user)
    r = client.post(reverse("inbox:preferences"), {"channel": "email", "daily_digest": "on"})
    assert "chưa có địa chỉ thư điện tử" in r.content.decode()  # no address: refused
    assert not NotificationPreference.objects.exists()
    user.email = "cb@syt.example.vn"
    user.save()
    client.post(reverse("inbox:preferences"), {"channel": "email", "daily_digest": "on"})
    pref = NotificationPreference.objects.get(user=user)
    assert (pref.channel, pref.daily_digest) == ("email", True)
    entry = AuditEntry.objects.filter(object_type="inbox.notificationpreference").last()
    assert entry.actor == user and entry.changes["channel"] == ["in_app", "email"]


@pytest.mark.django_db
def test_feedback_stored_and_read_by_national_admin_only(login, personas):
    r = login(personas.unit_officer).post(
        reverse("inbox:feedback"),
        {"content": "Danh sách hồ sơ nên lọc theo năm.", "page": "/ho-so/"},
        follow=True,
    )
    assert "góp ý đã được gửi" in r.content.decode()
    fb = Feedback.objects.get()
    assert (fb.user, fb.page) == (personas.unit_officer, "/ho-so/")
    assert AuditEntry.objects.filter(object_type="inbox.feedback", object_id=str(fb.pk)).exists()
    assert login(personas.unit_officer).get(reverse("inbox:feedback_list")).status_code == 404
    body = login(personas.admin).get(reverse("inbox:feedback_list")).content.decode()
    assert "Danh sách hồ sơ nên lọc theo năm." in body


@pytest.mark.django_db
def test_help_page_covers_each_area(login, personas):
    body = login(personas.viewer).get(reverse("inbox:help")).content.decode()
    for title in ("Việc cần xử lý", "Hồ sơ đề nghị khen thưởng", "Hội đồng Thi đua",
                  "Quyết định khen thưởng", "Nghị định 152/2025/NĐ-CP"):  # fmt: skip
        assert title in body
