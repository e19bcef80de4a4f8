from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.rows import moment, pk_url

from .forms import PreferencesForm
from .kinds import KINDS, LABELS
from .models import Notification, NotificationPreference
from .services import mark_read, unread_count


@login_required
def notification_list(request):
    mine = Notification.objects.filter(recipient=request.user)
    page = Paginator(mine, 25).get_page(request.GET.get("trang"))
    counts = {LABELS.get(kind, kind): number for kind, number in mine.order_by("kind").values_list("kind").annotate(number=Count("pk"))}
    # What a row prints, computed here: a row costs a few lookups, not a {% url %} and a |date (issue 18.3).
    open_url = pk_url("notification_open")
    rows = [
        {"url": open_url(row.pk), "title": row.title, "read_at": row.read_at, "created": moment(row.created_at),
         "body": Truncator(row.body).chars(160) if row.body else ""}
        for row in page
    ]
    return render(request, "notifications/list.html", {"rows": rows, "pager": page, "counts": counts, "unread_count": unread_count(request.user)})


@login_required
def notification_open(request, pk: int):
    """Open one of my alerts: it becomes read and I land where it points (only inside this site)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(request.user, [notification.pk])
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("notifications")
    return redirect(target)


@login_required
@require_POST
def notification_mark_read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(request.user, [notification.pk])
    return redirect(request.POST.get("next") if _safe(request) else "notifications")


@login_required
@require_POST
def notifications_mark_all_read(request):
    count = mark_read(request.user)
    messages.success(request, _("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
    return redirect(request.POST.get("next") if _safe(request) else "desk")


@login_required
def unread(request):
    """The bell's number, for a page that refreshes it without reloading."""
    return JsonResponse({"unread": unread_count(request.user)})


@login_required
def preferences(request):
    preference, _created = NotificationPreference.objects.get_or_create(user=request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            wanted = set(form.cleaned_data["email_kinds"])
            preference.email_off = sorted(kind for kind in KINDS if kind not in wanted)
            preference.save(update_fields=["email_off"])
            messages.success(request, _("Đã lưu cài đặt nhận thông báo."))
            return redirect("notification_preferences")
    else:
        form = PreferencesForm(initial={"email_kinds": [kind for kind in KINDS if preference.wants_email(kind)]})
    return render(request, "notifications/preferences.html", {"form": form, "unread_count": unread_count(request.user)})


def _safe(request) -> bool:
    target = request.POST.get("next") or ""
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
