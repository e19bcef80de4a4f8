"""The store's JSON API (/api/v1/store/…) and the door through which other servers deliver.

Anonymous callers get each channel's public fields only; officers of any unit
get the whole record, except the people channel's personal fields: a person's
record is whole only for that person, their unit's directory board and heads and
the province's directory administrators (``permissions.can_see_personal_data``);
everyone else gets its public shape. Every record carries its provenance.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from intranet.accounts import permissions
from intranet.accounts.models import Role
from intranet.directory.models import Person
from intranet.units.models import Unit

from . import schema, services
from .channels import CHANNELS, public_view
from .models import StoreRecord

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
MAX_BATCH = 1000  # changes in one delivery


def _is_officer(user) -> bool:
    return permissions.is_sysadmin(user) or permissions.units_with_role(user, *Role.values).exists()


def _personal_filter(user, records) -> Callable[[StoreRecord], bool]:
    """Which of the people ``records`` ``user`` may read whole (constant number of queries)."""
    everywhere, paths = permissions.personal_data_scope(user)
    if everywhere:
        return lambda record: True
    own = set()
    if getattr(user, "is_authenticated", False):
        own = {str(key) for key in Person.objects.filter(user=user).values_list("store_key", flat=True)}
    unit_paths = {}
    if paths:
        codes = {record.unit_code for record in records}
        unit_paths = dict(Unit.objects.filter(code__in=codes).values_list("code", "path"))
    return lambda record: record.record_id in own or unit_paths.get(record.unit_code, "").startswith(paths)


def _whole_number(text) -> int | None:
    """A positive whole number written plainly ("12"), else None."""
    text = str(text)
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def serialize(record: StoreRecord, *, full: bool) -> dict:
    data = {} if record.deleted else (dict(record.payload) if full else public_view(record.channel, record.payload))
    if "unit" in data or not record.deleted:
        data["unit"] = record.unit_code  # after a merge, the successor
    return {
        "id": record.record_id,
        "channel": record.channel,
        "unit": record.unit_code,
        "deleted": record.deleted,
        "data": data,
        "provenance": {
            "source_unit": record.source_unit_code,
            "author": record.author,
            "changed_at": record.changed_at.isoformat(),
            "version": record.version,
            "received_at": record.received_at.isoformat(),
        },
    }


class ChannelList(APIView):
    """GET /api/v1/store/<channel>/: one channel's records, a page at a time (DRF only for the schema:
    the answer is the same JSON the function view gave)."""

    channel = ""
    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]

    def get(self, request, **kwargs):
        return channel_page(request._request, kwargs.get("channel", self.channel))


def store_view(view):
    """Rate-limited outside DRF, so the limit answers the project's Vietnamese 429 (portal.ratelimits)."""
    return ratelimit(key="ip", rate=lambda group, request: settings.STORE_API_RATE, block=True)(view)


def channel_views():
    """One documented endpoint per channel, then the catch-all that answers 404 for unknown ones."""
    for channel in CHANNELS.values():
        get = schema.channel_list_schema(channel)(lambda self, request, **kwargs: ChannelList.get(self, request, **kwargs))
        view = type(f"{channel.name.title()}List", (ChannelList,), {"channel": channel.name, "get": get})
        yield channel.name, store_view(view.as_view())


unknown_channel = store_view(require_GET(lambda request, channel: channel_page(request, channel)))


def channel_page(request, channel: str) -> JsonResponse:
    if channel not in CHANNELS:
        raise Http404
    records = StoreRecord.objects.filter(channel=channel).order_by("received_at", "id")
    if unit := request.GET.get("unit"):
        records = records.filter(unit_code=unit)
    if "changed_since" in request.GET:
        moment = services.parse_moment(request.GET["changed_since"])
        if moment is None:
            return _error("Tham số changed_since phải là thời điểm ISO 8601, ví dụ 2026-11-20T08:00:00+07:00.", 400)
        # A consumer catching up must also learn what was deleted.
        records = records.filter(received_at__gt=moment)
    else:
        records = records.filter(deleted=False)
    size, number = _whole_number(request.GET.get("page_size", PAGE_SIZE)), _whole_number(request.GET.get("page", 1))
    if not (size and number and size <= MAX_PAGE_SIZE):
        return _error(f"Tham số page phải là số nguyên dương, page_size từ 1 đến {MAX_PAGE_SIZE}.", 400)
    paginator = Paginator(records, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return _error("Trang không tồn tại.", 404)
    records = list(page.object_list)
    if channel == "people":
        whole = _personal_filter(request.user, records)
    else:
        officer = _is_officer(request.user)
        whole = lambda record: officer  # noqa: E731

    def link(n):
        query = request.GET.copy()
        query["page"] = n
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(record, full=whole(record)) for record in records],
        },
        json_dumps_params={"ensure_ascii": False},
    )


class Receive(APIView):
    authentication_classes = []  # the unit's key in the Authorization header, no session, no CSRF
    permission_classes = [AllowAny]

    @schema.receive_schema
    def post(self, request):
        return receive(request._request)


receive_view = csrf_exempt(Receive.as_view())


@csrf_exempt
@require_POST
def receive(request):
    """Another server (a district running its own) delivers with its unit's key: one envelope, or
    ``{"changes": [envelope, …]}`` answered by ``{"results": […]}``, one result per envelope, in order."""
    header = request.headers.get("Authorization", "")
    unit = services.unit_for_token(header.removeprefix("Bearer ").strip())
    if unit is None:
        return _error("Khóa đồng bộ không hợp lệ.", 401)
    try:
        body = json.loads(request.body)
    except ValueError:
        return _error("Dữ liệu đồng bộ không hợp lệ.", 400)
    if isinstance(body, dict) and "changes" in body:
        changes = body["changes"]
        if not isinstance(changes, list) or len(changes) > MAX_BATCH:
            return _error("Dữ liệu đồng bộ không hợp lệ.", 400)
        covered = services.units_covered(unit, [change.get("unit") for change in changes if isinstance(change, dict)])

        def refused(envelope) -> str:
            return "" if envelope["unit"] in covered else "error: 403 forbidden: this key may not send that unit's changes"

        return JsonResponse({"results": services.receive_batch(changes, via="http", refused=refused)})
    if services.invalid_envelope(body):
        return _error("Dữ liệu đồng bộ không hợp lệ.", 400)
    if not services.token_covers(unit, body["unit"]):
        return _error("Khóa đồng bộ này không được gửi dữ liệu của đơn vị đó.", 403)
    return JsonResponse({"result": services.receive(body, via="http")})
