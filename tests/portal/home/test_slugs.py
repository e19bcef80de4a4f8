"""Slugs fold Vietnamese: "Đua ghe" → dua-ghe, in the admin, in the models and in the browser's slug field."""

import json
import re
from html import unescape

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.home.models import StandardPage
from search.folding import slugify
from tests.factories.accounts import UserFactory
from tests.factories.news import article, province_and_wards

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def _browser_slug(html: str, title: str) -> str:
    """What Wagtail's slug controller makes of ``title`` with the formatters this page sends:
    the formatters, then its ASCII ``urlify`` (lower case, drop what is not a word, dashes)."""
    value = re.search(r'<input[^>]*name="slug"[^>]*data-w-slug-formatters-value="([^"]*)"', html).group(1)
    formatters = json.loads(unescape(value))
    for (pattern, _flags), replacement in formatters:
        title = re.sub(pattern, replacement, title)
    assert all(ch.isascii() for ch in title if ch.isalpha()), title  # the ASCII urlify would drop any other letter
    return re.sub(r"[-\s]+", "-", re.sub(r"[^-\w\s]", "", title.lower())).strip("-")


def test_the_admin_slug_field_folds_vietnamese_and_the_page_keeps_it(client, admin):
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    home = phuxuan.site.root_page
    client.force_login(admin)
    form = client.get(f"/quan-tri/pages/add/home/standardpage/{home.pk}/").content.decode()
    assert "data-w-slug-allow-unicode-value" not in form  # absent: the controller's ASCII default
    slug = _browser_slug(form, "Đua ghe trên sông Hương – Tết Bính Ngọ")
    assert slug == "dua-ghe-tren-song-huong-tet-binh-ngo"
    data = nested_form_data({"title": "Đua ghe trên sông Hương – Tết Bính Ngọ", "slug": slug, "body": rich_text(""), "comments": inline_formset([])})
    response = client.post(f"/quan-tri/pages/add/home/standardpage/{home.pk}/", {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert StandardPage.objects.child_of(home).get().slug == "dua-ghe-tren-song-huong-tet-binh-ngo"


def test_a_page_saved_in_code_without_a_slug_gets_the_folded_one(db):
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    page = article(phuxuan, "Đội tuyển Đông Ba đoạt giải", slug="")
    assert page.slug == "doi-tuyen-dong-ba-doat-giai"


def test_two_pages_with_one_title_get_distinct_folded_slugs(db):
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    first = article(phuxuan, "Đua ghe", slug="")
    second = article(phuxuan, "Đua ghe", slug="")
    assert (first.slug, second.slug) == ("dua-ghe", "dua-ghe-2")


def test_the_folded_slug_keeps_no_mark():
    assert slugify("Ngày hội Đường sách – Tết Bính Ngọ 2026") == "ngay-hoi-duong-sach-tet-binh-ngo-2026"
