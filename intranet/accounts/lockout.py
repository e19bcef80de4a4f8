"""A fair lockout (Art. 9, issue 16): wrong passwords lock one account on one address.

django-axes counts failures per (username, address) — ``AXES_LOCKOUT_PARAMETERS`` —
so a colleague behind the same ward office NAT still logs in, and nobody locks the
chair out by typing their username from elsewhere. An address alone is locked only
past a much higher ceiling (``AXES_ADDRESS_FAILURE_LIMIT``, failures over every
username), which stops one machine trying many accounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone


def _recent_attempts(request=None):
    """Attempts still within the cool-off period (all of them if locks never expire)."""
    cool_off = get_cool_off(request)
    attempts = AccessAttempt.objects.all()
    return attempts.filter(attempt_time__gte=timezone.now() - cool_off) if cool_off else attempts


def _address_attempts(request, ip_address: str):
    return _recent_attempts(request).filter(ip_address=ip_address)


def address_failures(request, ip_address: str | None) -> int:
    """Failed logins from one address over every username, within the cool-off period."""
    if not ip_address:
        return 0
    return _address_attempts(request, ip_address).aggregate(total=Sum("failures_since_start"))["total"] or 0


class FairLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the per-address ceiling."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(request, getattr(request, "axes_ip_address", None)) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


@dataclass(frozen=True)
class Lock:
    """What is locked (one account on one address, or the whole address) and until when."""

    username: str
    ip_address: str
    whole_address: bool
    until: dt.datetime | None


def current_lock(request, credentials: dict | None) -> Lock:
    username = get_client_username(request, credentials) or ""
    ip_address = getattr(request, "axes_ip_address", "") or ""
    attempts = _address_attempts(request, ip_address)
    account = attempts.filter(username=username)
    account_failures = account.aggregate(total=Sum("failures_since_start"))["total"] or 0
    whole_address = account_failures < get_failure_limit(request, credentials)
    last = (attempts if whole_address else account).aggregate(last=Max("attempt_time"))["last"]
    cool_off = get_cool_off(request)
    until = timezone.localtime(last + cool_off) if last and cool_off else None
    return Lock(username=username, ip_address=ip_address, whole_address=whole_address, until=until)


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """AXES_LOCKOUT_CALLABLE: a Vietnamese page (429) saying what is locked and until when."""
    lock = current_lock(request, credentials)
    return render(request, "accounts/locked_out.html", {"lock": lock}, status=settings.AXES_HTTP_RESPONSE_CODE)


def locked_accounts():
    """The (username, address) pairs locked right now, newest first, for the administrators' screen."""
    return (
        _recent_attempts()
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )


def locked_addresses():
    """Addresses past the per-address ceiling right now."""
    return (
        _recent_attempts()
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_ADDRESS_FAILURE_LIMIT)
        .order_by("-last")
    )
