from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SharedApplication(models.Model):
    """Art. 7.5: one of the shared applications every desk links to (directive tracking, one-stop
    dossiers, online invitations, document management, complaints), kept by the system administrator.

    The optional count endpoint answers ``{"count": N}`` for ``?user=<username>``: the officer's
    pending items in that system, shown beside the link.
    """

    name = models.CharField(_("tên ứng dụng"), max_length=200)
    url = models.URLField(_("địa chỉ"), max_length=500, blank=True, help_text=_("Trang mở ra khi cán bộ bấm vào ứng dụng."))
    count_url = models.URLField(
        _("địa chỉ đếm việc chờ xử lý"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_('Không bắt buộc. Trả về JSON {"count": N} cho tham số ?user=<tên đăng nhập>; '
                    'bàn làm việc ghi "không kết nối được" khi hệ thống không trả lời.'),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True, help_text=_("Bỏ chọn để ẩn khỏi bàn làm việc."))

    class Meta:
        verbose_name = _("ứng dụng dùng chung")
        verbose_name_plural = _("ứng dụng dùng chung")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
