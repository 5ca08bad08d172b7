import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.xlsx import export_rows
from vinhdanh.core.models import AuditEntry
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.validators import make_cccd

pytestmark = pytest.mark.django_db


def _xlsx_rows(response):
    return [list(r) for r in export_rows(response)]


# Every screen: anonymous → login, outsider → 404 --------------------------------------------


def _urls(tree, people):
    return [
        ("get", reverse("orgs:unit_detail", args=[tree.syt.pk])),
        ("get", reverse("orgs:unit_edit", args=[tree.syt.pk])),
        ("get", reverse("orgs:unit_move", args=[tree.hospital.pk])),
        ("get", reverse("orgs:unit_close", args=[tree.hospital.pk])),
        ("post", reverse("orgs:unit_reopen", args=[tree.hospital.pk])),
        ("get", reverse("orgs:unit_memberships", args=[tree.syt.pk])),
        ("get", reverse("orgs:person_edit", args=[people.an.pk])),
        ("get", reverse("orgs:person_move", args=[people.an.pk])),
        ("get", reverse("orgs:person_memberships", args=[people.an.pk])),
    ]


def test_every_view_redirects_anonymous_to_login(client, tree, people):
    urls = _urls(tree, people) + [
        ("get", reverse("orgs:unit_list")),
        ("get", reverse("orgs:unit_create")),
        ("get", reverse("orgs:person_list")),
        ("get", reverse("orgs:person_create")),
        ("get", reverse("orgs:ward_options") + "?province_code=1"),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_every_object_view_is_404_for_outsider(login, tree, personas, people):
    client = login(personas.outsider)
    for method, url in _urls(tree, people):
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
    # and the POSTs changed nothing
    assert not AuditEntry.objects.filter(object_type__startswith="orgs.").exists()


def test_user_without_role_gets_404_on_lists(login, personas):
    client = login(personas.nobody)
    for name in ("orgs:unit_list", "orgs:person_list", "orgs:unit_create", "orgs:person_create"):
        assert client.get(reverse(name)).status_code == 404, name


def test_viewer_refused_on_writes_and_sees_no_write_buttons(login, tree, personas, people):
    client = login(personas.viewer)
    page = client.get(reverse("orgs:unit_detail", args=[tree.syt.pk]))
    assert page.status_code == 200
    assert reverse("orgs:unit_edit", args=[tree.syt.pk]) not in page.content.decode()
    people_page = client.get(reverse("orgs:person_list")).content.decode()
    assert reverse("orgs:person_create") not in people_page
    for url in [
        reverse("orgs:unit_create"),
        reverse("orgs:person_create"),
        reverse("orgs:unit_edit", args=[tree.syt.pk]),
        reverse("orgs:unit_close", args=[tree.hospital.pk]),
        reverse("orgs:person_edit", args=[people.an.pk]),
        reverse("orgs:person_move", args=[people.an.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("orgs:unit_edit", args=[tree.syt.pk]), {"name": "Đổi tên"})
    assert response.status_code == 403
    tree.syt.refresh_from_db()
    assert tree.syt.name == "Sở Y tế"


# Unit screens -------------------------------------------------------------------------------


def test_unit_list_shows_scoped_tree_and_struck_closed_units(login, tree, personas):
    Unit.objects.filter(pk=tree.hospital.pk).update(active_to=dt.date(2025, 7, 1))
    client = login(personas.unit_officer)
    html = client.get(reverse("orgs:unit_list")).content.decode()
    assert "Sở Y tế" in html
    assert 'class="closed">Bệnh viện Đa khoa Đống Đa' in html
    assert "Sở Giáo dục" not in html and "Hà Tĩnh" not in html
    hidden = client.get(reverse("orgs:unit_list") + "?closed=0").content.decode()
    assert "Bệnh viện Đa khoa Đống Đa" not in hidden


def test_unit_list_search_is_accent_free_and_keeps_ancestors(login, tree, personas):
    client = login(personas.province_officer)
    html = client.get(reverse("orgs:unit_list") + "?q=dong da").content.decode()
    assert "Bệnh viện Đa khoa Đống Đa" in html
    assert "Sở Y tế" in html  # the ancestor, for context
    assert "Sở Giáo dục" not in html


@pytest.mark.parametrize("extra", [1, 30])
def test_unit_list_query_count_does_not_grow(
    login, tree, personas, many_units, django_assert_max_num_queries, extra
):
    many_units(extra)
    client = login(personas.unit_officer)
    client.get(reverse("orgs:unit_list"))  # warm the session
    with django_assert_max_num_queries(6):
        response = client.get(reverse("orgs:unit_list"))
    assert response.content.decode().count("Đơn vị thử nghiệm") == extra


def test_unit_list_same_queries_for_1_and_30_units(login, tree, personas, many_units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(personas.unit_officer)
    counts = []
    for n in (1, 29):
        many_units(n)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("orgs:unit_list"))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_unit_export_has_headers_and_scoped_rows(login, tree, personas, people):
    client = login(personas.unit_officer)
    response = client.get(reverse("orgs:unit_list") + "?export=xlsx")
    rows = _xlsx_rows(response)
    assert rows[0][:4] == ["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Cấp"]
    assert [r[0] for r in rows[1:]] == ["HN.SYT", "HN.SYT.BVDD"]
    assert rows[1][4] == "HN" and rows[1][11] == 1  # parent code; people count (Nguyễn Văn An)


def test_unit_create_view_creates_with_address(login, tree, personas):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:unit_create"),
        {
            "parent": tree.syt.pk,
            "code": "HN.SYT.TTKS",
            "name": "Trung tâm Kiểm soát bệnh tật",
            "abbreviation": "CDC",
            "level": "CO_SO",
            "province_code": "1",
            "ward_code": "70",
            "address": "70 Nguyễn Chí Thanh",
            "active_from": "01/02/2020",
        },
    )
    unit = Unit.objects.get(code="HN.SYT.TTKS")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:unit_detail", args=[unit.pk])
    assert (unit.parent, unit.ward_code, unit.active_from) == (tree.syt, 70, dt.date(2020, 2, 1))
    detail = client.get(response["Location"]).content.decode()
    assert "70 Nguyễn Chí Thanh, Phường Hoàn Kiếm, Thành phố Hà Nội" in detail
    assert reverse("registry:unit_profile", args=[unit.pk]) in detail


def test_unit_create_view_keeps_input_on_error(login, tree, personas):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:unit_create"),
        {
            "parent": tree.syt.pk,
            "code": "HN.SYT",
            "name": "Tên đã nhập",
            "abbreviation": "X",
            "level": "CO_SO",
            "province_code": "42",
            "ward_code": "70",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mã HN.SYT đã được dùng cho đơn vị khác." in html
    assert 'value="Tên đã nhập"' in html
    assert Unit.objects.count() == 6


def test_unit_create_view_rejects_parent_outside_scope(login, tree, personas):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:unit_create"),
        {
            "parent": tree.sgd.pk,
            "code": "NEW",
            "name": "Mới",
            "abbreviation": "M",
            "level": "CO_SO",
        },
    )
    assert "Chọn đơn vị cấp trên trong danh sách." in response.content.decode()
    assert not Unit.objects.filter(code="NEW").exists()


def test_unit_edit_view_saves_and_audits(login, tree, personas):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:unit_edit", args=[tree.hospital.pk]),
        {
            "code": "HN.SYT.BVDD",
            "name": "Bệnh viện Đống Đa",
            "abbreviation": "BVĐĐ",
            "level": "CO_SO",
            "active_from": "01/01/2015",
        },
    )
    assert response.status_code == 302
    tree.hospital.refresh_from_db()
    assert tree.hospital.name == "Bệnh viện Đống Đa"
    entry = AuditEntry.objects.get(object_type="orgs.unit", action="update")
    assert entry.changes == {"name": ["Bệnh viện Đa khoa Đống Đa", "Bệnh viện Đống Đa"]}


def test_unit_move_view_moves_subtree(login, tree, personas):
    client = login(personas.province_officer)
    page = client.get(reverse("orgs:unit_move", args=[tree.syt.pk])).content.decode()
    assert f'value="{tree.hospital.pk}"' not in page  # own subtree is not offered
    response = client.post(reverse("orgs:unit_move", args=[tree.syt.pk]), {"parent": tree.sgd.pk})
    assert response.status_code == 302
    tree.hospital.refresh_from_db()
    assert tree.hospital.path.startswith(tree.sgd.path)
    assert tree.hospital.depth == 3


def test_unit_close_view_confirms_then_closes(login, tree, personas, people):
    client = login(personas.province_officer)
    blocked = client.get(reverse("orgs:unit_close", args=[tree.syt.pk])).content.decode()
    assert "1 đơn vị trực thuộc đang hoạt động" in blocked
    assert "1 cá nhân đang công tác" in blocked
    Person.objects.filter(unit=tree.sgd).delete()
    confirm = client.get(reverse("orgs:unit_close", args=[tree.sgd.pk]))
    assert "Xác nhận ngừng hoạt động" in confirm.content.decode()
    response = client.post(
        reverse("orgs:unit_close", args=[tree.sgd.pk]), {"on": "01/07/2025", "note": "QĐ 5"}
    )
    assert response.status_code == 302
    tree.sgd.refresh_from_db()
    assert tree.sgd.active_to == dt.date(2025, 7, 1)
    response = client.post(reverse("orgs:unit_reopen", args=[tree.sgd.pk]))
    tree.sgd.refresh_from_db()
    assert tree.sgd.active_to is None


def test_ward_options_lists_wards_of_province(login, personas):
    client = login(personas.unit_officer)
    html = client.get(reverse("orgs:ward_options") + "?province_code=1").content.decode()
    assert '<option value="70">Phường Hoàn Kiếm</option>' in html
    assert html.count("<option") == 127  # 126 wards and communes of Hà Nội + the empty choice


# People screens -----------------------------------------------------------------------------


def test_person_list_search_accent_free(login, tree, personas, people):
    PersonFactory(full_name="Đặng Thị Đào", unit=tree.syt, gender="female")
    client = login(personas.province_officer)
    html = client.get(reverse("orgs:person_list") + "?q=nguyen van an").content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html
    assert reverse("registry:person_profile", args=[people.an.pk]) in html
    html = client.get(reverse("orgs:person_list") + "?q=dang dao").content.decode()
    assert "Đặng Thị Đào" in html
    html = client.get(reverse("orgs:person_list") + "?q=Đào").content.decode()
    assert "Đặng Thị Đào" in html and "Nguyễn Văn An" not in html


def test_person_list_cccd_prefix(login, tree, personas, people):
    client = login(personas.province_officer)
    html = client.get(reverse("orgs:person_list") + f"?q={people.binh.cccd[:9]}").content.decode()
    assert "Trần Thị Bình" in html


def test_person_list_vietnamese_order(login, tree, personas):
    for name in [
        "Nguyễn Văn Ân",
        "Trần Văn An",
        "Lê Thị Bình",
        "Đỗ Văn Anh",
        "Nguyễn Văn An",
        "Phạm Đức Ấn",
    ]:
        PersonFactory(full_name=name, unit=tree.syt)
    client = login(personas.unit_officer)
    page = client.get(reverse("orgs:person_list")).context["page"]
    assert [p.full_name for p in page] == [
        "Nguyễn Văn An",
        "Trần Văn An",
        "Đỗ Văn Anh",  # a < â: "Anh" comes before "Ân"
        "Nguyễn Văn Ân",
        "Phạm Đức Ấn",
        "Lê Thị Bình",
    ]
    desc = client.get(reverse("orgs:person_list") + "?sort=-name").context["page"]
    assert desc[0].full_name == "Lê Thị Bình"


def test_person_list_filters(login, tree, personas, people):
    Person.objects.filter(pk=people.binh.pk).update(
        is_leader=True, pending_review=True, pending_review_note="Thanh tra"
    )
    client = login(personas.province_officer)

    def names(query):
        return {
            p.full_name for p in client.get(reverse("orgs:person_list") + query).context["page"]
        }

    assert names(f"?unit={tree.syt.pk}") == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert names(f"?unit={tree.syt.pk}&subtree=0") == {"Nguyễn Văn An"}
    assert names("?unit=HN.SYT.BVDD") == {"Trần Thị Bình"}
    assert names("?gender=female") == {"Trần Thị Bình", "Lê Minh Chi"}
    assert names("?leader=1") == {"Trần Thị Bình"}
    assert names("?pending=1") == {"Trần Thị Bình"}
    assert names("?leader=0&gender=female") == {"Lê Minh Chi"}
    assert names(f"?unit={tree.syt_ht.pk}") == set()  # outside scope: nothing, not everything
    Unit.objects.filter(pk=tree.sgd.pk).update(active_to=dt.date(2025, 1, 1))
    assert names("?active=0") == {"Lê Minh Chi"}
    assert names("?active=1") == {"Nguyễn Văn An", "Trần Thị Bình"}


def test_person_list_query_count_same_for_1_and_30(login, tree, personas, many_people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(personas.unit_officer)
    counts = []
    for n in (1, 29):
        many_people(n)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("orgs:person_list") + "?sort=unit")
        counts.append(len(ctx.captured_queries))
    assert len(response.context["page"]) == 30
    assert counts[0] == counts[1]


def test_person_export_all_filtered_rows(login, tree, personas, many_people):
    many_people(60)
    PersonFactory(full_name="Người Ngoài Phạm Vi", unit=tree.sgd)
    client = login(personas.unit_officer)
    rows = _xlsx_rows(client.get(reverse("orgs:person_list") + "?export=xlsx&page=1"))
    assert rows[0] == [
        "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chức vụ", "Lãnh đạo, quản lý",
        "Lao động trực tiếp", "Mã đơn vị", "Đơn vị", "Ngày bắt đầu công tác", "Đang xem xét",
    ]  # fmt: skip
    assert len(rows) == 61  # all rows, not one page of 50
    assert all(r[7] == "HN.SYT" for r in rows[1:])
    first = Person.objects.filter(unit=tree.syt).order_by("sort_key", "pk").first()
    assert rows[1][0] == first.full_name and rows[1][3] == first.cccd
    assert rows[1][2].date() == first.date_of_birth
    female = client.get(reverse("orgs:person_list") + "?export=xlsx&gender=female")
    assert {r[1] for r in _xlsx_rows(female)[1:]} == {"Nữ"}


def test_person_create_view(login, tree, personas):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:person_create"),
        {
            "unit": tree.hospital.pk,
            "full_name": "võ thị sáu",
            "gender": "female",
            "date_of_birth": "15/05/1990",
            "cccd": make_cccd(42, "female", 1990, 77),
            "hired_on": "01/09/2015",
            "position": "Điều dưỡng",
        },
    )
    person = Person.objects.get(full_name="Võ Thị Sáu")
    assert response.status_code == 302
    assert Membership.objects.get(person=person).start == dt.date(2015, 9, 1)


def test_person_create_view_shows_cccd_error_and_keeps_input(login, tree, personas):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:person_create"),
        {
            "unit": tree.syt.pk,
            "full_name": "Hồ Văn Nam",
            "gender": "male",
            "date_of_birth": "01/01/1990",
            "cccd": make_cccd(1, "male", 1991, 5),
        },
    )
    html = response.content.decode()
    assert "CCCD không khớp năm sinh 1990 (chữ số 4–6)." in html
    assert 'value="Hồ Văn Nam"' in html
    assert not Person.objects.filter(full_name="Hồ Văn Nam").exists()


def test_person_edit_view(login, tree, personas, people):
    client = login(personas.unit_officer)
    data = {
        "full_name": "Nguyễn Văn An",
        "gender": "male",
        "date_of_birth": people.an.date_of_birth.strftime("%d/%m/%Y"),
        "cccd": people.an.cccd,
        "position": "Phó trưởng phòng",
        "is_leader": "on",
        "hired_on": "01/01/2010",
    }
    response = client.post(reverse("orgs:person_edit", args=[people.an.pk]), data)
    assert response.status_code == 302
    people.an.refresh_from_db()
    assert people.an.is_leader and people.an.position == "Phó trưởng phòng"


def test_person_move_view_and_history(login, tree, personas, people):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("orgs:person_move", args=[people.an.pk]),
        {"unit": tree.hospital.pk, "on": "01/03/2024", "position": ""},
    )
    assert response.status_code == 302
    history = client.get(reverse("orgs:person_memberships", args=[people.an.pk])).content.decode()
    assert "01/01/2010 – 29/02/2024" in history
    assert "01/03/2024 – nay" in history
    bad = client.post(
        reverse("orgs:person_move", args=[people.an.pk]), {"unit": tree.syt.pk, "on": "01/01/2024"}
    )
    assert (
        "Ngày chuyển phải sau ngày bắt đầu công tác tại Bệnh viện Đa khoa Đống Đa (01/03/2024)."
        in bad.content.decode()
    )


def test_unit_memberships_lists_past_and_present(login, tree, personas, people):
    client = login(personas.unit_officer)
    client.post(
        reverse("orgs:person_move", args=[people.an.pk]),
        {"unit": tree.hospital.pk, "on": "01/03/2024"},
    )
    html = client.get(reverse("orgs:unit_memberships", args=[tree.syt.pk])).content.decode()
    assert "Nguyễn Văn An" in html and "29/02/2024" in html
