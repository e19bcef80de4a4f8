"""Upward sync: time to deliver N people changes to the provincial store, and to replay them.

Usage: .venv/bin/python bench/sync.py [--sizes 3000 30000] [--database-url URL]

Runs on a throw-away SQLite file unless --database-url is given (use a scratch
PostgreSQL database there: the bench migrates it and writes into it). The
replay must change nothing: the bench checks that and says so.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3000, 30000])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="bench-sync-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    # Tasks go to the in-memory broker with no worker, so writing and delivering are timed apart.
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Max

    from intranet.store import services
    from intranet.store.models import OutboxEntry, StoreReceipt, StoreRecord
    from intranet.units.models import Unit

    call_command("migrate", verbosity=0)
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    print(f"{'changes':>8} {'write outbox':>13} {'deliver':>9} {'per change':>11} {'replay':>9} {'per change':>11}  replay changed")
    for size in args.sizes:
        OutboxEntry.objects.all().delete()
        StoreRecord.objects.all().delete()
        StoreReceipt.objects.all().delete()
        unit = Unit.objects.filter(code="bench").first() or Unit.add_root(instance=Unit(code="bench", name="Đơn vị đo", kind=Unit.Kind.DEPARTMENT, has_site=False))
        # 30,000 changes = people records edited several times each (versions must stay in order).
        changes = [
            {"channel": "people", "record_id": f"bench-{n % (size // 3 or 1)}", "unit": unit,
             "payload": {"full_name": f"Cán bộ {n}", "position": "Chuyên viên", "unit": "bench"}}
            for n in range(size)
        ]
        started = time.perf_counter()
        with transaction.atomic():
            services.record_changes(changes)
        wrote = time.perf_counter() - started
        started = time.perf_counter()
        services.retry_pending()  # what the worker (or the beat retry) runs
        delivered_in = time.perf_counter() - started
        assert not OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING).exists(), "some changes were not delivered"
        snapshot = (StoreRecord.objects.count(), StoreRecord.objects.aggregate(m=Max("received_at"))["m"], StoreReceipt.objects.count())
        started = time.perf_counter()
        replayed = services.replay()
        replay_in = time.perf_counter() - started
        after = (StoreRecord.objects.count(), StoreRecord.objects.aggregate(m=Max("received_at"))["m"], StoreReceipt.objects.count())
        print(
            f"{size:>8} {wrote:>12.2f}s {delivered_in:>8.2f}s {delivered_in / size * 1000:>9.2f}ms {replay_in:>8.2f}s "
            f"{replay_in / max(replayed, 1) * 1000:>9.2f}ms  {'NO' if after == snapshot else 'YES (bug!)'}"
        )


if __name__ == "__main__":
    main()
