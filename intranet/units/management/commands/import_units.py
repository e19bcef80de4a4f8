from django.core.management.base import BaseCommand, CommandError

from intranet.units.importer import ProvinceNotFound, import_province


class Command(BaseCommand):
    help = "Import a province and its wards/communes from the vietnam-provinces package (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="official code (46) or name (Huế, 'Thành phố Huế')")

    def handle(self, *args, province, **options):
        def progress(done, total, name):
            self.stdout.write(f"[{done}/{total}] {name}")

        try:
            result = import_province(province, progress=progress)
        except ProvinceNotFound as error:
            raise CommandError(f"Không tìm thấy tỉnh/thành phố “{error}” trong danh mục.") from error
        self.stdout.write(
            f"{result.province.name}: tạo mới {result.created}, cập nhật {result.updated}, không đổi {result.unchanged}"
        )
