import datetime as dt

import pytest

from tests.factories import HonourFactory, RatingFactory
from tests.imports.conftest import REGISTER_HEADERS, xlsx
from vinhdanh.core.models import AuditEntry
from vinhdanh.imports.enums import JobStatus
from vinhdanh.registry.models import (
    DisciplineRecord,
    EntrySource,
    HonourRecord,
    InitiativeRecord,
    RatingRecord,
)

pytestmark = pytest.mark.django_db


def register_file(**sheets):
    names = {
        "ratings": "Xếp loại",
        "honours": "Danh hiệu - Hình thức",
        "initiatives": "Sáng kiến - Đề tài",
        "discipline": "Kỷ luật",
    }
    return xlsx({names[k]: [REGISTER_HEADERS[names[k]], *rows] for k, rows in sheets.items()})


def test_register_import_writes_every_sheet(tree, personas, people, run_import):
    an, binh = people.an, people.binh
    content = register_file(
        ratings=[[an.cccd, 2023, "HTXS"], ["HN.SYT.BVDD", 2023, "HTT"]],
        honours=[
            [an.cccd, "CSTDCS", 2023, "12/QĐ-SYT", "15/01/2024", "Sở Y tế", "Giám đốc"],
            ["HN.SYT.BVDD", "TTLDTT", 2023, None, None, None, None],
        ],
        initiatives=[
            [binh.cccd, "Sáng kiến", "CO_SO", 2023, "Cải tiến quy trình", "45/QĐ-SYT", "20/12/2023"]
        ],
        discipline=[[binh.cccd, "Khiển trách", "01/03/2022", "01/03/2023", "9/QĐ-SYT"]],
    )
    job = run_import(personas.unit_officer, "register", content)
    assert job.status == JobStatus.DONE, job.errors
    assert job.summary["create"] == 6
    assert job.summary["sheets"]["Xếp loại"]["create"] == 2
    assert RatingRecord.objects.get(person=an, year=2023).rating_id == "HTXS"
    assert RatingRecord.objects.get(unit=tree.hospital, year=2023).rating_id == "HTT"
    honour = HonourRecord.objects.get(person=an)
    assert (honour.honour_id, honour.achievement_year, honour.decision_date, honour.source) == (
        "CSTDCS",
        2023,
        dt.date(2024, 1, 15),
        EntrySource.IMPORT,
    )
    assert HonourRecord.objects.get(unit=tree.hospital).decision_number == ""
    initiative = InitiativeRecord.objects.get(person=binh)
    assert (initiative.kind_id, initiative.scope_id, initiative.document_date) == (
        "SANG_KIEN",
        "CO_SO",
        dt.date(2023, 12, 20),
    )
    assert DisciplineRecord.objects.get(person=binh).form_id == "KHIEN_TRACH"
    assert (
        AuditEntry.objects.filter(object_type__startswith="registry.", action="create").count() == 6
    )


def test_register_existing_identical_is_unchanged_and_different_is_updated(
    tree, personas, people, run_import
):
    an = people.an
    HonourFactory(
        person=an,
        honour_id="CSTDCS",
        achievement_year=2022,
        decision_number="1/QĐ",
        decision_date=dt.date(2023, 1, 5),
        issuer="Sở Y tế",
        signer="",
    )
    RatingFactory(person=an, year=2022, rating_id="HT")
    content = register_file(
        honours=[[an.cccd, "CSTDCS", 2022, "1/QĐ", "05/01/2023", "Sở Y tế", None]],
        ratings=[[an.cccd, 2022, "HTXS"]],
    )
    job = run_import(personas.unit_officer, "register", content)
    assert job.status == JobStatus.DONE, job.errors
    assert (
        job.summary["unchanged"] == 1 and job.summary["update"] == 1 and job.summary["create"] == 0
    )
    assert (
        HonourRecord.objects.count() == 1
        and RatingRecord.objects.get(person=an, year=2022).rating_id == "HTXS"
    )
    entry = AuditEntry.objects.get(object_type="registry.ratingrecord", action="update")
    assert entry.changes == {"rating_id": ["HT", "HTXS"]}


def test_register_duplicate_in_file_names_both_rows(tree, personas, people, run_import):
    an = people.an
    content = register_file(
        honours=[
            [an.cccd, "CSTDCS", 2023, "1", None, None, None],
            [an.cccd, "BK_TINH", 2023, None, None, None, None],
            [an.cccd, "CSTDCS", 2023, "2", None, None, None],
        ]
    )
    job = run_import(personas.unit_officer, "register", content)
    assert job.status == JobStatus.INVALID
    assert job.errors == [
        {
            "sheet": "Danh hiệu - Hình thức",
            "row": 4,
            "column": "Số CCCD hoặc mã đơn vị",
            "message": "Dòng 4 trùng với dòng 2 (cùng đối tượng, cùng mã, cùng năm thành tích).",
        }
    ]
    assert HonourRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("sheet", "row", "column", "message"),
    [
        (
            "ratings",
            ["{an}", 2023, "XUAT_SAC"],
            "Xếp loại",
            "Mã “XUAT_SAC” không có trong danh mục.",
        ),
        ("ratings", ["{an}", 1900, "HT"], "Năm", None),
        ("ratings", ["{an}", 2999, "HT"], "Năm", None),
        (
            "honours",
            ["{an}", "KHONG_CO", 2023, None, None, None, None],
            "Mã danh hiệu/hình thức",
            "Mã “KHONG_CO” không có trong danh mục.",
        ),
        (
            "honours",
            ["HN.SYT", "CSTDCS", 2023, None, None, None, None],
            "Mã danh hiệu/hình thức",
            "CSTDCS không dành cho tập thể.",
        ),
        (
            "honours",
            ["{an}", "CSTDCS", 2023, None, "01/01/2999", None, None],
            "Ngày quyết định",
            "Ngày 01/01/2999 ở tương lai.",
        ),
        (
            "honours",
            ["{foreign}", "CSTDCS", 2023, None, None, None, None],
            "Số CCCD hoặc mã đơn vị",
            "Không tìm thấy cá nhân có số CCCD {foreign} trong phạm vi của bạn.",
        ),
        (
            "honours",
            ["HT.SYT", "TTLDTT", 2023, None, None, None, None],
            "Số CCCD hoặc mã đơn vị",
            "Không tìm thấy đơn vị mã HT.SYT trong phạm vi của bạn.",
        ),
        (
            "honours",
            ["123456789012", "CSTDCS", 2023, None, None, None, None],
            "Số CCCD hoặc mã đơn vị",
            "CCCD có mã tỉnh 123 không hợp lệ (001–096).",
        ),
        (
            "initiatives",
            ["{an}", "SANG_KIEN", "LANG", 2023, "Tên", None, None],
            "Phạm vi",
            "Mã “LANG” không có trong danh mục.",
        ),
        (
            "discipline",
            ["{an}", "CANH_CAO", "01/03/2023", "01/01/2022", None],
            "Đến ngày",
            "Đến ngày phải sau Từ ngày.",
        ),
        (
            "discipline",
            ["{an}", "CANH_CAO", None, None, None],
            "Từ ngày",
            "Thiếu giá trị bắt buộc.",
        ),
    ],
)
def test_register_problems_reported_and_nothing_written(
    tree, personas, people, run_import, sheet, row, column, message
):
    fill = {"an": people.an.cccd, "foreign": people.foreign.cccd}
    row = [v.format(**fill) if isinstance(v, str) else v for v in row]
    job = run_import(personas.unit_officer, "register", register_file(**{sheet: [row]}))
    assert job.status == JobStatus.INVALID
    problem = job.errors[0]
    assert (problem["row"], problem["column"]) == (2, column)
    if message:
        assert problem["message"] == message.format(**fill)
    assert (
        RatingRecord.objects.count()
        + HonourRecord.objects.count()
        + InitiativeRecord.objects.count()
        + DisciplineRecord.objects.count()
        == 0
    )


def test_register_unknown_sheet_is_refused(tree, personas, run_import):
    content = xlsx({"Khen thưởng": [["a"], [1]]})
    job = run_import(personas.unit_officer, "register", content)
    assert job.status == JobStatus.INVALID and "“Khen thưởng”" in job.errors[0]["message"]


def test_register_reimport_of_same_file_changes_nothing(tree, personas, people, run_import):
    content = register_file(
        ratings=[[people.an.cccd, 2023, "HTXS"]],
        initiatives=[
            [people.an.cccd, "SANG_KIEN", "CO_SO", 2023, "Cải tiến quy trình", None, None]
        ],
        discipline=[[people.binh.cccd, "KHIEN_TRACH", "01/03/2022", None, None]],
    )
    run_import(personas.unit_officer, "register", content)
    again = run_import(personas.unit_officer, "register", content)
    assert (
        again.status == JobStatus.DONE
        and again.summary["create"] == 0
        and again.summary["unchanged"] == 3
    )
    assert (
        RatingRecord.objects.count()
        == InitiativeRecord.objects.count()
        == DisciplineRecord.objects.count()
        == 1
    )
