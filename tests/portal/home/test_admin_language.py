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


# Strings that look English but are the project's own Vietnamese ("Nam": male) or units and abbreviations.
NOT_ENGLISH = {"Nam", "fax", "%s MB", "%(size)d byte"}


@pytest.fixture
def untranslated(monkeypatch):
    """Every string the admin asks the Vietnamese catalogue for and gets back in English, with where."""
    from django.utils.translation import trans_real

    vi = trans_real.translation("vi")
    found, where = {}, [""]
    gettext, ngettext = vi.gettext, vi.ngettext

    def english(message):
        return message not in NOT_ENGLISH and re.search(r"[A-Za-z]{2}", message) and not re.search(r"[^\W\d_A-Za-z]", message)

    def recording_gettext(message):
        translated = gettext(message)
        if translated == message and english(message):
            found.setdefault(message, where[0])
        return translated

    def recording_ngettext(singular, plural, number):
        translated = ngettext(singular, plural, number)
        if translated in (singular, plural) and english(singular):
            found.setdefault(singular, where[0])
        return translated

    monkeypatch.setattr(vi, "gettext", recording_gettext)
    monkeypatch.setattr(vi, "ngettext", recording_ngettext)
    return found, where


def test_every_admin_screen_an_officer_opens_asks_only_for_translated_strings(client, untranslated):
    """The editor, the explorer, snippets, images, documents, choosers, reports and the account screen,
    as a unit's board member and as the system administrator: no label, help text, button or
    screen-reader text is left in English (templates, forms and the scripts' strings alike)."""
    from intranet.accounts.models import Role
    from intranet.accounts.services import grant_role
    from tests.factories.news import image

    found, where = untranslated
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    page = article(phuxuan, "Tin thử trình soạn thảo", with_image=True)
    image("Ảnh thử")
    index = news_index(phuxuan).pk
    board = UserFactory()
    grant_role(board, phuxuan, Role.UNIT_BOARD)
    screens = [
        "/quan-tri/", f"/quan-tri/pages/{page.pk}/edit/", f"/quan-tri/pages/add/news/articlepage/{index}/",
        f"/quan-tri/pages/{index}/", f"/quan-tri/pages/{page.pk}/history/", "/quan-tri/pages/search/?q=tin",
        f"/quan-tri/pages/{page.pk}/move/", f"/quan-tri/pages/{page.pk}/delete/", f"/quan-tri/pages/{page.pk}/unpublish/",
        f"/quan-tri/pages/{page.pk}/copy/",
        "/quan-tri/snippets/directory/person/", "/quan-tri/snippets/directory/person/add/",
        "/quan-tri/snippets/boards/board/", "/quan-tri/snippets/boards/board/add/",
        "/quan-tri/snippets/speeches/speech/", "/quan-tri/snippets/speeches/speech/add/", "/quan-tri/snippets/units/unit/",
        "/quan-tri/images/", "/quan-tri/images/multiple/add/", "/quan-tri/documents/", "/quan-tri/documents/multiple/add/",
        "/quan-tri/choose-page/", "/quan-tri/images/chooser/", "/quan-tri/documents/chooser/",
        "/quan-tri/reports/locked/", "/quan-tri/reports/workflow/", "/quan-tri/reports/workflow_tasks/",
        "/quan-tri/reports/site-history/", "/quan-tri/reports/aging-pages/", "/quan-tri/reports/page-types-usage/",
        "/quan-tri/account/", "/quan-tri/collections/", "/quan-tri/workflows/list/", "/quan-tri/redirects/",
        "/quan-tri/sites/", "/quan-tri/locales/", "/quan-tri/users/",
    ]
    for officer in (board, UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(officer)
        for url in screens:
            where[0] = url
            client.get(url)
        where[0] = "the editor and a snippet with errors"
        client.post(f"/quan-tri/pages/{page.pk}/edit/", {"title": ""})
        client.post("/quan-tri/snippets/directory/person/add/", {})
    assert found == {}


def test_the_admin_scripts_have_every_string_in_vietnamese(client):
    """The editor's scripts (Draftail, the side panels, the comments) read their strings from the
    admin's JavaScript catalogue: every string Wagtail's scripts use is there in Vietnamese."""
    import json
    from pathlib import Path

    import wagtail.admin

    source = (Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po").read_text(encoding="utf-8")
    wanted = {m for m in re.findall(r'^msgid "(.+)"$', source, re.M)}
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    script = client.get("/quan-tri/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    missing = sorted(m for m in wanted if m.replace('\\"', '"') not in catalog)
    assert missing == []


def test_the_page_tree_and_the_image_folders_start_from_goc_not_root(officer_client):
    from wagtail.models import Collection, Page

    assert Page.objects.get(depth=1).title == "Gốc" and Collection.objects.get(depth=1).name == "Gốc"
    text = _visible_text(officer_client.get("/quan-tri/pages/").content.decode())
    assert "Gốc" in text and "Root" not in text


def test_dates_are_read_and_offered_day_first(officer_client):
    """05/12/2026 is the fifth of December in every form, and the editor's pickers write dates so."""
    import datetime as dt

    from django import forms
    from django.utils import translation

    for language in ("vi", "en"):
        with translation.override(language):
            field = forms.DateField()
            assert field.clean("05/12/2026") == dt.date(2026, 12, 5)
            assert forms.DateTimeField().clean("05/12/2026 08:30").replace(tzinfo=None) == dt.datetime(2026, 12, 5, 8, 30)
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    page = article(phuxuan, "Tin hẹn giờ")
    html = officer_client.get(f"/quan-tri/pages/{page.pk}/edit/").content.decode()
    assert "d/m/Y H:i" in html and "m/d/Y" not in html


def test_the_admin_home_lists_an_editors_recent_edits_in_vietnamese(officer_client):
    """Issue 14 screenshots: the dashboard's "Your most recent edits" panel and its "37 phút ago"."""
    _tinh, phuxuan, _thuanhoa = province_and_wards()
    page = article(phuxuan, "Tin thử bảng điều khiển")
    user = officer_client.get("/quan-tri/").wsgi_request.user
    page.save_revision(user=user, log_action=True)
    text = _visible_text(officer_client.get("/quan-tri/").content.decode())
    assert "Tin thử bảng điều khiển" in text and "Trang bạn sửa gần đây" in text
    assert "Your most recent edits" not in text and " ago" not in text
