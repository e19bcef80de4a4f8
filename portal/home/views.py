from django.shortcuts import render
from django.utils.translation import gettext as _


def ratelimited(request, exception=None):
    """Every public form answers a client that posts too often with this page."""
    return render(
        request,
        "home/ratelimited.html",
        {"message": _("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ít phút.")},
        status=429,
    )
