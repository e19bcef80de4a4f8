from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import SpeechForm
from .models import Speech


def _site_speeches(request):
    """On a unit's site its own; on the province portal everyone's (the store)."""
    speeches = Speech.objects.public().select_related("unit", "leader")
    unit = getattr(request, "unit", None)
    if unit is not None and not unit.is_province:
        speeches = speeches.filter(unit=unit)
    return speeches


def speech_list(request):
    return render(request, "speeches/speech_list.html", {"speeches": _site_speeches(request)[:100]})


def speech_detail(request, pk: int):
    return render(request, "speeches/speech_detail.html", {"speech": get_object_or_404(_site_speeches(request), pk=pk)})


@login_required
@require_http_methods(["GET", "POST"])
def add(request):
    form = SpeechForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        speech = services.add_speech(
            by=request.user,
            unit=data["unit"],
            attachment=data.get("file"),
            kind=data["kind"],
            title=data["title"],
            date=data["date"],
            event=data["event"],
            # The desk form takes plain text; stored as escaped rich text.
            text=linebreaks(escape(data["text"])),
        )
        messages.success(request, _("Đã đăng “%(title)s” lên trang của cơ quan và kho dữ liệu tỉnh.") % {"title": speech.title})
        return redirect("speeches:mine")
    return render(request, "speeches/add.html", {"form": form})


@login_required
def mine(request):
    return render(request, "speeches/mine.html", {"speeches": services.speeches_of_user(request.user)})
