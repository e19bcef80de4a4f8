import io

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from intranet.moderation import demo as moderation_demo
from intranet.moderation.models import ModerationItem, Step
from portal.galleries.models import GalleryPage
from portal.news import demo as news_demo
from portal.news.models import ArticlePage, Category

pytestmark = pytest.mark.django_db


def _fingerprint():
    return (Page.objects.count(), Revision.objects.count(), ModerationItem.objects.count(), get_image_model().objects.count(),
            list(ModerationItem.objects.order_by("pk").values_list("step", "step_due_at")))


def test_the_demo_has_lived_in_news_galleries_and_moderation_and_loads_twice_the_same(client):
    # Only the loaders this demo stands on (units, accounts), then ours, in PROJECT_APPS order.
    from intranet.accounts import demo as accounts_demo
    from intranet.units import demo as units_demo

    for loader in (units_demo, accounts_demo, moderation_demo, news_demo):
        loader.load(io.StringIO())
    live = ArticlePage.objects.filter(live=True)
    assert live.count() >= 60
    assert {Category.PROVINCE_NEWS, Category.GOVERNMENT, Category.ACTIVITY} <= set(live.values_list("category", flat=True))
    assert live.values("unit").distinct().count() >= 5
    assert ArticlePage.objects.filter(source_article__isnull=False, live=True).exists()  # one republished on the portal
    assert GalleryPage.objects.filter(live=True).count() >= 5 and all(g.photos.count() == 5 for g in GalleryPage.objects.all())
    steps = set(ModerationItem.objects.values_list("step", flat=True))
    assert {Step.RECEIVE, Step.FORWARD, Step.ASSIGN, Step.REVIEW, Step.DECIDE, Step.CARRY_OUT, Step.DONE} <= steps
    assert ModerationItem.objects.overdue(timezone.now()).exists()
    assert ModerationItem.objects.filter(outcome="refused").exists() and ModerationItem.objects.filter(outcome="published").exists()
    assert not ArticlePage.objects.filter(is_secret=True, live=True).exists()
    assert "Festival Huế 2026" in client.get("/tin-tuc/", HTTP_HOST="phuxuan.localhost").text
    # Legal documents a visitor can filter: kinds, fields and issuers of every level, each with its file.
    documents = client.get("/van-ban/", HTTP_HOST="phuxuan.localhost").context["documents"]
    assert documents.paginator.count >= 8 and all(doc.kind and doc.field and doc.attachments.all() for doc in documents)
    assert {doc.level for doc in documents} == {"trung-uong", "tinh", "don-vi"} and len({doc.issuer for doc in documents}) >= 3
    land = client.get("/van-ban/?linh-vuc=dat-dai&so=qd-ubnd", HTTP_HOST="phuxuan.localhost").context["documents"]
    assert [doc.number for doc in land] == ["22/2025/QĐ-UBND"]

    before = _fingerprint()
    moderation_demo.load(io.StringIO())
    news_demo.load(io.StringIO())
    assert _fingerprint() == before
