import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UnitFactory, UserFactory
from tests.xlsx import export_rows
from vinhdanh.accounts import services as account_services
from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction, AuditEntry

URL = "/nhat-ky/"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def superuser(db):
    return UserFactory(username="sieuquantri", is_superuser=True)


def at(when: dt.datetime):
    """Freeze the clock so AuditEntry.at (auto_now_add) gets ``when``."""
    return mock.patch("django.utils.timezone.now", return_value=when)


@pytest.fixture
def entries(tree, personas):
    with at(dt.datetime(2025, 3, 10, 23, 30, tzinfo=VN)):
        syt = audit.record_create(personas.unit_officer, tree.syt)
    with at(dt.datetime(2025, 3, 12, 8, 0, tzinfo=VN)):
        before = audit.snapshot(tree.hospital)
        tree.hospital.name = "Bệnh viện Đống Đa"
        tree.hospital.save()
        hospital = audit.record_update(personas.province_officer, tree.hospital, before)
    with at(dt.datetime(2025, 4, 1, 9, 0, tzinfo=VN)):
        hatinh = audit.record_create(personas.outsider, tree.syt_ht)
        token, _raw = account_services.token_create(personas.viewer, name="Máy chủ báo cáo")
    unitless = AuditEntry.objects.get(object_type="accounts.apitoken")
    return {"syt": syt, "hospital": hospital, "hatinh": hatinh, "unitless": unitless}


def ids(response):
    return {e.pk for e in response.context["page"]}


@pytest.mark.django_db
def test_audit_list_redirects_anonymous(client):
    r = client.get(URL)
    assert r.status_code == 302 and reverse("accounts:login") in r["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["viewer", "signer", "council_member", "nobody"])
def test_audit_list_refuses_users_without_audit_capability(login, personas, entries, who):
    client = login(getattr(personas, who))
    assert client.get(URL).status_code == 404
    assert client.get(URL, {"export": "xlsx"}).status_code == 404


@pytest.mark.django_db
def test_audit_list_scoped_to_officers_units(login, personas, entries):
    r = login(personas.province_officer).get(URL)
    assert ids(r) == {entries["syt"].pk, entries["hospital"].pk}
    r = login(personas.outsider).get(URL)
    assert ids(r) == {entries["hatinh"].pk}
    assert "Sở Y tế Hà Tĩnh" in r.content.decode() and "Bệnh viện Đống Đa" not in r.content.decode()


@pytest.mark.django_db
def test_audit_list_unit_officer_sees_only_subtree(login, personas, entries):
    r = login(personas.unit_officer).get(URL)
    assert ids(r) == {entries["syt"].pk, entries["hospital"].pk}


@pytest.mark.django_db
def test_audit_entries_without_unit_only_for_root_scope(login, personas, superuser, entries):
    assert entries["unitless"].unit_id is None
    assert entries["unitless"].pk not in ids(login(personas.admin).get(URL))
    assert ids(login(superuser).get(URL)) == {e.pk for e in entries.values()}


@pytest.mark.django_db
def test_audit_filter_by_user_text_and_actor_choices(login, personas, superuser, entries):
    client = login(superuser)
    r = client.get(URL, {"user": "cb_thanhpho"})
    assert ids(r) == {entries["hospital"].pk}
    r = client.get(URL, {"user": "HATINH"})
    assert ids(r) == {entries["hatinh"].pk}
    assert r.context["actors"] == ["cb_hatinh", "cb_syt", "cb_thanhpho", "xem_syt"]
    # Officers are offered only the names seen in their own scope.
    r = login(personas.outsider).get(URL)
    assert r.context["actors"] == ["cb_hatinh"]


@pytest.mark.django_db
def test_audit_filter_by_object_type_and_action(login, superuser, entries):
    client = login(superuser)
    r = client.get(URL, {"object_type": "accounts.apitoken"})
    assert ids(r) == {entries["unitless"].pk}
    assert ("orgs.unit", "Đơn vị") in r.context["object_types"]
    r = client.get(URL, {"action": AuditAction.UPDATE})
    assert ids(r) == {entries["hospital"].pk}
    r = client.get(URL, {"object_type": "orgs.unit", "action": AuditAction.CREATE})
    assert ids(r) == {entries["syt"].pk, entries["hatinh"].pk}


@pytest.mark.django_db
def test_audit_filter_by_local_date_range(login, superuser, entries):
    client = login(superuser)
    # 23:30 on 10/03/2025 in Hà Nội is 16:30 UTC: it belongs to the local day 10/03.
    r = client.get(URL, {"from": "10/03/2025", "to": "10/03/2025"})
    assert ids(r) == {entries["syt"].pk}
    r = client.get(URL, {"from": "11/03/2025"})
    assert ids(r) == {entries["hospital"].pk, entries["hatinh"].pk, entries["unitless"].pk}
    r = client.get(URL, {"to": "31/03/2025"})
    assert ids(r) == {entries["syt"].pk, entries["hospital"].pk}


@pytest.mark.django_db
def test_audit_filter_bad_dates_explained(login, superuser, entries):
    client = login(superuser)
    html = client.get(URL, {"from": "2025/13/45", "to": "hôm qua"}).content.decode()
    assert "Ngày bắt đầu không đúng định dạng dd/mm/yyyy." in html
    assert "Ngày kết thúc không đúng định dạng dd/mm/yyyy." in html
    html = client.get(URL, {"from": "10/04/2025", "to": "01/04/2025"}).content.decode()
    assert "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." in html


@pytest.mark.django_db
def test_audit_list_is_read_only(login, superuser, entries):
    client = login(superuser)
    r = client.post(URL, {"note": "sửa"})
    assert r.status_code == 405
    html = client.get(URL).content.decode()
    # The only form that posts is the logout button in the top bar.
    assert html.count('method="post"') == 1 and reverse("accounts:logout") in html
    rows = html[html.index('<table class="grid">') : html.index("</table>")]
    assert "<a " not in rows and "<form" not in rows  # no edit/delete links or buttons in the rows
    assert "Sửa" not in rows and "Xóa" not in rows
    assert AuditEntry.objects.count() == 4
    assert AuditEntry.objects.get(pk=entries["syt"].pk).note == ""


@pytest.mark.django_db
def test_audit_list_shows_changes_and_dates(login, superuser, entries):
    html = login(superuser).get(URL).content.decode()
    assert "12/03/2025 08:00" in html
    assert (
        "<b>Tên đơn vị</b>: <del>Bệnh viện Đa khoa Đống Đa</del> → <ins>Bệnh viện Đống Đa</ins>"
        in html
    )


@pytest.mark.django_db
def test_audit_export_xlsx_reads_back_filtered(login, personas, entries):
    r = login(personas.province_officer).get(URL, {"export": "xlsx", "action": AuditAction.UPDATE})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = export_rows(r)
    assert rows[0] == (
        "Thời điểm",
        "Người thực hiện",
        "Hành động",
        "Loại đối tượng",
        "Mã",
        "Đối tượng",
        "Đơn vị",
        "Thay đổi",
        "Ghi chú",
        "Diễn giải",
    )
    assert len(rows) == 2
    assert rows[1][-1] == "Cập nhật đơn vị “Bệnh viện Đống Đa”"
    when, actor, action, kind, obj_id, obj, unit, changes, _note, _sentence = rows[1]
    assert when == dt.datetime(2025, 3, 12, 1, 0) or when == dt.datetime(2025, 3, 12, 8, 0)
    assert (actor, action, kind, obj_id, obj, unit) == (
        "cb_thanhpho",
        "Cập nhật",
        "Đơn vị",
        str(entries["hospital"].object_id),
        "Bệnh viện Đống Đa",
        "Bệnh viện Đống Đa",
    )
    assert '"name": ["Bệnh viện Đa khoa Đống Đa", "Bệnh viện Đống Đa"]' in changes


@pytest.mark.django_db
def test_audit_export_respects_scope(login, personas, entries):
    r = login(personas.outsider).get(URL, {"export": "xlsx"})
    rows = export_rows(r)
    assert [row[5] for row in rows[1:]] == ["Sở Y tế Hà Tĩnh"]


@pytest.mark.django_db
def test_audit_list_query_count_constant(login, personas, tree, django_assert_num_queries):
    client = login(personas.province_officer)
    audit.record_create(personas.unit_officer, tree.syt)
    client.get(URL)
    with django_assert_num_queries(7) as ctx:
        r = client.get(URL)
    assert len(r.context["page"]) == 1
    count = len(ctx.captured_queries)
    for i in range(29):
        unit = UnitFactory(parent=tree.syt)
        audit.record_create(
            personas.unit_officer if i % 2 else personas.province_officer, unit, unit_id=unit.pk
        )
    with django_assert_num_queries(count):
        r = client.get(URL)
    assert len(r.context["page"]) == 30


def test_audit_at_uses_local_day_boundaries():
    """Guard for the date filter: the server's zone is Hà Nội's (UTC+7)."""
    assert str(timezone.get_default_timezone()) == "Asia/Ho_Chi_Minh"
