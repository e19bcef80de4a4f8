"""The store's JSON API (/api/v1/store/…) and the door through which other servers deliver.

Anonymous callers get each channel's public fields only; officers of any unit
get the whole record. Every record carries its provenance.
"""

from __future__ import annotations

import json

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from intranet.accounts import permissions
from intranet.accounts.models import Role

from . import services
from .channels import CHANNELS, public_view
from .models import StoreRecord

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200


def _is_officer(user) -> bool:
    return permissions.is_sysadmin(user) or permissions.units_with_role(user, *Role.values).exists()


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


@require_GET
@ratelimit(key="ip", rate="300/m", block=True)
def channel_list(request, channel: str):
    if channel not in CHANNELS:
        raise Http404
    records = StoreRecord.objects.filter(channel=channel).order_by("received_at", "id")
    if unit := request.GET.get("unit"):
        records = records.filter(unit_code=unit)
    if since := request.GET.get("changed_since"):
        moment = parse_datetime(since)
        if moment is None:
            return _error("Tham số changed_since phải là thời điểm ISO 8601, ví dụ 2026-11-20T08:00:00+07:00.", 400)
        # A consumer catching up must also learn what was deleted.
        records = records.filter(received_at__gt=moment)
    else:
        records = records.filter(deleted=False)
    try:
        size = min(max(int(request.GET.get("page_size", PAGE_SIZE)), 1), MAX_PAGE_SIZE)
        number = int(request.GET.get("page", 1))
    except ValueError:
        return _error("Tham số page và page_size phải là số nguyên dương.", 400)
    paginator = Paginator(records, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return _error("Trang không tồn tại.", 404)
    full = _is_officer(request.user)

    def link(n):
        query = request.GET.copy()
        query["page"] = n
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(record, full=full) for record in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt
@require_POST
def receive(request):
    """Another server (a district running its own) delivers one envelope with its unit's key."""
    header = request.headers.get("Authorization", "")
    unit = services.unit_for_token(header.removeprefix("Bearer ").strip())
    if unit is None:
        return _error("Khóa đồng bộ không hợp lệ.", 401)
    try:
        envelope = json.loads(request.body)
        keys = {"unit", "channel", "record_id", "version", "action", "changed_at"}
        if not isinstance(envelope, dict) or not keys <= envelope.keys() or envelope["channel"] not in CHANNELS:
            raise ValueError
        int(envelope["version"])
    except ValueError:
        return _error("Dữ liệu đồng bộ không hợp lệ.", 400)
    if not services.token_covers(unit, envelope["unit"]):
        return _error("Khóa đồng bộ này không được gửi dữ liệu của đơn vị đó.", 403)
    return JsonResponse({"result": services.receive(envelope, via="http")})
