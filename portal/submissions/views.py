from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.ratelimits import PublicFormLimit

from .forms import SubmissionForm
from .services import intake, store
from .tracking import send_receipt

# Per address: five accepted proposals an hour; thirty attempts that fail validation.
LIMIT = PublicFormLimit("submissions.submit", accepted_rate="5/h", invalid_rate="30/h")


def _unit(request):
    unit = request.unit
    if unit is None or not unit.is_active:
        raise Http404(_("Không tìm thấy trang của đơn vị."))
    return unit


def submit(request):
    """``/gui-tin-bai/``: anyone proposes an article or photos for this site; it enters QT-07."""
    unit = _unit(request)
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and (refusal := LIMIT.refusal(request, form)):
        # Stopped, but what the citizen typed is shown again to send later.
        return render(request, "submissions/submit.html", {"form": form, "unit": unit, "refusal": refusal}, status=429)
    if request.method == "POST" and form.is_valid():
        LIMIT.accepted(request)
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
