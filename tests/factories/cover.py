"""Delegations and leave at any dates (the services refuse periods already over; tests need them too)."""

import datetime as dt

import factory
from django.utils import timezone

from intranet.accounts.models import Role
from intranet.cover.models import Delegation, Leave


def today() -> dt.date:
    return timezone.localdate()


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    role = Role.LEADER
    starts_on = factory.LazyFunction(today)
    ends_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=7))
    reason = "Đi công tác nước ngoài"
    created_by = factory.SelfAttribute("delegator")


class LeaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leave

    starts_on = factory.LazyFunction(today)
    ends_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=5))
    reason = "Nghỉ phép năm"
    created_by = factory.SelfAttribute("person")
