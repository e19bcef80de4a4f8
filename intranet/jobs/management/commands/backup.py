from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intranet.jobs.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = "Write one archive of the database and all media (with manifest and checksums) into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", dest="directory", help="folder for the archive (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="then keep only the newest N archives in the folder")
        parser.add_argument("--database", default="default")

    def handle(self, *args, directory=None, keep=None, database="default", **options):
        try:
            path = create_backup(directory or settings.BACKUP_DIR, using=database)
        except BackupError as error:
            raise CommandError(str(error))
        if keep is not None:
            for old in prune_backups(keep, path.parent):
                self.stderr.write(_("Đã xoá bản sao lưu cũ %(path)s") % {"path": old})
        return str(path)  # printed: the archive's path, for scripts
