"""What the journeys do again and again, as a user does it in the browser."""

import re

from django.conf import settings
from playwright.sync_api import expect


def login(browser, portal, username, *, viewport=None, unit=None):
    """A new browser (context) logged in through the login form as a demo account of the README."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=viewport or {"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(portal.url("/dang-nhap/", unit=unit))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/dang-nhap/"))
    return page


def act(page, portal, case_code, action, **fields):
    """On the case's page, fill the form of one action (fields by parameter name) and submit it."""
    page.goto(portal.url(f"/ho-so/{case_code}/"))
    form = page.locator(f"form[action$='/xu-ly/{action}/']")
    for name, value in fields.items():
        field = form.locator(f"[name='{action}-{name}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value=str(value))
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(bool(value))
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Đã thực hiện")


def take(page, portal, case_code, action, **fields):
    """An officer finds the case among the work waiting for them (newest first), opens it and takes the step."""
    page.goto(portal.url("/ho-so/?viec=cua-toi"))
    page.get_by_role("link", name=case_code, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case_code)
    act(page, portal, case_code, action, **fields)


class Officers(dict):
    """Demo officers, each logged in once in their own browser and kept for the module's journeys."""

    def __init__(self, browser, portal):
        super().__init__()
        self.browser, self.portal = browser, portal

    kept = set()  # contexts the journeys after this one still use: not closed between journeys

    def __missing__(self, username):
        self[username] = login(self.browser, self.portal, username)
        Officers.kept.add(self[username].context)
        return self[username]

    def close(self):
        for page in self.values():
            Officers.kept.discard(page.context)
            page.context.close()
        self.clear()
