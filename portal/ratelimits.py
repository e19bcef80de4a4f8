"""Rate limits, one answer everywhere (issue 16): a Vietnamese 429 page, or a JSON body for the API.

``ratelimited`` is ``settings.RATELIMIT_VIEW``: django-ratelimit's middleware calls it when a view
decorated with ``block=True`` (search, the store API) is over its limit, and views that check a
limit themselves return it. The public forms use ``PublicFormLimit`` instead, so that a citizen
who is stopped keeps what they typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

API_PREFIX = "/api/"


def ratelimited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Too many requests from this client: 429, Vietnamese, HTML for people and JSON for programs."""
    message = _("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": message}, status=429, json_dumps_params={"ensure_ascii": False})
    return render(request, "429.html", {"message": message}, status=429)


@dataclass(frozen=True)
class PublicFormLimit:
    """The limits of one public form, per address: ``accepted`` counts submissions that were saved,
    ``invalid`` (higher) counts attempts that failed validation, so that correcting a mistake
    does not use up a citizen's allowance but a robot posting rubbish is still stopped.

    ``refusal(request, form)`` validates the bound form and says why this post must not be
    accepted (a Vietnamese message) or returns ``None``; the view then shows the form again, with
    what was typed, and answers 429. After saving, the view calls ``accepted(request)``.
    """

    group: str
    accepted_rate: str
    invalid_rate: str

    def _usage(self, request: HttpRequest, which: str, rate: str, *, increment: bool) -> dict:
        return get_usage(request, group=f"{self.group}.{which}", key="ip", rate=rate, method=get_usage.ALL, increment=increment)

    def _full(self, request: HttpRequest, which: str, rate: str) -> int | None:
        """Seconds until the window ends when the limit is reached, else ``None`` (nothing counted)."""
        usage = self._usage(request, which, rate, increment=False)
        if usage is None or usage["count"] < usage["limit"]:  # a failing cache counts as full (fails closed)
            return None
        return max(usage["time_left"], 60)

    def refusal(self, request: HttpRequest, form) -> str | None:
        wait = self._full(request, "invalid", self.invalid_rate)
        if wait is None:
            if not form.is_valid():
                self._usage(request, "invalid", self.invalid_rate, increment=True)
                return None
            wait = self._full(request, "accepted", self.accepted_rate)
            if wait is None:
                return None
        minutes = math.ceil(wait / 60)
        message = _(
            "Bạn đã gửi quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau %(minutes)d phút; "
            "nội dung bạn đã nhập vẫn được giữ dưới đây (tệp đính kèm cần chọn lại)."
        )
        return message % {"minutes": minutes}

    def accepted(self, request: HttpRequest) -> None:
        self._usage(request, "accepted", self.accepted_rate, increment=True)
