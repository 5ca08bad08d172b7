"""Reviews of a period (sơ kết, tổng kết): figures from the data (set-based), the drafted .docx,
filing with a BC number (DRAFT → FILED, refused afterwards), movements too, scope, query counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import HonourFactory, PersonFactory, UnitFactory
from tests.files import PDF
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry, DocumentNumber, NumberStatus
from vinhdanh.documents.docx import docx_text
from vinhdanh.documents.pdf import docx_to_pdf, soffice_path
from vinhdanh.emulation.enums import MovementKind, ReviewStatus
from vinhdanh.emulation.models import (
    EmulationModel,
    Movement,
    MovementParticipant,
    PeriodReview,
    Registration,
)
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.selectors.reviews import review_figures
from vinhdanh.emulation.services import reviews as services
from vinhdanh.orgs.enums import UnitLevel

YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture(autouse=True)
def _media_and_hashers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def data(khoi9, tree):
    """2024 in Khối 9: 3 individual honours (1 direct worker), 2 collective (1 small), plus rows
    that must not count (after the period, another bloc's unit)."""
    an = PersonFactory(full_name="Nguyễn Văn An", unit=khoi9.syt, is_direct_worker=True)
    binh = PersonFactory(full_name="Trần Thị Bình", unit=tree.hospital)
    chi = PersonFactory(full_name="Lê Minh Chi", unit=khoi9.sgd)
    outside = PersonFactory(full_name="Phạm Đức Dũng", unit=khoi9.sxd, is_direct_worker=True)
    khoa = UnitFactory(code="HN.SYT.KHOA", name="Phòng Nghiệp vụ Y", abbreviation="PNVY", level=UnitLevel.DEPARTMENT, parent=khoi9.syt)  # fmt: skip
    in_period = dt.date(2024, 6, 10)
    HonourFactory(person=an, honour_id="LDTT", achievement_year=2023, decision_date=in_period)
    HonourFactory(person=binh, honour_id="CSTDCS", achievement_year=2023, decision_date=in_period)
    HonourFactory(person=chi, honour_id="LDTT", achievement_year=2023, decision_date=dt.date(2024, 12, 31))  # fmt: skip
    HonourFactory(person=None, unit=khoa, honour_id="GIAY_KHEN", achievement_year=2023, decision_date=in_period)  # fmt: skip
    HonourFactory(person=None, unit=khoi9.syt, honour_id="BK_TINH", achievement_year=2023, decision_date=in_period)  # fmt: skip
    HonourFactory(person=an, honour_id="CSTDCS", achievement_year=2024, decision_date=dt.date(2025, 1, 15))  # fmt: skip
    HonourFactory(person=outside, honour_id="LDTT", achievement_year=2023, decision_date=in_period)
    EmulationModel.objects.create(year=2024, unit=khoi9.syt, bloc=khoi9.bloc, name="Bệnh viện xanh – sạch – đẹp", is_exemplar=True)  # fmt: skip
    EmulationModel.objects.create(year=2024, unit=khoi9.sxd, name="Công trình an toàn")
    Registration.objects.create(year=2024, unit=khoi9.syt, bloc=khoi9.bloc, kind="collective", honour_id="CO_TD_TINH")  # fmt: skip
    Registration.objects.create(year=2024, unit=khoi9.syt, bloc=khoi9.bloc, kind="individual", person=an, honour_id="CSTDCS")  # fmt: skip
    Registration.objects.create(year=2024, unit=khoi9.sgd, bloc=khoi9.bloc, kind="individual", person=chi, honour_id="CSTDCS")  # fmt: skip
    movement = Movement.objects.create(
        launching_unit=khoi9.hanoi, authority="Chủ tịch UBND Thành phố", kind=MovementKind.REGULAR,
        theme="Thi đua thực hiện thắng lợi nhiệm vụ năm 2024", start=YEAR[0], end=YEAR[1],
    )  # fmt: skip
    MovementParticipant.objects.create(movement=movement, unit=khoi9.syt)
    MovementParticipant.objects.create(movement=movement, unit=khoi9.sgd)
    return movement


def _review(khoi9, **over):
    values = {"title": "Báo cáo tổng kết công tác thi đua năm 2024", "period_start": YEAR[0], "period_end": YEAR[1]}  # fmt: skip
    values.update(over)
    return services.review_create(khoi9.head_officer, bloc=khoi9.bloc, **values)


# --- Figures -----------------------------------------------------------------------------------


def test_review_figures_match_the_data(khoi9, data):
    fig = review_figures(_review(khoi9))
    assert fig.honours_total == 5 and fig.individuals == 3 and fig.collectives == 2
    assert fig.direct_workers == 1 and round(fig.direct_worker_share * 100) == 33
    assert fig.small_collectives == 1 and fig.small_collective_share == 0.5
    kinds = {r["honour_id"]: r["n"] for r in fig.honours_by_kind}
    assert kinds == {"LDTT": 2, "CSTDCS": 1, "GIAY_KHEN": 1, "BK_TINH": 1}
    assert [m.name for m in fig.models] == ["Bệnh viện xanh – sạch – đẹp"]
    assert fig.registrations_total == 3
    assert {r["honour_id"]: r["n"] for r in fig.registrations_by_honour} == {"CSTDCS": 2, "CO_TD_TINH": 1}  # fmt: skip
    assert [m.theme for m in fig.movements] == ["Thi đua thực hiện thắng lợi nhiệm vụ năm 2024"]


def test_review_figures_respect_the_period(khoi9, data):
    fig = review_figures(_review(khoi9, period_start=dt.date(2024, 7, 1), period_end=dt.date(2024, 12, 31)))  # fmt: skip
    assert fig.honours_total == 1 and fig.individuals == 1 and fig.direct_workers == 0


def test_review_figures_query_count_is_fixed(khoi9, data, django_assert_max_num_queries):
    review = _review(khoi9)
    with django_assert_max_num_queries(9):
        review_figures(review)


def test_drafted_report_reads_back(login, khoi9, data):
    review = _review(khoi9)
    resp = login(khoi9.head_officer).post(reverse("emulation:review_draft", args=[review.pk]))
    assert resp.status_code == 302
    review.refresh_from_db()
    assert review.draft_file.generated and review.status == ReviewStatus.DRAFT
    download = login(khoi9.sgd_officer).get(reverse("emulation:review_download", args=[review.pk, "du-thao"]))  # fmt: skip
    text = docx_text(b"".join(download.streaming_content))
    assert "BÁO CÁO" in text and "Tổng kết công tác thi đua năm 2024" in text
    assert "Khen thưởng người lao động trực tiếp: 1/3 lượt cá nhân (33%)." in text
    assert "Khen thưởng tập thể nhỏ: 1/2 lượt tập thể (50%)." in text
    assert "Tập thể nhỏ: tập thể là đơn vị cấp cơ sở" in text
    assert "Bệnh viện xanh – sạch – đẹp" in text and "Công trình an toàn" not in text
    assert "DỰ THẢO" in text and "Hà Nội, ngày" in text and "năm 2024" in text  # a draft
    assert AuditEntry.objects.filter(object_type="emulation.periodreview", note="Tạo dự thảo báo cáo từ dữ liệu").exists()  # fmt: skip


@pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) chưa cài: make system-deps"
)
def test_drafted_report_converts_with_libreoffice(khoi9, data):
    pdf = docx_to_pdf(services.review_docx(_review(khoi9)))
    flat = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Khen thưởng trong kỳ" in flat and "Lao động tiên tiến" in flat


# --- Filing (DRAFT → FILED) --------------------------------------------------------------------


def test_filing_takes_bc_number_and_locks(login, khoi9, data):
    review = _review(khoi9)
    client = login(khoi9.head_officer)
    resp = client.post(reverse("emulation:review_file", args=[review.pk]), {"upload": bytes_upload(PDF, "bao-cao-tong-ket.pdf")})  # fmt: skip
    assert resp.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.FILED
    assert review.number.display == "01/BC-KTĐ9" and review.number.status == NumberStatus.ISSUED
    assert review.final_file.original_name == "bao-cao-tong-ket.pdf"
    entry = AuditEntry.objects.get(object_type="emulation.periodreview", action="transition")
    assert entry.changes["status"] == ["draft", "filed"] and "01/BC-KTĐ9" in entry.note
    # FILED has no way out: filing again or redrafting is refused, nothing changes.
    with pytest.raises(EmulationError, match="đã lưu hồ sơ"):
        services.review_file(khoi9.head_officer, review, bytes_upload(PDF, "lan-hai.pdf"))
    with pytest.raises(EmulationError, match="đã lưu hồ sơ"):
        services.review_draft(khoi9.head_officer, review)
    resp = client.post(reverse("emulation:review_draft", args=[review.pk]))
    assert resp.status_code == 422
    assert DocumentNumber.objects.filter(doc_type="BC").count() == 1
    download = client.get(reverse("emulation:review_download", args=[review.pk, "ban-chinh"]))
    assert b"".join(download.streaming_content) == PDF


def test_filing_refuses_a_non_document(login, khoi9, data):
    review = _review(khoi9)
    resp = login(khoi9.head_officer).post(
        reverse("emulation:review_file", args=[review.pk]),
        {"upload": bytes_upload(b"MZ\x90\x00", "bao-cao.exe")},
    )
    assert resp.status_code == 422 and "không đúng loại" in resp.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.number is None
    assert not DocumentNumber.objects.exists()


def test_review_create_from_list_validates_period(login, khoi9):
    client = login(khoi9.head_officer)
    url = reverse("emulation:review_list", args=[khoi9.bloc.pk])
    resp = client.post(url, {"title": "Sơ kết 6 tháng", "period_start": "30/06/2024", "period_end": "01/01/2024"})  # fmt: skip
    assert resp.status_code == 422 and "Sơ kết 6 tháng" in resp.content.decode()
    assert not PeriodReview.objects.exists()
    resp = client.post(url, {"title": "Sơ kết 6 tháng", "period_start": "01/01/2024", "period_end": "30/06/2024"})  # fmt: skip
    review = PeriodReview.objects.get()
    assert resp.status_code == 302 and review.bloc == khoi9.bloc
    assert AuditEntry.objects.filter(object_type="emulation.periodreview", action="create").exists()


def test_member_officer_sees_but_cannot_create_or_file(login, khoi9, data):
    review = _review(khoi9)
    client = login(khoi9.sgd_officer)
    assert "Báo cáo tổng kết" in client.get(reverse("emulation:review_list", args=[khoi9.bloc.pk])).content.decode()  # fmt: skip
    assert client.post(reverse("emulation:review_list", args=[khoi9.bloc.pk]), {"title": "X", "period_start": "01/01/2024", "period_end": "30/06/2024"}).status_code == 403  # fmt: skip
    assert client.post(reverse("emulation:review_draft", args=[review.pk])).status_code == 403
    assert client.post(reverse("emulation:review_file", args=[review.pk]), {"upload": bytes_upload(PDF, "a.pdf")}).status_code == 403  # fmt: skip
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and PeriodReview.objects.count() == 1


# --- Movements ---------------------------------------------------------------------------------


def test_movement_review_uses_participants_and_launching_unit_number(login, khoi9, data):
    client = login(khoi9.city_officer)
    resp = client.post(
        reverse("emulation:movement_reviews", args=[data.pk]),
        {
            "title": "Tổng kết phong trào năm 2024",
            "period_start": "01/01/2024",
            "period_end": "31/12/2024",
        },
    )
    review = PeriodReview.objects.get(movement=data)
    assert resp.status_code == 302
    fig = review_figures(review)
    assert {u.pk for u in fig.units} == {khoi9.syt.pk, khoi9.sgd.pk}
    assert fig.individuals == 3 and fig.collectives == 2
    client.post(reverse("emulation:review_file", args=[review.pk]), {"upload": bytes_upload(PDF, "bc.pdf")})  # fmt: skip
    review.refresh_from_db()
    assert review.number.display == "01/BC-UBND" and review.status == ReviewStatus.FILED
    with pytest.raises(EmulationError):
        services.review_create(khoi9.sgd_officer, movement=data, title="X", period_start=YEAR[0], period_end=YEAR[1])  # fmt: skip


# --- Scope and query counts --------------------------------------------------------------------


def _urls(khoi9, review, movement):
    return [
        ("get", reverse("emulation:review_list", args=[khoi9.bloc.pk])),
        ("post", reverse("emulation:review_list", args=[khoi9.bloc.pk])),
        ("get", reverse("emulation:review_detail", args=[review.pk])),
        ("post", reverse("emulation:review_draft", args=[review.pk])),
        ("post", reverse("emulation:review_file", args=[review.pk])),
        ("get", reverse("emulation:review_download", args=[review.pk, "du-thao"])),
    ]


def test_other_bloc_officer_and_outsider_get_404(login, khoi9, data, personas):
    review = services.review_draft(khoi9.head_officer, _review(khoi9))
    for user in (khoi9.other_bloc_officer, personas.outsider):
        client = login(user)
        for method, url in _urls(khoi9, review, data):
            assert getattr(client, method)(url).status_code == 404, (user, url)
    outsider = login(personas.outsider)
    movement_review = services.review_create(khoi9.city_officer, movement=data, title="T", period_start=YEAR[0], period_end=YEAR[1])  # fmt: skip
    assert outsider.get(reverse("emulation:movement_reviews", args=[data.pk])).status_code == 404
    assert (
        outsider.get(reverse("emulation:review_detail", args=[movement_review.pk])).status_code
        == 404
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and PeriodReview.objects.count() == 2


def test_anonymous_redirected_to_login(client, khoi9, data):
    review = _review(khoi9)
    urls = [
        *_urls(khoi9, review, data),
        ("get", reverse("emulation:movement_reviews", args=[data.pk])),
    ]
    for method, url in urls:
        resp = getattr(client, method)(url)
        assert resp.status_code == 302 and "next=" in resp.url, url
    assert PeriodReview.objects.count() == 1


def test_review_list_query_count_constant(login, khoi9, django_assert_num_queries, django_assert_max_num_queries):  # fmt: skip
    client = login(khoi9.sgd_officer)
    url = reverse("emulation:review_list", args=[khoi9.bloc.pk])
    _review(khoi9)
    client.get(url)
    with django_assert_max_num_queries(100) as ctx:
        client.get(url)
    few = len(ctx.captured_queries)
    for month in range(1, 9):
        review = _review(khoi9, title=f"Sơ kết tháng {month}", period_end=dt.date(2024, month, 28))
        services.review_draft(khoi9.head_officer, review)
    with django_assert_num_queries(few):
        resp = client.get(url)
    assert resp.content.decode().count("Sơ kết tháng") == 8
