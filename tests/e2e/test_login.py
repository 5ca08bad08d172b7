from playwright.sync_api import expect


def test_login_shows_dashboard_and_scoped_menu(page, sign_in, personas):
    sign_in(personas.viewer, personas.password)
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav).not_to_contain_text("Nhật ký")
    expect(nav).not_to_contain_text("Tài khoản")


def test_wrong_password_is_refused_with_message(page, personas):
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(personas.viewer.username)
    page.get_by_label("Mật khẩu").fill("khong-dung")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".errorbox")).to_contain_text("không đúng")
    assert "dang-nhap" in page.url
