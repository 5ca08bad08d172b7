import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.imports.conftest import people_file, person_row, upload
from tests.xlsx import export_rows
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.models import ImportJob
from vinhdanh.orgs.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(tree, personas, run_import):
    """A checked, clean job of the Sở Y tế officer, waiting for confirmation."""
    return run_import(
        personas.unit_officer, "people", people_file([person_row(1), person_row(2)]), confirm=False
    )


def job_urls(job):
    return [
        ("get", reverse("imports:job_detail", args=[job.pk])),
        ("get", reverse("imports:job_progress", args=[job.pk])),
        ("post", reverse("imports:job_confirm", args=[job.pk])),
    ]


def page_urls():
    return [
        reverse("imports:start"),
        reverse("imports:start_orgs"),
        reverse("imports:start_register"),
        reverse("imports:job_list"),
        reverse("imports:template", args=["people"]),
    ]


def test_anonymous_is_sent_to_login_everywhere(client, job):
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    for method, url in job_urls(job):
        response = getattr(client, method)(url, {"agree": "on"})
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED and Person.objects.count() == 0


@pytest.mark.parametrize("who", ["viewer", "nobody", "signer", "council_member"])
def test_users_without_import_capability_get_404_everywhere(client, login, personas, job, who):
    login(getattr(personas, who))
    for url in page_urls():
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("imports:start"),
            {"kind": "people", "file": upload(people_file([person_row(3)]))},
        ).status_code
        == 404
    )
    for method, url in job_urls(job):
        assert getattr(client, method)(url, {"agree": "on"}).status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED and Person.objects.count() == 0
    assert ImportJob.objects.count() == 1


def test_outsider_gets_404_on_another_users_job(client, login, personas, job):
    login(personas.outsider)
    for method, url in job_urls(job):
        assert getattr(client, method)(url, {"agree": "on"}).status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED and Person.objects.count() == 0
    # …and the job is not in the outsider's list.
    assert job.original_name not in client.get(reverse("imports:job_list")).content.decode()


def test_outsider_upload_of_another_provinces_units_is_refused(client, login, personas, tree):
    login(personas.outsider)
    response = client.post(
        reverse("imports:start"), {"kind": "people", "file": upload(people_file([person_row(1)]))}
    )
    job = ImportJob.objects.get(created_by=personas.outsider)
    assert response.status_code == 302 and job.status == JobStatus.INVALID
    assert job.errors[0]["message"] == "Không tìm thấy đơn vị mã HN.SYT trong phạm vi của bạn."
    assert Person.objects.count() == 0


def test_sibling_officer_gets_404_but_province_officer_sees_job(client, login, personas, job, tree):
    from tests.factories import UserFactory, grant

    sibling = UserFactory(username="cb_sgd")
    grant(sibling, "officer", tree.sgd)
    login(sibling)
    assert client.get(reverse("imports:job_detail", args=[job.pk])).status_code == 404
    login(personas.province_officer)
    response = client.get(reverse("imports:job_detail", args=[job.pk]))
    assert response.status_code == 200 and "Xác nhận nhập" in response.content.decode()


def test_upload_check_preview_and_confirm_through_the_pages(client, login, personas, tree):
    login(personas.unit_officer)
    page = client.get(reverse("imports:start_orgs")).content.decode()
    assert "Tải tệp mẫu" in page and 'value="register"' not in page
    response = client.post(
        reverse("imports:start_orgs"),
        {"kind": "people", "file": upload(people_file([person_row(1), person_row(2)]))},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "imports:job_detail", args=[job.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "Xem trước" in page and "Sẽ tạo mới" in page and "Xác nhận nhập" in page
    assert Person.objects.count() == 0

    # Confirmation needs the tick box; the page comes back with the message and nothing written.
    response = client.post(reverse("imports:job_confirm", args=[job.pk]), {})
    assert response.status_code == 400 and "Hãy đánh dấu ô xác nhận" in response.content.decode()
    assert Person.objects.count() == 0

    response = client.post(reverse("imports:job_confirm", args=[job.pk]), {"agree": "on"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and Person.objects.count() == 2
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Kết quả nhập" in page and "Đã tạo mới" in page and "Xác nhận nhập</button>" not in page


def test_job_with_errors_has_no_confirm_button_and_post_is_refused(
    client, login, personas, tree, run_import
):
    rows = [person_row(i, unit="KHONG.CO") for i in range(60)]
    job = run_import(personas.unit_officer, "people", people_file(rows))
    login(personas.unit_officer)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Lỗi cần sửa (60)" in page and "Xác nhận nhập</button>" not in page
    assert "Trang 1 / 2" in page and "Không tìm thấy đơn vị mã KHONG.CO" in page
    page2 = client.get(reverse("imports:job_detail", args=[job.pk]), {"page": 2}).content.decode()
    assert page2.count('class="has-error"') == 10
    response = client.post(reverse("imports:job_confirm", args=[job.pk]), {"agree": "on"})
    assert (
        response.status_code == 400
        and "Chỉ xác nhận được lần nhập đã kiểm tra xong" in response.content.decode()
    )
    job.refresh_from_db()
    assert job.status == JobStatus.INVALID and Person.objects.count() == 0
    export = client.get(reverse("imports:job_detail", args=[job.pk]), {"export": "xlsx"})
    rows = export_rows(export)
    assert rows[0] == ("Trang", "Dòng", "Cột", "Lỗi") and len(rows) == 61 and rows[1][1] == 2


def test_progress_partial_polls_while_running_and_refreshes_when_finished(
    client, login, personas, job
):
    login(personas.unit_officer)
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.APPLYING, total_rows=8000, processed_rows=2000
    )
    response = client.get(reverse("imports:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert (
        'hx-trigger="every 1s"' in html and 'aria-valuenow="25"' in html and "2.000 / 8.000" in html
    )
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=8000)
    assert (
        'aria-valuenow="100"'
        in client.get(reverse("imports:job_progress", args=[job.pk])).content.decode()
    )
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    response = client.get(reverse("imports:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response.headers.get("HX-Refresh") == "true"


def test_job_percent_values():
    job = ImportJob(status=JobStatus.VALIDATING, total_rows=0, processed_rows=0)
    assert job.percent == 0
    job.total_rows, job.processed_rows = 3, 1
    assert job.percent == 33
    job.processed_rows = 5
    assert job.percent == 100
    job.status = JobStatus.DONE
    assert job.percent == 100


def test_job_list_query_count_constant(
    client, login, personas, tree, run_import, django_assert_num_queries
):
    login(personas.unit_officer)
    run_import(personas.unit_officer, "people", people_file([person_row(1)]), confirm=False)
    url = reverse("imports:job_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert page.count("du-lieu.xlsx") == 1
    for i in range(6):
        run_import(
            personas.unit_officer, "people", people_file([person_row(10 + i)]), confirm=False
        )
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("du-lieu.xlsx") == 7


@pytest.mark.parametrize(
    ("kind", "sheets"),
    [
        ("units", ["Đơn vị"]),
        ("people", ["Cá nhân"]),
        ("register", ["Xếp loại", "Danh hiệu - Hình thức", "Sáng kiến - Đề tài", "Kỷ luật"]),
    ],
)
def test_template_has_bold_header_example_and_guide(client, login, personas, tree, kind, sheets):
    login(personas.unit_officer)
    response = client.get(reverse("imports:template", args=[kind]))
    assert response["Content-Disposition"].startswith("attachment;")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [*sheets, "Hướng dẫn"]
    ws = wb[sheets[0]]
    assert ws["A1"].font.b and ws.max_row == 2 and ws["A2"].value
    guide = "\n".join(
        str(c) for row in wb["Hướng dẫn"].iter_rows(values_only=True) for c in row if c
    )
    if kind == "register":
        assert (
            "HTXS" in guide
            and "CSTDCS" in guide
            and "KHIEN_TRACH" in guide
            and "SANG_KIEN" in guide
        )
    else:
        assert "Bắt buộc" in guide


def test_template_example_rows_are_valid_input(client, login, personas, tree, run_import):
    """The example row of the people template imports cleanly once its unit exists."""
    login(personas.province_officer)
    content = client.get(reverse("imports:template", args=["people"])).content
    job = run_import(personas.province_officer, "people", content, confirm=False)
    assert job.status == JobStatus.VALIDATED, job.errors


def test_nav_shows_import_entries_for_officers_only(client, login, personas, tree):
    login(personas.unit_officer)
    page = client.get(reverse("imports:start")).content.decode()
    assert "Nhập đơn vị, cá nhân" in page and "Nhập sổ thi đua" in page
    login(personas.viewer)
    page = client.get("/").content.decode()
    assert "Nhập đơn vị, cá nhân" not in page
