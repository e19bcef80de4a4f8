import time

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from . import two_factor
from .forms import ChangePasswordForm, OneTimeCodeForm
from .passwords import password_expired, password_set_by_someone_else

# The password step leaves who is signing in here; the code step finishes the login.
PENDING_LOGIN_KEY = "accounts_pending_login"
PENDING_LOGIN_SECONDS = 300


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


class SharedLoginView(auth_views.LoginView):
    """/dang-nhap/: the one login of the desk and the Wagtail admin.

    An administrator who enrolled a second factor is not signed in by the password alone:
    the session only remembers who passed it, and /dang-nhap/ma-xac-thuc/ asks for the code.
    """

    template_name = "accounts/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.is_enrolled(user):
            return super().form_valid(form)
        return ask_for_the_code(self.request, user, user.backend, self.get_success_url())


def ask_for_the_code(request, user, backend: str, next_url: str):
    """Leave the user half signed in: the session remembers who passed the password, and the
    code page finishes the login (or a session opened before enrolment is brought back to it)."""
    request.session[PENDING_LOGIN_KEY] = {"user": user.pk, "backend": backend, "at": time.time()}
    return redirect(f"{reverse('login_code')}?{urlencode({'next': next_url})}")


def _pending_user(request):
    pending = request.session.get(PENDING_LOGIN_KEY)
    if not pending or time.time() - pending["at"] > PENDING_LOGIN_SECONDS:
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    return user, pending["backend"]


@require_http_methods(["GET", "POST"])
def login_code(request):
    """/dang-nhap/ma-xac-thuc/: the second step of the login for an enrolled administrator."""
    user, backend = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_LOGIN_KEY, None)
        messages.error(request, _("Phiên đăng nhập đã hết hạn. Vui lòng nhập lại tên đăng nhập và mật khẩu."))
        return redirect("login")
    # A wrong code is a failed login: it counts towards the same lockout as a wrong password.
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_LOGIN_KEY]
            user.otp_device = device  # django-otp marks the session verified on login
            login(request, user, backend=backend)
            return redirect(_safe_next(request) or settings.LOGIN_REDIRECT_URL)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã đang hiện trên ứng dụng."))
    return render(request, "accounts/login_code.html", {"form": form, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_settings(request):
    """/tai-khoan/xac-thuc-hai-lop/: an administrator turns the second factor on or off."""
    user = request.user
    if not two_factor.may_enrol(user):
        raise PermissionDenied(_("Xác thực hai lớp dành cho tài khoản có quyền quản trị."))
    form = OneTimeCodeForm(request.POST or None)
    context = {"form": form, "required": two_factor.required_for(user), "next": _safe_next(request)}
    if two_factor.is_enrolled(user):
        if request.method == "POST" and form.is_valid():
            if context["required"]:
                form.add_error(None, _("Quy chế bắt buộc quản trị hệ thống dùng xác thực hai lớp; không thể tắt."))
            elif two_factor.verify(user, form.cleaned_data["code"]) is None:
                form.add_error("code", _("Mã xác thực không đúng; xác thực hai lớp vẫn đang bật."))
            else:
                two_factor.disable(user)
                request.session.pop(DEVICE_ID_SESSION_KEY, None)
                messages.success(request, _("Đã tắt xác thực hai lớp. Lần đăng nhập sau chỉ cần mật khẩu."))
                return redirect("two_factor")
        context.update(enrolled=True, backup_codes_left=two_factor.backup_codes_left(user))
        return render(request, "accounts/two_factor.html", context)

    device = two_factor.pending_device(user)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp."))
            context.update(enrolled=True, backup_codes=codes, backup_codes_left=len(codes))
            return render(request, "accounts/two_factor.html", context)
        form.add_error("code", _("Mã xác thực không đúng. Hãy quét lại mã QR và nhập mã 6 chữ số đang hiện trên ứng dụng."))
    context.update(enrolled=False, qr_svg=two_factor.qr_svg(device), manual_key=two_factor.manual_key(device))
    return render(request, "accounts/two_factor.html", context)


class ChangePasswordView(auth_views.PasswordChangeView):
    """Change one's own password; the page officers are sent to when theirs is too old."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["given"] = password_set_by_someone_else(self.request.user)
        context["expired"] = not context["given"] and password_expired(self.request.user)
        context["next"] = _safe_next(self.request)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response

    def get_success_url(self):
        return _safe_next(self.request) or "/ban-lam-viec/"
