"""App. VII: work programs and reports, for a week, a month, a quarter, a year or an ad-hoc matter.

I. Units register their programs (1); the province office aggregates them and
drafts the province program (2); once issued it reaches the units as tasks,
which they report on each period, and the reports add up to the province's (3).
II. Units' regular reports flow up the same way; the office drafts the province's
report from them and a province leader issues it.
Huế Art. 5 adds the weekly and quarterly periods, ad-hoc ("đột xuất") programs and
reports, and an officer's own ("cá nhân") program beside the unit's.
Every due date comes from the working-day calendar; late reports are flagged.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Tuần")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")
    ADHOC = "adhoc", _("Đột xuất")


REGULAR_KINDS = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)
# The fields that name a period: a constraint "one per unit and period" lists them all.
PERIOD_FIELDS = ("period_kind", "year", "month", "week", "quarter", "title")


class Period(models.Model):
    """A week (ISO week and year), a month (1–12), a quarter (1–4), a year, or an ad-hoc matter with its own deadline."""

    period_kind = models.CharField(_("kỳ"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH)
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"), default=0, help_text=_("0 với chương trình, báo cáo năm."))
    week = models.PositiveSmallIntegerField(_("tuần"), default=0, help_text=_("Tuần theo ISO (1–53), với kỳ tuần."))
    quarter = models.PositiveSmallIntegerField(_("quý"), default=0, help_text=_("1–4, với kỳ quý."))
    title = models.CharField(_("tên chương trình, báo cáo đột xuất"), max_length=255, blank=True)
    due_on = models.DateField(_("hạn báo cáo đột xuất"), null=True, blank=True,
                              help_text=_("Ngày phải báo cáo theo yêu cầu, với kỳ đột xuất."))

    class Meta:
        abstract = True

    def period_key(self) -> dict:
        return {name: getattr(self, name) for name in PERIOD_FIELDS}

    @property
    def period_label(self) -> str:
        kind = self.period_kind
        if kind == PeriodKind.YEAR:
            return _("năm %(year)d") % {"year": self.year}
        if kind == PeriodKind.QUARTER:
            return _("quý %(quarter)s/%(year)d") % {"quarter": ROMAN.get(self.quarter, self.quarter), "year": self.year}
        if kind == PeriodKind.WEEK:
            start = self.period_start()
            return _("tuần %(week)d/%(year)d (%(start)s–%(end)s)") % {
                "week": self.week, "year": self.year, "start": start.strftime("%d/%m"),
                "end": (start + dt.timedelta(days=6)).strftime("%d/%m")}
        if kind == PeriodKind.ADHOC:
            return _("đột xuất: %(title)s") % {"title": self.title}
        return _("tháng %(month)d/%(year)d") % {"month": self.month, "year": self.year}

    def period_start(self) -> dt.date:
        kind = self.period_kind
        if kind == PeriodKind.WEEK:
            return dt.date.fromisocalendar(self.year, self.week, 1)
        if kind == PeriodKind.QUARTER:
            return dt.date(self.year, 3 * (self.quarter - 1) + 1, 1)
        if kind == PeriodKind.MONTH:
            return dt.date(self.year, self.month, 1)
        return dt.date(self.year, 1, 1)

    def period_end(self) -> dt.date:
        """The first day after the period (an ad-hoc matter: its report's day)."""
        kind = self.period_kind
        if kind == PeriodKind.WEEK:
            return self.period_start() + dt.timedelta(days=7)
        if kind == PeriodKind.ADHOC:
            return self.due_on or dt.date(self.year + 1, 1, 1)
        if kind == PeriodKind.QUARTER:
            return dt.date(self.year + 1, 1, 1) if self.quarter == 4 else dt.date(self.year, 3 * self.quarter + 1, 1)
        if kind == PeriodKind.YEAR or self.month == 12:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, self.month + 1, 1)

    def period_slug(self) -> str:
        """For file names: 2026-03, 2026-q1, 2026-w12, 2026, 2026-dot-xuat-<title>."""
        from django.utils.text import slugify

        from search.folding import strip_marks

        kind = self.period_kind
        if kind == PeriodKind.WEEK:
            return f"{self.year}-w{self.week:02d}"
        if kind == PeriodKind.QUARTER:
            return f"{self.year}-q{self.quarter}"
        if kind == PeriodKind.YEAR:
            return str(self.year)
        if kind == PeriodKind.ADHOC:
            return f"{self.year}-dot-xuat-{slugify(strip_marks(self.title))[:40]}"
        return f"{self.year}-{self.month:02d}"


class Registration(Period):
    """App. VII.I.1: a unit's registered work program for a period; with an ``owner``, one officer's own (Huế Art. 5 "của cá nhân").

    A personal program belongs to its officer's unit: the unit's leaders see it; it is not aggregated into the province's."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="program_registrations")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chương trình cá nhân của"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="personal_programs")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đăng ký"), null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("đăng ký lúc"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-month", "unit__path"]
        verbose_name = _("đăng ký chương trình công tác")
        verbose_name_plural = _("đăng ký chương trình công tác")
        constraints = [
            models.UniqueConstraint(fields=["unit", *PERIOD_FIELDS], condition=Q(owner__isnull=True), name="one_registration_per_unit_period"),
            models.UniqueConstraint(fields=["owner", *PERIOD_FIELDS], condition=Q(owner__isnull=False), name="one_personal_program_per_period"),
        ]

    def __str__(self):
        return f"{self.owner.get_full_name() if self.owner_id else self.unit} – {self.period_label}"

    @property
    def is_personal(self) -> bool:
        return self.owner_id is not None


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
        constraints = [models.UniqueConstraint(fields=list(PERIOD_FIELDS), name="one_province_program_per_period")]

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
    """App. VII.II.1: a unit's regular (weekly … yearly) or ad-hoc report to the level above."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="periodic_reports")
    content = models.TextField(_("nội dung báo cáo"))
    due_at = models.DateTimeField(_("hạn báo cáo"))
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "-month", "unit__path"]
        verbose_name = _("báo cáo công tác định kỳ")
        verbose_name_plural = _("báo cáo công tác định kỳ")
        constraints = [models.UniqueConstraint(fields=["unit", *PERIOD_FIELDS], name="one_periodic_report_per_unit_period")]

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


class ProvinceReport(Period):
    """App. VII.II.2: the province's report for a period, drafted by its office from the units' reports, issued by a province leader.

    The number comes from the province's document register ("12/BC-UBND")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã trình lãnh đạo UBND tỉnh ban hành")
        ISSUED = "issued", _("Đã ban hành")

    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    content = models.TextField(_("nội dung báo cáo"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người soạn"), null=True, on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(_("soạn lúc"), default=timezone.now)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người trình"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ban hành"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "-quarter", "-month", "-week", "pk"]
        verbose_name = _("báo cáo công tác của UBND tỉnh")
        verbose_name_plural = _("báo cáo công tác của UBND tỉnh")
        constraints = [models.UniqueConstraint(fields=list(PERIOD_FIELDS), name="one_province_report_per_period")]

    def __str__(self):
        return _("Báo cáo công tác %(period)s của UBND tỉnh") % {"period": self.period_label}

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


class ReportReminder(models.Model):
    """A unit was reminded of a regular report due soon, or flagged overdue to the level above: once per report and kind."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Nhắc sắp đến hạn")
        OVERDUE = "overdue", _("Báo quá hạn lên cấp trên")

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="report_reminders")
    period_kind = models.CharField(_("kỳ"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"), default=0)
    week = models.PositiveSmallIntegerField(_("tuần"), default=0)
    quarter = models.PositiveSmallIntegerField(_("quý"), default=0)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField(_("hạn báo cáo"))
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nhắc báo cáo định kỳ")
        verbose_name_plural = _("nhắc báo cáo định kỳ")
        constraints = [models.UniqueConstraint(fields=["unit", "period_kind", "year", "month", "week", "quarter", "kind"],
                                               name="one_report_reminder_per_unit_period_kind")]

    def __str__(self):
        return f"{self.unit} – {self.get_kind_display()}"
