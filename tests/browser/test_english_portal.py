"""Journey 8: a foreign visitor reads the portal in English: home, news, the directory and search."""

import re

from playwright.sync_api import expect


def test_a_visitor_reads_the_english_portal_home_news_directory_and_search(page, portal):
    page.goto(portal.url("/en/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hue City e-Portal")

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="News").click()
    expect(page).to_have_url(re.compile(r"/en/news/$"))
    article = page.get_by_role("link", name="Hue Festival 2026 draws more than 200,000 visitors")
    expect(article.first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Festival Huế")
    article.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hue Festival 2026 draws more than 200,000 visitors")

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Directory").click()
    expect(page).to_have_url(re.compile(r"/en/directory/$"))
    page.get_by_role("link", name="Department of Justice").click()
    expect(page.locator("main")).to_contain_text("Deputy Director")
    expect(page.locator("main")).not_to_contain_text("Phó Giám đốc")

    page.get_by_role("searchbox", name="Search").fill("festival")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/tim-kiem/\?q=festival"))
    expect(page.locator("main")).to_contain_text("Hue Festival 2026 draws more than 200,000 visitors")
