from django import template

from ..models import ArticlePage, NewsIndexPage, with_list_images

register = template.Library()

HOME_ARTICLES = 8


@register.inclusion_tag("news/_card.html", takes_context=True)
def article_card(context, article, index=None):
    """A list card; a shared-down article on a unit site links to the unit's own /tin-tuc/<slug>/."""
    request = context.get("request")
    href = article.get_url(request)
    if index is not None and article.unit_id and article.unit_id != getattr(getattr(request, "unit", None), "pk", None) and not index.is_portal:
        href = f"{index.get_url(request)}{article.slug}/"
    return {"article": article, "href": href}


@register.inclusion_tag("news/home_sections.html", takes_context=True)
def home_news(context, home):
    request = context.get("request")
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        return {"articles": [], "index": None, "index_url": "/tin-tuc/"}
    articles = with_list_images(ArticlePage.objects.for_site_of(index).order_by("-date", "-pk"))[:HOME_ARTICLES]
    return {"articles": articles, "index": index, "index_url": index.get_url(request), "request": request}
