import importlib
import time

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from search.indexing import indexed_in_bulk

# The demo's officers get the notifications its work would send them; those mails are kept in
# memory, never sent to the demo's made-up addresses nor printed over the progress lines.
DEMO_MAIL = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = (
        "Load the demo province (Thành phố Huế). Idempotent: a second run changes nothing. "
        "Each app adds its own demo content in <app>/demo.py, loaded in PROJECT_APPS order."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Dữ liệu mẫu chỉ nạp khi DEBUG bật; dùng --force nếu thật sự muốn nạp.")
        started = time.monotonic()
        with override_settings(EMAIL_BACKEND=DEMO_MAIL):
            before = len(getattr(mail, "outbox", []))
            self._load_apps(started)
            kept = len(getattr(mail, "outbox", [])) - before
        self.stdout.write(f"Thư thông báo mẫu: {kept} (giữ lại, không gửi đi)")
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({time.monotonic() - started:.0f} giây)."))

    def _load_apps(self, started: float) -> None:
        for app in settings.PROJECT_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"· {app} ({time.monotonic() - started:.0f} giây)")
            # Each step's saves are indexed once, in bulk, before its transaction commits.
            with transaction.atomic(), indexed_in_bulk():
                module.load(self.stdout)
