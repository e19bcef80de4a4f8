"""Factories for the desk, notifications and birthdays (issue 7)."""

import datetime as dt

import factory

from intranet.desk.models import SharedApplication
from intranet.notifications.models import Notification

from .accounts import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "assignment"
    title = factory.Sequence(lambda n: f"Bạn được giao xử lý việc số {n}")
    url = "/ban-lam-viec/"


def born_on(day: dt.date, year: int = 1984) -> dt.date:
    """A birth date whose birthday is ``day`` (29 February stays 29 February, in a leap year)."""
    if (day.month, day.day) == (2, 29):
        return dt.date(1988, 2, 29)
    return day.replace(year=year)


class SharedApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedApplication

    name = factory.Sequence(lambda n: f"Ứng dụng dùng chung số {n}")
    url = factory.Sequence(lambda n: f"https://ungdung{n}.example.gov.vn/")
    sort_order = factory.Sequence(lambda n: n)
