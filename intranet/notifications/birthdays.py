"""Art. 6.5: the system announces the birthdays of the officers of each body.

Every morning each person whose birthday it is gets a greeting, and the
colleagues of their unit are told. A ``BirthdayGreeting`` row per person and
day (unique) makes a second run greet nobody twice. People born on 29 February
are greeted on 28 February in other years. Retired, transferred-out or
deactivated people are skipped, and so is anyone who chose to hide their
birthday. The whole run costs a constant number of queries.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from intranet.accounts.models import Membership, Role, User
from intranet.directory.models import Person, birthday_key
from intranet.units.models import Unit

from .models import BirthdayGreeting
from .services import Alert, notify_each

KIND = "birthday"


def birthday_condition(day: dt.date) -> Q:
    """People whose birthday falls on ``day`` (29 February counts as 28 February in common years).

    An index lookup on ``Person.birthday_key``, never a scan of the people's birth dates."""
    keys = [birthday_key(day)]
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        keys.append(birthday_key(dt.date(2000, 2, 29)))
    return Q(birthday_key__in=keys)


def celebrating(day: dt.date) -> QuerySet[Person]:
    """Working people with a birthday on ``day`` who let it be announced, with a live account if any."""
    return (
        Person.objects.filter(birthday_condition(day), status=Person.Status.WORKING, hide_birthday=False, unit__status=Unit.Status.ACTIVE)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .select_related("unit", "user")
    )


def birthdays_for(user, day: dt.date) -> list[Person]:
    """The desk's block: colleagues of the user's units, and the province's leaders, celebrating today."""
    unit_ids = set(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
    unit_ids |= set(Person.objects.filter(user=user).values_list("unit_id", flat=True))
    province_leaders = Q(unit__depth=1, user__memberships__role=Role.LEADER, user__memberships__unit__depth=1)
    return list(celebrating(day).filter(Q(unit_id__in=unit_ids) | province_leaders).distinct().order_by("unit__path", "full_name"))


def greet(day: dt.date) -> int:
    """Greet everyone celebrating on ``day`` who has not been greeted yet; returns how many were greeted."""
    try:
        with transaction.atomic():
            people = list(celebrating(day).exclude(birthday_greetings__date=day))
            if not people:
                return 0
            # The unique constraint makes a concurrent run fail here and roll back, rather than greet twice.
            BirthdayGreeting.objects.bulk_create([BirthdayGreeting(person=person, date=day) for person in people])
            _announce(people)
    except IntegrityError:
        return 0
    return len(people)


def _announce(people: list[Person]) -> None:
    by_unit: dict[int, list[Person]] = defaultdict(list)
    for person in people:
        by_unit[person.unit_id].append(person)
    alerts = [
        Alert(person.user, _("Chúc mừng sinh nhật %(name)s!") % {"name": person.full_name},
              _("Thay mặt cơ quan, chúc đồng chí một ngày sinh nhật vui vẻ, nhiều sức khỏe và thành công."), "/ban-lam-viec/")
        for person in people
        if person.user is not None
    ]
    celebrants = {person.user_id for person in people if person.user_id}
    for user, names in _colleagues_to_tell(by_unit, celebrants):
        alerts.append(
            Alert(user, _("Hôm nay là sinh nhật của %(names)s") % {"names": ", ".join(names)},
                  _("Hãy gửi lời chúc mừng đến đồng nghiệp."), "/ban-lam-viec/")
        )
    notify_each(alerts, kind=KIND)


def _colleagues_to_tell(by_unit: dict[int, list[Person]], celebrants: set[int]):
    """(user, names of the colleagues celebrating) for each active user of the units concerned (two queries)."""
    units_of: dict[int, set[int]] = defaultdict(set)
    for user_id, unit_id in Membership.objects.filter(unit_id__in=by_unit, user__is_active=True).values_list("user_id", "unit_id"):
        units_of[user_id].add(unit_id)
    for user_id, unit_id in Person.objects.filter(
        unit_id__in=by_unit, status=Person.Status.WORKING, user__isnull=False, user__is_active=True
    ).values_list("user_id", "unit_id"):
        units_of[user_id].add(unit_id)
    users = User.objects.in_bulk(list(units_of))
    for user_id, unit_ids in units_of.items():
        names = [p.full_name for unit_id in sorted(unit_ids) for p in by_unit[unit_id] if p.user_id != user_id]
        if names and user_id in users:
            yield users[user_id], names
