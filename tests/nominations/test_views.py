import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory
from vinhdanh.nominations.models import Dossier, Nominee


def _urls(dossier, nominee):
    return [
        reverse("nominations:dossier_list"),
        reverse("nominations:dossier_create"),
        reverse("nominations:dossier_detail", args=[dossier.pk]),
        reverse("nominations:dossier_edit", args=[dossier.pk]),
        reverse("nominations:nominee_add", args=[dossier.pk]),
        reverse("nominations:nominee_edit", args=[dossier.pk, nominee.pk]),
        reverse("nominations:nominee_delete", args=[dossier.pk, nominee.pk]),
    ]


def test_anonymous_redirected_to_login(client, draft, add, people):
    nominee = add(draft, person=people.an)
    login_url = reverse("accounts:login")
    for url in _urls(draft, nominee):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login_url), url
    response = client.post(reverse("nominations:verdicts_refresh", args=[draft.pk]))
    assert response["Location"].startswith(login_url)
    assert draft.nominees.get().verdict_status == "not_eligible"


def test_outsider_gets_404_everywhere(login, personas, draft, add, people):
    nominee = add(draft, person=people.an)
    client = login(personas.outsider)
    for url in _urls(draft, nominee)[2:]:
        assert client.get(url).status_code == 404, url
    assert client.post(_urls(draft, nominee)[-1]).status_code == 404
    assert Nominee.objects.filter(pk=nominee.pk).exists()
    # the outsider's own list does not show the dossier
    assert draft.title not in client.get(reverse("nominations:dossier_list")).content.decode()


def test_nobody_refused(login, personas):
    client = login(personas.nobody)
    assert client.get(reverse("nominations:dossier_list")).status_code == 404


def test_create_dossier_by_form(login, personas, tree):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:dossier_create"),
        {"kind": "merit", "title": "Hồ sơ khen năm 2024", "year": "2024",
         "sending_unit": tree.syt.pk, "receiving_unit": ""},
    )  # fmt: skip
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("nominations:dossier_detail", args=[dossier.pk])
    assert dossier.receiving_unit == tree.hanoi and dossier.created_by == personas.unit_officer


def test_create_dossier_bad_receiver_keeps_input(login, personas, tree):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:dossier_create"),
        {"kind": "merit", "title": "Giữ nguyên tiêu đề", "year": "2024",
         "sending_unit": tree.syt.pk, "receiving_unit": tree.sgd.pk},
    )  # fmt: skip
    body = response.content.decode()
    assert "cấp trên" in body and "Giữ nguyên tiêu đề" in body
    assert not Dossier.objects.exists()


def test_add_nominee_shows_verdict(login, personas, draft, people):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:nominee_add", args=[draft.pk]),
        {"kind": "person", "person": people.an.pk, "honour": "LDTT"},
    )
    nominee = Nominee.objects.get()
    assert nominee.person == people.an and nominee.verdict_status == "not_eligible"
    page = client.get(response["Location"]).content.decode()
    assert "Nguyễn Văn An" in page and "Chưa đủ điều kiện" in page


def test_nominee_picker_search_accent_free(login, personas, draft, tree):
    PersonFactory(full_name="Đặng Thị Hường", unit=tree.hospital)
    PersonFactory(full_name="Lý Văn Khải", unit=tree.hospital)
    client = login(personas.unit_officer)
    body = client.get(
        reverse("nominations:nominee_add", args=[draft.pk]), {"q": "huong"}
    ).content.decode()
    assert "Đặng Thị Hường" in body and "Lý Văn Khải" not in body


def test_duplicate_message_on_form(login, personas, draft, add, people):
    add(draft, person=people.an)
    client = login(personas.unit_officer)
    response = client.post(
        reverse("nominations:nominee_add", args=[draft.pk]),
        {"kind": "person", "person": people.an.pk, "honour": "LDTT"},
    )
    assert "đã có trong hồ sơ này" in response.content.decode()
    assert Nominee.objects.count() == 1


def test_delete_nominee_needs_post_confirmation(login, personas, draft, add, people):
    nominee = add(draft, person=people.an)
    client = login(personas.unit_officer)
    url = reverse("nominations:nominee_delete", args=[draft.pk, nominee.pk])
    assert "Bỏ Nguyễn Văn An" in client.get(url).content.decode()
    assert Nominee.objects.exists()
    client.post(url)
    assert not Nominee.objects.exists()


def test_receiver_sees_submitted_not_draft(login, personas, draft):
    client = login(personas.province_officer)
    url = reverse("nominations:dossier_list") + "?tab=den"
    assert draft.title not in client.get(url).content.decode()
    Dossier.objects.filter(pk=draft.pk).update(status="submitted")
    assert draft.title in client.get(url).content.decode()


@pytest.mark.parametrize("tab", ["di", "den"])
def test_dossier_list_query_count_constant(login, personas, tree, tab, django_assert_num_queries):
    client = login(personas.province_officer)
    sender = tree.syt if tab == "den" else tree.hanoi
    receiver = tree.hanoi if tab == "den" else None

    def make(n):
        for i in range(n):
            Dossier.objects.create(kind="merit", title=f"Hồ sơ {i}", year=2024, status="submitted",
                                   sending_unit=sender, receiving_unit=receiver or tree.hanoi)  # fmt: skip

    url = reverse("nominations:dossier_list") + f"?tab={tab}"
    make(1)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    one = len(ctx.captured_queries)
    make(15)
    with django_assert_num_queries(one):
        client.get(url)
