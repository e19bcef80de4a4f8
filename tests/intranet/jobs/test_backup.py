"""Backups that restore (issue 12, Huế Art. 9.1.c, HCMC Art. 21): `manage.py backup` writes one
archive of the database and all media; `manage.py restore` puts it back into a fresh database and
media folder, exactly, and refuses corrupted archives and data it would overwrite."""

import contextlib
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from intranet.jobs.backup import backups_in, table_row_counts, verify_archive
from intranet.jobs.schedule import SCHEDULE
from intranet.jobs.tasks import nightly_backup
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # committed rows: what a backup of a running server sees

ROOT = Path(settings.BASE_DIR)
MEDIA = {
    "documents/quyet-dinh-12.pdf": b"%PDF-1.4 quyet dinh so 12\n" * 50,
    "cases/2026/đính kèm công dân.txt": "Nguyễn Văn An hỏi về thủ tục".encode(),
    "original_images/anh.jpg": bytes(range(256)) * 40,
}


@pytest.fixture
def site_with_data(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    for name in ("Trần Thị Bình", "Lê Văn Cường"):
        family, *given = name.split()
        UserFactory(last_name=family, first_name=" ".join(given))
    media_root = Path(settings.MEDIA_ROOT)
    for relative, content in MEDIA.items():
        path = media_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return media_root


def checksums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class NewServer:
    """A second server's empty database of the same kind as the one under test: a file for
    SQLite, a database of its own on the same cluster for PostgreSQL."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "new-server.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        params = connection.get_connection_params()
        self.params = {key: params[key] for key in ("host", "port", "user") if params.get(key)}
        self.name = f"{connection.settings_dict['NAME']}_restored"[:63]
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
        host, port, user = (self.params.get(key, "") for key in ("host", "port", "user"))
        self.url = f"postgres://{user}@{host}:{port or 5432}/{self.name}"

    def _admin(self, *statements):
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
            for statement in statements:
                admin.execute(statement)

    def row_counts(self) -> dict[str, int]:
        if self.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.path)) as db:
                names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
                return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}  # noqa: S608
        import psycopg

        with psycopg.connect(dbname=self.name, **self.params) as db:
            names = [row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}  # noqa: S608

    def drop(self):
        if self.vendor != "sqlite":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def new_server(tmp_path):
    server = NewServer(tmp_path)
    yield server
    server.drop()


def manage(*args, database: NewServer, media: Path):
    """manage.py as an operator runs it on a server: its own process, database and media folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL=database.url, MEDIA_ROOT=str(media))
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_backup_then_restore_into_a_fresh_database_and_media_folder_gives_the_same_rows_and_files(
    site_with_data, tmp_path, new_server
):
    call_command("backup")
    [archive] = backups_in()
    manifest = verify_archive(archive)
    counts = table_row_counts()
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["tables"] == counts
    assert counts[get_user_model()._meta.db_table] == 2
    assert {name: entry["sha256"] for name, entry in manifest["media"].items()} == checksums(site_with_data)

    new_db, new_media = new_server, tmp_path / "new-media"
    new_media.mkdir()
    (new_media / "stray.txt").write_text("left by someone")
    refused = manage("restore", str(archive), database=new_db, media=new_media)
    assert refused.returncode != 0
    assert "đã có tệp" in refused.stderr and "--force" in refused.stderr
    assert new_db.row_counts() == {}  # nothing was restored
    assert checksums(new_media) == {"stray.txt": hashlib.sha256(b"left by someone").hexdigest()}

    (new_media / "stray.txt").unlink()
    restored = manage("restore", str(archive), database=new_db, media=new_media)
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục" in restored.stdout
    assert new_db.row_counts() == counts
    assert checksums(new_media) == checksums(site_with_data)

    # The same archive again over the restored server only with --force, which replaces everything.
    again = manage("restore", str(archive), database=new_db, media=new_media)
    assert again.returncode != 0 and "đã có dữ liệu" in again.stderr
    (new_media / "stray.txt").write_text("newer upload")
    forced = manage("restore", "--force", str(archive), database=new_db, media=new_media)
    assert forced.returncode == 0, forced.stderr
    assert new_db.row_counts() == counts
    assert checksums(new_media) == checksums(site_with_data)


def _corrupt_one_media_file(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        member = tar.getmember("media/documents/quyet-dinh-12.pdf")
        offset = member.offset_data + 100
    with open(archive, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0xFF]))


@pytest.mark.parametrize("damage", ["flipped byte", "truncated"])
def test_a_corrupted_archive_is_refused_before_anything_is_touched(site_with_data, damage):
    archive = Path(call_command("backup").strip())
    if damage == "flipped byte":
        _corrupt_one_media_file(archive)
    else:
        with open(archive, "r+b") as handle:
            handle.truncate(archive.stat().st_size // 2)
    UserFactory(last_name="Phạm", first_name="Dũng")  # data the archive does not have
    before, files = table_row_counts(), checksums(site_with_data)

    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("restore", str(archive), force=True)

    assert table_row_counts() == before
    assert checksums(site_with_data) == files


def test_restore_over_existing_data_is_refused_without_force(site_with_data):
    archive = Path(call_command("backup").strip())
    UserFactory(last_name="Hoàng", first_name="Văn Em")
    before, files = table_row_counts(), checksums(site_with_data)

    with pytest.raises(CommandError, match="Cơ sở dữ liệu đã có dữ liệu; không khôi phục đè. Dùng --force"):
        call_command("restore", str(archive))

    assert table_row_counts() == before
    assert checksums(site_with_data) == files


def test_the_nightly_job_writes_an_archive_and_keeps_the_newest_backup_keep(site_with_data, settings):
    assert SCHEDULE["nightly-backup"][:2] == ("intranet.jobs.tasks.nightly_backup", {"minute": "30", "hour": "1"})
    settings.BACKUP_KEEP = 3
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(parents=True)
    older = [folder / f"portal-backup-2026110{day}-013000.tar" for day in range(1, 5)]
    for path in older:
        path.write_bytes(b"an earlier night")
    (folder / "ghi-chu.txt").write_text("not a backup")

    tonight = Path(nightly_backup())

    assert backups_in() == [older[2], older[3], tonight]
    assert (folder / "ghi-chu.txt").exists()
    assert json.loads(tarfile.open(tonight).extractfile("manifest.json").read())["media"].keys() == MEDIA.keys()
