"""The desk's shared applications (Art. 7.5), as the system administrator lists them at first.

Their addresses are the province's own systems. Until the administrator fills them in, the demo
points them at small stand-ins served by this deployment (``demo_apps``), where those are on,
so each block shows a link and a pending count; elsewhere the desk says "chưa cấu hình".
"""

from django.conf import settings
from django.urls import reverse

from intranet.units.links import absolute_url

from .models import SharedApplication

SHARED_APPLICATIONS = [
    "Theo dõi ý kiến chỉ đạo và văn bản ban hành",
    "Theo dõi, xử lý hồ sơ một cửa",
    "Đăng ký và phát hành giấy mời qua mạng",
    "Quản lý văn bản và điều hành",
    "Giải quyết đơn thư, khiếu nại, tố cáo",
]


def _stand_in(number: int) -> dict[str, str]:
    if not settings.DEMO_SHARED_APPS:
        return {}
    return {
        "url": absolute_url(reverse("desk_demo_application", args=[number])),
        "count_url": absolute_url(reverse("desk_demo_count", args=[number])),
    }


def load(out) -> None:
    for order, name in enumerate(SHARED_APPLICATIONS, start=1):
        app, _created = SharedApplication.objects.get_or_create(name=name, defaults={"sort_order": order})
        stand_in = _stand_in(order)
        if stand_in and not (app.url or app.count_url):  # never over what the administrator entered
            SharedApplication.objects.filter(pk=app.pk).update(**stand_in)
    out.write(f"Ứng dụng dùng chung: {len(SHARED_APPLICATIONS)}")
