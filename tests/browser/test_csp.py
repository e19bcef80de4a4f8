"""The Content-Security-Policy (issue 12.5) in Chromium: every public page type, the desk and the
Wagtail admin carry it, and the browser reports no violation while they are used — so nothing a
user clicks was silently blocked (an inline script, an ``onclick``, a ``style=`` attribute)."""

import re

import pytest
from playwright.sync_api import expect

from portal.news.models import ArticlePage

from .steps import login
from .test_accessibility import _absolute, public_paths

# Registered before any page script runs: every violation the browser reports is kept on the page.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`);
});
"""


def _watch(context):
    context.add_init_script(LISTEN)
    headers = {}
    context.on(
        "response",
        lambda response: headers.setdefault(response.url, response.headers)
        if response.request.resource_type == "document"
        else None,
    )
    return headers


def _violations(page):
    return page.evaluate("window.__csp || []")


def _visit(page, url, found, headers):
    response = page.goto(url)
    assert response.ok, f"{url}: {response.status}"
    page.wait_for_load_state("networkidle")
    policy = headers.get(page.url, {}).get("content-security-policy") or response.headers.get("content-security-policy", "")
    if "script-src" not in policy:
        found[url] = ["no Content-Security-Policy header"]
    elif problems := _violations(page):
        found[url] = problems


def _report(found):
    return "\n".join(f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items())


def test_public_pages_work_under_the_policy(browser, portal):
    context = browser.new_context(locale="vi-VN")
    headers = _watch(context)
    page = context.new_page()
    found = {}
    for path in public_paths().values():
        urls = [portal.url(path), portal.url(path, unit="phuxuan")] if path == "/" else [_absolute(portal, path)]
        for url in urls:
            _visit(page, url, found, headers)
    assert not found, _report(found)

    # What the policy must not break: the article's print button still opens printing (site.js).
    article = ArticlePage.objects.live().filter(locale__language_code="vi").order_by("path").first()
    page.goto(_absolute(portal, article.get_url()))
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="In bài viết").click()
    assert page.evaluate("window.__printed === true")
    assert not _violations(page)
    context.close()


def test_the_desk_works_under_the_policy(browser, portal):
    page = login(browser, portal, "cv_stp")
    headers = _watch(page.context)
    found = {}
    for path in ("/ban-lam-viec/", "/ho-so/", "/thong-bao/", "/danh-ba/ca-nhan/", "/ho-so/thong-ke/"):
        _visit(page, portal.url(path), found, headers)
    assert not found, _report(found)


@pytest.mark.parametrize(
    "path,ready",
    [
        ("/quan-tri/", "main"),
        ("/quan-tri/pages/", "main table"),
        ("/quan-tri/images/", "main"),
        ("/quan-tri/documents/", "main"),
        ("/quan-tri/snippets/", "main"),
        ("/quan-tri/users/", "main table"),
        ("/quan-tri/reports/site-history/", "main"),
    ],
)
def test_the_wagtail_admin_works_under_the_policy(browser, portal, path, ready):
    page = login(browser, portal, "quantri")
    headers = _watch(page.context)
    found = {}
    _visit(page, portal.url(path), found, headers)
    expect(page.locator(ready).first).to_be_visible()
    # The admin's own scripts ran: the sidebar (a React component) drew its menu.
    expect(page.locator("[data-side-panel-toggle], .sidebar, #wagtail-sidebar").first).to_be_attached()
    assert not found, _report(found)


def test_the_page_editor_works_under_the_policy(browser, portal):
    """The heaviest admin screen: the editor's StreamField and rich text come alive and save a draft."""
    page = login(browser, portal, "quantri")
    _watch(page.context)
    article = ArticlePage.objects.live().filter(locale__language_code="vi").order_by("path").first()
    page.goto(portal.url(f"/quan-tri/pages/{article.pk}/edit/"))
    expect(page.locator("[data-draftail-input], .Draftail-Editor").first).to_be_attached()
    page.get_by_role("button", name=re.compile("Lưu bản nháp")).first.click()
    expect(page.locator(".messages, [data-w-messages-target]").first).to_contain_text(re.compile(re.escape(article.title)))
    assert not _violations(page), _violations(page)
