"""Input that PostgreSQL cannot store or compare, refused before any view runs (issue 16).

PostgreSQL text cannot hold the NUL character (``DataError``) and UTF-8 cannot carry lone
surrogates (``UnicodeEncodeError`` in the driver). Either one in the path, a query or form
parameter (name or value), an uploaded file's name or a cookie turned a search such as
``/hoi-dap/?q=a%00b`` into a 500. No legitimate visitor types them, so every view is spared
at once: the request is answered with the plain 400 page, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from portal.ratelimits import API_PREFIX

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _texts(request: HttpRequest) -> Iterable[str]:
    yield request.path
    for name, value in request.COOKIES.items():
        yield name
        yield value
    for name, values in request.GET.lists():
        yield name
        yield from values
    if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for name, values in request.POST.lists():
            yield name
            yield from values
        for name, files in request.FILES.lists():
            yield name
            yield from (upload.name or "" for upload in files)


def is_unstorable(request: HttpRequest) -> bool:
    return any(UNSTORABLE.search(text) for text in _texts(request))


class RefuseUnstorableInputMiddleware:
    """Answers 400 (the project's Vietnamese ``400.html``, JSON for the API) to input no database column may hold."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_unstorable(request):
            if request.path.startswith(API_PREFIX):
                message = _("Địa chỉ hoặc nội dung gửi lên có ký tự không được phép.")
                return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(loader.render_to_string("400.html"))
        return self.get_response(request)
