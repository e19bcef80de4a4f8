"""Pages for search tests: published, draft or private, under a unit's site."""

from wagtail.models import Page, PageViewRestriction

from portal.home.models import StandardPage


def standard_page(parent: Page, title: str, *, live: bool = True, description: str = "") -> StandardPage:
    page = parent.add_child(instance=StandardPage(title=title, search_description=description, live=live))
    if live:
        page.save_revision().publish()
    return page


def make_private(page: Page) -> Page:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat-2026")
    return page
