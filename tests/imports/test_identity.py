"""People imports that change who a person is (name, birth date, sex, CCCD): the preview lists
each change, confirming needs the explicit identity checkbox, audit keeps before/after.
Inline (small file) and background (task worker) paths."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.imports.conftest import cccd, people_file, person_row, upload
from tests.imports.test_background import DB_TASKS, run_worker
from vinhdanh.core.models import AuditAction, AuditEntry
from vinhdanh.imports import services
from vinhdanh.imports.enums import JobStatus
from vinhdanh.imports.models import ImportJob
from vinhdanh.orgs.models import Person


def _seed(user):
    job = services.import_upload(
        user,
        kind="people",
        upload=upload(
            people_file([person_row(1, name="Nguyễn Văn An"), person_row(2), person_row(3)])
        ),
    )
    services.import_confirm(user, job)
    assert Person.objects.count() == 3


def _changing_file() -> bytes:
    return people_file(
        [
            person_row(1, name="Nguyễn Văn Ân"),  # name
            person_row(2, birth=dt.date(1985, 12, 24)),  # birth date (same year: CCCD still fits)
            person_row(3, position="Trưởng phòng"),  # not identity
        ]
    )


@pytest.mark.django_db
def test_preview_lists_each_identity_change(tree, personas, login):
    _seed(personas.unit_officer)
    job = services.import_upload(
        personas.unit_officer, kind="people", upload=upload(_changing_file())
    )
    assert job.status == JobStatus.VALIDATED and job.summary["update"] == 3
    identity = job.summary["identity"]
    assert identity["count"] == 2
    by_cccd = {r["cccd"]: r for r in identity["rows"]}
    assert by_cccd[cccd(1)]["changes"] == [["Họ tên", "Nguyễn Văn An", "Nguyễn Văn Ân"]]
    assert by_cccd[cccd(2)]["row"] == 3
    assert by_cccd[cccd(2)]["changes"] == [["Ngày sinh", "03/05/1985", "24/12/1985"]]
    assert cccd(3) not in by_cccd
    page = (
        login(personas.unit_officer)
        .get(reverse("imports:job_detail", args=[job.pk]))
        .content.decode()
    )
    assert "Họ tên: Nguyễn Văn An → Nguyễn Văn Ân" in page
    assert "Ngày sinh: 03/05/1985 → 24/12/1985" in page
    assert "Tôi xác nhận thay đổi thông tin nhân thân của 2 người" in page


@pytest.mark.django_db
def test_confirm_without_identity_checkbox_is_refused_and_nothing_written(tree, personas, login):
    _seed(personas.unit_officer)
    job = services.import_upload(
        personas.unit_officer, kind="people", upload=upload(_changing_file())
    )
    with pytest.raises(services.ImportsError, match="thông tin nhân thân .* của 2 người"):
        services.import_confirm(personas.unit_officer, job)
    client = login(personas.unit_officer)
    response = client.post(reverse("imports:job_confirm", args=[job.pk]), {"agree": "on"})
    assert response.status_code == 400
    assert "Tôi xác nhận thay đổi thông tin nhân thân của 2 người" in response.content.decode()
    assert "Hãy xem từng thay đổi ở bản xem trước" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED and job.confirmed_by is None
    assert Person.objects.get(cccd=cccd(1)).full_name == "Nguyễn Văn An"
    assert (
        Person.objects.get(cccd=cccd(3)).position == "Chuyên viên"
    )  # nothing applied, not even the rest


@pytest.mark.django_db
def test_confirm_with_identity_checkbox_applies_and_audits_before_after(tree, personas, login):
    _seed(personas.unit_officer)
    job = services.import_upload(
        personas.unit_officer, kind="people", upload=upload(_changing_file())
    )
    client = login(personas.unit_officer)
    response = client.post(
        reverse("imports:job_confirm", args=[job.pk]), {"agree": "on", "identity": "on"}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    an = Person.objects.get(cccd=cccd(1))
    assert an.full_name == "Nguyễn Văn Ân"
    assert Person.objects.get(cccd=cccd(2)).date_of_birth == dt.date(1985, 12, 24)
    entry = AuditEntry.objects.get(
        object_type="orgs.person", object_id=str(an.pk), action=AuditAction.UPDATE
    )
    assert entry.changes["full_name"] == ["Nguyễn Văn An", "Nguyễn Văn Ân"]
    birth = AuditEntry.objects.get(
        object_type="orgs.person",
        object_id=str(Person.objects.get(cccd=cccd(2)).pk),
        action=AuditAction.UPDATE,
    )
    assert birth.changes["date_of_birth"] == ["1985-05-03", "1985-12-24"]
    confirm = AuditEntry.objects.get(
        object_type="imports.importjob",
        object_id=str(job.pk),
        changes__status=["validated", "applying"],
    )
    assert "nhân thân của 2 người" in confirm.note


@pytest.mark.django_db
def test_changes_outside_identity_need_no_extra_confirmation(tree, personas):
    _seed(personas.unit_officer)
    job = services.import_upload(
        personas.unit_officer,
        kind="people",
        upload=upload(people_file([person_row(3, position="Phó Giám đốc")])),
    )
    assert job.summary["identity"]["count"] == 0
    services.import_confirm(personas.unit_officer, job)
    assert Person.objects.get(cccd=cccd(3)).position == "Phó Giám đốc"


@pytest.mark.django_db(transaction=True)
def test_background_path_refuses_then_applies_with_confirmation(tree, personas, settings):
    settings.TASKS = DB_TASKS
    settings.IMPORT_BACKGROUND_ROWS = 1
    user = personas.unit_officer
    seed = services.import_upload(
        user, kind="people", upload=upload(people_file([person_row(i) for i in range(1, 4)]))
    )
    run_worker()
    services.import_confirm(user, ImportJob.objects.get(pk=seed.pk))
    run_worker()
    assert Person.objects.count() == 3
    job = services.import_upload(user, kind="people", upload=upload(_changing_file()))
    assert job.status == JobStatus.VALIDATING
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATED and job.summary["identity"]["count"] == 2
    with pytest.raises(services.ImportsError, match="nhân thân"):
        services.import_confirm(user, job)
    job = services.import_confirm(user, job, identity_confirmed=True)
    assert job.status == JobStatus.APPLYING
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Person.objects.get(cccd=cccd(1)).full_name == "Nguyễn Văn Ân"
    entry = AuditEntry.objects.get(
        object_type="orgs.person",
        object_id=str(Person.objects.get(cccd=cccd(1)).pk),
        action=AuditAction.UPDATE,
    )
    assert entry.changes["full_name"] == ["Nguyễn Văn Thử 1", "Nguyễn Văn Ân"]


@pytest.mark.django_db
def test_apply_refuses_identity_change_that_was_not_confirmed(tree, personas):
    """A job confirmed when the file changed no identity, but someone renamed the person in
    between: the apply stops rather than silently overwrite the new name."""
    _seed(personas.unit_officer)
    job = services.import_upload(
        personas.unit_officer,
        kind="people",
        upload=upload(people_file([person_row(1, name="Nguyễn Văn An", position="Trưởng phòng")])),
    )
    assert job.summary["identity"]["count"] == 0
    Person.objects.filter(cccd=cccd(1)).update(full_name="Nguyễn Văn Anh")
    job = services.import_confirm(personas.unit_officer, job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "chưa được xác nhận" in job.errors[0]["message"]
    assert Person.objects.get(cccd=cccd(1)).full_name == "Nguyễn Văn Anh"
