"""Browser journey over the commendation half (issue 5, §8): a hospital's officer prepares a
dossier of three nominees (one refused as not eligible, reason shown) to Sở Y tế, submits; the
Sở's officer returns one nominee, the hospital fixes and resubmits; the Sở's council votes and
one nominee misses the threshold; the Giám đốc (who confers LĐTT and CSTĐCS, Luật TĐKT 2022
Điều 80) issues a decision with the next number, signed from his recorded capacity; the
certificate PDF opens and its QR address verifies it on the public portal."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PersonFactory, UserFactory, grant
from tests.rules.conftest import give


def _catalogue():
    """transactional_db flushes the tables after each test; reload the catalogue if needed."""
    from vinhdanh.catalogue import data
    from vinhdanh.catalogue.models import Honour

    if not Honour.objects.exists():
        data.load(django_apps)


def _council(tree, n=3):
    from vinhdanh.council.models import Council, CouncilMember, MemberRole

    council = Council.objects.create(unit=tree.syt, name="Hội đồng TĐKT Sở Y tế")
    users = []
    for i in range(n):
        user = UserFactory(username=f"uyvien{i}", full_name=f"Ủy viên {i}")
        grant(user, "council", tree.syt)
        CouncilMember.objects.create(
            council=council, user=user, full_name=f"Ủy viên số {i}",
            role=MemberRole.CHAIR if i == 0 else MemberRole.MEMBER,
            term_start=dt.date(2020, 1, 1),
        )  # fmt: skip
        users.append(user)
    return council, users


def _row(page, name):
    return page.locator("table.grid tbody tr", has_text=name)


def _action(page, label, *, confirm=None, reason=None):
    page.get_by_role("link", name=label).first.click()
    if reason is not None:
        page.get_by_label("Lý do").fill(reason)
    page.get_by_role("button", name=confirm or f"Xác nhận: {label.lower()}").click()
    expect(page.locator("body")).to_contain_text(f"{label}: đã thực hiện.")


def _add_nominee(page, name, honour, justification=""):
    page.get_by_role("link", name="Thêm đối tượng").click()
    page.get_by_placeholder("Họ tên hoặc tên đơn vị, không cần dấu").fill(name)
    page.get_by_role("button", name="Tìm").click()
    page.locator("select[name=kind]").select_option("person")
    page.locator("select[name=person]").select_option(label=f"{name} – Bệnh viện Đa khoa Đống Đa")
    page.locator("select[name=honour]").select_option(honour)
    if justification:
        page.locator("textarea[name=justification]").fill(justification)
    page.get_by_role("button", name="Lưu và kiểm tra tiêu chuẩn").click()
    expect(page.locator("body")).to_contain_text(f"Đã lưu {name}")


def test_commendation_journey_from_dossier_to_verified_certificate(
    page, sign_in, personas, tree, settings
):
    from pypdf import PdfReader

    from vinhdanh.core.models import DocumentType
    from vinhdanh.core.numbering import number_reserve
    from vinhdanh.decisions.models import Certificate, Decision
    from vinhdanh.nominations.models import Dossier
    from vinhdanh.registry.models import HonourRecord

    _catalogue()
    settings.PUBLIC_BASE_URL = "https://tdkt.example.gov.vn"  # the certificates' QR address
    today = timezone.localdate()
    y = today.year
    old = dt.date(2010, 1, 1)
    lan = give(PersonFactory(full_name="Trần Thị Lan", unit=tree.hospital, hired_on=old),
               ratings={y: "HTT"})  # fmt: skip
    minh = give(PersonFactory(full_name="Phạm Văn Minh", unit=tree.hospital, hired_on=old),
                ratings={y: "HTXS"}, initiatives=[("SANG_KIEN", "CO_SO", y)])  # fmt: skip
    hoa = give(PersonFactory(full_name="Lê Thị Hoa", unit=tree.hospital, hired_on=old),
               ratings={y: "HTT"})  # fmt: skip
    council, voters = _council(tree)
    hospital_officer = UserFactory(username="cb_bvdd", full_name="Cán bộ TĐKT Bệnh viện")
    grant(hospital_officer, "officer", tree.hospital)
    so_officer = personas.unit_officer  # Sở Y tế: receives, appraises, drafts the decision
    director = UserFactory(username="giamdoc_syt", full_name="Giám đốc Sở Y tế")
    grant(director, "signer", tree.syt, sign_mode="head", sign_position="GIÁM ĐỐC")
    # One QĐ number of Sở Y tế is already taken this year: the decision must get the next one.
    number_reserve(
        personas.admin, issuer_key=f"unit:{tree.syt.pk}", issuer_abbreviation="SYT",
        issuer_name=tree.syt.name, unit=tree.syt, doc_type=DocumentType.QD, year=y,
        title="Quyết định khác",
    )  # fmt: skip
    pw = personas.password

    def as_user(user):
        page.context.clear_cookies()
        sign_in(user, pw)

    # --- The hospital's officer prepares the dossier.
    as_user(hospital_officer)
    page.goto(reverse("nominations:dossier_list"))
    page.get_by_role("link", name="Tạo hồ sơ").first.click()
    page.get_by_label("Trích yếu").fill(f"Đề nghị khen thưởng năm {y} của Bệnh viện")
    page.get_by_label("Năm").fill(str(y))
    page.get_by_label("Đơn vị đề nghị").select_option(str(tree.hospital.pk))
    page.get_by_label("Cấp tiếp nhận").select_option(str(tree.syt.pk))
    page.get_by_role("button", name=re.compile("Lưu|Tạo")).first.click()
    expect(page.locator("body")).to_contain_text("Đã tạo hồ sơ dự thảo")
    dossier = Dossier.objects.get()

    _add_nominee(page, "Trần Thị Lan", "LDTT")
    _add_nominee(page, "Phạm Văn Minh", "CSTDCS")
    _add_nominee(page, "Lê Thị Hoa", "CSTDCS")
    hoa_row = _row(page, "Lê Thị Hoa")
    expect(hoa_row.locator(".badge").first).to_have_text("Chưa đủ điều kiện")
    expect(page.locator(".errorbox")).to_contain_text("Lê Thị Hoa")
    expect(page.locator(".errorbox")).to_contain_text("chưa đủ điều kiện –")
    expect(_row(page, "Phạm Văn Minh").locator(".badge").first).to_have_text("Đủ điều kiện")
    # The refused nominee is proposed for the honour she qualifies for.
    hoa_row.get_by_role("link", name="Sửa").click()
    page.locator("select[name=honour]").select_option("LDTT")
    page.get_by_role("button", name="Lưu và kiểm tra tiêu chuẩn").click()
    expect(_row(page, "Lê Thị Hoa").locator(".badge").first).to_have_text("Đủ điều kiện")
    expect(page.locator(".errorbox")).to_have_count(0)
    _action(page, "Gửi hồ sơ")

    # --- The Sở's officer returns one nominee.
    as_user(so_officer)
    page.goto(reverse("nominations:dossier_detail", args=[dossier.pk]))
    page.get_by_role("link", name="Trả lại hồ sơ").click()
    page.get_by_label("Lý do").fill("Bổ sung giải trình thành tích của bà Lan.")
    page.get_by_label("Trần Thị Lan").check()
    page.get_by_role("button", name="Xác nhận: trả lại hồ sơ").click()
    expect(page.locator("body")).to_contain_text("Trả lại hồ sơ: đã thực hiện.")

    # --- The hospital fixes it and resubmits.
    as_user(hospital_officer)
    page.goto(reverse("nominations:dossier_detail", args=[dossier.pk]))
    expect(_row(page, "Trần Thị Lan")).to_contain_text("Bổ sung giải trình")
    _row(page, "Trần Thị Lan").get_by_role("link", name="Sửa").click()
    page.locator("textarea[name=justification]").fill("Hoàn thành xuất sắc đề án.")
    page.get_by_role("button", name="Lưu và kiểm tra tiêu chuẩn").click()
    expect(_row(page, "Trần Thị Lan")).to_contain_text("Hoàn thành xuất sắc đề án.")
    _action(page, "Gửi hồ sơ")

    # --- The Sở receives, appraises and sends it to its council.
    as_user(so_officer)
    page.goto(reverse("nominations:dossier_detail", args=[dossier.pk]))
    page.get_by_role("button", name="Tiếp nhận").click()
    page.get_by_role("button", name="Bắt đầu thẩm định").click()
    _action(page, "Trình Hội đồng")

    # --- Council meeting: agenda, attendance, ballots.
    page.goto(reverse("council:council_detail", args=[council.pk]))
    page.get_by_role("link", name="Lên lịch phiên họp").click()
    page.get_by_label("Ngày họp").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Hội trường Sở Y tế")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Đưa hồ sơ vào chương trình").select_option(str(dossier.pk))
    page.get_by_role("button", name="Thêm").click()
    page.get_by_role("button", name="Lưu điểm danh").click()
    page.get_by_role("button", name="Khai mạc phiên họp").click()
    page.get_by_role("button", name=re.compile("Mở biểu quyết")).click()
    expect(page.get_by_role("link", name="Kết thúc phiên họp")).to_be_visible()
    meeting_url = page.url

    # Minh (CSTĐCS, ≥ 80 %) gets 2 of 3: misses; Lan and Hoa (LĐTT, > 50 %) pass.
    for i, voter in enumerate(voters):
        as_user(voter)
        for name in ("Trần Thị Lan", "Phạm Văn Minh", "Lê Thị Hoa"):
            page.goto(reverse("council:my_ballots"))
            _row(page, name).get_by_role("link", name="Bỏ phiếu").click()
            yes = not (name == "Phạm Văn Minh" and i == 2)
            page.locator(f"input[name=approve][value='{int(yes)}']").check()
            page.get_by_role("button", name="Gửi phiếu").click()
        page.goto(reverse("council:my_ballots"))
        expect(page.locator("td.empty")).to_be_visible()

    as_user(so_officer)
    page.goto(meeting_url)
    page.get_by_role("link", name="Kết thúc phiên họp").click()
    page.get_by_role("button", name="Xác nhận kết thúc và khóa kết quả").click()
    expect(_row(page, "Phạm Văn Minh")).to_contain_text("Không đạt")
    expect(_row(page, "Phạm Văn Minh")).to_contain_text("2/3 thành viên Hội đồng đồng ý (66,67%)")
    expect(_row(page, "Trần Thị Lan")).to_contain_text("Đạt")
    expect(_row(page, "Lê Thị Hoa")).to_contain_text("Đạt")

    # --- The Sở's officer records the outcomes guided by the council and approves.
    page.goto(reverse("nominations:dossier_detail", args=[dossier.pk]))
    for name, outcome, reason in (
        ("Trần Thị Lan", "accepted", ""),
        ("Lê Thị Hoa", "accepted", ""),
        ("Phạm Văn Minh", "rejected", "Hội đồng không thông qua (2/3 phiếu, dưới 80%)."),
    ):
        _row(page, name).get_by_role("link", name="Ghi kết quả").click()
        page.get_by_label("Kết quả xét").select_option(outcome)
        if reason:
            page.get_by_label("Lý do").fill(reason)
        page.get_by_role("button", name=re.compile("Lưu|Ghi")).first.click()
        expect(page.locator("body")).to_contain_text(f"Đã ghi kết quả xét của {name}")
    _action(page, "Ghi nhận đã thông qua")

    # --- The decision: drafted by the Sở's officer from the approved nominees, signed.
    page.goto(reverse("decisions:decision_create"))
    page.get_by_label("Cơ quan ban hành").select_option(str(tree.syt.pk))
    page.get_by_role("button", name=re.compile("Lưu|Lập")).first.click()
    expect(page.locator("body")).to_contain_text("Đã lập dự thảo quyết định.")
    expect(page.get_by_label("Phạm Văn Minh")).to_have_count(0)
    page.get_by_role("button", name="Thêm vào quyết định").click()
    decision = Decision.objects.get()
    assert decision.lines.count() == 2

    as_user(director)
    page.goto(reverse("decisions:decision_detail", args=[decision.pk]))
    page.get_by_role("link", name="Ký ban hành").click()
    page.get_by_label("Ngày ký").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Người ký").select_option(str(director.pk))  # block from the capacity
    page.get_by_role("button", name="Xác nhận ban hành").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định số 02/QĐ-SYT")

    # --- Certificates: numbered, printed, the PDF names the person.
    page.get_by_role("button", name="Cấp số vào sổ cho bằng, giấy khen").click()
    href = page.get_by_role("link", name="In mẫu đầy đủ có mã QR (.pdf)").get_attribute("href")
    response = page.request.get(href)  # the signer's session; the PDF is served inline
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.body()))
    text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "Trần Thị Lan" in text and "Lê Thị Hoa" in text

    # --- The QR address verifies it publicly.
    cert = Certificate.objects.get(line__person=lan)
    page.context.clear_cookies()
    page.goto(reverse("portal:verify_token", args=[cert.public_token]))
    expect(page.locator("body")).to_contain_text("Còn hiệu lực")
    expect(page.locator("body")).to_contain_text("Trần Thị Lan")

    # --- Rows: register entries for the two accepted, none for Minh; dossier decided.
    dossier.refresh_from_db()
    assert dossier.status == "decided"
    assert set(
        HonourRecord.objects.filter(achievement_year=y, honour_id="LDTT").values_list(
            "person_id", flat=True
        )
    ) >= {lan.pk, hoa.pk}
    assert not HonourRecord.objects.filter(person=minh, honour_id="CSTDCS").exists()
    assert decision.lines.filter(register_entry__isnull=False).count() == 2
