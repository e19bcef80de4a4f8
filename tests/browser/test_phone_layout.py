"""Issue 14: the lists an officer and a citizen read on a phone fit its screen. The case list and
the legal documents show one card per row on a 390 px phone (no sideways scrolling) and stay a
table at 1366 px; long titles are set smaller on a phone."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE
from .steps import login


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_case_list_and_the_legal_documents_fit_the_screen(browser, portal, viewport):
    officer = login(browser, portal, "bbt_cong", viewport=viewport)
    officer.goto(portal.url("/ho-so/"))
    rows = officer.locator("table.cases tbody tr")
    expect(rows.first).to_be_visible()
    _fits(officer, viewport["width"])
    row_is_card = rows.first.evaluate("row => getComputedStyle(row).display") == "block"
    assert row_is_card == (viewport is PHONE)

    citizen = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
    citizen.goto(portal.url("/van-ban/"))
    expect(citizen.locator("table.documents tbody tr").first).to_be_visible()
    _fits(citizen, viewport["width"])
    title_px = float(citizen.locator("main h1").first.evaluate("h => parseFloat(getComputedStyle(h).fontSize)"))
    assert (title_px < 26) == (viewport is PHONE)  # 1.6 rem on a phone, the browser's 2 em otherwise
    citizen.context.close()
