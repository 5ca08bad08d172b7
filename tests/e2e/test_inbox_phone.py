"""The officer's day from the inbox, at phone width: the work is listed with its badge, the
menu collapses behind ☰, nothing scrolls sideways, and a one-click action asks first."""

from pathlib import Path

from playwright.sync_api import expect

from vinhdanh.nominations.models import Dossier

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_inbox_at_390px_and_confirmed_receive(page, sign_in, personas, tree):
    d = Dossier.objects.create(
        kind="merit", title="Đề nghị khen thưởng năm 2025 của Bệnh viện", year=2025,
        sending_unit=tree.hospital, receiving_unit=tree.syt, status="submitted",
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(personas.unit_officer, personas.password)
    expect(page.get_by_role("heading", name="Việc cần xử lý")).to_be_visible()
    work = page.locator(".home-work")
    expect(work).to_contain_text(d.title)
    expect(work).to_contain_text("Tiếp nhận hoặc trả lại hồ sơ")
    # The sidebar is a menu behind ☰; its count arrives by htmx.
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav).to_be_hidden()
    assert _no_sideways_scroll(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-390.png"), full_page=True)
    page.get_by_role("button", name="Menu").click()
    expect(nav).to_be_visible()
    expect(nav.locator("#work-count .count")).to_have_text("1")
    box = nav.get_by_role("link", name="Hồ sơ đề nghị").bounding_box()
    assert box["height"] >= 44  # touch target
    page.screenshot(path=str(SHOTS / "home-390-menu.png"), full_page=True)
    # Straight to the action; dismissing the confirmation changes nothing, accepting acts.
    work.get_by_role("link", name="Tiếp nhận hoặc trả lại hồ sơ").click()
    assert _no_sideways_scroll(page)
    page.remove_listener("dialog", page.accept_dialogs)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    page.wait_for_timeout(300)
    d.refresh_from_db()
    assert d.status == "submitted"
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(page.locator(".msg.success")).to_contain_text("Tiếp nhận: đã thực hiện.")
    d.refresh_from_db()
    assert d.status == "received"
    assert messages and messages[0].startswith("Tiếp nhận hồ sơ «Đề nghị khen thưởng")
