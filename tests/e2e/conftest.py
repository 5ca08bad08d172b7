"""Browser tests: Playwright for Python driving Debian's chromium against a live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


@pytest.fixture
def page(request, browser, live_server, transactional_db, reference_data):
    """A browser tab on the live server. Browser tests commit for real and the database is
    flushed after each, so ``reference_data`` puts back what the migrations loaded."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        accept_downloads=True,
        viewport={"width": 1400, "height": 1000},
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    # One-click actions ask "what will happen" first (data-confirm, core/app.js); the journeys
    # answer yes. A test that wants to answer itself removes this handler first.
    pg.accept_dialogs = lambda dialog: dialog.accept()
    pg.on("dialog", pg.accept_dialogs)
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _totp_code(key: bytes, last_t: int = -1) -> str:
    """The current code of an authenticator app holding ``key``, past the last one used (a
    code is accepted once; a second sign-in in the same 30 s waits for the next window)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(key)
    while totp.t() <= last_t:
        time.sleep(1)
        totp = TOTP(key)
    return f"{totp.token():06d}"


@pytest.fixture
def sign_in(page):
    """Sign in through the real login form, then the second step when the account needs it
    (administrators and signers): enrol by reading the secret shown next to the QR code, as a
    person would type it into the app, and later enter the app's current code."""
    import base64

    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _sign_in(user, password):
        page.goto("/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "dang-nhap" not in url)
        if "xac-thuc-hai-buoc/cai-dat" in page.url:
            secret = page.locator("#totp-secret").inner_text().replace(" ", "")
            key = base64.b32decode(secret + "=" * (-len(secret) % 8))
            page.get_by_label("Mã xác thực").fill(_totp_code(key))
            page.get_by_role("button", name="Xác nhận và bật").click()
            page.get_by_role("link", name="Đã cất giữ, tiếp tục").click()
            page.wait_for_url(lambda url: "xac-thuc-hai-buoc" not in url)
        elif "xac-thuc-hai-buoc" in page.url:
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            page.get_by_label("Mã xác thực").fill(_totp_code(device.bin_key, device.last_t))
            page.get_by_role("button", name="Xác nhận").click()
            page.wait_for_url(lambda url: "xac-thuc-hai-buoc" not in url)
        return page

    return _sign_in
