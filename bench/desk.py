"""The desk and an officer's lists with 10 and with 1,000 open items (issue 18.3).

    .venv/bin/python bench/desk.py                       # a throw-away SQLite file
    .venv/bin/python bench/desk.py --database-url postgres://postgres@127.0.0.1:5432/portal_bench_desk
    .venv/bin/python bench/desk.py --requests 30 --small 10 --large 1000

One database holds two department leaders of the same province: one with ``--small`` open items,
the other with ``--large`` (cases of the four kinds held by them, moderation items waiting at their
unit's B3, programme tasks awaiting their unit's report; as many unread alerts of several kinds).
For every page an officer opens (the desk, my work, cases, the moderation queue, programmes,
notifications) it counts the queries of one request and times ``--requests`` requests through the
Django test client, logged in, the two officers alternated request by request, and prints
queries small vs large, p50/p95 small vs large and the p50 ratio. Goal: the same queries, time
≤ 1.2× (says which pages hold). The database must be a scratch one: it is migrated and filled.

Measured on the shared 2-core machine, 2026-12-07 (two other helpers benchmarking beside it, load
average 2.5 to 6: absolute times are noisy, each ratio is from one run). Queries small = large on
every page, every run (desk 36, my work 13, cases 13, moderation 15, programmes 18, notifications 12).
p50 ms small → large (ratio):
- SQLite, before (cf6df1d): desk 47.7 → 56.8 (1.19), desk page 2 52.4 → 68.5 (1.31), my work
  18.5 → 25.0 (1.35), cases 28.1 → 29.1 (1.04), moderation 27.4 → 38.2 (1.39), programmes
  23.3 → 26.6 (1.14), notifications 14.9 → 18.0 (1.21): 3/7 hold.
  A row cost up to 9 translations: get_step_display() hashes every choice's lazy label (moderation
  543 → 1,166 gettext calls a page at 1,000 items), the desk's providers translated their kind and
  step per item, the case list its column labels per row.
- SQLite, after (labels once per call, the case list's labels hoisted; load average 6): desk 1.09,
  desk page 2 1.22, my work 1.17, cases 1.14, moderation 1.32, programmes 1.18, notifications 1.10: 5/7.
- PostgreSQL 15, after (same code): desk 317.7 → 344.8 (1.09), desk page 2 1.16, my work 1.07,
  cases 144.3 → 179.6 (1.24), moderation 1.18, programmes 1.15, notifications 1.20: 5/7 hold.
  The case list's page query sorted the 1,400 visible cases with every column joined (bodies,
  answers, search text; width 8 KB): 10.4 ms; with only the shown columns it is under 5 ms.
- SQLite, after the case list's narrower query too (e0b82c1, load average ~2): desk 48.9 → 56.3 (1.15),
  desk page 2 1.22, my work 19.0 → 22.8 (1.21), cases 1.01, moderation 24.8 → 33.0 (1.33),
  programmes 1.16, notifications 1.19: 4/7 (the desk's first page holds in every run).
What stayed above 1.2× was what a row cost, measured 2026-12-07 (template snippets timed 100 times
each, same machine): ``{% url %}`` 25-130 µs, an ``{% include %}`` of the due badge 110 µs,
``|date:"H:i d/m/Y"`` 55 µs, ``{% translate %}`` 16 µs, ``get_step_display`` 17 µs, a plain
``{{ row.key }}`` 5 µs. A moderation row came to about 0.3 ms (55 rows against 6: +10 ms); the
desk's second page read 50 model instances per provider (with their units and programmes) and
reversed a URL per programme task to merge them (+12 ms, mostly reading, not rendering).
Now (``portal/rows.py``) rows are built in the view: the desk's providers read the shown columns as
tuples, the moderation queue's, case list's and notifications' rows are dicts with the URL
reversed once per page, moments formatted by ``strftime``, labels translated once per page and the
due badge inline; a row is a few variable lookups (~40 µs). The rendered pages are the same as
before, byte for byte but for one newline the badge's include added.
- SQLite, same day, before (9baaef2, load average 1.2): desk 73.5 → 83.8 (1.14), desk page 2
  50.9 → 63.4 (1.25), my work 18.8 → 23.6 (1.26), cases 1.00, moderation 24.8 → 34.4 (1.39),
  programmes 1.19, notifications 11.1 → 13.8 (1.24): 3/7 hold.
- SQLite, after (load average 1.0): desk 53.2 → 58.7 (1.10), desk page 2 49.8 → 54.8 (1.10),
  my work 19.9 → 23.6 (1.19), cases 24.6 → 23.1 (0.94), moderation 21.2 → 23.7 (1.12),
  programmes 19.1 → 22.8 (1.19), notifications 10.8 → 12.9 (1.20): 7/7 hold, three of them at
  the edge (my work, programmes, notifications: 2-4 ms of a row-independent part such as the
  pager, which only the large list shows, and the counts that SQLite counts row by row).
- PostgreSQL 15, after (same code, load average 2.2): desk 148.3 → 150.0 (1.01), desk page 2
  112.0 → 113.9 (1.02), my work 37.1 → 44.8 (1.21), cases 1.12, moderation 32.3 → 38.5 (1.19),
  programmes 35.1 → 43.1 (1.23), notifications 1.11: 5/7 (my work and programmes just over).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = [
    ("desk", "/ban-lam-viec/", {}),
    ("desk, page 2", "/ban-lam-viec/", {"trang": 2}),
    ("my work", "/ho-so/", {"viec": "cua-toi"}),
    ("cases", "/ho-so/", {}),
    ("moderation", "/kiem-duyet/", {}),
    ("programmes", "/chuong-trinh-cong-tac/", {}),
    ("notifications", "/thong-bao/", {}),
]
KINDS = ("question", "press", "voter", "it")
ALERT_KINDS = ("assignment", "reminder", "overdue", "moderation", "program")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a scratch database (default: a throw-away SQLite file)")
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=30)
    return parser.parse_args()


ARGS = arguments()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ["DATABASE_URL"] = ARGS.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='bench_desk_')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


def codes(kind: str, number: int):
    """``number`` distinct tracking codes (new_code() checks the table only, not a batch being built)."""
    from intranet.cases.kinds import get_kind
    from intranet.cases.services import new_code

    drawn: set[str] = set()
    while len(drawn) < number:
        drawn.add(new_code(get_kind(kind)))
    return iter(drawn)


def first_open_step(kind: str, role) -> str:
    from intranet.cases.kinds import get_kind

    return next(step.code for step in get_kind(kind).steps if not step.closed and role in step.roles)


def load(unit, leader, total: int) -> None:
    """``total`` open items for ``leader`` split over cases (four kinds), moderation and programme tasks; as many alerts."""
    from intranet.accounts.models import Role
    from intranet.cases.models import Case, CaseParticipant, CaseUnit
    from intranet.moderation.models import Step
    from intranet.notifications.models import Notification
    from intranet.programs.models import ProgramTask, ProvinceProgram
    from tests.factories.moderation import items_at_step

    cases, moderation = total * 4 // 10, total * 3 // 10
    tasks = total - cases - moderation
    now = timezone.now()
    rows, fresh = [], {kind: codes(kind, total + cases) for kind in KINDS}
    for n in range(cases):
        kind = KINDS[n % len(KINDS)]
        role = Role.IT_STAFF if kind == "it" else Role.LEADER
        rows.append(Case(
            kind=kind, code=next(fresh[kind]), title=f"Hồ sơ số {n:04d} của {unit.name}", body="Nội dung", step=first_open_step(kind, role),
            unit=unit, agency=unit, holder=leader, created_at=now, clock_started_at=now, step_started_at=now,
            due_at=now + dt.timedelta(hours=n + 1), step_due_at=now + dt.timedelta(hours=n + 1),
        ))
    created = Case.objects.bulk_create(rows, batch_size=500)
    CaseUnit.objects.bulk_create([CaseUnit(case=case, unit=unit) for case in created], batch_size=500)
    CaseParticipant.objects.bulk_create([CaseParticipant(case=case, user=leader) for case in created], batch_size=500)
    # Closed cases beside them: the lists must not read what they do not show.
    closed = Case.objects.bulk_create([
        Case(kind="question", code=next(fresh["question"]), title=f"Hồ sơ đã xong số {n:04d}", body="Nội dung", step="published",
             unit=unit, agency=unit, holder=leader, created_at=now - dt.timedelta(days=30), closed_at=now, published_at=now)
        for n in range(total)
    ], batch_size=500)
    CaseUnit.objects.bulk_create([CaseUnit(case=case, unit=unit) for case in closed], batch_size=500)
    items_at_step(unit, moderation, Step.ASSIGN)
    today = timezone.localdate()
    program, _created = ProvinceProgram.objects.get_or_create(
        period_kind="month", year=today.year, month=today.month,
        defaults={"status": ProvinceProgram.Status.ISSUED, "issued_at": now, "report_due_at": now + dt.timedelta(days=20)},
    )
    ProgramTask.objects.bulk_create([ProgramTask(program=program, unit=unit, title=f"Nhiệm vụ số {n:04d}") for n in range(tasks)], batch_size=500)
    Notification.objects.bulk_create([
        Notification(recipient=leader, kind=ALERT_KINDS[n % len(ALERT_KINDS)], title=f"Thông báo số {n:04d}", url="/ban-lam-viec/")
        for n in range(total)
    ], batch_size=500)


def world():
    from intranet.accounts.models import Role
    from tests.factories.cases import case_world, person

    made = case_world()
    made.health_leader = person(made.health, Role.LEADER, "lanhdao_syt", is_head=True, full_name="Trương Văn Giám Đốc")
    return made


def get(client: Client, url: str, params: dict) -> None:
    response = client.get(url, params, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    call_command("migrate", verbosity=0)
    made = world()
    load(made.health, made.health_leader, ARGS.small)
    load(made.justice, made.justice_leader, ARGS.large)
    clients = {}
    for label, user in (("small", made.health_leader), ("large", made.justice_leader)):
        clients[label] = Client()
        clients[label].force_login(user)
    print(f"database: {connection.vendor}; officers with {ARGS.small} and {ARGS.large} open items; {ARGS.requests} requests per page and officer")
    print(f"{'page':<15} {'queries':>13} {'p50 ms':>15} {'p95 ms':>15} {'ratio':>6}  goal (same queries, time <= 1.2x)")
    held = []
    for name, url, params in PAGES:
        queries = {}
        for label, client in clients.items():
            for _warm in range(3):
                get(client, url, params)
            with CaptureQueriesContext(connection) as captured:
                get(client, url, params)
            queries[label] = len(captured)
        times = {"small": [], "large": []}
        for _round in range(ARGS.requests):
            for label, client in clients.items():
                started = time.perf_counter()
                get(client, url, params)
                times[label].append((time.perf_counter() - started) * 1000)
        p50 = {label: statistics.median(values) for label, values in times.items()}
        p95 = {label: percentile(values, 0.95) for label, values in times.items()}
        ratio = p50["large"] / p50["small"]
        holds = queries["large"] <= queries["small"] and ratio <= 1.2
        held.append(holds)
        print(
            f"{name:<15} {queries['small']:>5} vs {queries['large']:>5} {p50['small']:>6.1f} vs {p50['large']:>6.1f} "
            f"{p95['small']:>6.1f} vs {p95['large']:>6.1f} {ratio:>5.2f}x  {'holds' if holds else 'MISSED'}"
        )
    print(f"{sum(held)}/{len(held)} pages hold the goal")


if __name__ == "__main__":
    main()
