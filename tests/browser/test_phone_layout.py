"""Issue 14: the lists an officer and a citizen read on a phone fit its screen. The case list, the
legal documents, the leader's dashboard, the moderation queue and the steering boards show one card per row on a 390 px phone (no sideways
scrolling) and stay a table at 1366 px; long titles are set smaller on a phone; the home page's
category blocks fill whole rows of their grid at every width."""

import pytest
from playwright.sync_api import expect

from intranet.units.models import Unit

from .conftest import DESKTOP, PHONE
from .steps import login


def _fits(page, width: int) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


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


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_leaders_dashboard_fits_the_screen(browser, portal, viewport):
    leader = login(browser, portal, "lanhdao_stp", viewport=viewport)
    leader.goto(portal.url("/ho-so/thong-ke/?pham-vi=" + str(Unit.objects.get(code="stp").pk)))
    rows = leader.locator("table.by-unit tbody tr")
    expect(rows.first).to_contain_text("Sở Tư pháp")
    _fits(leader, viewport["width"])
    row_is_card = rows.first.evaluate("row => getComputedStyle(row).display") == "block"
    assert row_is_card == (viewport is PHONE)
    if viewport is PHONE:  # each figure under its column's name
        label = rows.first.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
        assert "Sớm hạn" in label
    leader.context.close()


@pytest.mark.parametrize("width", [390, 1000, 1366])
def test_the_home_pages_category_blocks_fill_whole_rows(browser, portal, width):
    """No orphan card: each block's cards are a multiple of its grid's columns, on the portal,
    a ward's site and the English home."""
    page = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900}).new_page()
    for url in (portal.url("/"), portal.url("/", unit="phuxuan"), portal.url("/en/")):
        page.goto(url)
        grids = page.locator(".category-block .news-grid")
        expect(grids.first).to_be_visible()
        for grid in grids.all():
            columns = len(grid.evaluate("g => getComputedStyle(g).gridTemplateColumns").split())
            cards = grid.locator(".news-card").count()
            assert cards % columns == 0 or cards == 1, f"{url} at {width} px: {cards} cards in {columns} columns"
        _fits(page, width)
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_moderation_queue_fits_the_screen(browser, portal, viewport):
    """The ward's editorial board's queue (QT-07): a card per item on a phone, not four columns of one word a line."""
    board = login(browser, portal, "bbt_phuxuan", viewport=viewport)
    board.goto(portal.url("/kiem-duyet/"))
    rows = board.locator("table.recent tbody tr")
    expect(rows.first.locator("a")).to_be_visible()
    _fits(board, viewport["width"])
    row_is_card = rows.first.evaluate("row => getComputedStyle(row).display") == "block"
    assert row_is_card == (viewport is PHONE)
    board.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_a_steering_boards_members_fit_the_screen(browser, portal, viewport):
    """A board's members: a card per person on a phone (the table was four columns of one word a line)."""
    from intranet.boards.models import Board

    board = Board.objects.filter(live=True).order_by("pk").first()
    citizen = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
    for path, table in (("/ban-chi-dao/", "table.boards"), (f"/ban-chi-dao/{board.pk}/", "table.members")):
        citizen.goto(portal.url(path))
        rows = citizen.locator(f"{table} tbody tr")
        expect(rows.first).to_be_visible()
        _fits(citizen, viewport["width"])
        assert (rows.first.evaluate("row => getComputedStyle(row).display") == "block") == (viewport is PHONE)
    citizen.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_citizens_forms_and_lists_fit_the_screen(browser, portal, viewport):
    """Q&A with its filters side by side, the tracking-code look-up, the drafts for comment, the directory."""
    citizen = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
    for path in ("/hoi-dap/", "/tra-cuu/", "/lay-y-kien-du-thao/", "/danh-ba/"):
        citizen.goto(portal.url(path))
        _fits(citizen, viewport["width"])
    filters = [citizen.locator(selector) for selector in ("#answers-q", "#answers-field", "#answers-agency")]
    citizen.goto(portal.url("/hoi-dap/"))
    tops = [box.bounding_box()["y"] for box in filters]
    assert (max(tops) - min(tops) < 20) == (viewport is DESKTOP)  # one row on a desktop, one box a line on a phone
    citizen.goto(portal.url("/tra-cuu/"))
    assert citizen.locator("#ma").bounding_box()["width"] > 150
    citizen.context.close()
