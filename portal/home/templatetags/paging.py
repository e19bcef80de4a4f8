"""The numbers a pager shows (templates/includes/pager.html): the first and last pages, a few around this one, gaps elided."""

from django import template

register = template.Library()


@register.filter
def page_numbers(page) -> list:
    """1 … 4 5 [6] 7 8 … 40: the paginator's own elided range, at most about ten links whatever the number of pages."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
