"""The demo's commendation chain in the browser (issue 9 §6), as each role sees it after
``manage.py demo_data``: the unit officer follows Sở Y tế's dossier to the city's decision and
is refused when proposing someone the rules do not allow; a council member reads the meeting
where one nominee missed the 90 % threshold; the signer opens the issued decision and its
certificates; an anonymous visitor finds the decision on the portal without accents and
verifies a certificate by its serial and by the QR address."""

from __future__ import annotations

import io
import re

from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from vinhdanh.core.text import fold
from vinhdanh.demo import commendation, scenario


def _row(page, name):
    return page.locator("table.grid tbody tr", has_text=name)


def test_demo_chain_from_unit_dossier_to_verified_certificate(page, sign_in, settings, live_server):
    from django.contrib.auth import get_user_model
    from pypdf import PdfReader

    from vinhdanh.decisions.certificates import verify_url
    from vinhdanh.decisions.models import Certificate, Decision, DecisionStatus
    from vinhdanh.nominations.models import Dossier

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PUBLIC_BASE_URL = live_server.url  # the QR codes point at this server
    call_command("demo_data", stdout=io.StringIO())
    users = {u.username: u for u in get_user_model().objects.all()}
    year = scenario.REVIEW_YEAR
    decision = Decision.objects.select_related("number").get(
        issuer__code="HN", status=DecisionStatus.ISSUED, number__isnull=False
    )
    number = decision.number.display
    dossier = Dossier.objects.get(status="decided", sending_unit__code="HN.SYT")
    passed = decision.lines.order_by("position").first()
    failed = commendation.FAILED_NAME

    def as_user(username):
        page.context.clear_cookies()
        sign_in(users[username], scenario.DEMO_PASSWORD)

    # --- The unit officer of Sở Y tế follows the dossier's path to the city's decision.
    as_user("cb_syt")
    page.goto(reverse("nominations:dossier_list"))
    page.get_by_role("link", name=dossier.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(dossier.title)
    body = page.locator("body")
    for step in ("Đã gửi", "Đã tiếp nhận", "Đang thẩm định", "Trình Hội đồng",
                 "Hội đồng đã thông qua", f"Quyết định số {number}"):  # fmt: skip
        expect(body).to_contain_text(step)
    expect(_row(page, failed)).to_contain_text("Không chấp thuận")
    expect(_row(page, failed)).to_contain_text(
        "5/8 thành viên Hội đồng đồng ý (62,50%), dưới ngưỡng 90%"
    )
    expect(_row(page, passed.name)).to_contain_text("Chấp thuận")

    # A refusal on screen: the draft for the national title cannot take someone the rules
    # do not allow; the verdict names the article.
    draft = Dossier.objects.get(status="draft", sending_unit__code="HN.SYT")
    page.goto(reverse("nominations:dossier_detail", args=[draft.pk]))
    page.get_by_role("link", name="Thêm đối tượng").click()
    page.get_by_placeholder("Họ tên hoặc tên đơn vị, không cần dấu").fill("ngo thi lan")
    page.get_by_role("button", name="Tìm").click()
    page.locator("select[name=kind]").select_option("person")
    page.locator("select[name=person]").select_option(label="Ngô Thị Lan – Sở Y tế")
    page.locator("select[name=honour]").select_option("CSTD_TINH")
    page.get_by_role("button", name="Lưu và kiểm tra tiêu chuẩn").click()
    expect(_row(page, "Ngô Thị Lan").locator(".badge").first).to_have_text("Chưa đủ điều kiện")
    expect(page.locator(".errorbox")).to_contain_text("Ngô Thị Lan")
    expect(page.locator(".errorbox")).to_contain_text("chưa đủ điều kiện –")
    page.get_by_role("link", name="Gửi hồ sơ").first.click()
    page.get_by_role("button", name="Xác nhận: gửi hồ sơ").click()
    expect(page.locator(".errorbox").first).to_contain_text("Chưa gửi được hồ sơ")
    draft.refresh_from_db()
    assert draft.status == "draft"

    # --- A council member reads the meeting's result.
    as_user("hoidong_tp")
    page.goto(reverse("council:council_list"))
    page.get_by_role("link", name=commendation.COUNCIL_NAME).click()
    page.locator("table a").filter(has_text=re.compile(r"\d{2}/\d{2}/\d{4}")).first.click()
    expect(body).to_contain_text("Đã kết thúc")
    expect(body).to_contain_text(re.compile(r"Có mặt\s*7/8 thành viên"))
    expect(_row(page, failed)).to_contain_text("≥ 90% của 8")
    expect(_row(page, failed)).to_contain_text("Không đạt")
    expect(_row(page, failed)).to_contain_text("5/8 đồng ý (62,50%) — ngưỡng ≥ 90%")
    expect(_row(page, passed.name)).to_contain_text("Đạt")

    # --- The signer opens the issued decision and prints its certificates.
    as_user("lanhdao_tp")
    page.goto(reverse("decisions:decision_list"))
    page.get_by_role("link", name=number).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quyết định số {number}")
    expect(body).to_contain_text("Đã ban hành")
    expect(_row(page, passed.name)).to_contain_text("Đã ghi sổ")
    expect(page.locator("table.grid")).not_to_contain_text(failed)
    href = page.get_by_role("link", name="In mẫu đầy đủ có mã QR (.pdf)").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.body())).pages)
    cert = Certificate.objects.get(line=passed)
    assert passed.name in text and cert.serial in text

    # --- An anonymous visitor: the decision on the portal, found without accents, and the
    # certificate verified by its serial and by its QR address.
    page.context.clear_cookies()
    page.goto(reverse("portal:home"))
    page.goto(reverse("portal:decision_list"))
    page.get_by_label("Tìm theo tên người, tập thể được khen").fill(fold(passed.name))
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quyết định số {number}")
    expect(_row(page, passed.name)).to_contain_text(passed.honour.name)
    expect(page.locator("table.grid")).not_to_contain_text(failed)
    page.goto(reverse("portal:verify"))
    page.get_by_label("Số vào sổ ghi trên bằng, giấy khen").fill(cert.serial)
    page.get_by_role("button", name="Xác minh").click()
    expect(body).to_contain_text("Còn hiệu lực")
    expect(body).to_contain_text(passed.name)
    expect(body).to_contain_text(f"Số {number}")
    page.goto(verify_url(cert.public_token))  # the address the certificate's QR code holds
    expect(body).to_contain_text("Còn hiệu lực")
    expect(body).to_contain_text(str(year))
    page.goto(reverse("portal:verify") + "?serial=" + cert.serial + "-SAI")
    expect(page.locator(".errorbox")).to_contain_text("Không tìm thấy bằng, giấy khen")
