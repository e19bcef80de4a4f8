"""App. VII: work programs and reports, monthly and yearly.

I. Units register their programs (1); the province office aggregates them and
drafts the province program (2); once issued it reaches the units as tasks,
which they report on each period, and the reports add up to the province's (3).
II. Units' regular monthly/yearly reports flow up the same way.
Every due date comes from the working-day calendar; late reports are flagged.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    YEAR = "year", _("Năm")


class Period(models.Model):
    """A month (month 1–12) or a year (month 0) of the work calendar."""

    period_kind = models.CharField(_("kỳ"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH)
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"), default=0, help_text=_("0 với chương trình, báo cáo năm."))

    class Meta:
        abstract = True

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.YEAR:
            return _("năm %(year)d") % {"year": self.year}
        return _("tháng %(month)d/%(year)d") % {"month": self.month, "year": self.year}

    def period_end(self) -> dt.date:
        """The first day after the period."""
        if self.period_kind == PeriodKind.YEAR or self.month == 12:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, self.month + 1, 1)


class Registration(Period):
    """App. VII.I.1: a unit's registered work program for a month or a year."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="program_registrations")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đăng ký"), null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("đăng ký lúc"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-month", "unit__path"]
        verbose_name = _("đăng ký chương trình công tác")
        verbose_name_plural = _("đăng ký chương trình công tác")
        constraints = [models.UniqueConstraint(fields=["unit", "period_kind", "year", "month"], name="one_registration_per_unit_period")]

    def __str__(self):
        return f"{self.unit} – {self.period_label}"


class RegistrationItem(models.Model):
    registration = models.ForeignKey(Registration, verbose_name=_("đăng ký"), on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("nội dung công việc"), max_length=500)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("nội dung đăng ký")
        verbose_name_plural = _("nội dung đăng ký")

    def __str__(self):
        return self.title


class ProvinceProgram(Period):
    """App. VII.I.2–3: the province's program, drafted by its office from the registrations, then issued."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã trình UBND tỉnh ban hành")
        ISSUED = "issued", _("Đã ban hành")

    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ban hành"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    report_due_at = models.DateTimeField(_("hạn báo cáo"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người trình"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("chương trình công tác của UBND tỉnh")
        verbose_name_plural = _("chương trình công tác của UBND tỉnh")
        constraints = [models.UniqueConstraint(fields=["period_kind", "year", "month"], name="one_province_program_per_period")]

    def __str__(self):
        return _("Chương trình công tác %(period)s") % {"period": self.period_label}

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


class ProgramTask(models.Model):
    """One task of the issued province program, on the responsible unit's desks, with its result report."""

    class Progress(models.TextChoices):
        DONE = "done", _("Đã hoàn thành")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        NOT_DONE = "not_done", _("Chưa thực hiện")

    program = models.ForeignKey(ProvinceProgram, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị thực hiện"), on_delete=models.CASCADE, related_name="program_tasks")
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    source_item = models.ForeignKey(RegistrationItem, verbose_name=_("từ nội dung đăng ký"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người được giao"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.CharField(_("kết quả"), max_length=20, choices=Progress.choices, blank=True)
    result = models.TextField(_("báo cáo kết quả"), blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người báo cáo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("đã báo quá hạn lúc"), null=True, blank=True)

    class Meta:
        ordering = ["unit__path", "pk"]
        verbose_name = _("nhiệm vụ chương trình công tác")
        verbose_name_plural = _("nhiệm vụ chương trình công tác")
        indexes = [models.Index(fields=["unit", "reported_at"])]

    def __str__(self):
        return self.title


class PeriodicReport(Period):
    """App. VII.II.1: a unit's regular monthly/yearly report to the province."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="periodic_reports")
    content = models.TextField(_("nội dung báo cáo"))
    due_at = models.DateTimeField(_("hạn báo cáo"))
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "-month", "unit__path"]
        verbose_name = _("báo cáo công tác định kỳ")
        verbose_name_plural = _("báo cáo công tác định kỳ")
        constraints = [models.UniqueConstraint(fields=["unit", "period_kind", "year", "month"], name="one_periodic_report_per_unit_period")]

    def __str__(self):
        return f"{self.unit} – {self.period_label}"

    @property
    def is_late(self) -> bool:
        return self.submitted_at > self.due_at

    def grade(self, calendar=None) -> str:
        """early / on time / late by the working-day calendar (Khánh Hòa Art. 9.2.d).

        Pass the ``calendar`` when grading many reports: reading it costs a query."""
        from intranet.workdays.calendar import get_calendar

        return (calendar or get_calendar()).status(self.due_at, self.submitted_at)
