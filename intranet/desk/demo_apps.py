"""Stand-ins for the five shared applications (Art. 7.5), so a new administrator sees the desk's
blocks working before the province's own systems are connected.

``load_demo`` points each demo application at ``/ung-dung-mau/<n>/`` (a page saying what the
real system will be) and its count at ``/ung-dung-mau/<n>/dem/`` (``{"count": N}`` for
``?user=<login>``, the same N for the same officer every time). Both answer only where
``DEMO_SHARED_APPS`` is on (by default where ``DEBUG`` is); in production they are 404s.
They read no record: the count is derived from the login name alone.
"""

import zlib

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render

from .demo import SHARED_APPLICATIONS


def _application(number: int) -> str:
    if not settings.DEMO_SHARED_APPS or not 1 <= number <= len(SHARED_APPLICATIONS):
        raise Http404
    return SHARED_APPLICATIONS[number - 1]


def demo_count(request, number: int):
    _application(number)
    username = request.GET.get("user", "")[:150]
    return JsonResponse({"count": zlib.crc32(f"{number}:{username}".encode()) % 9})


def demo_application(request, number: int):
    return render(request, "desk/demo_application.html", {"name": _application(number)})
