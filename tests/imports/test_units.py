import datetime as dt

import pytest

from tests.imports.conftest import UNITS_HEADER, xlsx
from vinhdanh.core.models import AuditEntry
from vinhdanh.imports.enums import JobStatus
from vinhdanh.orgs.models import Unit

pytestmark = pytest.mark.django_db
LATER = " Nếu đơn vị cấp trên cũng có trong tệp, hãy đặt nó ở dòng phía trên."


def units_file(rows):
    return xlsx({"Đơn vị": [UNITS_HEADER, *rows]})


def row(
    code,
    name,
    abbr,
    level="Cơ sở",
    parent="HN.SYT",
    province=1,
    ward=70,
    address="",
    since="01/01/2000",
):
    return [code, name, abbr, level, parent, province, ward, address, since]


def test_units_import_creates_tree_with_parent_from_earlier_row(tree, personas, run_import):
    content = units_file(
        [
            row("HN.SYT.TTYT", "Trung tâm Y tế", "TTYT", level="SO_NGANH"),
            row("HN.SYT.TTYT.K1", "Khoa Một", "K1", parent="HN.SYT.TTYT"),
        ]
    )
    job = run_import(personas.unit_officer, "units", content)
    assert job.status == JobStatus.DONE, job.errors
    center = Unit.objects.get(code="HN.SYT.TTYT")
    child = Unit.objects.get(code="HN.SYT.TTYT.K1")
    assert (
        center.parent == tree.syt
        and center.level == "SO_NGANH"
        and center.path.startswith(tree.syt.path)
    )
    assert (
        child.parent == center
        and child.path.startswith(center.path)
        and child.depth == center.depth + 1
    )
    assert (
        center.province_code == 1
        and center.ward_code == 70
        and center.active_from == dt.date(2000, 1, 1)
    )
    assert center.name_folded and center.sort_key
    assert AuditEntry.objects.filter(object_type="orgs.unit", action="create").count() == 2


def test_units_reimport_is_unchanged_then_updates_and_moves(tree, personas, run_import):
    content = units_file(
        [
            row("HN.SYT.TTYT", "Trung tâm Y tế", "TTYT"),
            row("HN.SYT.TTYT.K1", "Khoa Một", "K1", parent="HN.SYT.TTYT"),
        ]
    )
    run_import(personas.province_officer, "units", content)
    again = run_import(personas.province_officer, "units", content)
    assert again.summary["unchanged"] == 2 and again.summary["create"] == 0
    moved = run_import(
        personas.province_officer,
        "units",
        units_file([row("HN.SYT.TTYT", "Trung tâm Y tế quận", "TTYT", parent="HN.SGDDT")]),
    )
    assert moved.status == JobStatus.DONE and moved.summary["update"] == 1, moved.errors
    center = Unit.objects.get(code="HN.SYT.TTYT")
    child = Unit.objects.get(code="HN.SYT.TTYT.K1")
    assert center.name == "Trung tâm Y tế quận" and center.parent == tree.sgd
    assert center.path.startswith(tree.sgd.path) and child.path.startswith(center.path)
    assert Unit.objects.count() == 8


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        (
            {"parent": "KHONG.CO"},
            "Mã đơn vị cấp trên",
            f"Không tìm thấy đơn vị mã KHONG.CO trong phạm vi của bạn.{LATER}",
        ),
        (
            {"parent": "HT"},
            "Mã đơn vị cấp trên",
            f"Không tìm thấy đơn vị mã HT trong phạm vi của bạn.{LATER}",
        ),
        ({"ward": 70, "province": 42}, "Mã xã/phường", "Xã/phường mã 70 không thuộc tỉnh mã 42."),
        ({"province": 999}, "Mã tỉnh", "Mã tỉnh 999 không có trong danh mục đơn vị hành chính."),
        ({"level": "Thôn"}, "Cấp", None),
        ({"since": "01/01/2999"}, "Hoạt động từ", "Ngày 01/01/2999 ở tương lai."),
        (
            {"parent": None},
            "Mã đơn vị cấp trên",
            "Cần mã đơn vị cấp trên: chỉ quản trị toàn hệ thống mới tạo được đơn vị cấp cao nhất.",
        ),
        (
            {"abbr": "BVĐĐ"},
            "Tên viết tắt",
            "Tên viết tắt BVĐĐ đã dùng cho đơn vị HN.SYT.BVDD cùng đơn vị cấp trên.",
        ),
    ],
)
def test_units_problems_are_reported_and_nothing_written(
    tree, personas, run_import, values, column, message
):
    args = {"code": "HN.SYT.MOI", "name": "Đơn vị mới", "abbr": "MOI"} | values
    code, name, abbr = args.pop("code"), args.pop("name"), args.pop("abbr")
    job = run_import(personas.unit_officer, "units", units_file([row(code, name, abbr, **args)]))
    assert job.status == JobStatus.INVALID
    problem = job.errors[0]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("Đơn vị", 2, column)
    if message:
        assert problem["message"] == message
    assert Unit.objects.count() == 6


def test_units_duplicate_code_in_file_names_both_rows(tree, personas, run_import):
    job = run_import(
        personas.unit_officer,
        "units",
        units_file([row("HN.SYT.A", "A", "A"), row("HN.SYT.A", "A2", "A2")]),
    )
    assert (
        job.errors[0]["message"] == "Mã đơn vị HN.SYT.A trùng với dòng 2."
        and job.errors[0]["row"] == 3
    )


def test_units_existing_code_outside_scope_is_refused(tree, personas, run_import):
    job = run_import(personas.unit_officer, "units", units_file([row("HT.SYT", "Đổi tên", "SYT")]))
    assert "ngoài phạm vi của bạn" in job.errors[0]["message"]
    tree.syt_ht.refresh_from_db()
    assert tree.syt_ht.name == "Sở Y tế Hà Tĩnh"


def test_units_cannot_move_under_own_subtree(tree, personas, run_import):
    job = run_import(
        personas.province_officer,
        "units",
        units_file([row("HN.SYT", "Sở Y tế", "SYT", level="SO_NGANH", parent="HN.SYT.BVDD")]),
    )
    assert job.status == JobStatus.INVALID and "cấp dưới" in job.errors[0]["message"]


def test_units_parent_below_its_child_is_reported(tree, personas, run_import):
    content = units_file(
        [row("HN.SYT.X.CON", "Con", "CON", parent="HN.SYT.X"), row("HN.SYT.X", "Cha", "X")]
    )
    job = run_import(personas.unit_officer, "units", content)
    assert (
        job.status == JobStatus.INVALID
        and job.errors[0]["row"] == 2
        and "dòng phía trên" in job.errors[0]["message"]
    )
    assert Unit.objects.count() == 6
