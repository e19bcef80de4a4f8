"""Work follows people: every hand-over of open work is recorded here, whatever its kind.

A case, a QT-07 item or a program task changes hands when a leader reassigns it,
when its holder leaves (deactivated, transferred, retired) or when its unit is
merged or split. Cases also keep the event in their own history (``CaseEvent``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Handover(models.Model):
    class Reason(models.TextChoices):
        REASSIGN = "reassign", _("Lãnh đạo phân công lại")
        DEPARTURE = "departure", _("Người xử lý thôi công tác / bị khóa tài khoản")
        MERGE = "merge", _("Sáp nhập đơn vị")
        SPLIT = "split", _("Chia tách đơn vị")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("công việc"), max_length=255)
    url = models.CharField(max_length=255, blank=True)
    reason_kind = models.CharField(_("loại chuyển giao"), max_length=20, choices=Reason.choices)
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người giao"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("lý do"), blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("chuyển giao công việc")
        verbose_name_plural = _("chuyển giao công việc")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.label} ({self.get_reason_kind_display()})"
