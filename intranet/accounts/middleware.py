from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import two_factor
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


# Paths open to a signed-in administrator who still owes the second factor.
_TWO_FACTOR_OPEN_PREFIXES = ("/tai-khoan/xac-thuc-hai-lop/", "/dang-nhap/", *_ALLOWED_PREFIXES)
_ADMIN_PREFIXES = ("/quan-tri/", "/django-admin/")


class TwoFactorMiddleware:
    """Art. 9: the administration is reached only with the second factor once it is enrolled.

    The shared login asks for the code itself; this closes the other ways in (a session opened
    before enrolment, on another browser) and, with TWO_FACTOR_REQUIRED_FOR_ADMINS, sends a
    system administrator without a device to enrolment first. Installed after django-otp's
    OTPMiddleware, which knows whether this session passed the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if user is None or not user.is_authenticated or path.startswith(_TWO_FACTOR_OPEN_PREFIXES) or user.is_verified():
            return self.get_response(request)
        required = two_factor.required_for(user)
        # Desk pages of officers without the requirement cost no query here.
        if (required or path.startswith(_ADMIN_PREFIXES)) and two_factor.is_enrolled(user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        if required:
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
