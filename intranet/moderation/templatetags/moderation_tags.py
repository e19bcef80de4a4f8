from django import template

register = template.Library()


def vn_name(user) -> str:
    """Vietnamese order: family and middle names first (Tôn Thất Long), then the given name."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


register.filter("vn_name", vn_name)
