"""Amounts of money as Vietnamese forms write them: 300000 -> "300.000 đ"."""

from django import template

register = template.Library()


def format_vnd(value) -> str:
    """Thousands separated by dots, then " đ"; text that is not a number (old records) is shown as it is."""
    try:
        amount = int(str(value).replace(".", "").replace(",", "").strip())
    except (TypeError, ValueError):
        return "" if value in (None, "") else str(value)
    return f"{amount:,}".replace(",", ".") + " đ"


register.filter("vnd", format_vnd)
