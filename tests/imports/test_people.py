import datetime as dt

import pytest

from tests.imports.conftest import PEOPLE_HEADER, cccd, people_file, person_row, xlsx
from vinhdanh.core.models import AuditAction, AuditEntry
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.services import ImportsError, import_confirm
from vinhdanh.orgs.models import Membership, Person

pytestmark = pytest.mark.django_db


def messages_of(job):
    return [(e["sheet"], e["row"], e["column"], e["message"]) for e in job.errors]


def test_people_import_creates_people_with_open_memberships(tree, personas, run_import):
    rows = [
        person_row(1),
        person_row(2, unit="HN.SYT.BVDD", gender="female", name="  trần   THỊ bình "),
    ]
    job = run_import(personas.unit_officer, "people", people_file(rows))
    assert job.status == JobStatus.DONE
    assert job.summary["create"] == 2 and job.summary["update"] == 0
    binh = Person.objects.get(cccd=cccd(2, "female"))
    assert (
        binh.full_name == "Trần Thị Bình" and binh.name_folded == "tran thi binh" and binh.sort_key
    )
    assert (
        binh.unit == tree.hospital
        and binh.gender == "female"
        and binh.hired_on == dt.date(2010, 9, 1)
    )
    membership = Membership.objects.get(person=binh)
    assert (
        membership.unit == tree.hospital
        and membership.end is None
        and membership.start == dt.date(2010, 9, 1)
    )


def test_people_reimport_same_file_creates_no_duplicates(tree, personas, run_import):
    content = people_file([person_row(i) for i in range(5)])
    run_import(personas.unit_officer, "people", content)
    again = run_import(personas.unit_officer, "people", content)
    assert again.status == JobStatus.DONE
    assert again.summary["create"] == 0 and again.summary["unchanged"] == 5
    assert Person.objects.count() == 5 and Membership.objects.count() == 5


def test_people_reimport_updates_changed_names(tree, personas, run_import):
    run_import(personas.unit_officer, "people", people_file([person_row(1), person_row(2)]))
    job = run_import(
        personas.unit_officer,
        "people",
        people_file([person_row(1, name="Nguyễn Văn Mới"), person_row(2)]),
        identity=True,
    )
    assert job.summary["update"] == 1 and job.summary["unchanged"] == 1
    person = Person.objects.get(cccd=cccd(1))
    assert person.full_name == "Nguyễn Văn Mới" and person.name_folded == "nguyen van moi"
    entry = AuditEntry.objects.get(
        object_type="orgs.person", object_id=str(person.pk), action=AuditAction.UPDATE
    )
    assert entry.changes["full_name"] == ["Nguyễn Văn Thử 1", "Nguyễn Văn Mới"]
    assert entry.actor == personas.unit_officer and entry.unit_id == tree.syt.pk


def test_people_unit_change_on_reimport_moves_membership(tree, personas, run_import):
    run_import(personas.unit_officer, "people", people_file([person_row(1)]))
    person = Person.objects.get(cccd=cccd(1))
    job = run_import(
        personas.unit_officer, "people", people_file([person_row(1, unit="HN.SYT.BVDD")])
    )
    assert job.status == JobStatus.DONE and job.summary["update"] == 1
    person.refresh_from_db()
    assert person.unit == tree.hospital
    history = list(Membership.objects.filter(person=person).order_by("id"))
    assert [m.unit for m in history] == [tree.syt, tree.hospital]
    assert history[0].end is not None and history[1].end is None
    assert history[1].start == history[0].end
    assert (
        AuditEntry.objects.filter(object_type="orgs.membership", action=AuditAction.UPDATE).count()
        == 1
    )
    assert (
        AuditEntry.objects.filter(object_type="orgs.membership", action=AuditAction.CREATE).count()
        == 1
    )


def test_people_audit_rows_one_per_created_person(tree, personas, run_import):
    job = run_import(
        personas.unit_officer, "people", people_file([person_row(i) for i in range(3)])
    )
    entries = AuditEntry.objects.filter(object_type="orgs.person", action=AuditAction.CREATE)
    assert entries.count() == 3
    assert all(e.note.startswith(f"Nhập Excel lần #{job.pk}") for e in entries)
    person = Person.objects.get(cccd=cccd(1))
    entry = entries.get(object_id=str(person.pk))
    assert entry.actor == personas.unit_officer and entry.actor_name == "cb_syt" and entry.at
    assert entry.unit_id == tree.syt.pk and entry.object_repr == person.full_name
    assert entry.changes == {
        "cccd": [None, person.cccd],
        "full_name": [None, person.full_name],
        "unit": [None, tree.syt.pk],
        "membership_start": [None, "2010-09-01"],
    }
    assert person.created_at and person.name_folded == "nguyen van thu 1"
    job_entries = AuditEntry.objects.filter(object_type="imports.importjob", object_id=str(job.pk))
    assert {tuple(e.changes.get("status", [])) for e in job_entries} >= {
        ("uploaded", "validating"),
        ("validating", "validated"),
        ("validated", "applying"),
        ("applying", "done"),
    }


def test_people_accepts_excel_dates_and_text_dates_and_numeric_cccd(tree, personas, run_import):
    number = int(cccd(7))  # typed as a number: Excel drops the leading zeros
    row = person_row(7, birth="01/05/1985", hired=dt.datetime(2011, 2, 3))
    row[0] = number
    job = run_import(personas.unit_officer, "people", people_file([row]))
    assert job.status == JobStatus.DONE, job.errors
    person = Person.objects.get(cccd=cccd(7))
    assert person.date_of_birth == dt.date(1985, 5, 1) and person.hired_on == dt.date(2011, 2, 3)


@pytest.mark.parametrize(
    ("over", "column", "message"),
    [
        ({"cccd": "12345"}, "Số CCCD", "CCCD phải gồm đúng 12 chữ số."),
        ({"sex": "Nữ"}, "Số CCCD", "CCCD không khớp giới tính (chữ số thứ 4)."),
        ({"birth": "01/01/1990"}, "Số CCCD", "CCCD không khớp năm sinh 1990 (chữ số 4–6)."),
        (
            {"unit": "KHONG.CO"},
            "Mã đơn vị",
            "Không tìm thấy đơn vị mã KHONG.CO trong phạm vi của bạn.",
        ),
        ({"unit": "HT.SYT"}, "Mã đơn vị", "Không tìm thấy đơn vị mã HT.SYT trong phạm vi của bạn."),
        (
            {"unit": "HN.SGDDT"},
            "Mã đơn vị",
            "Không tìm thấy đơn vị mã HN.SGDDT trong phạm vi của bạn.",
        ),
        ({"hired": "01/01/2999"}, "Ngày bắt đầu công tác", "Ngày 01/01/2999 ở tương lai."),
        ({"hired": "31/02/2020"}, "Ngày bắt đầu công tác", "Ngày “31/02/2020” không có thật."),
        (
            {"hired": "năm ngoái"},
            "Ngày bắt đầu công tác",
            "Ngày “năm ngoái” không đọc được; hãy nhập theo dạng dd/mm/yyyy.",
        ),
        ({"name": "   "}, "Họ và tên", "Thiếu giá trị bắt buộc."),
        ({"leader": "Có lẽ"}, "Lãnh đạo", "Chỉ nhận “Có” hoặc “Không”, không nhận “Có lẽ”."),
        (
            {"sex": "Khác"},
            "Giới tính",
            "Giới tính “Khác” không hợp lệ; chỉ nhận: male (Nam), female (Nữ).",
        ),
    ],
)
def test_people_problem_is_reported_with_row_and_column_and_nothing_written(
    tree, personas, run_import, over, column, message
):
    rows = [person_row(1), person_row(2, **over)]
    job = run_import(personas.unit_officer, "people", people_file(rows))
    assert job.status == JobStatus.INVALID
    assert ("Cá nhân", 3, column, message) in messages_of(job)
    assert Person.objects.count() == 0 and Membership.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="orgs.person").exists()


def test_people_duplicate_cccd_in_file_names_both_rows(tree, personas, run_import):
    job = run_import(
        personas.unit_officer, "people", people_file([person_row(1), person_row(2), person_row(1)])
    )
    assert job.status == JobStatus.INVALID
    assert ("Cá nhân", 4, "Số CCCD", f"Số CCCD {cccd(1)} trùng với dòng 2.") in messages_of(job)


def test_people_existing_person_outside_scope_is_refused(tree, personas, people, run_import):
    foreign = people.foreign  # works in Hà Tĩnh
    row = person_row(
        1, name=foreign.full_name, year=foreign.date_of_birth.year, birth=foreign.date_of_birth
    )
    row[0] = foreign.cccd
    job = run_import(personas.unit_officer, "people", people_file([row]))
    assert job.status == JobStatus.INVALID
    assert "ngoài phạm vi của bạn" in job.errors[0]["message"]
    foreign.refresh_from_db()
    assert foreign.unit == tree.syt_ht


def test_people_blank_rows_are_skipped_and_trailing_ones_ignored(tree, personas, run_import):
    content = people_file([person_row(1), [None] * 9, person_row(2), [None] * 9, [""] * 9])
    job = run_import(personas.unit_officer, "people", content)
    assert job.status == JobStatus.DONE and job.summary["skipped"] == 1 and job.total_rows == 2


def test_people_optional_columns_may_be_left_out(tree, personas, run_import):
    content = xlsx(
        {
            "Cá nhân": [
                ["Số CCCD", "Họ và tên", "Giới tính", "Mã đơn vị"],
                [cccd(1), "Lê Văn Tám", "Nam", "HN.SYT"],
            ]
        }
    )
    job = run_import(personas.unit_officer, "people", content)
    assert job.status == JobStatus.DONE, job.errors
    assert Person.objects.get(cccd=cccd(1)).position == ""


def test_people_confirm_refused_while_errors_exist(tree, personas, run_import):
    job = run_import(personas.unit_officer, "people", people_file([person_row(1, unit="KHONG.CO")]))
    assert job.status == JobStatus.INVALID and not job.can_confirm
    with pytest.raises(ImportsError):
        import_confirm(personas.unit_officer, job)
    job.refresh_from_db()
    assert job.status == JobStatus.INVALID and Person.objects.count() == 0


def test_people_confirm_twice_is_refused(tree, personas, run_import):
    job = run_import(personas.unit_officer, "people", people_file([person_row(1)]))
    assert job.status == JobStatus.DONE
    with pytest.raises(ImportsError):
        import_confirm(personas.unit_officer, job)
    assert Person.objects.count() == 1


def test_people_apply_refuses_when_unit_closed_after_check(tree, personas, run_import):
    job = run_import(personas.unit_officer, "people", people_file([person_row(1)]), confirm=False)
    assert job.status == JobStatus.VALIDATED
    tree.syt.active_to = dt.date(2024, 1, 1)
    tree.syt.save()
    job = import_confirm(personas.unit_officer, job)
    assert job.status == JobStatus.FAILED
    assert "không có gì được ghi" in job.errors[0]["message"]
    assert Person.objects.count() == 0


def test_people_header_is_matched_without_accents(tree, personas, run_import):
    header = ["so cccd", "HỌ VÀ TÊN", "Gioi tinh", *PEOPLE_HEADER[3:]]
    content = xlsx({"Sheet1": [header, person_row(1)]})
    job = run_import(personas.unit_officer, "people", content)
    assert job.status == JobStatus.DONE, job.errors


def test_people_blank_optional_cells_keep_stored_values(tree, personas, run_import):
    run_import(
        personas.unit_officer, "people", people_file([person_row(1, position="Trưởng khoa")])
    )
    job = run_import(
        personas.unit_officer, "people", people_file([person_row(1, position=None, hired=None)])
    )
    assert job.summary["unchanged"] == 1
    person = Person.objects.get(cccd=cccd(1))
    assert person.position == "Trưởng khoa" and person.hired_on == dt.date(2010, 9, 1)


def test_people_large_file_in_several_batches_one_query_per_lookup(
    tree, personas, run_import, monkeypatch
):
    """1,500 rows: past SQLite's 999-variable limit for a plain IN, written in 3 batches."""
    from vinhdanh.imports.kinds import base

    monkeypatch.setattr(base, "PROGRESS_EVERY", 500)
    rows = [person_row(i, unit="HN.SYT" if i % 2 else "HN.SYT.BVDD") for i in range(1500)]
    job = run_import(personas.unit_officer, "people", people_file(rows))
    assert job.status == JobStatus.DONE and job.summary["create"] == 1500
    assert (
        Person.objects.count() == 1500
        and Membership.objects.filter(end__isnull=True).count() == 1500
    )
    assert (
        AuditEntry.objects.filter(object_type="orgs.person", action=AuditAction.CREATE).count()
        == 1500
    )
    moved = [person_row(i, unit="HN.SYT.BVDD" if i % 2 else "HN.SYT") for i in range(1500)]
    job = run_import(personas.unit_officer, "people", people_file(moved))
    assert job.status == JobStatus.DONE and job.summary["update"] == 1500
    assert (
        Membership.objects.count() == 3000
        and Membership.objects.filter(end__isnull=True).count() == 1500
    )
