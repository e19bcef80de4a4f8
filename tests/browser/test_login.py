"""Journey 7: logging in. Wrong passwords lock that account on that address, not a colleague's
on the same office network; the system administrator unlocks it; an expired password must be
changed before anything else opens."""

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from intranet.accounts.models import User

from .steps import login


def _try(page, portal, username, password):
    page.goto(portal.url("/dang-nhap/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_wrong_passwords_lock_that_account_only_until_the_administrator_unlocks_it(browser, portal):
    office = browser.new_context(locale="vi-VN")
    page = office.new_page()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _try(page, portal, "cv2_stp", "sai-mat-khau")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tạm khóa đăng nhập")
    expect(page.locator("main")).to_contain_text("Tài khoản «cv2_stp» đã nhập sai mật khẩu nhiều lần")
    expect(page.locator("main")).to_contain_text("Các tài khoản khác trên cùng mạng vẫn đăng nhập bình thường")
    expect(page.locator("main")).to_contain_text(re.compile(r"Khóa tự mở lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}"))

    # The right password does not open a locked account…
    _try(page, portal, "cv2_stp", settings.DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tạm khóa đăng nhập")
    # …but a colleague at the next desk, on the same address, logs in as usual.
    colleague = login(browser, portal, "bbt_stp")
    expect(colleague).to_have_url(re.compile(r"/ban-lam-viec/"))

    admin = login(browser, portal, "quantri")
    admin.goto(portal.url("/quan-tri/tai-khoan-bi-khoa/"))
    row = admin.locator("tr", has_text="cv2_stp")
    expect(row).to_contain_text("127.0.0.1")
    row.get_by_role("button", name="Mở khóa").click()
    expect(admin.locator("body")).to_contain_text("Đã mở khóa đăng nhập cho tài khoản cv2_stp tại địa chỉ 127.0.0.1")
    expect(admin.locator("main")).to_contain_text("Hiện không có tài khoản nào bị khóa.")

    _try(page, portal, "cv2_stp", settings.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/ban-lam-viec/"))
    office.close()


def test_an_expired_password_is_changed_before_the_desk_opens(browser, portal):
    User.objects.filter(username="cntt_phuxuan").update(
        password_changed_at=timezone.now() - dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS + 1)
    )
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _try(page, portal, "cntt_phuxuan", settings.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/doi-mat-khau/"))
    expect(page.locator("main")).to_contain_text("Mật khẩu của bạn đã quá hạn sử dụng")

    page.goto(portal.url("/ban-lam-viec/"))  # no way round it
    expect(page).to_have_url(re.compile(r"/doi-mat-khau/"))

    page.get_by_label("Mật khẩu hiện tại").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill("12345678")
    page.get_by_label("Nhập lại mật khẩu mới").fill("12345678")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.locator("main")).to_contain_text("chỉ gồm chữ số")  # a weak one is refused, in Vietnamese

    new_password = "Lua-thieng-2026!"
    page.get_by_label("Mật khẩu hiện tại").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill(new_password)
    page.get_by_label("Nhập lại mật khẩu mới").fill(new_password)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page).to_have_url(re.compile(r"/ban-lam-viec/"))
    expect(page.locator("body")).to_contain_text("Đã đổi mật khẩu.")

    # The other journeys log in with the demo password.
    user = User.objects.get(username="cntt_phuxuan")
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    context.close()
