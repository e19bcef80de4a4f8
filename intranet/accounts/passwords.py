"""Art. 9.2: passwords are changed at least monthly (PASSWORD_MAX_AGE_DAYS, default 30)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def password_expired(user, now: dt.datetime | None = None) -> bool:
    """True when the user must choose a new password before doing anything else.

    A password the officer chose records the moment (``User.set_password``). An empty
    date means somebody else chose it (an administrator in the Wagtail admin, an
    import): the officer replaces it at the first login.
    """
    if not getattr(user, "is_authenticated", False) or not user.has_usable_password():
        return False
    changed = user.password_changed_at
    if changed is None:
        return True
    now = now or timezone.now()
    return now - changed > dt.timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


def password_set_by_someone_else(user) -> bool:
    """The password was given to the officer (an administrator, an import), not chosen by them."""
    return user.has_usable_password() and user.password_changed_at is None
