from django.core.management.base import BaseCommand, CommandError

from intranet.directory import exchange
from intranet.units.models import Unit


class Command(BaseCommand):
    help = "Nhập cán bộ của một đơn vị từ tệp Excel (mẫu xuất từ hệ thống). Có dòng lỗi thì không ghi dòng nào."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="mã đơn vị, ví dụ stp")
        parser.add_argument("path", help="tệp .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    def handle(self, *args, unit, path, dry_run, **options):
        target = Unit.objects.filter(code=unit).first()
        if target is None:
            raise CommandError(f"Không có đơn vị mã “{unit}”.")

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            self.stdout.flush()

        with open(path, "rb") as upload:
            preview = exchange.read_people(upload, target, progress=progress)
        self.stdout.write("")
        if preview.errors:
            for error in preview.errors:
                self.stderr.write(error)
            raise CommandError(f"Có {len(preview.errors)} lỗi; không có dòng nào được ghi.")
        if dry_run:
            self.stdout.write(f"{len(preview.rows)} dòng hợp lệ (chưa ghi).")
            return
        count = exchange.apply_people(preview)
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {count} cán bộ vào {target.name}."))
