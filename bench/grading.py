"""The per-officer grading table and its XLSX for one unit at two sizes: prints queries and time, asserts nothing.

Default sizes: 20 officers / 2,000 cases, then 200 officers / 20,000 cases (each case with two finished steps,
so 40,000 graded steps and 20,000 whole cases). Runs against a throw-away SQLite database (or DATABASE_URL,
which must be a scratch DB):
    .venv/bin/python bench/grading.py [officers cases] [officers cases]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intranet.accounts.models import Membership, Role, User  # noqa: E402
from intranet.cases.models import Case, CaseStep, CaseUnit  # noqa: E402


def grow(world, officers: int, cases: int) -> list[User]:
    """Officers of Sở Tư pháp and cases in bulk (the bench measures reading, not the engine's writes)."""
    have = list(User.objects.filter(username__startswith="bench_"))
    new = User.objects.bulk_create([
        User(username=f"bench_{n}", first_name=f"Tên{n}", last_name="Nguyễn Văn") for n in range(len(have), officers)
    ])
    Membership.objects.bulk_create([Membership(user=user, unit=world.justice, role=Role.SPECIALIST) for user in new])
    people = have + new
    now = timezone.now()
    start = Case.objects.filter(code__startswith="HD-B").count()
    rows = []
    for n in range(start, cases):
        holder = people[n % len(people)]
        closed = n % 3 == 0
        rows.append(Case(
            kind="question", code=f"HD-B{n:07d}", title=f"Câu hỏi {n}", body="Nội dung", step="published" if closed else "drafting",
            unit=world.justice, agency=world.justice, holder=None if closed else holder, main_handler=holder,
            created_at=now - dt.timedelta(hours=n % 2000), clock_started_at=now - dt.timedelta(hours=n % 2000),
            due_at=now + dt.timedelta(hours=(n % 200) - 100), step_due_at=None if closed else now + dt.timedelta(hours=(n % 50) - 25),
            done_at=now - dt.timedelta(hours=n % 90) if closed else None, closed_at=now if closed else None,
        ))
    created = Case.objects.bulk_create(rows, batch_size=500)
    CaseUnit.objects.bulk_create([CaseUnit(case=case, unit=world.justice) for case in created], batch_size=500)
    steps = []
    for n, case in enumerate(created):
        for k in range(2):
            due = now - dt.timedelta(hours=(n + k) % 700)
            steps.append(CaseStep(case=case, kind="question", step="drafting" if k else "agency_assign", unit=world.justice,
                                  officer=people[(n + k) % len(people)], started_at=due - dt.timedelta(days=2), due_at=due,
                                  done_at=due + dt.timedelta(hours=((n * 7 + k) % 48) - 30)))
    CaseStep.objects.bulk_create(steps, batch_size=1000)
    return people


def measure(label: str, client: Client, unit) -> None:
    query = f"ky=nam&nam={timezone.localdate():%Y}&so=1"
    for name, url in (("table", f"/danh-gia/don-vi/{unit.pk}/?{query}"), ("xlsx", f"/danh-gia/don-vi/{unit.pk}/xlsx/?{query}")):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST="localhost")
            took = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        print(f"{label:>24}: {name:<5} {took * 1000:8.1f} ms, {len(queries):3d} queries, {len(response.content) / 1024:8.1f} KiB")


def main() -> None:
    args = [int(arg) for arg in sys.argv[1:5]]
    sizes = [(args[0], args[1]), (args[2], args[3])] if len(args) == 4 else [(20, 2000), (200, 20000)]
    call_command("migrate", verbosity=0)
    from tests.factories.cases import case_world

    world = case_world()
    client = Client()
    client.force_login(world.justice_leader)
    for officers, cases in sizes:
        grow(world, officers, cases)
        measure(f"{officers} officers, {cases} cases", client, world.justice)


if __name__ == "__main__":
    main()
