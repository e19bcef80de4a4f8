"""The demo's birthday (Art. 6.5): someone with an account celebrates on the day the demo is loaded.

Hoàng Thị Mai, Phú Xuân's culture officer (``vanhoa_phuxuan``), is given today's birthday and the
daily greeting runs at once, so she finds her greeting among her notifications and her
colleagues see her on their desks, whatever time of day ``make run`` was started. Loading twice
the same day greets nobody twice.
"""

import datetime as dt

from django.utils import timezone

from intranet.directory.models import Person

from .birthdays import greet

CELEBRANT = "vanhoa_phuxuan"


def load(out) -> None:
    today = timezone.localdate()
    person = Person.objects.filter(user__username=CELEBRANT).first()
    if person is None:
        return
    birthday = dt.date(1988 if (today.month, today.day) == (2, 29) else 1990, today.month, today.day)
    if person.birth_date != birthday:
        person.birth_date = birthday
        person.save()  # the save hook keeps birthday_key and sends the change up to the store
    greeted = greet(today)
    out.write(f"Sinh nhật hôm nay: {person.full_name} ({greeted} lời chúc mới)")
