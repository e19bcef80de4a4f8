"""Birthday greetings at 10,000 and 100,000 people: queries stay constant, time grows with the greeted.

    .venv/bin/python bench/birthdays.py            # a throw-away SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/birthdays.py

    .venv/bin/python bench/birthdays.py 1000 10000 # other sizes

Prints, for each size: people, greeted, queries, seconds (and a second run: greeted 0), the
desk's birthday block (queries, ms), the plan of the lookup (an index on ``birthday_key``, not
a scan), and at the end the time ratio largest/smallest against the goal (≤ 10, issue 18).
Every run starts from a fresh file in its own temporary directory. Each size greets three
mornings (28 February, 1 and 2 March), each followed by a second run that must greet nobody;
the ratio takes the median morning.

Measured on the shared 2-core machine, 2026-12-07 (SQLite; other helpers' benchmarks beside it):
- before (cf6df1d, one morning): 10,000 people 37 greeted, 25 queries, 1.75 s; 100,000 people 350
  greeted, 165 queries, 24.67 s (ratio 14.1). The queries grew with the alerts because Django
  splits a SQLite insert at 999 parameters (166 alerts a statement), and the time went into one
  Celery task (and later one mail-server connection) per email: 8,469 tasks queued on commit.
- after (SQLite's own parameter limit, emails a hundred per task over one connection): 10 queries
  a morning at both sizes, 3 for the second run (greets nobody); 10,000 people 0.13 / 0.30 / 0.26 s,
  100,000 people 2.53 / 2.10 / 1.96 s (350 / 277 / 287 greeted): ratio 8.2, goal holds. The desk's
  block 3 queries, 2–5 ms, through the index on ``birthday_key`` at both sizes.
"""

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench_birthdays_')}/bench.sqlite3"
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")  # queue emails on the memory broker; delivery is not measured

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SIZES = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
PER_UNIT = 25
DAY = dt.date(2027, 2, 28)  # a common year: people born on 29 February are greeted too


def prepare(target: int) -> None:
    from intranet.accounts.models import Membership, Role, User
    from intranet.directory.models import Person, birthday_key
    from intranet.units.models import Unit

    province = Unit.objects.filter(depth=1).first() or Unit.add_root(code="bench", name="Tỉnh đo đạc", kind=Unit.Kind.PROVINCE, has_site=False)
    from django.contrib.auth.hashers import make_password

    unusable = make_password(None)  # bench accounts never log in
    have = Person.objects.count()
    rng = random.Random(target)
    while have < target:
        batch = min(5_000, target - have)
        units = [
            province.add_child(code=f"b{have // PER_UNIT + n}", name=f"Đơn vị {have // PER_UNIT + n}", kind=Unit.Kind.COMMUNE, has_site=False)
            for n in range(batch // PER_UNIT)
        ]
        users = User.objects.bulk_create(
            [User(username=f"bench{have + n}", email=f"bench{have + n}@hue.gov.vn", password=unusable) for n in range(batch)]
        )
        people, memberships = [], []
        for n, user in enumerate(users):
            unit = units[n // PER_UNIT]
            born = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(365 * 30))
            people.append(Person(unit=unit, user=user, full_name=f"Cán bộ {have + n}", birth_date=born, birthday_key=birthday_key(born), hide_birthday=n % 50 == 0))
            memberships.append(Membership(user=user, unit=unit, role=Role.SPECIALIST))
        Person.objects.bulk_create(people)
        Membership.objects.bulk_create(memberships)
        have += batch


def plan(day: dt.date) -> str:
    from intranet.notifications.birthdays import celebrating

    sql, params = celebrating(day).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql, params)
        rows = [str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor.fetchall()]
    return next((row.strip() for row in rows if "birthday_key" in row), "no index on birthday_key: " + " | ".join(rows))


def desk_block(day: dt.date) -> tuple[int, float]:
    from intranet.accounts.models import User
    from intranet.notifications.birthdays import birthdays_for

    user = User.objects.filter(username__startswith="bench").order_by("pk").first()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for _ in range(5):
            birthdays_for(user, day)
        elapsed = (time.perf_counter() - started) / 5
    return len(queries) // 5, elapsed


def main() -> None:
    from intranet.notifications.birthdays import greet

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    print(f"{'people':>8} {'run':>5} {'greeted':>8} {'queries':>8} {'seconds':>8} {'desk q':>7} {'desk ms':>8}")
    first_run: dict[int, list[float]] = {}
    for offset, size in enumerate(SIZES):
        prepare(size)
        # Each size greets on its own dates (28 February of a common year, then 1 and 2 March): three
        # mornings, each followed by a second run that must greet nobody; the ratio takes the median morning.
        base = DAY.replace(year=DAY.year + 4 * offset)
        for day in (base, base + dt.timedelta(days=1), base + dt.timedelta(days=2)):
            for run in (1, 2):
                reset_queries()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    greeted = greet(day)
                elapsed = time.perf_counter() - started
                desk_queries, desk_seconds = desk_block(day)
                if run == 1:
                    first_run.setdefault(size, []).append(elapsed)
                print(f"{size:>8} {run:>5} {greeted:>8} {len(queries):>8} {elapsed:>8.2f} {desk_queries:>7} {desk_seconds * 1000:>8.1f}  {day}")
        print(f"         plan: {plan(base)}")
    small, large = SIZES[0], SIZES[-1]
    ratio = statistics.median(first_run[large]) / max(statistics.median(first_run[small]), 1e-9)
    print(f"time ratio {large}/{small}: {ratio:.1f} (goal <= 10: {'holds' if ratio <= 10 else 'MISSED'})")


if __name__ == "__main__":
    main()
