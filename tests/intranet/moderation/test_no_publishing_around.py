"""Issue 13: what QT-07 governs (news, articles, photo sets) cannot be published around it in the admin:
"Publish" submits the page to the workflow instead, for a unit's editors; bulk publishing is refused."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.moderation.models import ModerationItem, Step
from portal.home.models import StandardPage
from portal.news.models import ArticlePage
from tests.factories.accounts import UserFactory
from tests.factories.news import news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_member(sites):
    user = UserFactory(first_name="Biên tập", last_name="Phú Xuân")
    grant_role(user, sites[1], Role.UNIT_BOARD)
    return user


def _article_form(title, slug):
    return nested_form_data(
        {"title": title, "slug": slug, "category": "hoat-dong", "date": "2026-12-05 09:00", "summary": "Tóm tắt",
         "body": rich_text("<p>Nội dung bài viết của phường.</p>"), "author": "", "comments": inline_formset([])}
    )  # fmt: skip


def test_publish_on_a_new_article_submits_it_to_qt07_instead(client, sites, board_member):
    index = news_index(sites[1])
    client.force_login(board_member)
    form = client.get(f"/quan-tri/pages/add/news/articlepage/{index.pk}/").text
    assert 'name="action-submit"' in form and 'name="action-publish"' not in form

    response = client.post(
        f"/quan-tri/pages/add/news/articlepage/{index.pk}/", {**_article_form("Hội thi nấu ăn", "hoi-thi-nau-an"), "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(title="Hội thi nấu ăn")
    assert not page.live
    assert WorkflowState.objects.filter(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()
    item = ModerationItem.objects.get(page=page)
    assert item.step == Step.RECEIVE and item.unit == sites[1]


def test_bulk_publishing_an_article_is_refused(client, sites, board_member):
    index = news_index(sites[1])
    client.force_login(board_member)
    client.post(f"/quan-tri/pages/add/news/articlepage/{index.pk}/", {**_article_form("Tin bị đăng hàng loạt", "tin-hang-loat"), "action-save": "1"})
    page = ArticlePage.objects.get(title="Tin bị đăng hàng loạt")
    response = client.post(f"/quan-tri/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


def test_other_pages_of_the_site_are_published_as_before(client, sites, board_member):
    home = sites[1].site.root_page
    client.force_login(board_member)
    data = nested_form_data({"title": "Giờ làm việc", "slug": "gio-lam-viec", "body": rich_text(""), "comments": inline_formset([])})
    response = client.post(f"/quan-tri/pages/add/home/standardpage/{home.pk}/", {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    assert StandardPage.objects.get(slug="gio-lam-viec").live
