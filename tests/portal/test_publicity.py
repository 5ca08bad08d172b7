"""Officers' side of publicity: publishing a dossier's list and moderating public comments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from vinhdanh.core.models import AuditEntry
from vinhdanh.nominations import services_publicity as svc
from vinhdanh.nominations.enums import CommentStatus, DossierStatus
from vinhdanh.nominations.models import Holiday, PublicComment

pytestmark = pytest.mark.django_db


def test_add_working_days_skips_weekends_and_holidays():
    Holiday.objects.all().delete()  # seeded holidays may exist; the test brings its own
    friday = dt.date(2026, 4, 24)
    assert svc.add_working_days(friday, 1) == dt.date(2026, 4, 27)  # Monday
    Holiday.objects.create(date=dt.date(2026, 4, 30), name="Ngày Giải phóng miền Nam")
    Holiday.objects.create(date=dt.date(2026, 5, 1), name="Quốc tế Lao động")
    # Mon 27, Tue 28, Wed 29, (Thu 30, Fri 1 holidays), Mon 4
    assert svc.add_working_days(friday, 4) == dt.date(2026, 5, 4)


def test_publicity_start_sets_window_and_audits(login, personas, dossier):
    client = login(personas.unit_officer)
    response = client.post(reverse("nominations:publicity", args=[dossier.pk]), {"days": "5"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    today = dt.date.today()
    assert dossier.publicity_from == today
    assert dossier.publicity_to == svc.add_working_days(today, 5)
    entry = AuditEntry.objects.get(object_type="nominations.dossier", object_id=str(dossier.pk))
    assert "publicity_to" in entry.changes


def test_publicity_days_out_of_range_keeps_input(login, personas, dossier):
    client = login(personas.unit_officer)
    response = client.post(reverse("nominations:publicity", args=[dossier.pk]), {"days": "45"})
    assert response.status_code == 200
    assert "Số ngày công khai tối đa là 30." in response.content.decode()
    assert 'value="45"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.publicity_from is None


def test_publicity_refused_for_draft(login, personas, dossier):
    dossier.status = DossierStatus.DRAFT
    dossier.save()
    client = login(personas.unit_officer)
    response = client.post(reverse("nominations:publicity", args=[dossier.pk]), {"days": "5"})
    assert "chỉ công khai được hồ sơ" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.publicity_from is None


def test_publicity_stop_ends_window(login, personas, public_dossier):
    client = login(personas.unit_officer)
    client.post(reverse("nominations:publicity_stop", args=[public_dossier.pk]))
    public_dossier.refresh_from_db()
    assert not svc.is_public(public_dossier)
    assert public_dossier.publicity_to < dt.date.today()


@pytest.mark.parametrize("who", ["outsider", "viewer", "nobody"])
def test_publicity_refused_to_others(login, personas, dossier, who):
    client = login(getattr(personas, who))
    url = reverse("nominations:publicity", args=[dossier.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"days": "5"}).status_code == 404
    stop = reverse("nominations:publicity_stop", args=[dossier.pk])
    assert client.post(stop).status_code == 404
    dossier.refresh_from_db()
    assert dossier.publicity_from is None


def test_publicity_anonymous_redirected(client, dossier):
    response = client.get(reverse("nominations:publicity", args=[dossier.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("action", "status"), [("publish", CommentStatus.PUBLISHED), ("hide", CommentStatus.HIDDEN)]
)
def test_moderation_publish_hide_audited(login, personas, comment, action, status):
    client = login(personas.unit_officer)
    client.post(reverse("nominations:comment_moderate", args=[comment.pk]), {"action": action})
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == personas.unit_officer
    entry = AuditEntry.objects.get(object_type="nominations.publiccomment")
    assert entry.changes["status"] == [CommentStatus.PENDING, status]


def test_moderation_answer_audited(login, personas, comment):
    client = login(personas.province_officer)
    client.post(
        reverse("nominations:comment_moderate", args=[comment.pk]),
        {"action": "answer", "answer": "Hội đồng sẽ xem xét ý kiến."},
    )
    comment.refresh_from_db()
    assert comment.answer == "Hội đồng sẽ xem xét ý kiến."
    assert comment.status == CommentStatus.PENDING
    entry = AuditEntry.objects.get(object_type="nominations.publiccomment")
    assert entry.changes["answer"] == ["", "Hội đồng sẽ xem xét ý kiến."]


def test_moderation_empty_answer_refused(login, personas, comment):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:comment_moderate", args=[comment.pk]),
        {"action": "answer", "answer": "  "},
        follow=True,
    )
    assert "Nhập nội dung trả lời" in response.content.decode()
    comment.refresh_from_db()
    assert comment.answer == ""
    assert not AuditEntry.objects.filter(object_type="nominations.publiccomment").exists()


@pytest.mark.parametrize("who", ["outsider", "viewer", "nobody"])
def test_moderation_refused_to_others(login, personas, comment, who):
    client = login(getattr(personas, who))
    page = client.get(reverse("nominations:comment_moderation"))
    # the Hà Tĩnh officer has the page but none of Hà Nội's comments
    assert page.status_code == (200 if who == "outsider" else 404)
    assert "Nguyễn Thị Góp Ý" not in page.content.decode()
    response = client.post(
        reverse("nominations:comment_moderate", args=[comment.pk]), {"action": "publish"}
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_moderation_page_lists_pending_in_scope(login, personas, comment, tree):
    client = login(personas.unit_officer)
    response = client.get(reverse("nominations:comment_moderation"))
    html = response.content.decode()
    assert "Nguyễn Thị Góp Ý" in html and "0912345678" in html
    other = login(personas.outsider).get(reverse("nominations:comment_moderation"))
    assert "Nguyễn Thị Góp Ý" not in other.content.decode()


def test_moderation_list_query_count_constant(login, personas, dossier, django_assert_num_queries):
    client = login(personas.unit_officer)
    url = reverse("nominations:comment_moderation")
    nominee = dossier.nominees.first()

    def add(n):
        for i in range(n):
            PublicComment.objects.create(
                dossier=dossier, nominee=nominee, name=f"Người {i}", contact="x", content="y"
            )

    add(1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(15)
    with django_assert_num_queries(len(one)):
        client.get(url)


def test_comments_for_dossier_gives_council_comments_and_answers(comment, dossier):
    comment.answer = "Đã xác minh."
    comment.save()
    rows = list(svc.comments_for_dossier(dossier))
    assert [(c.name, c.answer) for c in rows] == [("Nguyễn Thị Góp Ý", "Đã xác minh.")]


def test_moderation_page_links_story_management(login, personas):
    html = login(personas.unit_officer).get(reverse("nominations:comment_moderation")).content
    assert reverse("portal:story_manage") in html.decode()


def test_dossier_page_links_publicity_for_the_receiver_only(login, personas, dossier, tree):
    from tests.factories import UserFactory, grant

    url = reverse("nominations:dossier_detail", args=[dossier.pk])
    publicity = reverse("nominations:publicity", args=[dossier.pk])
    assert publicity in login(personas.unit_officer).get(url).content.decode()
    sender = UserFactory(username="cb_benhvien")
    grant(sender, "officer", tree.hospital)
    body = login(sender).get(url).content.decode()
    assert dossier.title in body and publicity not in body
