from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .forms import ChangePasswordForm
from .passwords import password_expired, password_set_by_someone_else


class ChangePasswordView(auth_views.PasswordChangeView):
    """Change one's own password; the page officers are sent to when theirs is too old."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["given"] = password_set_by_someone_else(self.request.user)
        context["expired"] = not context["given"] and password_expired(self.request.user)
        context["next"] = self._next()
        return context

    def _next(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()):
            return target
        return ""

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response

    def get_success_url(self):
        return self._next() or "/ban-lam-viec/"
