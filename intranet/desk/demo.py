"""The desk's shared applications (Art. 7.5), as the system administrator lists them at first.

Their addresses are the province's own systems, so the demo leaves them for the administrator
to fill in (the desk shows "chưa cấu hình" until then)."""

from .models import SharedApplication

SHARED_APPLICATIONS = [
    "Theo dõi ý kiến chỉ đạo và văn bản ban hành",
    "Theo dõi, xử lý hồ sơ một cửa",
    "Đăng ký và phát hành giấy mời qua mạng",
    "Quản lý văn bản và điều hành",
    "Giải quyết đơn thư, khiếu nại, tố cáo",
]


def load(out) -> None:
    for order, name in enumerate(SHARED_APPLICATIONS, start=1):
        SharedApplication.objects.get_or_create(name=name, defaults={"sort_order": order})
    out.write(f"Ứng dụng dùng chung: {len(SHARED_APPLICATIONS)}")
