from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleDefault(models.Model):
    """The times the code last wrote for one beat job (``schedule.SCHEDULE``).

    ``sync_schedule`` compares a job's current crontab with this record: equal means no
    administrator touched it, so a changed default in the code may replace it; different
    means an administrator chose other times, and those are kept.
    """

    name = models.CharField(_("tên tác vụ"), max_length=200, unique=True)
    crontab = models.JSONField(_("lịch mặc định"))
    written_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("lịch mặc định của tác vụ")
        verbose_name_plural = _("lịch mặc định của tác vụ")

    def __str__(self):
        return self.name
