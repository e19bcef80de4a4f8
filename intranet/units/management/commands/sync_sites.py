from django.conf import settings
from django.core.management.base import BaseCommand

from intranet.units.services import sync_sites


class Command(BaseCommand):
    help = "Re-point every unit's Wagtail Site at <code>.PORTAL_DOMAIN (run after PORTAL_DOMAIN changes)."

    def handle(self, *args, **options):
        count = sync_sites()
        self.stdout.write(f"Đã cập nhật {count} trang theo tên miền {settings.PORTAL_DOMAIN}")
