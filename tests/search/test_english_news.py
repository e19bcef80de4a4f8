"""The portal's news in English: wagtail-localize translations of the index and its articles, served under /en/."""

import datetime as dt

import pytest
from wagtail_localize.models import Translation

from portal.news.models import ArticlePage, Category, NewsIndexPage
from search.demo import ENGLISH_NEWS
from search.translations import publish_translation
from tests.factories.news import article, image, news_index
from tests.factories.units import unit_with_site
from tests.search.helpers import assert_versions_linked

PORTAL = {"HTTP_HOST": "localhost"}


@pytest.fixture
def english_index(hue, english_home, english):
    return publish_translation(news_index(hue), english, ENGLISH_NEWS)


@pytest.fixture
def festival(hue):
    return article(
        hue,
        "Festival Huế thu hút du khách",
        category=Category.PROVINCE_NEWS,
        with_image=True,
        slug="festival-hue",
        body="<p>Đoạn một về lễ hội.</p><p>Đoạn hai.</p>",
    )


def _in_english(page, english, title="Hue Festival draws visitors"):
    return publish_translation(
        page,
        english,
        {"title": title, "slug": "hue-festival", "summary": "Visitors flock to Hue.", "body": ["About the festival.", "Second."]},
    )


def test_the_english_news_index_lists_only_english_articles(client, hue, festival, english_index, english):
    _in_english(festival, english)
    article(hue, "Tin chỉ có tiếng Việt", category=Category.PROVINCE_NEWS)
    response = client.get("/en/news/", **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    assert "Hue Festival draws visitors" in html
    assert "Festival Huế thu hút du khách" not in html and "Tin chỉ có tiếng Việt" not in html
    assert 'href="/en/news/hue-festival/"' in html


def test_the_vietnamese_index_does_not_list_the_english_translations(client, festival, english_index, english):
    _in_english(festival, english)
    html = client.get("/tin-tuc/", **PORTAL).content.decode()
    assert "Festival Huế thu hút du khách" in html and "Hue Festival draws visitors" not in html


def test_a_unit_site_shares_down_only_the_vietnamese_articles(client, hue, festival, english_index, english):
    _in_english(festival, english)
    unit_with_site(hue, code="phuxuan", name="Phường Phú Xuân")
    html = client.get("/tin-tuc/", HTTP_HOST="phuxuan.localhost").content.decode()
    assert "Festival Huế thu hút du khách" in html and "Hue Festival draws visitors" not in html


def test_the_english_article_is_served_under_en_with_its_english_text(client, festival, english_index, english):
    _in_english(festival, english)
    response = client.get("/en/news/hue-festival/", **PORTAL)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    assert "Hue Festival draws visitors" in html and "About the festival." in html and "Visitors flock to Hue." in html
    assert "Đoạn một về lễ hội." not in html


def test_article_versions_link_to_each_other_with_hreflang_and_the_switcher(client, festival, english_index, english):
    _in_english(festival, english)
    assert_versions_linked(client, "/tin-tuc/festival-hue/", "/en/news/hue-festival/")


def test_the_translation_keeps_unit_category_image_and_date(festival, english_index, english, hue):
    translated = _in_english(festival, english)
    assert translated.locale == english and translated.live
    assert translated.get_parent().specific == english_index
    assert (translated.unit, translated.category, translated.image_id) == (hue, festival.category, festival.image_id)
    assert abs(translated.date - festival.date) < dt.timedelta(milliseconds=1)  # wagtail-localize keeps milliseconds


def test_the_translation_is_a_wagtail_localize_translation(festival, english_index, english):
    _in_english(festival, english)
    assert Translation.objects.filter(source__object_id=festival.translation_key, target_locale=english, enabled=True).exists()
    assert Translation.objects.filter(source__object_id=english_index.translation_key, target_locale=english).exists()


def test_syncing_the_translation_brings_the_originals_category_and_image_and_keeps_the_english(festival, english_index, english):
    translated = _in_english(festival, english)
    festival.category, festival.image = Category.GOVERNMENT, image("Ảnh mới")
    festival.save_revision().publish()
    # What "Sync translated pages" does in the admin: refresh the source, then save each translation.
    from wagtail_localize.models import TranslationSource

    TranslationSource.update_or_create_from_instance(festival)
    Translation.objects.get(source__object_id=festival.translation_key, target_locale=english).save_target(publish=False)
    latest = ArticlePage.objects.get(pk=translated.pk).get_latest_revision_as_object()
    assert (latest.category, latest.image_id) == (Category.GOVERNMENT, festival.image_id)
    assert latest.title == "Hue Festival draws visitors"


def test_related_articles_stay_in_the_articles_language(client, hue, festival, english_index, english):
    article(hue, "Tin cùng chuyên mục", category=Category.PROVINCE_NEWS)
    _in_english(festival, english)
    html = client.get("/en/news/hue-festival/", **PORTAL).content.decode()
    assert "Tin cùng chuyên mục" not in html


def _queries(client, django_assert_max_num_queries, url, limit=25):
    client.get(url, **PORTAL)  # renditions are made on the first view; count a visitor after that
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url, **PORTAL)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_the_english_index_costs_the_same_queries_with_more_articles(
    client, hue, english_index, english, django_assert_max_num_queries
):
    def add(numbers):
        for n in numbers:
            vietnamese = article(hue, f"Tin {n}", category=Category.PROVINCE_NEWS, with_image=True, slug=f"tin-{n}")
            publish_translation(vietnamese, english, {"title": f"News {n}", "slug": f"news-{n}"})

    add(range(2))
    few, _html = _queries(client, django_assert_max_num_queries, "/en/news/")
    add(range(2, 8))
    many, html = _queries(client, django_assert_max_num_queries, "/en/news/")
    assert many == few and html.count('class="news-card"') == 8


def test_translating_again_changes_nothing(festival, english_index, english):
    first = _in_english(festival, english)
    second = _in_english(festival, english, title="Another title")
    assert first.pk == second.pk and second.title == "Hue Festival draws visitors"
    assert ArticlePage.objects.filter(locale=english).count() == 1 and NewsIndexPage.objects.filter(locale=english).count() == 1


def test_english_news_names_the_unit_in_english(client, hue, festival, english_index, english):
    type(hue).objects.filter(pk=hue.pk).update(name_en="Hue City")
    _in_english(festival, english)
    assert "· Hue City</p>" in client.get("/en/news/", **PORTAL).content.decode()
    assert "· Hue City</p>" in client.get("/en/news/hue-festival/", **PORTAL).content.decode()
    assert "· Hue City</p>" not in client.get("/tin-tuc/", **PORTAL).content.decode()


def test_editors_edit_the_english_article_in_wagtail_localizes_translation_editor(client, festival, english_index, english):
    from tests.factories.accounts import UserFactory

    translated = _in_english(festival, english)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"/quan-tri/pages/{translated.pk}/edit/", **PORTAL)
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [template.name for template in response.templates]


def test_the_english_index_has_an_english_rss_feed_of_english_articles(client, hue, festival, english_index, english):
    from intranet.units.models import Unit

    Unit.objects.filter(pk=hue.pk).update(name_en="Hue City")
    _in_english(festival, english)
    assert 'href="/en/rss/"' in client.get("/en/news/", **PORTAL).content.decode()
    response = client.get("/en/rss/", **PORTAL)
    xml = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert "<title>News – Hue City</title>" in xml and "<language>en</language>" in xml
    assert "Hue Festival draws visitors" in xml and "http://localhost/en/news/hue-festival/" in xml
    assert "Festival Huế thu hút du khách" not in xml
    vietnamese = client.get("/rss/", **PORTAL).content.decode()
    assert "Festival Huế thu hút du khách" in vietnamese and "Hue Festival draws visitors" not in vietnamese
    assert "<language>vi</language>" in vietnamese


def test_without_an_english_news_index_there_is_no_english_feed(client, festival, english_home):
    assert client.get("/en/rss/", **PORTAL).status_code == 404
