import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.factories import PersonFactory, UnitFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.orgs import services
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Membership, Person, Unit
from vinhdanh.orgs.services import OrgsError
from vinhdanh.orgs.validators import make_cccd

pytestmark = pytest.mark.django_db


def _unit_data(**extra):
    data = {
        "code": "HN.SYT.TTYT",
        "name": "Trung tâm Y tế",
        "abbreviation": "TTYT",
        "level": UnitLevel.GRASSROOTS,
    }
    data.update(extra)
    return data


# unit_create / unit_update ------------------------------------------------------------------


def test_unit_create_sets_path_and_audits(tree, personas):
    unit = services.unit_create(
        personas.unit_officer, parent=tree.syt, **_unit_data(province_code=1, ward_code=70)
    )
    unit.refresh_from_db()
    assert unit.path == f"{tree.syt.path}{unit.pk:010d}."
    assert unit.depth == 2
    entry = AuditEntry.objects.get(object_type="orgs.unit", object_id=str(unit.pk))
    assert entry.action == "create"
    assert entry.actor == personas.unit_officer
    assert entry.changes["code"] == [None, "HN.SYT.TTYT"]
    assert entry.unit_id == unit.pk


def test_unit_create_refuses_parent_outside_edit_scope(tree, personas):
    with pytest.raises(OrgsError) as err:
        services.unit_create(personas.unit_officer, parent=tree.sgd, **_unit_data())
    assert err.value.field == "parent"
    assert "ngoài phạm vi" in err.value.message
    assert not Unit.objects.filter(code="HN.SYT.TTYT").exists()


def test_unit_create_top_level_only_for_root_admin(tree, personas):
    with pytest.raises(OrgsError, match="cấp cao nhất"):
        services.unit_create(personas.province_officer, parent=None, **_unit_data(code="NEW"))
    personas.admin.is_superuser = True
    personas.admin.save()
    unit = services.unit_create(personas.admin, parent=None, **_unit_data(code="NEW"))
    assert unit.depth == 0


def test_unit_create_refuses_duplicate_code_and_sibling_abbreviation(tree, personas):
    with pytest.raises(OrgsError) as err:
        services.unit_create(personas.unit_officer, parent=tree.syt, **_unit_data(code="hn.syt"))
    assert err.value.field == "code"
    assert "HN.SYT" in err.value.message or "hn.syt" in err.value.message
    with pytest.raises(OrgsError) as err:
        services.unit_create(
            personas.unit_officer, parent=tree.syt, **_unit_data(abbreviation="BVĐĐ")
        )
    assert err.value.field == "abbreviation"
    assert "Bệnh viện Đa khoa Đống Đa" in err.value.message
    # The same abbreviation under another parent is fine.
    services.unit_create(
        personas.province_officer, parent=tree.sgd, **_unit_data(abbreviation="BVĐĐ")
    )


def test_unit_create_validates_ward_belongs_to_province(tree, personas):
    with pytest.raises(OrgsError) as err:
        services.unit_create(
            personas.unit_officer, parent=tree.syt, **_unit_data(province_code=42, ward_code=70)
        )
    assert err.value.field == "ward_code"
    assert "Phường Hoàn Kiếm không thuộc Hà Tĩnh" in err.value.message
    with pytest.raises(OrgsError) as err:
        services.unit_create(personas.unit_officer, parent=tree.syt, **_unit_data(province_code=99))
    assert err.value.field == "province_code"


def test_unit_update_records_before_after(tree, personas):
    services.unit_update(
        personas.unit_officer,
        tree.hospital,
        name="Bệnh viện Đống Đa",
        province_code=1,
        ward_code=70,
    )
    tree.hospital.refresh_from_db()
    assert tree.hospital.name == "Bệnh viện Đống Đa"
    assert tree.hospital.name_folded.startswith("benh vien dong da")
    entry = AuditEntry.objects.filter(object_type="orgs.unit", action="update").latest("pk")
    assert entry.changes["name"] == ["Bệnh viện Đa khoa Đống Đa", "Bệnh viện Đống Đa"]
    assert entry.changes["ward_code"] == [None, 70]


def test_unit_update_refused_for_viewer_and_outsider(tree, personas):
    with pytest.raises(PermissionDenied):
        services.unit_update(personas.viewer, tree.syt, name="X")
    with pytest.raises(Http404):
        services.unit_update(personas.outsider, tree.syt, name="X")
    tree.syt.refresh_from_db()
    assert tree.syt.name == "Sở Y tế"


# unit_move ----------------------------------------------------------------------------------


def test_unit_move_rewrites_every_descendant_path_and_depth(tree, personas):
    khoa = UnitFactory(code="HN.SYT.BVDD.K1", parent=tree.hospital)
    to = UnitFactory(code="HN.SYT.BVDD.K1.T1", parent=khoa)
    services.unit_move(personas.province_officer, tree.syt, parent=tree.sgd)
    for u in (tree.syt, tree.hospital, khoa, to):
        u.refresh_from_db()
    assert tree.syt.parent_id == tree.sgd.pk
    assert tree.syt.path == f"{tree.sgd.path}{tree.syt.pk:010d}."
    assert tree.hospital.path == f"{tree.syt.path}{tree.hospital.pk:010d}."
    assert khoa.path == f"{tree.hospital.path}{khoa.pk:010d}."
    assert to.path == f"{khoa.path}{to.pk:010d}."
    assert [tree.syt.depth, tree.hospital.depth, khoa.depth, to.depth] == [2, 3, 4, 5]
    # Every stored path agrees with the parent chain.
    for u in Unit.objects.all():
        expected = (u.parent.path if u.parent_id else "") + f"{u.pk:010d}."
        assert u.path == expected
        assert u.depth == u.path.count(".") - 1
    entry = AuditEntry.objects.filter(object_type="orgs.unit", object_id=str(tree.syt.pk)).latest(
        "pk"
    )
    assert entry.changes["parent"] == [tree.hanoi.pk, tree.sgd.pk]
    assert "3 đơn vị trực thuộc" in entry.note


def test_unit_move_refuses_cycles(tree, personas):
    with pytest.raises(OrgsError, match="chính nó"):
        services.unit_move(personas.province_officer, tree.syt, parent=tree.syt)
    with pytest.raises(OrgsError, match="trực thuộc của chính nó"):
        services.unit_move(personas.province_officer, tree.syt, parent=tree.hospital)
    tree.syt.refresh_from_db()
    assert tree.syt.parent_id == tree.hanoi.pk


def test_unit_move_refuses_parent_outside_scope(tree, personas):
    with pytest.raises(OrgsError, match="ngoài phạm vi"):
        services.unit_move(personas.unit_officer, tree.hospital, parent=tree.sgd)
    with pytest.raises(Http404):
        services.unit_move(personas.outsider, tree.hospital, parent=tree.syt_ht)
    tree.hospital.refresh_from_db()
    assert tree.hospital.parent_id == tree.syt.pk


# unit_close / unit_reopen -----------------------------------------------------------------


def test_unit_close_refuses_with_open_children_and_people(tree, personas, people):
    with pytest.raises(OrgsError) as err:
        services.unit_close(personas.province_officer, tree.syt, on=dt.date(2025, 7, 1))
    assert "1 đơn vị trực thuộc đang hoạt động (Bệnh viện Đa khoa Đống Đa)" in err.value.message
    assert "1 cá nhân đang công tác" in err.value.message
    tree.syt.refresh_from_db()
    assert tree.syt.active_to is None


def test_unit_close_keeps_history_and_reopen(tree, personas):
    person = PersonFactory(unit=tree.hospital, hired_on=dt.date(2015, 1, 1))
    services.person_move(personas.unit_officer, person, unit=tree.syt, on=dt.date(2024, 1, 1))
    services.unit_close(
        personas.unit_officer, tree.hospital, on=dt.date(2025, 7, 1), note="QĐ 12/QĐ-SYT"
    )
    tree.hospital.refresh_from_db()
    assert tree.hospital.active_to == dt.date(2025, 7, 1)
    assert Membership.objects.filter(unit=tree.hospital, person=person).exists()  # history kept
    entry = AuditEntry.objects.filter(
        object_type="orgs.unit", object_id=str(tree.hospital.pk)
    ).latest("pk")
    assert entry.changes == {"active_to": [None, "2025-07-01"]}
    assert entry.note == "QĐ 12/QĐ-SYT"
    with pytest.raises(OrgsError, match="đã ngừng hoạt động"):
        services.unit_close(personas.unit_officer, tree.hospital, on=dt.date(2025, 8, 1))
    services.unit_reopen(personas.unit_officer, tree.hospital)
    tree.hospital.refresh_from_db()
    assert tree.hospital.active_to is None
    entry = AuditEntry.objects.filter(
        object_type="orgs.unit", object_id=str(tree.hospital.pk)
    ).latest("pk")
    assert entry.changes == {"active_to": ["2025-07-01", None]}


def test_unit_reopen_refused_under_closed_parent(tree, personas):
    services.unit_close(personas.province_officer, tree.hospital, on=dt.date(2025, 7, 1))
    services.unit_close(personas.province_officer, tree.syt, on=dt.date(2025, 7, 1))
    with pytest.raises(OrgsError, match="mở lại đơn vị cấp trên trước"):
        services.unit_reopen(personas.province_officer, tree.hospital)


def test_unit_close_date_before_start_refused(tree, personas):
    with pytest.raises(OrgsError, match="01/01/2015"):
        services.unit_close(personas.unit_officer, tree.hospital, on=dt.date(2010, 1, 1))


# people -------------------------------------------------------------------------------------


def _person_data(**extra):
    data = {
        "full_name": "  nguyễn   văn  an ",
        "gender": "male",
        "date_of_birth": dt.date(1985, 3, 2),
        "cccd": make_cccd(1, "male", 1985, 123),
        "position": "Chuyên viên",
        "hired_on": dt.date(2010, 9, 1),
    }
    data.update(extra)
    return data


def test_person_create_opens_membership_and_audits(tree, personas):
    person = services.person_create(personas.unit_officer, unit=tree.hospital, **_person_data())
    assert person.full_name == "Nguyễn Văn An"
    assert person.name_folded == "nguyen van an"
    m = Membership.objects.get(person=person)
    assert (m.unit, m.start, m.end, m.position) == (
        tree.hospital,
        dt.date(2010, 9, 1),
        None,
        "Chuyên viên",
    )
    entry = AuditEntry.objects.get(object_type="orgs.person", object_id=str(person.pk))
    assert entry.changes["cccd"] == [None, person.cccd]
    assert entry.unit_id == tree.hospital.pk


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"cccd": "12345"}, "cccd", "CCCD phải gồm đúng 12 chữ số."),
        ({"cccd": "099085000123"}, "cccd", "CCCD có mã tỉnh 099 không hợp lệ (001–096)."),
        (
            {"cccd": make_cccd(1, "female", 1985, 1)},
            "cccd",
            "CCCD không khớp giới tính (chữ số thứ 4).",
        ),
        (
            {"cccd": make_cccd(1, "male", 1986, 1)},
            "cccd",
            "CCCD không khớp năm sinh 1985 (chữ số 4–6).",
        ),
        (
            {"date_of_birth": dt.date(2099, 1, 1), "cccd": make_cccd(1, "male", 2099, 1)},
            "date_of_birth",
            "Ngày sinh không thể ở tương lai.",
        ),
        (
            {"hired_on": dt.date(2099, 1, 1)},
            "hired_on",
            "Ngày bắt đầu công tác không thể ở tương lai.",
        ),
        ({"gender": "x"}, "gender", "Chọn giới tính Nam hoặc Nữ."),
        ({"full_name": "  "}, "full_name", "Nhập họ và tên."),
    ],
)
def test_person_create_validation_messages(tree, personas, extra, field, message):
    with pytest.raises(OrgsError) as err:
        services.person_create(personas.unit_officer, unit=tree.syt, **_person_data(**extra))
    assert (err.value.field, err.value.message) == (field, message)
    assert not Person.objects.exists()


def test_person_duplicate_cccd_has_clear_message(tree, personas, people):
    with pytest.raises(OrgsError) as err:
        services.person_create(
            personas.unit_officer,
            unit=tree.syt,
            **_person_data(cccd=people.an.cccd, date_of_birth=people.an.date_of_birth),
        )
    assert err.value.field == "cccd"
    assert f"Số CCCD {people.an.cccd} đã có trong hệ thống" in err.value.message


def test_person_create_does_not_reveal_a_cccd_held_outside_scope(tree, personas, people):
    """Hà Tĩnh's officer learns neither the unit nor the existence of a Hà Nội person."""
    with pytest.raises(OrgsError) as err:
        services.person_create(
            personas.outsider,
            unit=tree.syt_ht,
            **_person_data(cccd=people.an.cccd, date_of_birth=people.an.date_of_birth),
        )
    assert err.value.field == "cccd"
    assert "Sở Y tế" not in err.value.message and "đã có" not in err.value.message
    assert err.value.message.startswith(f"Không dùng được số CCCD {people.an.cccd}")
    assert "điều chuyển công tác" in err.value.message


def test_person_update_validates_cccd_against_new_gender(tree, personas, people):
    with pytest.raises(OrgsError, match="giới tính"):
        services.person_update(personas.unit_officer, people.an, gender="female")
    before_cccd = people.an.cccd
    services.person_update(
        personas.unit_officer, people.an, position="Trưởng phòng", is_leader=True
    )
    people.an.refresh_from_db()
    assert (people.an.position, people.an.is_leader, people.an.cccd) == (
        "Trưởng phòng",
        True,
        before_cccd,
    )
    assert Membership.objects.get(person=people.an, end__isnull=True).position == "Trưởng phòng"
    entry = AuditEntry.objects.filter(object_type="orgs.person", action="update").latest("pk")
    assert entry.changes == {
        "is_leader": [False, True],
        "position": ["Chuyên viên", "Trưởng phòng"],
    }


def test_person_update_refused_for_viewer_and_outsider(tree, personas, people):
    with pytest.raises(PermissionDenied):
        services.person_update(personas.viewer, people.an, position="X")
    with pytest.raises(Http404):
        services.person_update(personas.outsider, people.an, position="X")


def test_person_move_closes_membership_and_opens_new(tree, personas, people):
    an = people.an  # in Sở Y tế since 2010-01-01
    services.person_move(
        personas.unit_officer,
        an,
        unit=tree.hospital,
        on=dt.date(2024, 3, 1),
        position="Phó Giám đốc",
    )
    an.refresh_from_db()
    assert an.unit == tree.hospital
    assert an.position == "Phó Giám đốc"
    rows = list(
        Membership.objects.filter(person=an)
        .order_by("start")
        .values_list("unit_id", "start", "end", "position")
    )
    assert rows == [
        (tree.syt.pk, dt.date(2010, 1, 1), dt.date(2024, 2, 29), "Chuyên viên"),
        (tree.hospital.pk, dt.date(2024, 3, 1), None, "Phó Giám đốc"),
    ]
    entry = AuditEntry.objects.filter(object_type="orgs.person", object_id=str(an.pk)).latest("pk")
    assert entry.changes["unit"] == [tree.syt.pk, tree.hospital.pk]
    assert "01/03/2024" in entry.note


def test_person_move_refuses_date_before_current_start(tree, personas, people):
    with pytest.raises(OrgsError) as err:
        services.person_move(
            personas.unit_officer, people.an, unit=tree.hospital, on=dt.date(2009, 12, 31)
        )
    assert err.value.field == "on"
    assert "01/01/2010" in err.value.message
    assert Membership.objects.filter(person=people.an).count() == 1


def test_person_move_refuses_units_outside_scope(tree, personas, people):
    with pytest.raises(OrgsError, match="ngoài phạm vi"):
        services.person_move(
            personas.unit_officer, people.an, unit=tree.sgd, on=dt.date(2024, 1, 1)
        )
    with pytest.raises(Http404):
        services.person_move(
            personas.unit_officer, people.chi, unit=tree.syt, on=dt.date(2024, 1, 1)
        )
    people.an.refresh_from_db()
    assert people.an.unit == tree.syt


def test_person_move_refuses_closed_unit(tree, personas, people):
    closed = UnitFactory(parent=tree.syt, active_to=dt.date(2020, 1, 1))
    with pytest.raises(OrgsError, match="đã ngừng hoạt động"):
        services.person_move(personas.unit_officer, people.an, unit=closed, on=dt.date(2024, 1, 1))
