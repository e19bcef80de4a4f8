"""Stage 40: a real streaming replica behind the production settings, walked over HTTP.

A temporary PostgreSQL primary cluster (initdb, run as the ``postgres`` user, on REPLICA_PRIMARY_PORT)
and a hot standby made from it with ``pg_basebackup -R`` (REPLICA_STANDBY_PORT) that streams its
WAL. The primary is migrated and seeded with the production settings; the seed must reach the
standby by streaming. gunicorn (portal.settings.production) runs with DATABASE_URL at the primary
and DATABASE_REPLICA_URLS at the standby. The walk: anonymous public pages, search and the store
API answer 200 and the standby's own counters (pg_stat_database, pg_stat_activity) show it served
them; a POST answers with the read-your-writes cookie; then the standby is stopped and the same
pages still answer 200, from the primary. Both clusters and their folders go in any case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests
from stack_walk import SEED
from stacklib import (
    REDIS,
    fail,
    flush_redis,
    gunicorn,
    manage,
    post_form,
    production_env,
    psql,
    run,
    step,
    wait_for,
    wait_healthy,
)

WEB_PORT = int(os.environ.get("REPLICA_WEB_PORT", "8140"))
PRIMARY_PORT = int(os.environ.get("REPLICA_PRIMARY_PORT", "55432"))
STANDBY_PORT = int(os.environ.get("REPLICA_STANDBY_PORT", "55433"))
REDIS_DBS = (8, 9)
DB_NAME = "portal"
PG_BIN = Path(os.environ.get("REPLICA_PG_BIN", "")) if os.environ.get("REPLICA_PG_BIN") else None
# The standby's and the primary's own counters for the portal's database (DB_NAME).
STATS = "SELECT xact_commit + xact_rollback, tup_returned FROM pg_stat_database WHERE datname = 'portal'"
CONNECTED = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'portal' AND backend_type = 'client backend'"
PUBLIC_PAGES = ["/", "/tim-kiem/?q=thu+tuc", "/api/v1/store/units/", "/api/v1/store/people/", "/en/"]


def pg_bin() -> Path:
    """The newest PostgreSQL server binaries installed (Debian keeps them per major version)."""
    if PG_BIN:
        return PG_BIN
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parent.parent.name))
    if not versions:
        fail("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return versions[-1].parent


def as_postgres(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run a server binary as the postgres user (PostgreSQL refuses to run as root)."""
    command = list(argv)
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - our own fixed command lines
    if check and result.returncode:
        fail(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
    return result


class Cluster:
    """One temporary PostgreSQL cluster: a data folder, a port, a log, sockets in the work folder."""

    def __init__(self, name: str, root: Path, port: int):
        self.name, self.port = name, port
        self.data, self.log, self.sockets = root / name, root / f"{name}.log", root

    def url(self, database: str = DB_NAME) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.sockets}"
        as_postgres(str(pg_bin() / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            as_postgres(str(pg_bin() / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def sql(self, sql: str, database: str = "postgres") -> str:
        return psql(self.url(database), sql)


def main():
    work = Path(tempfile.mkdtemp(prefix="h12-replica-"))
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")  # the clusters' folders and sockets live here
    primary, standby = Cluster("primary", work, PRIMARY_PORT), Cluster("standby", work, STANDBY_PORT)
    web = None
    flush_redis(*REDIS_DBS)
    try:
        step(f"a primary cluster on {PRIMARY_PORT} and a hot standby streaming from it on {STANDBY_PORT}")
        as_postgres(
            str(pg_bin() / "initdb"), "-D", str(primary.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
        )
        with open(primary.data / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nfsync = off\n")
        primary.start()
        primary.sql(f'CREATE DATABASE "{DB_NAME}"')
        as_postgres(
            str(pg_bin() / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres",
            "-D", str(standby.data), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        standby.start()
        if standby.sql("SELECT pg_is_in_recovery()") != "t":
            fail("the standby is not in recovery: it is no replica")
        if primary.sql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") != "1":
            fail("the standby does not stream from the primary")

        env = production_env(
            DATABASE_URL=primary.url(),
            DATABASE_REPLICA_URLS=standby.url(),
            REDIS_URL=f"{REDIS}/{REDIS_DBS[0]}",
            CELERY_BROKER_URL=f"{REDIS}/{REDIS_DBS[1]}",
            MEDIA_ROOT=work / "media",
            EXTRA_ALLOWED_HOSTS="127.0.0.1",
            PAGE_CACHE_SECONDS=0,  # every visit reaches the database, so the standby's counters move
        )
        step("migrate and seed the primary (production settings); the seed reaches the standby by streaming")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "shell", "-c", SEED)
        wait_for("the seed on the standby", lambda: standby.sql("SELECT count(*) FROM units_unit", DB_NAME) == "1", 60)
        refused = subprocess.run(  # noqa: S603
            ["psql", standby.url(), "-qtAc", "CREATE TABLE should_fail (id int)"],  # noqa: S607
            capture_output=True,
            text=True,
        )
        if refused.returncode == 0 or "read-only" not in refused.stderr:
            fail(f"the standby accepted a write: {refused.stderr}")

        web = gunicorn("web-replica", WEB_PORT, env).start()
        base = f"http://127.0.0.1:{WEB_PORT}"
        wait_healthy(base)

        def served_by_standby() -> tuple[int, int]:
            transactions, tuples = (int(value) for value in standby.sql(STATS).split("|"))
            return transactions, tuples

        def walk() -> None:
            for path in PUBLIC_PAGES * 3:
                response = requests.get(base + path, timeout=30)
                if response.status_code != 200:
                    fail(f"GET {path}: {response.status_code}")

        step("anonymous visitors walk the public pages, search and the store API: the standby serves them")
        before = served_by_standby()
        walk()
        connected = int(standby.sql(CONNECTED))
        if connected < 1:
            fail("no app server is connected to the standby")
        # The standby's statistics are flushed by its backends within seconds of going idle.
        # At least one transaction per visit (each visit runs several queries, each its own in autocommit).
        visits = len(PUBLIC_PAGES) * 3
        after = wait_for(
            f"the standby's counters to show the walk ({visits} visits)",
            lambda: (now := served_by_standby())[0] - before[0] >= visits and now,
            40,
        )
        print(f"   standby: {connected} connection(s), {after[0] - before[0]} transactions, {after[1] - before[1]} rows returned")

        step("a POST answers with the read-your-writes cookie (this browser reads from the primary for a while)")
        session = requests.Session()
        posted = post_form(session, base + "/hoi-dap/gui-cau-hoi/", {"title": ""})  # refused, nothing saved: still a POST
        if posted.status_code != 200 or "portal_primary" not in session.cookies:
            fail(f"no read-your-writes cookie after a POST ({posted.status_code}, cookies {list(session.cookies.keys())})")

        step("the standby stopped: the same pages still answer 200, from the primary")
        standby.stop(mode="immediate")
        primary_before = int(primary.sql(STATS).split("|")[1])
        walk()
        wait_for(
            "the primary's counters to show the walk",
            lambda: int(primary.sql(STATS).split("|")[1]) > primary_before,
            30,
        )
        log = (Path(__file__).resolve().parents[2] / ".ci-logs" / "web-replica.log").read_text()
        if "does not answer, reading from the primary" not in log:
            fail("the web did not report the standby as down")
        if not web.alive():
            fail("gunicorn died (see .ci-logs/web-replica.log)")
        step("replica walk passed")
    finally:
        if web is not None:
            web.stop()
        for cluster in (standby, primary):
            cluster.stop(mode="immediate")
        flush_redis(*REDIS_DBS)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    started = time.monotonic()
    run(main)
    print(f"   ({time.monotonic() - started:.0f}s)")
