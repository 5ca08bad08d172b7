import io
import zipfile

import pytest

from tests.imports.conftest import PEOPLE_HEADER, people_file, person_row, upload, xlsx
from vinhdanh.core.models import AuditEntry
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.services import ImportsError, import_upload
from vinhdanh.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


def only_message(job):
    assert job.status == JobStatus.INVALID and job.error_count == 1 and len(job.errors) == 1
    return job.errors[0]["message"]


def test_text_file_named_xlsx_is_refused(tree, personas, run_import):
    job = run_import(
        personas.unit_officer, "people", "Số CCCD;Họ và tên\n".encode(), name="gia.xlsx"
    )
    assert "không phải tệp Excel .xlsx hợp lệ" in only_message(job)
    assert not job.file and Person.objects.count() == 0


def test_pdf_is_refused(tree, personas, run_import):
    job = run_import(
        personas.unit_officer, "people", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", name="danh-sach.xlsx"
    )
    assert "không phải tệp Excel .xlsx hợp lệ" in only_message(job)


def test_old_xls_is_refused_with_its_own_reason(tree, personas, run_import):
    job = run_import(
        personas.unit_officer,
        "people",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        name="cu.xls",
    )
    assert "Excel 97–2003" in only_message(job)


def test_zip_that_is_not_a_workbook_is_refused(tree, personas, run_import):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "không phải bảng tính")
    job = run_import(personas.unit_officer, "people", buffer.getvalue())
    assert "không đọc được cấu trúc bảng tính" in only_message(job)
    assert job.file  # stored, checked, refused


def test_file_over_size_limit_is_refused_and_not_stored(tree, personas, run_import, settings):
    settings.IMPORT_MAX_BYTES = 1024
    job = run_import(
        personas.unit_officer, "people", people_file([person_row(i) for i in range(60)])
    )
    assert "quá lớn" in only_message(job)
    assert not job.file and Person.objects.count() == 0


def test_missing_required_columns_are_named(tree, personas, run_import):
    content = xlsx({"Cá nhân": [["Số CCCD", "Chức vụ"], ["001085500001", "Chuyên viên"]]})
    message = only_message(run_import(personas.unit_officer, "people", content))
    assert "thiếu cột bắt buộc: “Họ và tên”, “Giới tính”, “Mã đơn vị”" in message


def test_unknown_columns_are_named(tree, personas, run_import):
    content = xlsx({"Cá nhân": [[*PEOPLE_HEADER, "Quê quán"], person_row(1) + ["Hà Nội"]]})
    message = only_message(run_import(personas.unit_officer, "people", content))
    assert "có cột không nhận diện được: “Quê quán”" in message
    assert Person.objects.count() == 0


def test_empty_workbook_has_no_header(tree, personas, run_import):
    message = only_message(run_import(personas.unit_officer, "people", xlsx({"Cá nhân": []})))
    assert "không có dòng tiêu đề" in message


def test_upload_is_stored_with_hash_and_audited(tree, personas, run_import, media_root):
    import hashlib

    content = people_file([person_row(1)])
    job = run_import(personas.unit_officer, "people", content, confirm=False)
    assert job.sha256 == hashlib.sha256(content).hexdigest() and job.size == len(content)
    assert (media_root / job.file.name).read_bytes() == content
    assert job.scope_paths == [tree.syt.path]
    created = AuditEntry.objects.get(
        object_type="imports.importjob", object_id=str(job.pk), action="create"
    )
    assert created.changes["sha256"] == [None, job.sha256] and created.unit_id == tree.syt.pk


def test_upload_refused_without_import_capability(tree, personas):
    with pytest.raises(ImportsError):
        import_upload(personas.viewer, kind="people", upload=upload(people_file([person_row(1)])))
    assert Unit.objects.count() == 6
