"""The store fills itself from the other apps' demo changes; here we only report how the sync stands."""

from .models import OutboxEntry, StoreRecord
from .services import retry_pending


def load(out) -> None:
    retry_pending()  # anything a broker-less run left behind
    pending = OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING).count()
    out.write(f"Kho dữ liệu tỉnh: {StoreRecord.objects.live().count()} bản ghi ({pending} thay đổi chờ đồng bộ)")
