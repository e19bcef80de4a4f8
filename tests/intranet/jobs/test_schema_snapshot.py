"""The schema snapshot a fresh SQLite database starts from (intranet/jobs/snapshot.py) is what the migrations make."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from intranet.jobs import snapshot

ROOT = Path(__file__).resolve().parents[3]
DUMP = "from intranet.jobs.snapshot import dump; import sys; sys.stdout.write(dump())"


def manage(database: Path, *arguments: str) -> str:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_committed_snapshot_is_current():
    assert snapshot.snapshot_fingerprint() == snapshot.fingerprint(), (
        "A migration or an installed package changed since intranet/jobs/schema/sqlite.sql was written: run `make schema`."
    )


def test_a_fresh_database_from_the_snapshot_equals_one_the_migrations_built(tmp_path):
    migrated, restored = tmp_path / "migrated.sqlite3", tmp_path / "restored.sqlite3"
    manage(migrated, "migrate", "--noinput", "--no-snapshot")
    said = manage(restored, "migrate", "--noinput")
    assert "bản chụp lược đồ" in said
    assert "No migrations to apply." in said
    by_migrations = manage(migrated, "shell", "--no-imports", "-c", DUMP)
    # Table for table, row for row, index for index; and the committed file is that script.
    assert manage(restored, "shell", "--no-imports", "-c", DUMP) == by_migrations
    committed = snapshot.SNAPSHOT.read_text(encoding="utf-8").split("\n", 3)[3]
    assert committed == by_migrations
    # Values drawn at restore: each database its own page keys.
    keys = "from wagtail.models import Page; print(sorted(str(k) for k in Page.objects.values_list('translation_key', flat=True)))"
    assert manage(migrated, "shell", "--no-imports", "-c", keys) != manage(restored, "shell", "--no-imports", "-c", keys)
    # A second migrate changes nothing.
    assert "No migrations to apply." in manage(restored, "migrate", "--noinput")


@pytest.mark.django_db
def test_the_snapshot_is_written_only_from_an_empty_sqlite_database():
    with pytest.raises(CommandError, match="trống"):
        call_command("migrate", "--write-snapshot", verbosity=0)
    assert not snapshot.usable()  # the test database holds tables: the migrations decide


def test_a_snapshot_this_sqlite_cannot_run_leaves_the_database_empty_for_the_migrations(tmp_path):
    broken = tmp_path / "broken.sql"
    text = snapshot.SNAPSHOT.read_text(encoding="utf-8")
    broken.write_text(text.replace("COMMIT;", "CREATE TABLE x (a) STRICT WITHOUT SOMETHING;\nCOMMIT;"), encoding="utf-8")
    code = (
        "from pathlib import Path; from django.db import connection; from intranet.jobs import snapshot; "
        f"print(snapshot.restore(path=Path({str(broken)!r})), len(connection.introspection.table_names()))"
    )
    assert manage(tmp_path / "db.sqlite3", "shell", "--no-imports", "-c", code).split() == ["False", "0"]
