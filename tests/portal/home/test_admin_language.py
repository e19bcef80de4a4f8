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


SNIPPET_ENGLISH = ["Choose đơn vị", "could not be created", "There is", "There are", "Page 1 of", "Previous", "Next", "Save draft"]


def test_the_snippet_screens_and_choosers_show_no_english_label(officer_client):
    province_and_wards()
    add = "/quan-tri/snippets/directory/person/add/"
    screens = {
        add: officer_client.get(add),
        f"{add} (with errors)": officer_client.post(add, {}),
        "unit chooser": officer_client.get("/quan-tri/snippets/choose/units/unit/"),
        "board editor": officer_client.get("/quan-tri/snippets/boards/board/add/"),
    }
    for where, response in screens.items():
        text = _visible_text(response.content.decode())
        found = [label for label in SNIPPET_ENGLISH if label in text]
        assert found == [], (where, found)
