"""The outbox (what this deployment must send upward) and the store (what it received).

A unit-level change is written to ``OutboxEntry`` in the same transaction as
the change itself; ``services.deliver_record`` sends the entries of one record
in version order to the provincial store, which is this deployment
(``StoreRecord``) or another one reached over HTTP.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    UPSERT = "upsert", _("Cập nhật")
    DELETE = "delete", _("Xóa")
    MERGE = "merge", _("Sáp nhập đơn vị")


class OutboxEntry(models.Model):
    """One published version of one record, waiting to reach the provincial store (never dropped)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã đồng bộ")

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị nguồn"), null=True, on_delete=models.SET_NULL, related_name="+")
    unit_code = models.CharField(_("mã đơn vị nguồn"), max_length=63)
    channel = models.CharField(_("kênh"), max_length=30)
    record_id = models.CharField(_("mã bản ghi"), max_length=80)
    version = models.PositiveIntegerField(_("phiên bản"))
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices, default=Action.UPSERT)
    payload = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    author = models.CharField(_("người cập nhật"), max_length=200, blank=True)
    changed_at = models.DateTimeField(_("thời điểm thay đổi"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    delivered_at = models.DateTimeField(_("thời điểm đồng bộ"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản ghi chờ đồng bộ")
        verbose_name_plural = _("hàng đợi đồng bộ")
        ordering = ["channel", "record_id", "version"]
        constraints = [models.UniqueConstraint(fields=["channel", "record_id", "version"], name="unique_outbox_version")]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["channel", "record_id", "status"]),
            # A delivery batch reads the next 200 pending entries in (channel, record, version) order: in
            # this index's order, not by sorting every pending entry again for each batch (issue 18.4).
            models.Index(fields=["status", "channel", "record_id", "version"]),
        ]

    def __str__(self):
        return f"{self.channel}/{self.record_id} v{self.version}"

    def envelope(self) -> dict:
        """What travels to the store: the record, its version and its provenance."""
        return {
            "unit": self.unit_code,
            "channel": self.channel,
            "record_id": self.record_id,
            "version": self.version,
            "action": self.action,
            "payload": self.payload,
            "author": self.author,
            "changed_at": self.changed_at.isoformat(),
        }


class StoreRecordQuerySet(models.QuerySet):
    def live(self):
        return self.filter(deleted=False)


class StoreRecord(models.Model):
    """The provincial store's copy of one record, with its provenance."""

    channel = models.CharField(_("kênh"), max_length=30)
    record_id = models.CharField(_("mã bản ghi"), max_length=80)
    unit_code = models.CharField(_("đơn vị"), max_length=63, help_text=_("Đơn vị hiện quản lý bản ghi (sau sáp nhập là đơn vị kế thừa)."))
    source_unit_code = models.CharField(_("đơn vị nguồn"), max_length=63)
    version = models.PositiveIntegerField(_("phiên bản"))
    payload = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    deleted = models.BooleanField(_("đã xóa"), default=False)
    author = models.CharField(_("người cập nhật"), max_length=200, blank=True)
    changed_at = models.DateTimeField(_("thời điểm thay đổi"))
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now=True)
    received_via = models.CharField(_("nhận qua"), max_length=10, default="local")

    objects = StoreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản ghi kho dữ liệu")
        verbose_name_plural = _("kho dữ liệu tập trung")
        ordering = ["received_at", "id"]
        constraints = [models.UniqueConstraint(fields=["channel", "record_id"], name="unique_store_record")]
        indexes = [models.Index(fields=["channel", "unit_code"]), models.Index(fields=["channel", "received_at"])]

    def __str__(self):
        return f"{self.channel}/{self.record_id} v{self.version}"


class StoreReceipt(models.Model):
    """That the store has seen this (unit, record, version): a second arrival changes nothing."""

    unit_code = models.CharField(max_length=63)
    channel = models.CharField(max_length=30)
    record_id = models.CharField(max_length=80)
    version = models.PositiveIntegerField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "channel", "record_id", "version"], name="unique_store_receipt")
        ]

    def __str__(self):
        return f"{self.unit_code}:{self.channel}/{self.record_id} v{self.version}"


class StoreToken(models.Model):
    """A unit's key to send its changes to this store over HTTP (a district running its own server)."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="store_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("ghi chú"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khóa đồng bộ")
        verbose_name_plural = _("khóa đồng bộ")

    def __str__(self):
        return f"{self.unit} ({self.label})"
