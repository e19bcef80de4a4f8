"""Read replicas (issue 12.6): reads that can tolerate a little lag go to a replica.

What this module promises, when ``DATABASE_REPLICA_URLS`` names replicas (the settings then add
the aliases ``replica_1``, ``replica_2``… to ``DATABASES``, list them in ``REPLICA_DATABASES`` and
install ``ReplicaRouter`` and ``ReplicaMiddleware``):

- Only a request the middleware chooses reads from a replica: a GET or HEAD from an anonymous
  visitor (no session cookie, no ``Authorization`` header) outside the officer-side paths
  (``REPLICA_PRIMARY_PATHS``: admin, desk, login, case files…), i.e. public pages, search, the
  store API's GET. Everything else — logged-in users, the admin, every non-safe request, Celery
  tasks, management commands, migrations — uses the primary, because outside such a request the
  choice is simply never made.
- Read your writes: a non-safe request (POST, PUT, PATCH, DELETE) answers with a signed cookie
  that keeps that browser on the primary for ``REPLICA_PIN_SECONDS``, so the page after a form
  shows what the form saved; a request that writes on the primary reads from the primary for the
  rest of it, and so do reads inside an open transaction.
- Writes always go to the primary, even for an object read from a replica; migrations never
  touch a replica.
- A replica that does not answer is skipped: the middleware connects (or health-checks a kept
  connection) before the view runs and falls back to another replica or the primary; a replica
  that failed is left alone for ``REPLICA_RETRY_SECONDS`` in this process.

The choice lives in a ``ContextVar``, so concurrent requests in threads (gunicorn gthread) or
tasks (ASGI) never see each other's; code run outside a request sees the default, the primary.
"""

from __future__ import annotations

import logging
import random
import time
from contextvars import ContextVar

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

PIN_COOKIE = "portal_primary"
PIN_SALT = "portal.replicas.pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The alias this request reads from; None (the default, outside any chosen request) is the primary.
_read_alias: ContextVar[str | None] = ContextVar("portal_read_alias", default=None)
# Process-wide: replica alias -> time.monotonic() before which it is not tried again.
_resting_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    return list(getattr(settings, "REPLICA_DATABASES", []))


def current_read_alias() -> str:
    """The alias reads go to in this context (``default`` unless a request chose a replica)."""
    return _read_alias.get() or DEFAULT_DB_ALIAS


class ReplicaRouter:
    """Reads where the request's middleware pointed them; writes and migrations on the primary."""

    def db_for_read(self, model, **hints):
        alias = _read_alias.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints):
        if _read_alias.get() is not None:
            # This request wrote: the rest of it reads what it wrote, from the primary.
            _read_alias.set(None)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the primary's data: objects from any of them may be related.
        pool = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in pool and obj2._state.db in pool:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db in replica_aliases():
            return False
        return None


def _pinned(request) -> bool:
    value = request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.REPLICA_PIN_SECONDS)
    return value is not None


def may_read_from_replica(request) -> bool:
    """Whether this request's reads may lag behind the primary by a moment."""
    if request.method not in SAFE_METHODS:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False  # a logged-in user, or an API client with a key: always the primary
    if request.path_info.startswith(tuple(settings.REPLICA_PRIMARY_PATHS)):
        return False
    return not _pinned(request)


def _answers(alias: str) -> bool:
    connection = connections[alias]
    try:
        # A connection kept from an earlier request (CONN_MAX_AGE) may point at a replica that
        # has gone since: check it once now (Django then skips its own check for this request).
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        rest(alias, error)
        return False
    return True


def rest(alias: str, error: BaseException | None = None) -> None:
    """Leave a failing replica alone for a while; its requests use another replica or the primary."""
    _resting_until[alias] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    logger.warning("replica %s does not answer, reading from the primary: %s", alias, error)
    try:
        connections[alias].close()
    except DatabaseError:
        pass


def choose_replica() -> str | None:
    """A replica that answers, in random order to spread the load, or None for the primary."""
    now = time.monotonic()
    candidates = [alias for alias in replica_aliases() if _resting_until.get(alias, 0) <= now]
    random.shuffle(candidates)
    for alias in candidates:
        if _answers(alias):
            return alias
    return None


class ReplicaMiddleware:
    """Decides per request where its reads go, and pins a browser to the primary after it writes.

    First in MIDDLEWARE, so that sessions, the unit lookup and the view all read from the
    chosen database."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        token = _read_alias.set(choose_replica() if may_read_from_replica(request) else None)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        return self._pin_after_write(request, response)

    async def __acall__(self, request):
        alias = await sync_to_async(choose_replica)() if may_read_from_replica(request) else None
        token = _read_alias.set(alias)
        try:
            response = await self.get_response(request)
        finally:
            _read_alias.reset(token)
        return self._pin_after_write(request, response)

    def process_exception(self, request, exception):
        # A replica that failed in the middle of a request: the next ones go elsewhere.
        alias = _read_alias.get()
        if alias is not None and isinstance(exception, (OperationalError, InterfaceError)):
            rest(alias, exception)

    @staticmethod
    def _pin_after_write(request, response):
        if request.method not in SAFE_METHODS:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=settings.REPLICA_PIN_SECONDS,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
