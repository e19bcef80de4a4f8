import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from intranet.notifications.birthdays import greet


class Command(BaseCommand):
    help = "Gửi lời chúc mừng sinh nhật hôm nay (Điều 6.5); chạy lại trong ngày không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chúc mừng, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, date=None, **options):
        try:
            day = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {date!r} (cần dạng YYYY-MM-DD).")
        self.stdout.write(f"greeted: {greet(day)}")
