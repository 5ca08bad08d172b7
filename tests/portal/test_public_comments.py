"""Publicity lists on the portal and the citizens' comment form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from vinhdanh.nominations.enums import CommentStatus
from vinhdanh.nominations.models import PublicComment

pytestmark = pytest.mark.django_db

GOOD = {"name": "Lê Văn Dân", "contact": "0987654321", "content": "Đồng ý với danh sách."}


def _url(d):
    return reverse("portal:publicity_detail", args=[d.pk])


def test_publicity_visible_inside_window(client, public_dossier, people):
    html = client.get(reverse("portal:publicity_list")).content.decode()
    assert public_dossier.title in html
    detail = client.get(_url(public_dossier)).content.decode()
    assert "Trần Thị Bình" in detail and "Lao động tiên tiến" in detail
    assert people.binh.cccd not in detail
    assert f"{people.binh.date_of_birth:%d/%m/%Y}" not in detail


@pytest.mark.parametrize(("start", "end"), [(-10, -1), (1, 5), (None, None)])
def test_publicity_gone_outside_window(client, dossier, start, end):
    today = dt.date.today()
    dossier.publicity_from = today + dt.timedelta(days=start) if start is not None else None
    dossier.publicity_to = today + dt.timedelta(days=end) if end is not None else None
    dossier.save()
    assert dossier.title not in client.get(reverse("portal:publicity_list")).content.decode()
    assert client.get(_url(dossier)).status_code == 404
    assert client.post(_url(dossier), GOOD).status_code == 404
    assert not PublicComment.objects.exists()


def test_comment_saved_pending_with_hashed_ip(client, public_dossier):
    nominee = public_dossier.nominees.first()
    response = client.post(
        _url(public_dossier), {**GOOD, "nominee": nominee.pk}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert (comment.name, comment.contact, comment.nominee) == ("Lê Văn Dân", "0987654321", nominee)
    assert comment.status == CommentStatus.PENDING
    assert len(comment.client_hash) == 64 and "203.0.113.7" not in comment.client_hash
    # not shown until published
    assert "Đồng ý với danh sách." not in client.get(_url(public_dossier)).content.decode()
    comment.status = CommentStatus.PUBLISHED
    comment.answer = "Cảm ơn ý kiến."
    comment.save()
    html = client.get(_url(public_dossier)).content.decode()
    assert "Đồng ý với danh sách." in html and "Cảm ơn ý kiến." in html
    assert "0987654321" not in html


def test_comment_required_fields_vietnamese_and_input_kept(client, public_dossier):
    response = client.post(_url(public_dossier), {"name": "", "contact": "", "content": "Ý kiến"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng nhập họ và tên." in html
    assert "Vui lòng nhập số điện thoại hoặc thư điện tử để liên hệ." in html
    assert "Ý kiến</textarea>" in html
    response = client.post(_url(public_dossier), {**GOOD, "contact": "abc"})
    assert "Nhập số điện thoại (ít nhất 8 chữ số)" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_rate_limit_sixth_comment_refused(client, public_dossier):
    for i in range(5):
        r = client.post(_url(public_dossier), {**GOOD, "content": f"Ý kiến {i}"})
        assert r.status_code == 302
    response = client.post(_url(public_dossier), {**GOOD, "content": "Ý kiến thứ sáu"})
    assert response.status_code == 200
    assert "Bạn đã gửi 5 ý kiến trong một giờ qua" in response.content.decode()
    assert PublicComment.objects.count() == 5
    other = client.post(_url(public_dossier), GOOD, REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 302
    assert PublicComment.objects.count() == 6


def test_honeypot_filled_keeps_nothing(client, public_dossier):
    response = client.post(_url(public_dossier), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not PublicComment.objects.exists()


def test_comment_requires_csrf(public_dossier):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(_url(public_dossier), GOOD)
    assert response.status_code == 403
    assert not PublicComment.objects.exists()


def test_comment_content_escaped(client, public_dossier):
    client.post(_url(public_dossier), {**GOOD, "content": "<b>đậm</b><script>x()</script>"})
    PublicComment.objects.update(status=CommentStatus.PUBLISHED)
    html = client.get(_url(public_dossier)).content.decode()
    assert "<script>x()</script>" not in html and "&lt;script&gt;" in html


def test_hidden_comment_not_shown(client, public_dossier, comment):
    comment.status = CommentStatus.HIDDEN
    comment.save()
    assert comment.content not in client.get(_url(public_dossier)).content.decode()
