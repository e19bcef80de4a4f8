"""Art. 9.2: passwords are changed at least monthly (PASSWORD_MAX_AGE_DAYS, default 30)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def password_expired(user, now: dt.datetime | None = None) -> bool:
    """True when the user must choose a new password before doing anything else.

    An account whose change date is unknown (created outside ``set_password``,
    e.g. by a single sign-on import) is not forced; every password set through
    Django records the moment.
    """
    if not getattr(user, "is_authenticated", False) or not user.has_usable_password():
        return False
    changed = user.password_changed_at
    if changed is None:
        return False
    now = now or timezone.now()
    return now - changed > dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)
