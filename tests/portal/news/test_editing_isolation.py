"""A unit editor edits only their own unit's pages and images; the server refuses the rest."""

import pytest
from wagtail.models import Page

from intranet.accounts.models import Role
from intranet.accounts.services import grant_role
from intranet.units.services import collection_for
from tests.factories.accounts import UserFactory
from tests.factories.news import article, image, news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sites):
    user = UserFactory()
    grant_role(user, sites[1], Role.UNIT_BOARD)  # Phú Xuân's board
    return user


def test_an_editor_edits_their_own_units_article(client, sites, editor):
    own = article(sites[1], "Tin Phú Xuân")
    client.force_login(editor)
    assert client.get(f"/quan-tri/pages/{own.pk}/edit/").status_code == 200


def test_another_units_pages_are_refused_on_the_server(client, sites, editor):
    other = article(sites[2], "Tin Thuận Hóa")
    client.force_login(editor)
    assert client.get(f"/quan-tri/pages/{other.pk}/edit/").status_code in (302, 403)
    response = client.post(f"/quan-tri/pages/{other.pk}/edit/", {"title": "Bị sửa trộm", "slug": other.slug})
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Tin Thuận Hóa" and other.get_latest_revision().content["title"] == "Tin Thuận Hóa"
    index = news_index(sites[2])
    assert client.get(f"/quan-tri/pages/add/news/articlepage/{index.pk}/").status_code in (302, 403)
    assert Page.objects.child_of(index).count() == 1


def test_another_units_images_are_refused(client, sites, editor):
    theirs = image("Ảnh Thuận Hóa", collection=collection_for(sites[2]))
    mine = image("Ảnh Phú Xuân", collection=collection_for(sites[1]))
    client.force_login(editor)
    assert client.get(f"/quan-tri/images/{mine.pk}/").status_code == 200
    assert client.get(f"/quan-tri/images/{theirs.pk}/").status_code in (302, 403)
    assert client.post(f"/quan-tri/images/{theirs.pk}/delete/").status_code in (302, 403)
    theirs.refresh_from_db()
