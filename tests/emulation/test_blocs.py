"""Blocs: create/edit, members and rotation, leaders by rotation, copy to next year, numbered
documents with files, scope (other blocs' members get 404), list filters and query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.emulation.fixtures_movements import *  # noqa: F403 (fixtures)
from tests.files import PDF
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.emulation.models import Bloc, BlocDocument, BlocMember
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.services import blocs as services

LIST = reverse("emulation:bloc_list")


def _url(name, bloc, *args):
    return reverse(f"emulation:{name}", args=[bloc.pk, *args])


# --- Create, edit ----------------------------------------------------------------------------------


def _bloc_data(owner, **over):
    data = {
        "owner": owner.pk,
        "kind": "khoi",
        "name": "Khối thi đua số 10",
        "abbreviation": "KTĐ10",
        "year": 2024,
        "theme": "",
        "flag_cap_share": "0.20",
        "leading_seats": 1,
    }
    data.update(over)
    return data


def test_create_bloc_by_owner_officer(login, khoi9):
    resp = login(khoi9.city_officer).post(reverse("emulation:bloc_create"), _bloc_data(khoi9.hanoi))
    assert resp.status_code == 302
    bloc = Bloc.objects.get(abbreviation="KTĐ10")
    assert bloc.owner == khoi9.hanoi and bloc.name_folded == "khoi thi dua so 10 ktd10"
    assert AuditEntry.objects.filter(
        object_type="emulation.bloc", object_id=str(bloc.pk), action="create"
    ).exists()


def test_create_duplicate_refused_input_kept(login, khoi9):
    resp = login(khoi9.city_officer).post(
        reverse("emulation:bloc_create"),
        _bloc_data(khoi9.hanoi, abbreviation="KTĐ9", name="Tên giữ lại"),
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    assert "Đã có khối ký hiệu KTĐ9 năm 2024" in html and "Tên giữ lại" in html
    assert Bloc.objects.filter(abbreviation="KTĐ9").count() == 1


def test_create_for_unit_outside_manage_scope_refused(login, khoi9):
    resp = login(khoi9.head_officer).post(reverse("emulation:bloc_create"), _bloc_data(khoi9.hanoi))
    assert resp.status_code == 422
    assert not Bloc.objects.filter(abbreviation="KTĐ10").exists()


def test_edit_by_owner_only(login, khoi9):
    data = _bloc_data(khoi9.hanoi, name="Khối thi đua số 9 (sửa)", abbreviation="KTĐ9")
    assert login(khoi9.head_officer).post(_url("bloc_edit", khoi9.bloc), data).status_code == 403
    khoi9.bloc.refresh_from_db()
    assert khoi9.bloc.name == "Khối thi đua số 9"
    assert login(khoi9.city_officer).post(_url("bloc_edit", khoi9.bloc), data).status_code == 302
    khoi9.bloc.refresh_from_db()
    assert khoi9.bloc.name == "Khối thi đua số 9 (sửa)"


# --- Members -------------------------------------------------------------------------------------


def test_member_add_reorder_remove(login, khoi9, tree):
    client = login(khoi9.city_officer)
    bloc = khoi9.bloc
    resp = client.post(_url("bloc_members", bloc), {"action": "add", "unit": tree.hospital.pk})
    assert resp.status_code == 302
    added = BlocMember.objects.get(bloc=bloc, unit=tree.hospital)
    assert added.rotation_order == 6
    members = list(bloc.members.order_by("rotation_order"))
    orders = {f"order-{m.pk}": str(len(members) - i) for i, m in enumerate(members)}
    assert (
        client.post(_url("bloc_members", bloc), {"action": "reorder", **orders}).status_code == 302
    )
    assert bloc.members.order_by("rotation_order").first().unit == tree.hospital
    bad = {**orders, f"order-{added.pk}": "abc"}
    resp = client.post(_url("bloc_members", bloc), {"action": "reorder", **bad})
    assert resp.status_code == 422 and 'value="abc"' in resp.content.decode()
    # The head cannot be removed while head; another member can, after confirmation.
    head_member = bloc.members.get(unit=khoi9.syt)
    resp = client.post(_url("bloc_member_remove", bloc, head_member.pk))
    assert resp.status_code == 422 and BlocMember.objects.filter(pk=head_member.pk).exists()
    client.get(_url("bloc_member_remove", bloc, added.pk))
    assert BlocMember.objects.filter(pk=added.pk).exists()
    client.post(_url("bloc_member_remove", bloc, added.pk))
    assert not BlocMember.objects.filter(pk=added.pk).exists()
    assert (
        AuditEntry.objects.filter(object_type="emulation.blocmember", action="delete").count() == 1
    )


def test_members_refused_to_head_officer(login, khoi9, tree):
    resp = login(khoi9.head_officer).post(
        _url("bloc_members", khoi9.bloc), {"action": "add", "unit": tree.hospital.pk}
    )
    assert resp.status_code == 403
    assert not BlocMember.objects.filter(unit=tree.hospital).exists()


# --- Leaders by rotation, copy to next year -----------------------------------------------------


def test_suggest_leaders_without_previous_takes_first_two(khoi9):
    assert services.suggest_leaders(khoi9.bloc) == (khoi9.syt.pk, khoi9.sgd.pk)


def test_suggest_leaders_follows_rotation_after_last_head(khoi9):
    nxt = services.bloc_copy_next_year(khoi9.city_officer, khoi9.bloc)
    # 2024 head Sở Y tế (1) → 2025 head Sở GD&ĐT (2), deputy Sở KH&CN (3).
    assert (nxt.head, nxt.deputy) == (khoi9.sgd, khoi9.skhcn)
    Bloc.objects.filter(pk=khoi9.bloc.pk).update(head=khoi9.svhtt)  # last in rotation
    nxt.refresh_from_db()
    assert services.suggest_leaders(nxt) == (khoi9.syt.pk, khoi9.sgd.pk)  # wraps round


def test_copy_next_year_copies_members_only(login, khoi9):
    bloc = khoi9.bloc
    services.bloc_document_add(
        khoi9.head_officer, bloc, doc_type="KH", title="Kế hoạch", doc_date="2024-01-10"
    )
    client = login(khoi9.city_officer)
    assert (
        "Tạo Khối thi đua số 9 năm 2025"
        in client.get(_url("bloc_copy_next_year", bloc)).content.decode()
    )
    resp = client.post(_url("bloc_copy_next_year", bloc))
    assert resp.status_code == 302
    new = Bloc.objects.get(abbreviation="KTĐ9", year=2025)
    assert new.previous == bloc
    assert [(m.unit_id, m.rotation_order) for m in new.members.all()] == [
        (m.unit_id, m.rotation_order) for m in bloc.members.all()
    ]
    assert new.documents.count() == 0
    assert (new.head, new.deputy) == (khoi9.sgd, khoi9.skhcn)
    # Only once.
    resp = client.post(_url("bloc_copy_next_year", bloc))
    assert resp.status_code == 422 and Bloc.objects.filter(year=2025).count() == 1


def test_set_leaders_form_preselects_suggestion_and_saves(login, khoi9):
    new = services.bloc_copy_next_year(khoi9.city_officer, khoi9.bloc)
    Bloc.objects.filter(pk=new.pk).update(head=None, deputy=None)
    client = login(khoi9.city_officer)
    html = client.get(_url("bloc_set_leaders", new)).content.decode()
    assert f'<option value="{khoi9.sgd.pk}" selected>' in html
    assert f'<option value="{khoi9.skhcn.pk}" selected>' in html
    resp = client.post(
        _url("bloc_set_leaders", new), {"head": khoi9.sldtbxh.pk, "deputy": khoi9.sldtbxh.pk}
    )
    assert resp.status_code == 422
    resp = client.post(_url("bloc_set_leaders", new), {"head": khoi9.sxd.pk})
    assert resp.status_code == 422  # not a member
    resp = client.post(
        _url("bloc_set_leaders", new), {"head": khoi9.sldtbxh.pk, "deputy": khoi9.svhtt.pk}
    )
    assert resp.status_code == 302
    new.refresh_from_db()
    assert (new.head, new.deputy) == (khoi9.sldtbxh, khoi9.svhtt)
    assert AuditEntry.objects.filter(
        object_type="emulation.bloc", object_id=str(new.pk), action="update"
    ).exists()


# --- Documents -------------------------------------------------------------------------------------


def test_head_adds_numbered_document_with_file(login, khoi9):
    client = login(khoi9.head_officer)
    resp = client.post(
        _url("bloc_documents", khoi9.bloc),
        {
            "doc_type": "KH",
            "title": "Kế hoạch tổ chức phong trào thi đua năm 2024",
            "doc_date": "10/01/2024",
            "signer": "Giám đốc Sở Y tế",
            "upload": bytes_upload(PDF, "kh.pdf"),
        },
    )
    assert resp.status_code == 302
    client.post(
        _url("bloc_documents", khoi9.bloc),
        {"doc_type": "QĐ", "title": "Quy chế hoạt động", "doc_date": "15/01/2024"},
    )
    docs = list(BlocDocument.objects.select_related("number").order_by("pk"))
    assert [d.number.display for d in docs] == ["01/KH-KTĐ9", "01/QĐ-KTĐ9"]
    assert all(d.number.status == NumberStatus.ISSUED for d in docs)
    html = client.get(_url("bloc_documents", khoi9.bloc)).content.decode()
    assert "01/KH-KTĐ9" in html and "Giám đốc Sở Y tế" in html
    # A member downloads; another bloc's officer gets 404.
    url = _url("bloc_document_download", khoi9.bloc, docs[0].pk)
    assert b"".join(login(khoi9.sgd_officer).get(url).streaming_content) == PDF
    assert login(khoi9.other_bloc_officer).get(url).status_code == 404


def test_document_bad_file_refused_no_number_burnt(login, khoi9):
    resp = login(khoi9.head_officer).post(
        _url("bloc_documents", khoi9.bloc),
        {
            "doc_type": "KH",
            "title": "Giữ trích yếu",
            "doc_date": "10/01/2024",
            "upload": bytes_upload(b"<html>", "kh.pdf"),
        },
    )
    assert resp.status_code == 422
    assert (
        "không phải PDF hợp lệ" in resp.content.decode()
        and "Giữ trích yếu" in resp.content.decode()
    )
    assert not BlocDocument.objects.exists() and not DocumentNumber.objects.exists()


def test_member_cannot_add_document(login, khoi9):
    resp = login(khoi9.sgd_officer).post(
        _url("bloc_documents", khoi9.bloc),
        {"doc_type": "KH", "title": "x", "doc_date": "10/01/2024"},
    )
    assert resp.status_code == 403
    assert not BlocDocument.objects.exists()
    with pytest.raises(EmulationError):
        services.bloc_document_add(
            khoi9.sgd_officer, khoi9.bloc, doc_type="KH", title="x", doc_date="2024-01-10"
        )


# --- Visibility --------------------------------------------------------------------------------------


def _bloc_urls(bloc):
    member = bloc.members.first()
    return [
        _url("bloc_detail", bloc),
        _url("bloc_edit", bloc),
        _url("bloc_members", bloc),
        _url("bloc_member_remove", bloc, member.pk),
        _url("bloc_set_leaders", bloc),
        _url("bloc_copy_next_year", bloc),
        _url("bloc_documents", bloc),
    ]


def test_other_bloc_member_and_outsider_get_404_everywhere(login, khoi9, personas):
    doc = services.bloc_document_add(
        khoi9.head_officer,
        khoi9.bloc,
        doc_type="KH",
        title="t",
        doc_date="2024-01-10",
        upload=bytes_upload(PDF, "a.pdf"),
    )
    urls = _bloc_urls(khoi9.bloc)
    urls.append(_url("bloc_document_download", khoi9.bloc, doc.pk))
    for user in (khoi9.other_bloc_officer, personas.outsider):
        client = login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"action": "add"}).status_code == 404, url
        assert "Khối thi đua số 9" not in client.get(LIST).content.decode()
    assert Bloc.objects.count() == 2 and BlocDocument.objects.count() == 1


def test_anonymous_redirected_everywhere(client, khoi9):
    urls = _bloc_urls(khoi9.bloc)
    for url in [LIST, reverse("emulation:bloc_create"), *urls]:
        resp = client.get(url)
        assert resp.status_code == 302 and "next=" in resp["Location"], url


def test_members_see_bloc_owner_sees_all(login, khoi9):
    assert (
        "Khối thi đua số 9"
        in login(khoi9.sgd_officer).get(_url("bloc_detail", khoi9.bloc)).content.decode()
    )
    html = login(khoi9.city_officer).get(LIST).content.decode()
    assert "Khối thi đua số 9" in html and "Khối thi đua số 5" in html
    html = login(khoi9.sgd_officer).get(LIST).content.decode()
    assert "Khối thi đua số 9" in html and "Khối thi đua số 5" not in html


def test_list_filters_and_search(login, khoi9):
    services.bloc_copy_next_year(khoi9.city_officer, khoi9.bloc)
    client = login(khoi9.city_officer)
    html = client.get(LIST, {"year": 2025}).content.decode()
    assert "Khối thi đua số 9" in html and "Khối thi đua số 5" not in html
    html = client.get(LIST, {"q": "ktd5"}).content.decode()
    assert "Khối thi đua số 5" in html and "Khối thi đua số 9" not in html
    html = client.get(LIST, {"kind": "cum"}).content.decode()
    assert "Không có khối, cụm thi đua nào phù hợp." in html


@pytest.mark.parametrize("rows", [1, 20])
def test_list_query_count_constant(login, khoi9, django_assert_num_queries, rows):
    for i in range(rows):
        b = Bloc.objects.create(
            owner=khoi9.hanoi,
            name=f"Cụm {i}",
            abbreviation=f"C{i}",
            year=2023,
            kind="cum",
            head=khoi9.syt,
            deputy=khoi9.sgd,
            flag_cap_share=Decimal("0.2"),
        )
        BlocMember.objects.create(bloc=b, unit=khoi9.syt)
    client = login(khoi9.city_officer)
    client.get(LIST)
    with django_assert_num_queries(QUERIES_LIST):
        client.get(LIST)


QUERIES_LIST = 6


def test_other_bloc_member_404_on_every_bloc_tab(login, khoi9):
    """Scoring, acclaim and the other areas' tabs are refused too: they cannot even see it."""
    from django.urls import NoReverseMatch

    from vinhdanh.emulation.templatetags.emulation_tabs import BLOC_TABS

    client = login(khoi9.other_bloc_officer)
    checked = 0
    for name, _label in BLOC_TABS:
        try:
            url = reverse(name, args=[khoi9.bloc.pk])
        except NoReverseMatch:
            continue
        assert client.get(url).status_code == 404, url
        checked += 1
    assert checked >= 2
    # Their own bloc is visible to them.
    assert client.get(_url("bloc_detail", khoi9.other_bloc)).status_code == 200
