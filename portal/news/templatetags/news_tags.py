from django import template

from ..models import ArticlePage, NewsIndexPage, with_list_images

register = template.Library()

HOME_ARTICLES = 6  # the featured article and the five after it
BLOCK_ARTICLES = 4  # per category block
HOME_POOL = 60  # the latest articles the blocks are drawn from


@register.simple_tag(takes_context=True)
def article_href(context, article, index=None):
    """Where a list links an article: a shared-down article on a unit site opens at the unit's own /tin-tuc/<slug>/."""
    request = context.get("request")
    if index is not None and article.unit_id and article.unit_id != getattr(getattr(request, "unit", None), "pk", None) and not index.is_portal:
        return f"{index.get_url(request)}{article.slug}/"
    return article.get_url(request)


@register.inclusion_tag("news/_card.html", takes_context=True)
def article_card(context, article, index=None):
    """A list card."""
    return {"article": article, "href": article_href(context, article, index)}


@register.inclusion_tag("news/home_sections.html", takes_context=True)
def home_news(context, home):
    """The home page's news: the latest as featured, then a block per category (Huế Art. 4.2).

    One list of the latest articles, grouped here: the same few queries whatever the number of
    articles or categories.
    """
    from ..models import Category

    request = context.get("request")
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        return {"featured": None, "articles": [], "blocks": [], "index": None, "index_url": "/tin-tuc/"}
    latest = list(with_list_images(ArticlePage.objects.for_site_of(index).order_by("-date", "-pk"))[:HOME_POOL])
    index_url = index.get_url(request)
    blocks = []
    for code, label in Category.choices:
        articles = [article for article in latest[1:] if article.category == code][:BLOCK_ARTICLES]
        if len(articles) > 1:
            articles = articles[: len(articles) // 2 * 2]  # whole rows of the block's grid (news.css): never 3
        if articles:
            blocks.append({"label": label, "url": f"{index_url}?chuyen-muc={code}", "articles": articles})
    return {
        "featured": latest[0] if latest else None, "latest": latest[1:HOME_ARTICLES], "blocks": blocks,
        "index": index, "index_url": index_url, "request": request,
    }
