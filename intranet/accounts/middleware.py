from django.contrib.auth import BACKEND_SESSION_KEY, logout
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


# Paths open to a signed-in administrator who still owes the enrolment the rules require.
_ENROLMENT_OPEN_PREFIXES = ("/tai-khoan/xac-thuc-hai-lop/", "/dang-nhap/", *_ALLOWED_PREFIXES)
# Paths open to a session that has not passed the enrolled user's second factor: nothing else.
_CODE_OPEN_PREFIXES = ("/dang-nhap/", "/dang-xuat/", "/static/", "/media/", "/healthz")


class TwoFactorMiddleware:
    """Art. 9: once a user has enrolled a second factor, every page needs a session that passed it.

    The shared login asks for the code itself; this brings any other session (opened before the
    enrolment, in another browser) back to the code page, and, with TWO_FACTOR_REQUIRED_FOR_ADMINS,
    sends a system administrator without a device to enrolment first. Installed after django-otp's
    OTPMiddleware, which knows whether this session passed the second factor. Users without a
    device cost no query here: ``User.has_second_factor`` comes with the user row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        path = request.path
        if user.has_second_factor and not path.startswith(_CODE_OPEN_PREFIXES):
            if two_factor.is_enrolled(user):
                return self._back_to_the_code(request, user)
            two_factor.sync_flag(user.pk)  # a stale flag never locks anybody out
            user.has_second_factor = False
        if not user.has_second_factor and not path.startswith(_ENROLMENT_OPEN_PREFIXES) and two_factor.required_for(user):
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _back_to_the_code(request, user):
        from .views import ask_for_the_code

        backend = request.session[BACKEND_SESSION_KEY]
        logout(request)
        return ask_for_the_code(request, user, backend, request.get_full_path())
