from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from .forms import SubmissionForm
from .services import intake, store
from .tracking import send_receipt

SUBMIT_RATE = "5/h"


def _unit(request):
    unit = request.unit
    if unit is None or not unit.is_active:
        raise Http404(_("Không tìm thấy trang của đơn vị."))
    return unit


@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=False)
def submit(request):
    """``/gui-tin-bai/``: anyone proposes an article or photos for this site; it enters QT-07."""
    unit = _unit(request)
    if getattr(request, "limited", False):
        # The project's Vietnamese 429 page (settings.RATELIMIT_VIEW); nothing of this post is kept.
        return import_string(settings.RATELIMIT_VIEW)(request)
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            # The honeypot was filled in: a robot. Answer as usual and keep nothing.
            return redirect("submissions:thanks")
        submission = store(unit, form.cleaned_data, form.cleaned_data.get("photos") or [], request.user)
        intake(submission)
        send_receipt(submission)
        request.session["submission_ref"] = submission.code
        return redirect("submissions:thanks")
    return render(request, "submissions/submit.html", {"form": form, "unit": unit}, status=400 if form.errors else 200)


def thanks(request):
    _unit(request)
    return render(request, "submissions/thanks.html", {"reference": request.session.pop("submission_ref", None)})
