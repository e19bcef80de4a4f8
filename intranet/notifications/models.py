from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app alert for one user (the bell on the desk)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("loại"), max_length=50)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class OutgoingEmail(models.Model):
    """An email written first and delivered after, with retries: nothing is ever dropped."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")

    to = models.JSONField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    kind = models.CharField(_("loại"), max_length=50, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thư đi")
        verbose_name_plural = _("thư đi")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.subject


class NotificationPreference(models.Model):
    """Which kinds of alert a user also takes by email (every kind does, until they say otherwise)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_off = models.JSONField(_("không nhận thư cho các loại"), default=list, blank=True)

    class Meta:
        verbose_name = _("tùy chọn nhận thông báo")
        verbose_name_plural = _("tùy chọn nhận thông báo")

    def __str__(self):
        return str(self.user)

    def wants_email(self, kind: str) -> bool:
        return kind not in self.email_off


class BirthdayGreeting(models.Model):
    """Art. 6.5: one greeting per person per day, whatever the number of runs."""

    person = models.ForeignKey("directory.Person", verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="birthday_greetings")
    date = models.DateField(_("ngày chúc mừng"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lời chúc sinh nhật")
        verbose_name_plural = _("lời chúc sinh nhật")
        constraints = [models.UniqueConstraint(fields=["person", "date"], name="one_birthday_greeting_per_day")]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.person} – {self.date:%d/%m/%Y}"
