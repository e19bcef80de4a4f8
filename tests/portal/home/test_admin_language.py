"""The Wagtail admin an officer uses is Vietnamese: the project catalogue (locale/vi) fills Wagtail's gaps."""

import re

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.news import article, news_index, province_and_wards

pytestmark = pytest.mark.django_db
ENGLISH_LABELS = [
    "Save draft", "More actions", "Go live date/time", "Expiry date/time", "Promote", "Search engine title",
    "Show in menus", "Comments", "Publish", "Preview", "Schedule publishing", "Privacy", "Status", "History",
]


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def officer_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_the_article_editor_shows_no_english_label(officer_client):
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    page = article(phuxuan, "Tin thử trình soạn thảo")
    for url in (f"/quan-tri/pages/{page.pk}/edit/", f"/quan-tri/pages/add/news/articlepage/{news_index(phuxuan).pk}/"):
        text = _visible_text(officer_client.get(url).content.decode())
        found = [label for label in ENGLISH_LABELS if re.search(rf"(?<![\w/]){re.escape(label)}(?![\w/])", text)]
        assert found == [], (url, found)
