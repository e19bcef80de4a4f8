from django.shortcuts import redirect
from django.urls import reverse

from .passwords import password_expired

# Paths an officer with an expired password may still reach: the change form itself,
# logging out, and static assets.
_ALLOWED_PREFIXES = ("/doi-mat-khau/", "/dang-xuat/", "/static/", "/media/", "/healthz")


class PasswordAgeMiddleware:
    """Art. 9.2: an officer whose password is older than PASSWORD_MAX_AGE_DAYS changes it first.

    Applies to the desk and the Wagtail admin alike (they share one login).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and not request.path.startswith(_ALLOWED_PREFIXES) and password_expired(user):
            return redirect(f"{reverse('password_change')}?next={request.get_full_path()}")
        return self.get_response(request)
