"""Every paper this branch owns, read back and checked against DOCUMENTS.md §9 (tests/documents/
nd30.py reads the raw OOXML), with a deputy (KT.) and a collective (TM.) among the signers, and
rendered to PDF (LibreOffice) to check the page numbers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from tests.documents import nd30
from tests.factories import HonourFactory, PersonFactory, UserFactory, grant
from vinhdanh.accounts.models import RoleGrant
from vinhdanh.core.models import AuditEntry, DocumentNumber
from vinhdanh.decisions import services
from vinhdanh.decisions.documents import decision_docx
from vinhdanh.decisions.models import DecisionStatus
from vinhdanh.documents.docx import (
    Header,
    Heading,
    Signature,
    SigningError,
    official_document,
    signature_lines,
)
from vinhdanh.documents.pdf import docx_to_pdf, soffice_path
from vinhdanh.nominations.attachments import achievement_report_bytes
from vinhdanh.nominations.enums import DossierKind, DossierStatus, NomineeOutcome
from vinhdanh.nominations.letters import letter_bytes, submission_letter
from vinhdanh.nominations.models import Dossier, Nominee

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice chưa cài")

KT = {"sign_mode": "kt", "sign_position": "PHÓ CHỦ TỊCH", "sign_head_title": "CHỦ TỊCH"}
TM = {"sign_mode": "tm", "sign_position": "CHỦ TỊCH", "sign_collective": "ỦY BAN NHÂN DÂN"}


@pytest.fixture(autouse=True)
def public_base_url(settings):
    settings.PUBLIC_BASE_URL = "https://tdkt.example.gov.vn"  # certificates' QR codes


def _signer(unit, name="Phạm Quang Huy", **capacity):
    user = UserFactory(full_name=name)
    grant(user, "signer", unit, **capacity)
    return user


def _dossier(tree, people, *, honour="BK_TINH", collective_honour=None, kind=DossierKind.MERIT,
             extra_people=0):  # fmt: skip
    dossier = Dossier.objects.create(
        kind=kind, title="Đề nghị khen thưởng năm 2025", year=2025, sending_unit=tree.syt,
        receiving_unit=tree.hanoi, status=DossierStatus.APPROVED,
    )  # fmt: skip
    rows = [("collective", {"unit": tree.hospital}, collective_honour or honour)]
    persons = [people.an, people.binh] + [
        PersonFactory(unit=tree.hospital, gender="male") for _ in range(extra_people)
    ]
    rows += [("person", {"person": p}, honour) for p in persons]
    for i, (k, subject, h) in enumerate(rows, 1):
        Nominee.objects.create(dossier=dossier, position=i, kind=k, honour_id=h,
                               outcome=NomineeOutcome.ACCEPTED, **subject)  # fmt: skip
    _voted(dossier)
    return dossier


def _voted(dossier, day=dt.date(2025, 6, 2)):
    """The receiving level's council voted every nominee through (all 3 members for, by secret
    ballot): the decision may take them (council.standing)."""
    from django.utils import timezone

    from vinhdanh.council.models import (
        Attendance,
        Council,
        CouncilMeeting,
        CouncilMember,
        MeetingStatus,
        MemberRole,
        NomineeBallot,
    )  # fmt: skip

    council = Council.objects.create(unit=dossier.receiving_unit, name="Hội đồng TĐKT Thành phố")
    meeting = CouncilMeeting.objects.create(council=council, date=day, place="Trụ sở",
                                            status=MeetingStatus.CLOSED, member_count=3)  # fmt: skip
    for i, role in enumerate((MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.SECRETARY)):
        member = CouncilMember.objects.create(council=council, full_name=f"Ủy viên {i}",
                                              role=role, term_start=dt.date(2024, 1, 1))  # fmt: skip
        Attendance.objects.create(meeting=meeting, member=member, present=True)
    NomineeBallot.objects.bulk_create(
        NomineeBallot(
            meeting=meeting,
            nominee=n,
            is_open=False,
            total_members=3,
            yes_votes=3,
            passed=True,
            closed_at=timezone.now(),
        )  # fmt: skip
        for n in dossier.nominees.all()
    )


def _kept(signer, decision):
    """The signer's written reason for the lines whose records fall short (the engine's
    verdict): the lawful path for a paper test whose subjects have no history."""
    for line in decision.lines.all():
        if not line.passes_rules:
            services.line_override(signer, line, reason="Thành tích đột xuất (hồ sơ kèm theo)")


def _lines(decision):
    return list(
        decision.lines.select_related(
            "honour", "person", "nominee__dossier__number", "nominee__dossier__sending_unit"
        ).order_by("position")
    )


def _decision(personas, tree, dossier, signer, *, date=dt.date(2026, 3, 5)):
    submission_letter(personas.unit_officer, dossier)  # the TTr number the decision cites
    decision = services.decision_create(
        personas.province_officer, issuer=tree.hanoi,
        title="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", signer=signer,
    )  # fmt: skip
    services.lines_add_nominees(
        personas.province_officer, decision, list(dossier.nominees.values_list("pk", flat=True))
    )
    _kept(signer, decision)
    draft = decision_docx(decision, _lines(decision))
    decision = services.decision_issue(signer, decision, date=date)
    decision.refresh_from_db()
    return decision, draft, decision_docx(decision, _lines(decision))


# --- decisions ---------------------------------------------------------------------------


def test_decision_signed_by_a_deputy_passes_the_checklist(personas, tree, people):
    signer = _signer(tree.hanoi, **KT)
    dossier = _dossier(tree, people)
    decision, draft, final = _decision(personas, tree, dossier, signer)
    report = nd30.check_docx(final, annex=True, signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
    text = report.text()
    assert "Số: 01/QĐ-UBND" in text and "Hà Nội, ngày 05 tháng 3 năm 2026" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025" in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    ttr = dossier.__class__.objects.get(pk=dossier.pk).number.display
    assert f"Xét đề nghị của Sở Y tế tại Tờ trình số {ttr}" in text
    assert (
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố Hà Nội cho 01 tập thể và 02 cá "
        "nhân (có danh sách kèm theo)" in text
    )
    assert "khen thưởng Bằng khen" not in text and "Bằng khen cấp bộ" not in text
    assert "Mỗi tập thể được thưởng" in text and "mỗi cá nhân được thưởng" in text
    assert " đồng" in text and " đ " not in text and " đ;" not in text and "VNĐ" not in text
    assert "Quỹ thi đua, khen thưởng của Ủy ban nhân dân Thành phố Hà Nội" in text
    assert "- Như Điều 3;" in text
    assert "I. TẬP THỂ" in text and "II. CÁ NHÂN" in text and "Ông Nguyễn Văn An" in text
    assert "(Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 3 năm 2026 của Chủ tịch" in text
    assert "PHÓ CHỦ TỊCH ỦY BAN" not in text  # the clerk's defect: no KT. line
    assert decision.signer_position == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert decision.signer_name == "Phạm Quang Huy"
    nd30.check_docx(draft, final=False, annex=True, signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])


def test_decision_before_july_2025_cites_decree_98(personas, tree, people):
    signer = _signer(tree.hanoi, **KT)
    # NĐ 98/2023 Điều 54 gives multiples for titles only (a Bằng khen of that period has none
    # in the catalogue and is refused): the city's titles
    dossier = _dossier(tree, people, honour="CSTD_TINH", collective_honour="TTLDXS")
    _, _, final = _decision(personas, tree, dossier, signer, date=dt.date(2025, 6, 20))
    text = nd30.check_docx(final, annex=True).text()
    assert "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in text
    assert "152/2025" not in text.split("QUYẾT ĐỊNH:")[0]
    assert "ngày 20 tháng 6 năm 2025" in text


def test_decision_signed_for_the_collective(personas, tree, people):
    signer = _signer(tree.hanoi, "Nguyễn Văn Chủ", **TM)
    # the city's own titles (Luật Điều 80), not a Bằng khen of the Chủ tịch: TM. allowed
    dossier = _dossier(tree, people, honour="CSTD_TINH", collective_honour="TTLDXS")
    decision, _, final = _decision(personas, tree, dossier, signer)
    report = nd30.check_docx(final, annex=True, signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
    text = report.text()
    assert "Tặng danh hiệu “Tập thể lao động xuất sắc” cho 01 tập thể" in text
    assert "; tặng danh hiệu “Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh” cho 02 cá nhân" in text


def test_bang_khen_of_the_chairman_is_never_signed_tm(personas, tree, people):
    signer = _signer(tree.hanoi, **TM)
    dossier = _dossier(tree, people)
    decision = services.decision_create(personas.province_officer, issuer=tree.hanoi,
                                        title="Về việc tặng Bằng khen", signer=signer)  # fmt: skip
    services.lines_add_nominees(personas.province_officer, decision,
                                list(dossier.nominees.values_list("pk", flat=True)))  # fmt: skip
    with pytest.raises(services.DecisionsError, match="không ký thay mặt tập thể"):
        services.decision_issue(signer, decision, date=dt.date(2026, 3, 5))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT and decision.number_id is None


def test_signer_without_capacity_cannot_issue(personas, tree, people):
    signer = UserFactory(full_name="Lê Văn Chưa")
    RoleGrant.objects.create(user=signer, role="signer", unit=tree.hanoi)  # no capacity
    dossier = _dossier(tree, people)
    with pytest.raises(services.DecisionsError, match="chưa được ghi chức vụ ký"):
        services.decision_create(personas.province_officer, issuer=tree.hanoi,
                                 title="Về việc tặng Bằng khen", signer=signer)  # fmt: skip
    decision = services.decision_create(personas.province_officer, issuer=tree.hanoi,
                                        title="Về việc tặng Bằng khen")  # fmt: skip
    services.lines_add_nominees(personas.province_officer, decision,
                                list(dossier.nominees.values_list("pk", flat=True)))  # fmt: skip
    before = DocumentNumber.objects.count()
    with pytest.raises(services.DecisionsError) as exc:
        services.decision_issue(signer, decision, date=dt.date(2026, 3, 5))
    assert "Lê Văn Chưa chưa được ghi chức vụ ký" in str(exc.value)
    assert "Nghị định 30/2020/NĐ-CP, Điều 13" in str(exc.value)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    assert DocumentNumber.objects.count() == before  # no number taken, none lost


@pytest.mark.parametrize(
    ("mode", "position", "head", "collective", "lines"),
    [
        ("head", "Chủ tịch", "", "", ["CHỦ TỊCH"]),
        ("kt", "Phó Chủ tịch", "Chủ tịch", "", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("tm", "Chủ tịch", "", "Ủy ban nhân dân", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("tm", "Phó Chủ tịch", "Chủ tịch", "Ủy ban nhân dân",
         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("q", "Giám đốc", "", "", ["Q. GIÁM ĐỐC"]),
        ("tl", "Chánh Văn phòng", "Chủ tịch", "", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ("tuq", "Giám đốc Sở Nội vụ", "Chủ tịch", "", ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]),
    ],
)  # fmt: skip
def test_signature_lines_per_mode(mode, position, head, collective, lines):
    assert signature_lines(mode, position, head, collective) == lines


@pytest.mark.parametrize(
    ("mode", "position", "head", "collective"),
    [
        ("kt", "Phó Chủ tịch", "Phó Chủ tịch", ""),  # KT. PHÓ …: line 1 names the deputy
        ("kt", "Phó Chủ tịch", "", ""),
        ("tm", "Chủ tịch", "", ""),  # TM. without the collective
        ("tuq", "KT. Giám đốc", "Chủ tịch", ""),  # no re-delegation under TUQ.
        ("xx", "Chủ tịch", "", ""),
    ],
)
def test_signature_lines_refused(mode, position, head, collective):
    with pytest.raises(SigningError):
        signature_lines(mode, position, head, collective)


def test_signature_blocks_read_back_for_every_mode(tree):
    for capacity, lines in (
        ({"sign_mode": "q", "sign_position": "GIÁM ĐỐC"}, ["Q. GIÁM ĐỐC"]),
        ({"sign_mode": "tl", "sign_position": "CHÁNH VĂN PHÒNG", "sign_head_title": "CHỦ TỊCH"},
         ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ({"sign_mode": "tuq", "sign_position": "GIÁM ĐỐC SỞ NỘI VỤ",
          "sign_head_title": "CHỦ TỊCH"}, ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]),
        ({"sign_mode": "head", "sign_position": "CHỦ TỊCH"}, ["CHỦ TỊCH"]),
    ):  # fmt: skip
        user = _signer(tree.hanoi, "Trần Văn Ký", **capacity)
        g = RoleGrant.objects.get(user=user)
        data = official_document(
            Header(issuer="Ủy ban nhân dân Thành phố Hà Nội", number="05/TB-UBND",
                   place="Hà Nội", date=dt.date(2026, 1, 9)),
            "Về việc thông báo", ["Nội dung thông báo."],
            Signature(lines=g.signature_lines(), name=user.full_name), ["Các đơn vị", "Lưu: VT"],
            doc_type="Thông báo",
        )  # fmt: skip
        text = nd30.check_docx(data, signature=lines).text()
        assert "Hà Nội, ngày 09 tháng 01 năm 2026" in text and "Số: 05/TB-UBND" in text


# --- tờ trình, báo cáo thành tích, candidate list ----------------------------------------


def test_submission_letter_passes_the_checklist(personas, tree, people):
    dossier = _dossier(tree, people)
    attachment = submission_letter(personas.unit_officer, dossier)
    dossier.refresh_from_db()
    data = attachment.file.read_bytes() if hasattr(attachment.file, "read_bytes") else None
    data = data or letter_bytes(dossier, dossier.number.display, dossier.number.doc_date)
    report = nd30.check_docx(data, annex=True, signature=["GIÁM ĐỐC"])
    text = report.text()
    assert "TỜ TRÌNH" in text and "Kính gửi: Ủy ban nhân dân Thành phố Hà Nội." in text
    assert "Số: 01/TTr-SYT" in text and ", ngày " in text and text.count("Hà Nội, ngày") == 1
    assert "cho 01 tập thể và 02 cá nhân (có danh sách kèm theo)." in text
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố Hà Nội" in text
    # counts equal the list: one row per nominee in the annex table
    table = report.tables[-1][0]
    assert len(table.findall(f"{{{nd30.W}}}tr")) - 1 == dossier.nominees.count() == 3
    assert "- Như trên;" in text and "(Kèm theo Tờ trình số 01/TTr-SYT" in text


@pytest.mark.parametrize("kind", [DossierKind.MERIT, DossierKind.AD_HOC, DossierKind.CAREER,
                                  DossierKind.MOVEMENT])  # fmt: skip
def test_achievement_report_of_a_person(tree, people, kind):
    from vinhdanh.orgs.models import Membership

    dossier = _dossier(tree, people, kind=kind)
    HonourFactory(person=people.an, honour_id="LDTT", achievement_year=2024)
    Membership.objects.create(person=people.an, unit=tree.syt, position="Trưởng phòng",
                              start=dt.date(2010, 1, 1), end=dt.date(2015, 12, 31))  # fmt: skip
    nominee = dossier.nominees.get(person=people.an)
    data = achievement_report_bytes(nominee)
    report = nd30.check_docx(data, number=False, recipients=False,
                             signature=["NGƯỜI BÁO CÁO THÀNH TÍCH"])  # fmt: skip
    text = report.text()
    assert "Số:" not in text and "SỞ Y TẾ" not in text.split("BÁO CÁO THÀNH TÍCH")[0]
    assert "BÁO CÁO THÀNH TÍCH" in text and "Nguyễn Văn An" in text
    for section in ("I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                    "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"):  # fmt: skip
        assert section in text
    assert "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text
    assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in text
    assert "Lao động tiên tiến" in text  # from the register
    if kind == DossierKind.CAREER:
        assert "Số năm giữ chức vụ" in text and "Trưởng phòng" in text
    if kind == DossierKind.AD_HOC:
        assert "khen thưởng đột xuất" in text and "Thành tích đột xuất" in text
    if kind == DossierKind.MOVEMENT:
        assert "chuyên đề" in text


def test_achievement_report_of_a_collective(tree, people):
    dossier = _dossier(tree, people)
    nominee = dossier.nominees.get(unit=tree.hospital)
    report = nd30.check_docx(achievement_report_bytes(nominee), number=False, recipients=False,
                             signature=["THỦ TRƯỞNG ĐƠN VỊ"])  # fmt: skip
    text = report.text()
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "Bệnh viện Đa khoa Đống Đa" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN" in text
    assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in text and "Số:" not in text


def test_candidate_list_docx_passes_the_checklist(tree):
    from vinhdanh.rules.exports import write_candidates_docx

    out = io.BytesIO()
    write_candidates_docx(out, [], unit_name=tree.syt.name, year=2025, unit=tree.syt,
                          on=dt.date(2026, 2, 3))  # fmt: skip
    text = nd30.check_docx(out.getvalue(), number=False, recipients=False).text()
    assert "Hà Nội, ngày 03 tháng 02 năm 2026" in text


def test_place_from_the_unit_locality_and_either_spelling(tree):
    from vinhdanh.documents.vn import place_for_unit, place_of

    assert place_of("Ủy ban nhân dân thành phố Hà Nội") == "Hà Nội"
    assert place_of("Uỷ ban nhân dân tỉnh Hà Tĩnh") == "Hà Tĩnh"
    assert place_of("UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH") == "HÀ TĨNH"
    assert place_of("Ủy ban nhân dân phường Ba Đình") == "Ba Đình"
    assert place_for_unit(tree.hanoi) == "Hà Nội"
    assert place_for_unit(tree.hospital) == "Hà Nội"  # from the nearest unit with a locality
    assert place_for_unit(tree.syt_ht) == "Hà Tĩnh"


# --- PDF rendering -----------------------------------------------------------------------


@needs_soffice
def test_pdf_page_numbers_from_page_two_and_annex_numbered_on_its_own(personas, tree, people):
    signer = _signer(tree.hanoi, **KT)
    dossier = _dossier(tree, people, extra_people=40)
    _, _, final = _decision(personas, tree, dossier, signer)
    pages = nd30.check_pdf_numbers(docx_to_pdf(final), annex_marker="DANH SÁCH")
    assert len(pages) >= 3  # the decision, then an annex of several pages
    assert "KT. CHỦ TỊCH" in pages[0] and pages[1].lstrip().startswith("DANH SÁCH")
    assert pages[2].strip().splitlines()[0] == "2"


@needs_soffice
def test_pdf_of_a_long_text_and_of_the_reports(tree, people):
    body = [Heading("I. NỘI DUNG")] + [f"Đoạn văn thứ {i} của báo cáo dài." * 6 for i in range(60)]
    data = official_document(
        Header(issuer="Sở Y tế", number="12/BC-SYT", place="Hà Nội", date=dt.date(2026, 3, 5)),
        "Báo cáo dài", body, Signature(lines=["GIÁM ĐỐC"], name="Nguyễn Văn Giám"),
        ["Lưu: VT"], doc_type="Báo cáo",
    )  # fmt: skip
    nd30.check_docx(data, signature=["GIÁM ĐỐC"])
    pages = nd30.check_pdf_numbers(docx_to_pdf(data))
    assert len(pages) >= 3
    dossier = _dossier(tree, people)
    for nominee in dossier.nominees.all():
        pdf_pages = nd30.check_pdf_numbers(docx_to_pdf(achievement_report_bytes(nominee)))
        assert pdf_pages and "BÁO CÁO THÀNH TÍCH" in pdf_pages[0]


# --- signing capacity screen -------------------------------------------------------------


def test_signing_capacity_screen(client, login, personas, tree):
    g = RoleGrant.objects.get(user=personas.signer, role="signer")
    url = reverse("accounts:signing_capacity", args=[g.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert login(personas.outsider).get(url).status_code == 404
    assert login(personas.unit_officer).get(url).status_code == 404
    admin = login(personas.admin)
    assert "Chức vụ ký" in admin.get(url).content.decode()
    response = admin.post(url, {"mode": "kt", "position": "Phó Giám đốc",
                                "head_title": "Phó Giám đốc", "collective": ""})  # fmt: skip
    assert response.status_code == 400 and "KT." in response.content.decode()
    g.refresh_from_db()
    assert g.sign_mode == "head"  # unchanged
    response = admin.post(url, {"mode": "kt", "position": "Phó Giám đốc",
                                "head_title": "Giám đốc", "collective": ""})  # fmt: skip
    assert response.status_code == 302
    g.refresh_from_db()
    assert (g.sign_mode, g.sign_position, g.sign_head_title) == ("kt", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC")
    assert g.signature_lines() == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    entry = AuditEntry.objects.filter(object_type="accounts.rolegrant", object_id=str(g.pk)).last()
    assert entry is not None and "sign_mode" in str(entry.changes)
    page = admin.get(reverse("accounts:user_detail", args=[personas.signer.pk])).content.decode()
    assert "PHÓ GIÁM ĐỐC" in page


def test_certificate_wording_follows_the_decision(personas, tree, people):
    from vinhdanh.decisions import certificates

    signer = _signer(tree.hanoi, **KT)
    decision, _, _ = _decision(personas, tree, _dossier(tree, people), signer)
    certificates.certificates_issue(personas.province_officer, decision)
    cert = certificates._certificates(decision).filter(line__person=people.an).get()
    w = certificates.wording(decision, cert.line, cert)
    assert w["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    assert w["name"] == "Ông Nguyễn Văn An"
    assert w["honour"] == "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố Hà Nội"
    assert w["reason"] == "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025."
    assert w["place_date"] == "Hà Nội, ngày 05 tháng 3 năm 2026"
    assert w["signer"] == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" and w["signer_name"] == "Phạm Quang Huy"
    assert w["decision"] == "Quyết định số 01/QĐ-UBND" and w["book"].startswith("Số vào sổ: ")
    html = certificates.full_design_html(decision)
    assert "KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH" in html and "Đã có thành tích xuất sắc" in html
