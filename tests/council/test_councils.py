import datetime as dt

import pytest
from django.urls import reverse

from vinhdanh.core.models import AuditEntry
from vinhdanh.council.models import Council, CouncilMember
from vinhdanh.council.selectors import members_on

pytestmark = pytest.mark.django_db


def test_council_create_by_province_officer_writes_row_and_audit(tree, personas, login):
    client = login(personas.province_officer)
    resp = client.post(
        reverse("council:council_create"),
        {"unit": tree.hanoi.pk, "name": "Hội đồng TĐKT Thành phố", "abbreviation": "HĐTĐKT"},
    )
    council = Council.objects.get()
    assert resp.status_code == 302 and council.unit == tree.hanoi
    assert AuditEntry.objects.filter(object_type__endswith="council", action="create").exists()


def test_council_create_outside_scope_refused(tree, personas, login):
    client = login(personas.unit_officer)
    resp = client.post(
        reverse("council:council_create"), {"unit": tree.hanoi.pk, "name": "X", "abbreviation": "H"}
    )
    assert resp.status_code == 422 and not Council.objects.exists()
    assert 'name="name"' in resp.content.decode() and 'value="X"' in resp.content.decode()


def test_council_edit_changes_name(council, personas, login):
    client = login(personas.province_officer)
    client.post(
        reverse("council:council_edit", args=[council.pk]),
        {"unit": council.unit_id, "name": "Hội đồng mới", "abbreviation": "HĐTĐKT"},
    )
    council.refresh_from_db()
    assert council.name == "Hội đồng mới"


def test_member_add_with_account_and_end_term(council, personas, login):
    client = login(personas.province_officer)
    resp = client.post(
        reverse("council:member_add", args=[council.pk]),
        {
            "full_name": "Nguyễn Văn Chủ",
            "position": "Chủ tịch UBND",
            "role": "chair",
            "user": personas.council_member.pk,
            "term_start": "01/01/2025",
            "term_end": "",
        },
    )
    assert resp.status_code == 302
    member = CouncilMember.objects.get()
    assert member.user == personas.council_member and member.term_start == dt.date(2025, 1, 1)
    # confirmation page first, then the change
    page = client.get(reverse("council:member_end_term", args=[council.pk, member.pk]))
    assert "Xác nhận" in page.content.decode()
    client.post(
        reverse("council:member_end_term", args=[council.pk, member.pk]), {"term_end": "30/06/2026"}
    )
    member.refresh_from_db()
    assert member.term_end == dt.date(2026, 6, 30)
    assert list(members_on(council, dt.date(2026, 6, 30))) == [member]
    assert list(members_on(council, dt.date(2026, 7, 1))) == []


def test_member_add_account_without_voting_role_rejected(council, personas, login):
    client = login(personas.province_officer)
    resp = client.post(
        reverse("council:member_add", args=[council.pk]),
        {
            "full_name": "A",
            "role": "member",
            "user": personas.viewer.pk,
            "term_start": "01/01/2025",
        },
    )
    assert resp.status_code == 422 and not CouncilMember.objects.exists()


def test_member_end_before_start_refused(council, make_members, personas, login):
    (member,) = make_members(1)
    client = login(personas.province_officer)
    resp = client.post(
        reverse("council:member_end_term", args=[council.pk, member.pk]), {"term_end": "01/01/2024"}
    )
    member.refresh_from_db()
    assert resp.status_code == 422 and member.term_end is None
    assert "phải từ ngày bắt đầu" in resp.content.decode()


def test_council_views_refuse_outsider_anonymous_and_roleless(
    client, council, make_members, personas, login
):
    (member,) = make_members(1)
    urls = [
        reverse("council:council_detail", args=[council.pk]),
        reverse("council:council_edit", args=[council.pk]),
        reverse("council:member_add", args=[council.pk]),
        reverse("council:member_end_term", args=[council.pk, member.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous → login
        assert "/dang-nhap" in client.get(url)["Location"] or "login" in client.get(url)["Location"]
    assert client.get(reverse("council:council_list")).status_code == 302
    login(personas.outsider)
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Z", "term_end": "01/01/2030"}).status_code == 404
    assert council.name not in client.get(reverse("council:council_list")).content.decode()
    login(personas.nobody)
    for url in [*urls, reverse("council:council_list"), reverse("council:council_create")]:
        assert client.get(url).status_code in (403, 404)
    # the council member and viewer see the council but cannot manage it
    login(personas.council_member)
    assert client.get(urls[0]).status_code == 200
    assert client.post(urls[1], {"name": "Z", "unit": council.unit_id}).status_code == 403
    council.refresh_from_db()
    member.refresh_from_db()
    assert council.name != "Z" and member.term_end is None


def test_council_detail_query_count_constant(council, make_members, personas, login):
    client = login(personas.province_officer)
    url = reverse("council:council_detail", args=[council.pk])
    make_members(1)
    client.get(url)
    import django.db
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(django.db.connection) as one:
        client.get(url)
    make_members(6, start=dt.date(2025, 2, 1))
    with CaptureQueriesContext(django.db.connection) as many:
        client.get(url)
    assert len(one) == len(many)


def test_council_list_query_count_constant(tree, personas, login):
    import django.db
    from django.test.utils import CaptureQueriesContext

    client = login(personas.province_officer)
    Council.objects.create(unit=tree.hanoi, name="HĐ 1")
    with CaptureQueriesContext(django.db.connection) as one:
        client.get(reverse("council:council_list"))
    for i in range(5):
        Council.objects.create(unit=tree.syt, name=f"HĐ Sở {i}")
    with CaptureQueriesContext(django.db.connection) as many:
        resp = client.get(reverse("council:council_list"))
    assert len(one) == len(many) and resp.content.decode().count("HĐ Sở") == 5
