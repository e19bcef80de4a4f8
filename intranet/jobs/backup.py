"""Backups that restore (Huế Art. 9.1.c, HCMC Art. 21): one archive of the database and all media.

The database dump and its restore are django-dbbackup's connectors (``pg_dump``/``pg_restore``
on PostgreSQL, SQLite's online backup API on SQLite). This module puts the dump and every file
under ``MEDIA_ROOT`` into ONE tar archive with a ``manifest.json``::

    manifest.json            created, database vendor and connector, per-table row counts,
                             sha256 of the dump and of every media file
    database/<dump file>
    media/<path under MEDIA_ROOT>

``restore`` reads the whole archive and checks every checksum before it touches anything, and
refuses a database or media folder that already holds data unless forced.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import CommandConnectorError
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
PREFIX = "portal-backup-"
SUFFIX = ".tar"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that must not go ahead; the message is for the operator (Vietnamese)."""


@dataclass
class RestoreResult:
    manifest: dict
    tables: int
    files: int
    count_differences: dict  # table -> (in manifest, after restore); a backup taken under load


def _sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def table_row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Every table of the database with its number of rows."""
    connection = connections[using]
    with connection.cursor() as cursor:
        names = [name for name in connection.introspection.table_names(cursor) if not name.startswith("sqlite_")]
        counts = {}
        for name in sorted(names):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 - introspected names
            counts[name] = cursor.fetchone()[0]
    return counts


def media_files(media_root: Path) -> list[tuple[str, Path]]:
    """(posix path relative to MEDIA_ROOT, absolute path) of every file, sorted."""
    if not media_root.is_dir():
        return []
    backup_dir = Path(settings.BACKUP_DIR).resolve()
    found = []
    for directory, _dirs, names in os.walk(media_root):
        if Path(directory).resolve().is_relative_to(backup_dir):
            continue  # never archive the archives
        for name in names:
            path = Path(directory) / name
            if path.is_file():
                found.append((path.relative_to(media_root).as_posix(), path))
    return sorted(found)


def _archive_name(directory: Path) -> Path:
    while True:
        path = directory / f"{PREFIX}{timezone.localtime().strftime('%Y%m%d-%H%M%S')}{SUFFIX}"
        if not path.exists():
            return path
        time.sleep(1)  # one archive a second at most; names sort in time order


def create_backup(directory: Path | str | None = None, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write one archive of the database and all media into ``directory`` (BACKUP_DIR); return its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    connection = connections[using]
    connector = get_connector(using)
    connector_path = f"{type(connector).__module__}.{type(connector).__qualname__}"
    dump_name = f"database/{using}.{connector.extension}"

    counts = table_row_counts(using)
    try:
        dump = connector.create_dump()
    except CommandConnectorError as error:
        raise BackupError(_("Không sao lưu được cơ sở dữ liệu: %(error)s") % {"error": error})
    dump.seek(0)
    dump_sha = _sha256_of(dump)
    dump.seek(0, os.SEEK_END)
    dump_size = dump.tell()
    dump.seek(0)

    files = media_files(media_root)
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": {
            "vendor": connection.vendor,
            "connector": connector_path,
            "file": dump_name,
            "sha256": dump_sha,
            "size": dump_size,
            "tables": counts,
        },
        "media": {},
    }

    target = _archive_name(directory)
    partial = directory / f".{target.name}.partial"
    try:
        with tarfile.open(partial, "w") as archive:
            info = tarfile.TarInfo(dump_name)
            info.size, info.mtime = dump_size, int(time.time())
            archive.addfile(info, dump)
            for relative, path in files:
                with open(path, "rb") as handle:
                    sha = _sha256_of(handle)
                    handle.seek(0)
                    info = archive.gettarinfo(fileobj=handle, arcname=f"media/{relative}")
                    archive.addfile(info, handle)
                manifest["media"][relative] = {"sha256": sha, "size": info.size}
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
        os.replace(partial, target)  # a half-written archive never carries a backup's name
    finally:
        partial.unlink(missing_ok=True)
        dump.close()
    return target


def backups_in(directory: Path | str | None = None) -> list[Path]:
    """The archives in BACKUP_DIR, oldest first."""
    directory = Path(directory or settings.BACKUP_DIR)
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.glob(f"{PREFIX}*{SUFFIX}") if path.is_file())


def prune_backups(keep: int | None = None, directory: Path | str | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` (BACKUP_KEEP) archives; return the deleted ones."""
    keep = settings.BACKUP_KEEP if keep is None else keep
    archives = backups_in(directory)
    doomed = archives[: max(len(archives) - max(keep, 1), 0)]
    for path in doomed:
        path.unlink()
    return doomed


def _safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(_("Tệp sao lưu có đường dẫn không hợp lệ: %(name)s") % {"name": name})
    return path


def verify_archive(archive_path: Path | str) -> dict:
    """Read the whole archive and check every checksum; return its manifest or raise BackupError."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": archive_path})
    corrupt = _("Tệp sao lưu %(path)s bị hỏng hoặc không đầy đủ: %(reason)s")
    try:
        with tarfile.open(archive_path, "r") as archive:
            try:
                manifest = json.loads(archive.extractfile(MANIFEST).read())
                expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
                expected.update({f"media/{name}": entry["sha256"] for name, entry in manifest["media"].items()})
            except (KeyError, AttributeError, TypeError, ValueError):
                raise BackupError(corrupt % {"path": archive_path, "reason": _("thiếu hoặc hỏng manifest.json")})
            seen = set()
            for member in archive:
                if member.name == MANIFEST:
                    continue
                _safe_member_path(member.name)
                if not member.isfile() or member.name not in expected:
                    raise BackupError(corrupt % {"path": archive_path, "reason": _("có mục lạ %(name)s") % {"name": member.name}})
                if _sha256_of(archive.extractfile(member)) != expected[member.name]:
                    raise BackupError(corrupt % {"path": archive_path, "reason": _("sai mã kiểm tra của %(name)s") % {"name": member.name}})
                seen.add(member.name)
            missing = sorted(set(expected) - seen)
            if missing:
                raise BackupError(corrupt % {"path": archive_path, "reason": _("thiếu %(name)s") % {"name": missing[0]}})
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(corrupt % {"path": archive_path, "reason": error})
    if manifest.get("format") != FORMAT:
        raise BackupError(corrupt % {"path": archive_path, "reason": _("định dạng không được hỗ trợ")})
    return manifest


def database_holds_data(using: str = DEFAULT_DB_ALIAS) -> bool:
    return any(table_row_counts(using).values())


def media_holds_files() -> bool:
    return bool(media_files(Path(settings.MEDIA_ROOT)))


def restore_backup(archive_path: Path | str, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Restore an archive into the database and MEDIA_ROOT.

    Checks every checksum first; refuses a database or media folder holding data unless ``force``
    (then the database objects in the dump are replaced and MEDIA_ROOT is emptied first).
    """
    manifest = verify_archive(archive_path)
    connection = connections[using]
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            _("Tệp sao lưu của cơ sở dữ liệu %(archive)s, không khôi phục được vào %(database)s.")
            % {"archive": manifest["database"]["vendor"], "database": connection.vendor}
        )
    holds_data = database_holds_data(using)
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if holds_data:
            raise BackupError(
                _("Cơ sở dữ liệu đã có dữ liệu; không khôi phục đè. Dùng --force nếu thật sự muốn thay toàn bộ dữ liệu.")
            )
        if media_holds_files():
            raise BackupError(
                _("Thư mục tệp %(path)s đã có tệp; không khôi phục đè. Dùng --force nếu thật sự muốn thay toàn bộ tệp.")
                % {"path": media_root}
            )

    connector = get_connector(using, connector_path=manifest["database"]["connector"])
    if hasattr(connector, "drop"):  # pg_restore --clean --if-exists only where there is something to replace
        connector.drop = connector.if_exists = holds_data
    with tarfile.open(archive_path, "r") as archive, tempfile.TemporaryFile() as dump:
        shutil.copyfileobj(archive.extractfile(manifest["database"]["file"]), dump, CHUNK)
        dump.seek(0)
        if connection.vendor == "sqlite":
            connection.close()  # the connector writes the database file itself
            for extra in ("-wal", "-shm", "-journal"):
                Path(f"{connection.settings_dict['NAME']}{extra}").unlink(missing_ok=True)
        try:
            connector.restore_dump(dump)
        except CommandConnectorError as error:
            raise BackupError(_("Không khôi phục được cơ sở dữ liệu: %(error)s") % {"error": error})
        connection.close()

        if force and media_root.is_dir():
            for child in media_root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        for name in manifest["media"]:
            target = media_root.joinpath(*_safe_member_path(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(f"media/{name}") as source, open(target, "wb") as handle:
                shutil.copyfileobj(source, handle, CHUNK)

    counts = table_row_counts(using)
    differences = {
        table: (expected, counts.get(table))
        for table, expected in manifest["database"]["tables"].items()
        if counts.get(table) != expected
    }
    return RestoreResult(manifest, len(counts), len(manifest["media"]), differences)
