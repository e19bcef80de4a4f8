"""axe-core (vendored from the npm registry, tests/browser/vendor/) on every public page type and on
the desk, at phone and desktop width: no critical or serious WCAG 2.1 AA violation."""

from pathlib import Path

import pytest
from django.utils import timezone

from intranet.boards.models import Board
from intranet.cases.models import Case
from intranet.cases.views import PUBLISHED_KINDS
from intranet.speeches.models import Speech
from portal.calendars.models import WorkCalendarIndexPage
from portal.consultations.models import ConsultationIndexPage, ConsultationPage
from portal.galleries.models import GalleryIndexPage, GalleryPage
from portal.news.models import ArticlePage, NewsIndexPage
from portal.pages.models import IntroPage, LegalDocumentIndexPage, LegalDocumentPage, OrganisationPage

from .conftest import DESKTOP, PHONE
from .steps import login

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}


def _first_url(model, **filters):
    page = model.objects.live().filter(**filters).order_by("path").first()
    return page.get_url() if page else None


def public_paths():
    """One URL of each public page type of the demo (the path on the portal's host)."""
    paths = {
        "trang chủ": "/",
        "tin tức (chuyên mục)": _first_url(NewsIndexPage),
        "bài viết": _first_url(ArticlePage, locale__language_code="vi"),
        "thư viện ảnh": _first_url(GalleryIndexPage),
        "album ảnh": _first_url(GalleryPage),
        "giới thiệu": _first_url(IntroPage),
        "tổ chức bộ máy": _first_url(OrganisationPage),
        "văn bản": _first_url(LegalDocumentIndexPage),
        "một văn bản": _first_url(LegalDocumentPage),
        "lấy ý kiến dự thảo": _first_url(ConsultationIndexPage),
        "một dự thảo (đang lấy ý kiến, có mẫu góp ý)": _first_url(ConsultationPage, closes_on__gte=timezone.localdate()),
        "một dự thảo đã hết hạn": _first_url(ConsultationPage, closes_on__lt=timezone.localdate()),
        "lịch công tác": _first_url(WorkCalendarIndexPage),
        "lịch công tác (bản in)": (calendar := _first_url(WorkCalendarIndexPage)) and f"{calendar}?in=1",
        "danh bạ": "/danh-ba/",
        "danh bạ một đơn vị": "/danh-ba/stp/",
        "ban chỉ đạo": "/ban-chi-dao/",
        "bài phát biểu": "/bai-phat-bieu/",
        "hỏi đáp": "/hoi-dap/",
        "gửi câu hỏi": "/hoi-dap/gui-cau-hoi/",
        "tra cứu": "/tra-cuu/",
        "gửi tin bài": "/gui-tin-bai/",
        "tìm kiếm": "/tim-kiem/?q=hanh+chinh",
        "đăng nhập": "/dang-nhap/",
        "English home": "/en/",
    }
    board = Board.objects.filter(live=True).order_by("pk").first()
    if board:
        paths["một ban chỉ đạo"] = f"/ban-chi-dao/{board.pk}/"
    speech = Speech.objects.filter(live=True).order_by("pk").first()
    if speech:
        paths["một bài phát biểu"] = f"/bai-phat-bieu/{speech.pk}/"
    answered = Case.objects.published().filter(kind__in=PUBLISHED_KINDS).order_by("pk").first()
    if answered:
        paths["một câu trả lời"] = f"/hoi-dap/{answered.code}/"
    missing = [name for name, path in paths.items() if not path]
    assert not missing, f"the demo has no page of these types: {missing}"
    return paths


def _absolute(portal, path):
    """Wagtail gives a page of another site (a unit's) as an absolute URL already."""
    return path if path.startswith("http") else portal.url(path)


def violations(page, impacts=BLOCKING):
    """axe's WCAG 2.1 A/AA violations of these impacts (serious and critical unless told) on the page as it is now."""
    # Through the DevTools protocol, not a <script> tag: the site's CSP rightly refuses inline scripts.
    page.evaluate("() => {\n" + AXE.read_text() + "\n}")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_21_AA
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} — {', '.join(str(node['target']) for node in rule['nodes'][:3])}"
        for rule in result["violations"]
        if impacts is None or rule["impact"] in impacts
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_every_public_page_type_has_no_serious_wcag_violation(browser, portal, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    page = context.new_page()
    found = {}
    for name, path in public_paths().items():
        urls = [portal.url(path), portal.url(path, unit="phuxuan")] if path == "/" else [_absolute(portal, path)]
        for url in urls:
            page.goto(url)
            if problems := violations(page):
                found[f"{name} {url}"] = problems
    context.close()
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items())


def test_the_desk_has_no_serious_wcag_violation(browser, portal):
    page = login(browser, portal, "cv_stp")
    found = {}
    for path in ("/ban-lam-viec/", "/ho-so/", "/thong-bao/", "/danh-ba/ca-nhan/"):
        page.goto(portal.url(path))
        if problems := violations(page):
            found[path] = problems
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items())


def test_axe_would_catch_an_unlabelled_field(browser, portal):
    """The check itself works: a field without a label is a serious violation."""
    page = browser.new_page()
    page.goto(portal.url("/tra-cuu/"))
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=\"text\" name=\"x\">')")
    assert any(problem.startswith("label (critical)") for problem in violations(page))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_the_filtered_documents_the_work_calendar_and_the_consultations_have_no_serious_wcag_violation(browser, portal, viewport):
    """Issue 14: the legal documents with their filters applied (and the result), the work calendar
    of the portal and of a ward, the drafts put out for comment: no violation at all, minor ones included."""
    page = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
    found = {}
    documents = _absolute(portal, _first_url(LegalDocumentIndexPage))
    page.goto(documents)
    form = page.locator("form.document-filters")
    for select in form.locator("select").all():
        if select.locator("option").count() > 1:
            select.select_option(index=1)
            break
    form.locator("input[name=tu-ngay]").fill("01/01/2020")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "?" in page.url
    if problems := violations(page, impacts=None):
        found[page.url] = problems
    for url in (
        documents + "?q=ngh%E1%BB%8B+quy%E1%BA%BFt",
        _absolute(portal, _first_url(WorkCalendarIndexPage)),
        portal.url("/lich-cong-tac/", unit="phuxuan"),
        _absolute(portal, _first_url(ConsultationIndexPage)),
        _absolute(portal, _first_url(ConsultationPage, closes_on__gte=timezone.localdate())),
    ):
        page.goto(url)
        if problems := violations(page, impacts=None):
            found[url] = problems
    page.context.close()
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items())
