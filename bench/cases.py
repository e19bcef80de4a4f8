"""Dashboard and case-list time at two sizes: prints figures, asserts nothing.

Runs against a throw-away SQLite database (or DATABASE_URL if set, which must be a scratch DB):
    .venv/bin/python bench/cases.py [small] [large]
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intranet.accounts.permissions import case_visibility_filter  # noqa: E402
from intranet.cases import dashboards  # noqa: E402
from intranet.cases.kinds import get_kind  # noqa: E402
from intranet.cases.models import Case, CaseParticipant, CaseUnit  # noqa: E402
from intranet.cases.services import new_code  # noqa: E402


def grow(world, total: int) -> None:
    """Add cases in bulk (the bench measures reading, not the engine's writes)."""
    kind = get_kind("question")
    now = timezone.now()
    existing = Case.objects.count()
    steps = ["agency_assign", "drafting", "agency_approve", "office_review", "published"]
    rows = []
    for n in range(existing, total):
        step = steps[n % len(steps)]
        rows.append(Case(
            kind="question", code=new_code(kind), title=f"Câu hỏi {n}", body="Nội dung", step=step, unit=world.justice,
            agency=world.justice, holder=world.justice_leader, created_at=now - dt.timedelta(hours=n % 500),
            clock_started_at=now - dt.timedelta(hours=n % 500), due_at=now + dt.timedelta(hours=(n % 200) - 100),
            timeliness=["", "early", "on_time", "late"][n % 4] if step in ("office_review", "published") else "",
            closed_at=now if step == "published" else None, published_at=now if step == "published" else None,
        ))
    created = Case.objects.bulk_create(rows, batch_size=500)
    CaseUnit.objects.bulk_create([CaseUnit(case=case, unit=world.justice) for case in created], batch_size=500)
    CaseParticipant.objects.bulk_create([CaseParticipant(case=case, user=world.justice_leader) for case in created], batch_size=500)


def measure(label: str, world) -> None:
    runs = 5
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for _ in range(runs):
            dashboards.build(dashboards.unit_cases(world.province), title="bench")
        board = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    for _ in range(runs):
        list(Case.objects.filter(case_visibility_filter(world.justice_leader)).select_related("unit", "holder").order_by("-created_at")[:30])
    listing = (time.perf_counter() - started) / runs
    print(f"{label:>8} cases: dashboard {board * 1000:7.1f} ms ({len(queries) // runs} queries), case list page {listing * 1000:6.1f} ms")


def main() -> None:
    small, large = (int(arg) for arg in (sys.argv[1:3] if len(sys.argv) >= 3 else (10, 5000)))
    call_command("migrate", verbosity=0)
    from tests.factories.cases import case_world

    world = case_world()
    for size in (small, large):
        grow(world, size)
        measure(str(size), world)


if __name__ == "__main__":
    main()
