"""A fresh SQLite database from a snapshot of what the migrations make, not from the migrations.

Applying every migration to an empty SQLite file takes about 35 s of CPU: Django renders the
model states of some 400 models again for each operation that touches a relation. Nothing of
that depends on the machine, so the schema and rows the migrations leave (tables, indexes,
triggers, the full-text table, content types, permissions, Wagtail's root page and site,
locales, the beat schedule, ``django_migrations``) are written once into ``schema/sqlite.sql``
and the first ``migrate`` of an empty SQLite database runs that script instead (under a second).
``migrate`` then goes on as always: it finds every migration applied, and ``post_migrate`` runs.

The snapshot is used only when its fingerprint matches: the bytes of every migration file on
disk (the project's and every installed package's), the Django and Wagtail versions and the
settings a data migration reads. Anything else (a new migration, an upgraded package) and
``migrate`` applies the migrations the usual way; ``make schema`` writes the snapshot again.
``tests/jobs/test_schema_snapshot.py`` checks that the committed snapshot is current and that it
equals, table for table and row for row, a database built by the migrations themselves.
PostgreSQL and any database holding tables always use the migrations.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

SNAPSHOT = Path(__file__).resolve().parent / "schema" / "sqlite.sql"
FINGERPRINT_LINE = "-- fingerprint: "
# The tables FTS5 makes for itself beside a virtual table: created by CREATE VIRTUAL TABLE.
FTS5_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")
# The values two runs of the migrations write differently (clocks, random keys): the snapshot
# draws them when it is restored, so each database gets its own and the file stays the same
# from one `make schema` to the next.
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
DRAWN_AT_RESTORE = {
    ("django_migrations", "applied"): NOW,
    ("wagtailcore_page", "translation_key"): "lower(hex(randomblob(16)))",
    ("django_celery_beat_periodictask", "date_changed"): NOW,
    ("django_celery_beat_periodictasks", "last_update"): NOW,
    ("jobs_scheduledefault", "written_at"): NOW,
}


def fingerprint(alias: str = "default") -> str:
    """What a snapshot was made from: every migration file's bytes, the versions, the settings read."""
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True, load=False)
    loader.load_disk()
    digest = hashlib.sha256()
    for part in (django.__version__, wagtail.__version__, settings.LANGUAGE_CODE, repr(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ""))):
        digest.update(part.encode() + b"\0")
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        source = Path(sys.modules[type(migration).__module__].__file__)
        digest.update(f"{app_label}.{name}\0".encode() + hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def snapshot_fingerprint(path: Path = SNAPSHOT) -> str | None:
    try:
        with path.open(encoding="utf-8") as source:
            first = source.readline()
    except FileNotFoundError:
        return None
    return first[len(FINGERPRINT_LINE) :].strip() if first.startswith(FINGERPRINT_LINE) else None


def usable(alias: str = "default", path: Path = SNAPSHOT) -> bool:
    """Whether ``migrate`` may start ``alias`` from the snapshot: an empty SQLite database, a current snapshot."""
    connection = connections[alias]
    if connection.vendor != "sqlite" or not getattr(settings, "MIGRATE_FROM_SNAPSHOT", True):
        return False
    if connection.introspection.table_names():
        return False
    return snapshot_fingerprint(path) == fingerprint(alias)


def restore(alias: str = "default", path: Path = SNAPSHOT) -> bool:
    """Run the snapshot's script on ``alias``: all of it, or (an SQLite too old for its SQL) nothing and False."""
    connection = connections[alias]
    connection.ensure_connection()
    try:
        connection.connection.executescript(path.read_text(encoding="utf-8"))
    except sqlite3.Error:
        if connection.connection.in_transaction:
            connection.connection.rollback()  # SQLite's DDL is transactional: the database is empty again
        return False
    return True


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def dump(alias: str = "default") -> str:
    """The database as a script: tables, their rows, indexes, triggers and views, and the sequences."""
    connection = connections[alias]
    connection.ensure_connection()
    db = connection.connection
    objects = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    virtual = [name for kind, name, _table, sql in objects if kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {name + suffix for name in virtual for suffix in FTS5_SHADOWS}

    def kept(name: str) -> bool:
        return not name.startswith("sqlite_") and name not in shadows

    tables = [(name, sql) for kind, name, _table, sql in objects if kind == "table" and kept(name)]
    lines = ["BEGIN;"]
    lines += [f"{sql};" for _name, sql in tables]
    for name, _sql in tables:
        if name in virtual:
            continue  # the full-text index is empty after migrating; its shadow tables come with it
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({_quote(name)})")]
        listed = ", ".join(_quote(column) for column in columns)
        values = ", ".join(f"quote({_quote(column)})" for column in columns)
        for row in db.execute(f"SELECT {values} FROM {_quote(name)} ORDER BY rowid"):  # noqa: S608 - quoted names
            row = [DRAWN_AT_RESTORE.get((name, column), value) for column, value in zip(columns, row, strict=True)]
            # Values as SQLite's own quote() wrote them: a script of literals, run only by restore().
            lines.append(f"INSERT INTO {_quote(name)} ({listed}) VALUES ({','.join(row)});")  # noqa: S608
    lines += [f"{sql};" for kind, name, table, sql in objects if kind in ("index", "trigger", "view") and kept(table)]
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        lines.append("DELETE FROM sqlite_sequence;")
        for name, seq in db.execute("SELECT quote(name), seq FROM sqlite_sequence ORDER BY name"):
            lines.append(f"INSERT INTO sqlite_sequence (name, seq) VALUES ({name}, {int(seq)});")  # noqa: S608 - quote()d
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def write(alias: str = "default", path: Path = SNAPSHOT) -> Path:
    """Write the snapshot of ``alias`` (a database the migrations have just built) to ``path``."""
    header = [
        f"{FINGERPRINT_LINE}{fingerprint(alias)}",
        "-- What the migrations make in an empty SQLite database (intranet/jobs/snapshot.py).",
        "-- Written by `make schema`; do not edit: a migration or package upgrade needs a new one.",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + "\n" + dump(alias), encoding="utf-8")
    return path
