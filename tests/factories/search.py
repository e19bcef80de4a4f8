"""Pages for search tests: published, draft or private, under a unit's site."""

import datetime as dt

from wagtail.models import Page, PageViewRestriction

from portal.home.models import StandardPage
from portal.pages.models import LegalDocumentIndexPage, LegalDocumentPage


def standard_page(parent: Page, title: str, *, live: bool = True, description: str = "", body: str = "") -> StandardPage:
    page = parent.add_child(instance=StandardPage(title=title, search_description=description, body=body, live=live))
    if live:
        page.save_revision().publish()
    return page


def make_private(page: Page) -> Page:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat-2026")
    return page


def legal_document(home: Page, title: str, number: str, **fields) -> LegalDocumentPage:
    """A published legal document under the site's document list (created when missing)."""
    documents = LegalDocumentIndexPage.objects.child_of(home).first()
    if documents is None:
        documents = home.add_child(instance=LegalDocumentIndexPage(title="Văn bản"))
    defaults = {"issuer": "Ủy ban nhân dân", "issued_on": dt.date(2026, 1, 5), "summary": title}
    return documents.add_child(instance=LegalDocumentPage(title=title, number=number, **{**defaults, **fields}))
