from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intranet.jobs.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into the database and MEDIA_ROOT. Every checksum is "
        "checked first; a database or media folder holding data is refused unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="replace the data already there")
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, force=False, database="default", **options):
        try:
            result = restore_backup(archive, force=force, using=database)
        except BackupError as error:
            raise CommandError(str(error))
        for table, (expected, found) in sorted(result.count_differences.items()):
            self.stderr.write(
                _("Bảng %(table)s: %(found)s dòng, manifest ghi %(expected)s (bản sao lưu lúc hệ thống đang ghi?)")
                % {"table": table, "found": found, "expected": expected}
            )
        self.stdout.write(
            _("Đã khôi phục bản sao lưu lúc %(created)s: %(tables)s bảng, %(files)s tệp.")
            % {"created": result.manifest["created"], "tables": result.tables, "files": result.files}
        )
