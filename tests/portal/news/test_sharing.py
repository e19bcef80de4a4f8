"""Offering unit news up, republishing on the portal with credit, and the state-secret refusals."""

import pytest
from django.core.exceptions import ValidationError

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from portal.news import services
from portal.news.models import ArticlePage, Category
from tests.factories.accounts import UserFactory
from tests.factories.news import article

pytestmark = pytest.mark.django_db
PORTAL = {"HTTP_HOST": "localhost"}
WARD = {"HTTP_HOST": "phuxuan.localhost"}


@pytest.fixture
def people(sites):
    tinh, phuxuan, thuanhoa = sites
    board, ward_editor, other_editor = UserFactory(), UserFactory(), UserFactory()
    grant_role(board, tinh, Role.PORTAL_BOARD)
    grant_role(ward_editor, phuxuan, Role.UNIT_BOARD)
    grant_role(other_editor, thuanhoa, Role.UNIT_BOARD)
    return board, ward_editor, other_editor


def test_a_unit_offers_news_up_and_the_portal_board_republishes_it_with_credit(client, sites, people):
    _tinh, phuxuan, _ = sites
    board, ward_editor, _other = people
    page = article(phuxuan, "Phú Xuân khánh thành cầu dân sinh")

    client.force_login(ward_editor)
    assert client.post(f"/ban-bien-tap/tin/{page.pk}/de-xuat-len-cong/").status_code == 302
    client.force_login(board)
    queue = client.get("/ban-bien-tap/de-xuat-len-cong/").text
    assert "Phú Xuân khánh thành cầu dân sinh" in queue
    assert client.post(f"/ban-bien-tap/tin/{page.pk}/dang-lai/").status_code == 302
    client.logout()

    copy = ArticlePage.objects.get(source_article=page)
    assert copy.unit.depth == 1 and copy.live
    portal_list = client.get("/tin-tuc/", **PORTAL).text
    assert "Phú Xuân khánh thành cầu dân sinh" in portal_list
    on_portal = client.get(copy.url, **PORTAL).text
    assert "Nguồn" in on_portal and "Phường Phú Xuân" in on_portal
    assert f'href="http://phuxuan.localhost/tin-tuc/{page.slug}/"' in on_portal
    # Republished activity news is the portal's own now, not shared back down to every site.
    assert "Phú Xuân khánh thành cầu dân sinh" not in client.get("/tin-tuc/", HTTP_HOST="thuanhoa.localhost").text


def test_only_the_units_own_editors_offer_and_only_the_portal_board_republishes(client, sites, people):
    _tinh, phuxuan, _ = sites
    board, ward_editor, other_editor = people
    page = article(phuxuan, "Tin của Phú Xuân")
    client.force_login(other_editor)
    assert client.post(f"/ban-bien-tap/tin/{page.pk}/de-xuat-len-cong/").status_code == 403
    page.refresh_from_db()
    assert not page.offered_up
    services.offer_up(page, ward_editor)
    client.force_login(ward_editor)
    assert client.get("/ban-bien-tap/de-xuat-len-cong/").status_code == 403
    assert client.post(f"/ban-bien-tap/tin/{page.pk}/dang-lai/").status_code == 403
    assert not ArticlePage.objects.filter(source_article=page).exists()


def test_a_secret_article_cannot_be_published(sites):
    _tinh, phuxuan, _ = sites
    page = article(phuxuan, "Văn bản mật", live=False, is_secret=True)
    with pytest.raises(ValidationError, match="Mật"):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live


def test_a_secret_article_is_neither_offered_up_nor_republished(sites, people):
    _tinh, phuxuan, _ = sites
    board, ward_editor, _ = people
    page = article(phuxuan, "Tin sẽ bị đánh dấu mật")
    services.offer_up(page, ward_editor)
    ArticlePage.objects.filter(pk=page.pk).update(is_secret=True)
    page.refresh_from_db()
    with pytest.raises(ValidationError, match="Mật"):
        services.offer_up(page, ward_editor)
    with pytest.raises(ValidationError, match="Mật"):
        services.republish(page, board)
    assert not ArticlePage.objects.filter(source_article=page).exists()


def test_a_secret_portal_article_is_not_shared_down(client, sites):
    tinh, *_ = sites
    page = article(tinh, "Tin điều hành thường", category=Category.GOVERNMENT)
    ArticlePage.objects.filter(pk=page.pk).update(is_secret=True)  # flagged after the fact
    assert "Tin điều hành thường" not in client.get("/tin-tuc/", **WARD).text
    assert client.get(f"/tin-tuc/{page.slug}/", **WARD).status_code == 404
