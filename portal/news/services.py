"""Operations on news that cross sites: sections per site, offering up, republishing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from intranet.accounts.models import Role
from intranet.accounts.permissions import can_manage_unit, has_role, is_sysadmin

from .models import ArticlePage, Category, NewsIndexPage, SecretContentError


class NewsRefused(Exception):
    """A request the rules forbid; the message is shown to the user as is."""


def ensure_sections(home: Page) -> None:
    """Every site has ``/tin-tuc/`` and ``/thu-vien-anh/`` (idempotent)."""
    from portal.galleries.models import GalleryIndexPage

    sections = [
        (NewsIndexPage, "tin-tuc", _("Tin tức")),
        (GalleryIndexPage, "thu-vien-anh", _("Thư viện ảnh")),
    ]
    existing = set(home.get_children().values_list("slug", flat=True))
    for model, slug, title in sections:
        if slug not in existing:
            home.add_child(instance=model(title=title, slug=slug, locale_id=home.locale_id))
            home.refresh_from_db(fields=["numchild"])


def news_index_of(home: Page) -> NewsIndexPage | None:
    return NewsIndexPage.objects.child_of(home).first()


def _refuse_secret(article: ArticlePage) -> None:
    if article.is_secret:
        raise SecretContentError()


@transaction.atomic
def offer_up(article: ArticlePage, user) -> ArticlePage:
    """A unit marks one of its activity news "đề xuất lên Cổng" for the portal board."""
    _refuse_secret(article)
    if article.unit is None or not (can_manage_unit(user, article.unit) or has_role(user, article.unit, Role.CULTURE_OFFICER, Role.IT_STAFF)):
        raise NewsRefused(_("Bạn không có quyền đề xuất tin, bài của đơn vị này."))
    if article.category != Category.ACTIVITY or article.unit.is_province:
        raise NewsRefused(_("Chỉ tin hoạt động của sở, ngành, địa phương mới được đề xuất lên Cổng."))
    if not article.live:
        raise NewsRefused(_("Tin, bài phải được đăng trên trang của đơn vị trước khi đề xuất lên Cổng."))
    ArticlePage.objects.filter(pk=article.pk).update(offered_up=True, offered_at=timezone.now())
    article.offered_up, article.offered_at = True, timezone.now()
    log(instance=article, action="news.offer_up", user=user)
    return article


def offered_queue():
    """What the portal board sees to pick from: offered, live, not secret, not yet republished."""
    return (
        ArticlePage.objects.published()
        .filter(offered_up=True)
        .exclude(republications__isnull=False)
        .select_related("unit")
        .order_by("-offered_at")
    )


@transaction.atomic
def republish(article: ArticlePage, user) -> ArticlePage:
    """The portal board republishes a unit's offered article on the portal, crediting the unit and linking back."""
    from intranet.units.models import Unit

    _refuse_secret(article)
    province = Unit.objects.filter(depth=1).select_related("site").first()
    if province is None or not (is_sysadmin(user) or has_role(user, province, Role.PORTAL_BOARD)):
        raise NewsRefused(_("Chỉ Ban biên tập Cổng được chọn tin, bài để đăng lại trên Cổng."))
    if not (article.offered_up and article.live):
        raise NewsRefused(_("Tin, bài này chưa được đơn vị đề xuất lên Cổng."))
    existing = article.republications.first()
    if existing is not None:
        return existing
    portal_index = news_index_of(province.site.root_page)
    slug = f"{article.unit.code}-{article.slug}"[:255] if article.unit else article.slug
    copy = ArticlePage(
        title=article.title,
        slug=slug,
        category=Category.ACTIVITY,
        date=timezone.now(),
        summary=article.summary,
        body=article.body,
        image_id=article.image_id,
        author=article.author or (article.unit.name if article.unit else ""),
        source_article=article,
        locale_id=portal_index.locale_id,
    )
    portal_index.add_child(instance=copy)
    copy.save_revision(user=user, log_action=True).publish(user=user)
    return copy
