"""Django's ``migrate``, starting an empty SQLite database from the schema snapshot when it is current.

See ``intranet/jobs/snapshot.py``. ``--write-snapshot`` applies the migrations (never the
snapshot) and then writes the snapshot of what they made: ``make schema`` runs it on a new file.
"""

from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections
from django.utils.translation import gettext as _

from intranet.jobs import snapshot


class Command(MigrateCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--write-snapshot", action="store_true", help="apply the migrations, then write intranet/jobs/schema/sqlite.sql"
        )
        parser.add_argument("--no-snapshot", action="store_true", help="apply every migration even to an empty SQLite database")

    def handle(self, *args, write_snapshot=False, no_snapshot=False, **options):
        alias = options["database"]
        if write_snapshot:
            connection = connections[alias]
            if connection.vendor != "sqlite" or connection.introspection.table_names():
                raise CommandError(_("Bản chụp lược đồ chỉ ghi từ một cơ sở dữ liệu SQLite trống (make schema)."))
        partial = options.get("app_label") or options.get("plan") or options.get("fake") or options.get("check_unapplied")
        if not (write_snapshot or no_snapshot or partial) and snapshot.usable(alias):
            if snapshot.restore(alias):
                if options["verbosity"] >= 1:
                    self.stdout.write(_("Cơ sở dữ liệu mới: tạo từ bản chụp lược đồ (%(path)s).") % {"path": snapshot.SNAPSHOT.name})
            else:
                self.stderr.write(_("Bản chụp lược đồ không chạy được trên SQLite này: áp dụng từng migration."))
        super().handle(*args, **options)
        if write_snapshot:
            path = snapshot.write(alias)
            self.stdout.write(_("Đã ghi bản chụp lược đồ: %(path)s") % {"path": path})
