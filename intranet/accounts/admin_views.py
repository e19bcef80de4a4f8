"""The system administrator's screens for colleagues' accounts in the Wagtail admin."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import lockout, trail, two_factor
from .models import SecurityEvent
from .permissions import is_sysadmin


@require_http_methods(["GET", "POST"])
def reset_two_factor(request, pk: int):
    """GET asks to confirm; POST removes a colleague's authenticator app and backup codes (a lost phone)."""
    if not is_sysadmin(request.user):
        # A plain 403 (the Wagtail admin would turn PermissionDenied into a redirect home).
        return HttpResponseForbidden(_("Chỉ quản trị hệ thống được đặt lại xác thực hai lớp của người khác."))
    colleague = get_object_or_404(get_user_model(), pk=pk)
    name = colleague.get_full_name() or colleague.get_username()
    if colleague.pk == request.user.pk:
        # One's own second factor is turned off on one's own page, with a current code.
        messages.error(request, _("Không thể tự đặt lại xác thực hai lớp của mình; hãy dùng trang Xác thực hai lớp của bạn."))
        return redirect("wagtailusers_users:index")
    if request.method == "POST":
        two_factor.reset(colleague, by=request.user)
        messages.success(request, _("Đã đặt lại xác thực hai lớp của %(name)s; người này đã được thông báo.") % {"name": name})
        return redirect("wagtailusers_users:index")
    context = {"colleague": colleague, "name": name, "enrolled": colleague.has_second_factor, "header_title": _("Đặt lại xác thực hai lớp")}
    return TemplateResponse(request, "accounts/admin/reset_two_factor.html", context)


@require_http_methods(["GET", "POST"])
def locked_logins(request):
    """The system administrator sees who is locked out right now and unlocks them (recorded in the trail)."""
    if not is_sysadmin(request.user):
        return HttpResponseForbidden(_("Chỉ quản trị hệ thống được xem và mở khóa đăng nhập."))
    if request.method == "POST":
        username, address = request.POST.get("username", ""), request.POST.get("ip_address", "")
        if not address:
            messages.error(request, _("Thiếu địa chỉ cần mở khóa."))
            return redirect("accounts_locked_logins")
        removed = AxesProxyHandler.reset_attempts(ip_address=address, username=username or None)
        user = get_user_model().objects.filter(username=username).first() if username else None
        scope = _("tài khoản %(username)s tại địa chỉ %(address)s") if username else _("mọi tài khoản tại địa chỉ %(address)s")
        trail.record(SecurityEvent.Kind.UNLOCK, user=user, username=username, request=request, detail=scope % {"username": username, "address": address})
        if removed:
            messages.success(request, _("Đã mở khóa đăng nhập cho %(scope)s.") % {"scope": scope % {"username": username, "address": address}})
        else:
            messages.warning(request, _("Không còn khóa nào cho %(scope)s.") % {"scope": scope % {"username": username, "address": address}})
        return redirect("accounts_locked_logins")
    context = {
        "accounts": list(lockout.locked_accounts()),
        "addresses": list(lockout.locked_addresses()),
        "cool_off": settings.AXES_COOLOFF_TIME,
        "header_title": _("Tài khoản bị tạm khóa"),
        "header_icon": "lock",
    }
    return TemplateResponse(request, "accounts/admin/locked_logins.html", context)
