from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import waiting
from .views import _get_case


@login_required
@require_POST
def wait(request, code: str):
    case = _get_case(request, code)
    try:
        waiting.start_waiting(case, request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Hồ sơ đang chờ bổ sung; thời hạn tạm dừng."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def resume(request, code: str):
    case = _get_case(request, code)
    waiting.resume(case, request.user, comment=request.POST.get("comment", ""))
    messages.success(request, _("Đã tiếp tục xử lý; thời hạn được lùi theo thời gian chờ."))
    return redirect(case.get_absolute_url())
