"""External decisions: made by another body (Thủ tướng, Chủ tịch nước, a province), recorded
here with a scan; confirming writes the register like an issued decision, with no document
or certificate in this unit's name."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.files import PDF
from vinhdanh.catalogue.models import Honour
from vinhdanh.core.files import bytes_upload
from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import certificates, services
from vinhdanh.decisions.models import Certificate, Decision, DecisionStatus
from vinhdanh.decisions.services import DecisionsError
from vinhdanh.nominations.enums import DossierKind, DossierStatus
from vinhdanh.nominations.models import Dossier
from vinhdanh.registry.models import EntrySource, HonourRecord


def scan():
    return bytes_upload(PDF, "qd-1234-ttg.pdf")


@pytest.fixture
def forwarded(tree):
    """The Sở's dossier forwarded to the city for a Bằng khen of the Thủ tướng."""
    return Dossier.objects.create(
        kind=DossierKind.MERIT,
        title="Đề nghị Thủ tướng tặng Bằng khen",
        year=2025,
        sending_unit=tree.syt,
        receiving_unit=tree.hanoi,
        status=DossierStatus.SUBMITTED,
    )


@pytest.fixture
def external(personas, tree, people, forwarded):
    decision = services.external_create(
        personas.unit_officer,
        issuer=tree.syt,
        external_number="1234/QĐ-TTg",
        date=dt.date(2025, 9, 2),
        external_issuer_name="Thủ tướng Chính phủ",
        external_authority="PRIME_MINISTER",
        title="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        answers_dossier=forwarded,
        scan=scan(),
    )
    services.line_add(
        personas.unit_officer,
        decision,
        honour=Honour.objects.get(pk="BK_TTG"),
        achievement_year=2025,
        person=people.an,
    )
    return decision


def test_confirm_writes_the_register_like_an_issued_decision(personas, external, people):
    assert external.is_external and external.external_scan.sha256
    assert external.number is None
    decision = services.external_confirm(personas.unit_officer, external)
    assert decision.status == DecisionStatus.ISSUED and decision.number is None
    record = HonourRecord.objects.get(person=people.an)
    assert (record.honour_id, record.decision_number, record.issuer, record.source) == (
        "BK_TTG",
        "1234/QĐ-TTg",
        "Thủ tướng Chính phủ",
        EntrySource.DECISION,
    )
    assert record.decision_date == dt.date(2025, 9, 2)
    assert decision.lines.get().register_entry == record
    assert AuditEntry.objects.filter(
        object_type="registry.honourrecord", action="create", note__contains="1234/QĐ-TTg"
    ).exists()
    assert AuditEntry.objects.filter(
        object_type="decisions.decision", action="transition", note__contains="Ghi nhận"
    ).exists()
    # no document in this unit's name, no money
    assert decision.docx_file is None and decision.pdf_file is None
    assert decision.total_amount == 0


def test_no_certificate_and_no_issue_for_an_external_decision(personas, external):
    with pytest.raises(DecisionsError, match="Ký ban hành|cấp khác"):
        services.decision_issue(
            personas.signer,
            external,
            date=dt.date(2025, 9, 2),
            signer_name="A",
            signer_position="B",
        )
    services.external_confirm(personas.unit_officer, external)
    with pytest.raises(DecisionsError, match="không in bằng, giấy khen mang tên đơn vị này"):
        certificates.certificates_issue(personas.unit_officer, external)
    assert Certificate.objects.count() == 0


def test_certificate_print_page_refuses_with_a_message(login, personas, external):
    services.external_confirm(personas.unit_officer, external)
    client = login(personas.unit_officer)
    response = client.get(reverse("decisions:certificates_pdf", args=[external.pk]), follow=True)
    assert "không in bằng, giấy khen mang tên đơn vị này" in response.content.decode()
    assert response.get("Content-Type", "").startswith("text/html")
    response = client.get(reverse("decisions:document_download", args=[external.pk, "docx"]))
    assert response.status_code == 404
    # the scan is served to people of the unit, not to outsiders
    scan_url = reverse("decisions:document_download", args=[external.pk, "scan"])
    assert b"".join(client.get(scan_url).streaming_content) == PDF
    assert login(personas.outsider).get(scan_url).status_code == 404


def test_refusals_scan_type_authority_and_missing_scan(personas, tree, people):
    with pytest.raises(DecisionsError, match="không đúng loại"):
        services.external_create(
            personas.unit_officer, issuer=tree.syt, external_number="5/QĐ-UBND",
            date=dt.date(2025, 1, 5), external_issuer_name="UBND tỉnh",
            scan=bytes_upload(b"not a pdf", "qd.docx"),
        )  # fmt: skip
    with pytest.raises(DecisionsError, match="không phải PDF hợp lệ|không phải PDF"):
        services.external_create(
            personas.unit_officer, issuer=tree.syt, external_number="5/QĐ-UBND",
            date=dt.date(2025, 1, 5), external_issuer_name="UBND tỉnh",
            scan=bytes_upload(b"hello", "qd.pdf"),
        )  # fmt: skip
    with pytest.raises(DecisionsError, match="Cần ghi số"):
        services.external_create(
            personas.unit_officer, issuer=tree.syt, external_number=" ",
            date=dt.date(2025, 1, 5), external_issuer_name="UBND tỉnh",
        )  # fmt: skip
    with pytest.raises(DecisionsError):
        services.external_create(
            personas.viewer, issuer=tree.syt, external_number="5/QĐ-UBND",
            date=dt.date(2025, 1, 5), external_issuer_name="UBND tỉnh",
        )  # fmt: skip
    assert not Decision.objects.exists()
    decision = services.external_create(
        personas.unit_officer, issuer=tree.syt, external_number="5/QĐ-UBND",
        date=dt.date(2025, 1, 5), external_issuer_name="Chủ tịch UBND Thành phố",
        external_authority="MINISTER_PROVINCE",
    )  # fmt: skip
    with pytest.raises(DecisionsError, match="Chủ tịch nước quyết định"):
        services.line_add(
            personas.unit_officer, decision, honour=Honour.objects.get(pk="HCLD3"),
            achievement_year=2025, person=people.an,
        )  # fmt: skip
    services.line_add(
        personas.unit_officer, decision, honour=Honour.objects.get(pk="BK_TINH"),
        achievement_year=2025, person=people.an,
    )  # fmt: skip
    with pytest.raises(DecisionsError, match="bản chụp"):
        services.external_confirm(personas.unit_officer, decision)
    with pytest.raises(DecisionsError, match="không có quyền"):
        services.external_confirm(personas.signer, decision)
    assert not HonourRecord.objects.exists()


def test_dossier_answered_shows_the_result(login, personas, external, forwarded):
    services.external_confirm(personas.unit_officer, external)
    html = (
        login(personas.unit_officer)
        .get(reverse("nominations:dossier_detail", args=[forwarded.pk]))
        .content.decode()
    )
    assert "Kết quả của cấp có thẩm quyền" in html
    assert "1234/QĐ-TTg" in html and "Thủ tướng Chính phủ" in html and "đã ghi sổ" in html


def test_pages_create_add_line_confirm_and_filter(login, personas, tree, people, forwarded):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("decisions:external_create"),
        {
            "issuer": tree.syt.pk,
            "external_number": "88/QĐ-CTN",
            "date": "02/09/2025",
            "external_issuer_name": "Chủ tịch nước",
            "external_authority": "PRESIDENT",
            "title": "Về việc tặng Huân chương Lao động",
            "answers_dossier": forwarded.pk,
            "scan": scan(),
        },
    )
    decision = Decision.objects.get(external_number="88/QĐ-CTN")
    assert response.status_code == 302 and decision.answers_dossier == forwarded
    client.post(
        reverse("decisions:line_add", args=[decision.pk]),
        {"person": people.an.pk, "honour": "HCLD3", "achievement_year": 2025,
         "subject_kind": "individual"},
    )  # fmt: skip
    assert decision.lines.get().honour_id == "HCLD3"
    detail = client.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    assert "Chủ tịch nước" in detail and "Xác nhận và ghi sổ" in detail
    assert "Ký ban hành" not in detail and "In mẫu đầy đủ" not in detail
    client.post(reverse("decisions:external_confirm", args=[decision.pk]))
    assert HonourRecord.objects.filter(person=people.an, honour_id="HCLD3").exists()
    listing = client.get(reverse("decisions:decision_list"), {"origin": "external"})
    assert "88/QĐ-CTN" in listing.content.decode()
    internal = services.decision_create(personas.unit_officer, issuer=tree.syt, title="Nội bộ")
    listing = client.get(reverse("decisions:decision_list"), {"origin": "internal"}).content
    assert "88/QĐ-CTN" not in listing.decode() and f"Dự thảo #{internal.pk}" in listing.decode()
    edit = client.get(reverse("decisions:external_edit", args=[decision.pk]))
    assert edit.status_code == 404  # recorded: no longer editable


def test_external_pages_refuse_anonymous_outsider_roleless_and_viewer(
    client, login, personas, external
):
    urls = [
        ("get", reverse("decisions:external_create")),
        ("get", reverse("decisions:external_edit", args=[external.pk])),
        ("post", reverse("decisions:external_confirm", args=[external.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "next=" in response["Location"], url
    for who in (personas.outsider, personas.nobody):
        c = login(who)
        for method, url in urls[1:]:
            assert getattr(c, method)(url).status_code == 404, url
    assert login(personas.nobody).get(urls[0][1]).status_code == 404
    viewer = login(personas.viewer)  # sees the decision, may not change it
    assert viewer.get(urls[1][1]).status_code == 403
    assert viewer.post(urls[2][1]).status_code == 403
    external.refresh_from_db()
    assert external.status == DecisionStatus.DRAFT and not HonourRecord.objects.exists()
