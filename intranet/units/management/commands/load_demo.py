import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


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
        for app in settings.PROJECT_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"· {app} ({time.monotonic() - started:.0f} giây)")
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({time.monotonic() - started:.0f} giây)."))
