from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from intranet.accounts import permissions, two_factor
from intranet.cover.services import desk_summary as cover_summary
from intranet.notifications.birthdays import birthdays_for
from intranet.notifications.models import Notification
from intranet.notifications.services import unread_count
from intranet.speeches import services as speech_services
from intranet.speeches.forms import SpeechForm
from intranet.speeches.models import Speech
from portal.ratelimits import ratelimited

from . import blocks, services
from .shared_apps import shared_apps_for
from .work import work_page


@login_required
def desk(request):
    """The officer's home after login (SPEC §8)."""
    user = request.user
    today = timezone.localdate()
    work, work_counts = work_page(user, request.GET.get("trang"))
    unread = list(Notification.objects.filter(recipient=user, read_at__isnull=True)[:8])
    context = {
        "work": blocks.with_badges(work),
        "work_page": work,
        "work_counts": work_counts,
        "alerts": unread,
        "unread_count": unread_count(user),
        "birthdays": birthdays_for(user, today),
        "boards": blocks.boards_of(user),
        "speeches": blocks.speeches_of(user),
        "digest": blocks.press_digest(user, today),
        "shared_apps": shared_apps_for(user),
        "dashboards": blocks.leader_dashboards(user),
        "today": today,
        "may_use_two_factor": two_factor.may_enrol(user),
        "cover": cover_summary(user, today),  # leave and delegation, both sides (intranet.cover)
    }
    return render(request, "desk/desk.html", context)


def _too_often(request) -> bool:
    """Desk forms are for signed-in officers, but a runaway client still may not flood the store."""
    return is_ratelimited(request, group="desk-speech", key="user", rate="30/h", method="POST", increment=True)


def _speech_fields(data) -> dict:
    return {
        "kind": data["kind"],
        "title": data["title"],
        "date": data["date"],
        "event": data["event"],
        "unit": data["unit"],
        "text": services.rich_text(data["text"]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def speech_add(request):
    """/ban-lam-viec/bai-phat-bieu/them/: add an article or speech through the speeches app's own service."""
    if request.method == "POST" and _too_often(request):
        return ratelimited(request)
    form = SpeechForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = _speech_fields(form.cleaned_data)
        speech = speech_services.add_speech(by=request.user, unit=fields.pop("unit"), attachment=form.cleaned_data.get("file"), **fields)
        messages.success(request, _("Đã đăng “%(title)s” lên trang của cơ quan và kho dữ liệu tỉnh.") % {"title": speech.title})
        return redirect("desk")
    return render(request, "desk/speech_form.html", {"form": form, "speech": None})


@login_required
@require_http_methods(["GET", "POST"])
def speech_edit(request, pk: int):
    """/ban-lam-viec/bai-phat-bieu/<pk>/sua/: correct my article or speech; the new version reaches the store."""
    speech = get_object_or_404(Speech.objects.select_related("unit"), pk=pk)
    if not permissions.can_edit_speech(request.user, speech):
        raise PermissionDenied(_("Bạn chỉ sửa được bài viết, bài phát biểu do mình cập nhật hoặc của đơn vị mình quản lý."))
    if request.method == "POST" and _too_often(request):
        return ratelimited(request)
    form = SpeechForm(request.POST or None, request.FILES or None, user=request.user, instance=speech,
                      initial={"text": services.plain_text(speech.text)})
    # The unit stays selectable even for a manager who is not a member of it.
    form.fields["unit"].queryset = (form.fields["unit"].queryset | type(speech.unit).objects.filter(pk=speech.unit_id)).distinct()
    if request.method == "POST" and form.is_valid():
        services.edit_speech(speech, by=request.user, attachment=form.cleaned_data.get("file"), **_speech_fields(form.cleaned_data))
        messages.success(request, _("Đã cập nhật “%(title)s”.") % {"title": speech.title})
        return redirect("desk")
    return render(request, "desk/speech_form.html", {"form": form, "speech": speech})
