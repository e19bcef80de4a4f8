"""QT-07/VHTT (posting news, articles and photos) on Wagtail workflows.

The moderated object is a draft page (an article, or a gallery for photos).
One Wagtail ``Workflow`` holds six custom ``Task`` subclasses, B1–B6 of the
regulation's table; B7 (weekly/monthly reports) is ``reports``. The tasks are
shared by every unit: who may act is decided per unit at run time from the
roles people hold in the unit that owns the page (``STEPS`` below).

``ModerationItem`` carries what Wagtail's task states do not: the unit, the
submitter, the named officer the leader assigned, the recommendation and the
signed approval/refusal document, the refusal letter, and the current step's
holder and due moment (from the working-day calendar). ``StepRecord`` keeps
each step's start, due moment, finish and actor for the history and reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task

from intranet.accounts.models import Role


class Step(models.TextChoices):
    RECEIVE = "B1", _("B1. Tiếp nhận tin, bài, ảnh")
    FORWARD = "B2", _("B2. Chuyển lãnh đạo phân công")
    ASSIGN = "B3", _("B3. Phân công xử lý")
    REVIEW = "B4", _("B4. Kiểm duyệt nội dung, tham mưu")
    DECIDE = "B5", _("B5. Phê duyệt, ký văn bản")
    CARRY_OUT = "B6", _("B6. Đăng tin hoặc gửi văn bản từ chối")
    DONE = "done", _("Đã hoàn thành")


@dataclass(frozen=True)
class StepRule:
    role: str
    # Working days the step may take; None = within the office day it starts (B1 "giờ hành chính",
    # B6 "ngay sau khi có văn bản chấp thuận").
    days: Decimal | None


# The regulation's table (000_…, QT-07/VHTT): who does each step and how long it may take.
STEPS: dict[str, StepRule] = {
    Step.RECEIVE: StepRule(Role.CULTURE_OFFICER, None),
    Step.FORWARD: StepRule(Role.CULTURE_OFFICER, Decimal("0.5")),
    Step.ASSIGN: StepRule(Role.LEADER, Decimal("0.5")),
    Step.REVIEW: StepRule(Role.CULTURE_OFFICER, Decimal("0.5")),
    Step.DECIDE: StepRule(Role.LEADER, Decimal("0.5")),
    Step.CARRY_OUT: StepRule(Role.IT_STAFF, None),  # the culture officer when refused or for the loudspeakers
}
# 3.4 "Thời gian xử lý: 02 ngày làm việc": the whole procedure, B1 to B6, beside each step's own deadline.
TOTAL_DAYS = Decimal("2")


class QT07Task(Task):
    """A QT-07 step as a Wagtail task. Actions go through ``intranet.moderation.services``
    (which checks the per-unit people and records the document), not the page editor."""

    step = ""

    class Meta:
        abstract = True

    def locked_for_user(self, obj, user):
        # While an item is in moderation nobody edits it beside the steps (the content is what was reviewed).
        return not getattr(user, "is_superuser", False)

    def get_actions(self, obj, user):
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .services import task_states_held_by

        return task_states_held_by(user, self)

    @classmethod
    def get_description(cls):
        return str(Step(cls.step).label)


class ReceiveTask(QT07Task):
    step = Step.RECEIVE

    class Meta:
        verbose_name = _("QT-07 B1: tiếp nhận")


class ForwardTask(QT07Task):
    step = Step.FORWARD

    class Meta:
        verbose_name = _("QT-07 B2: chuyển lãnh đạo")


class AssignTask(QT07Task):
    step = Step.ASSIGN

    class Meta:
        verbose_name = _("QT-07 B3: phân công")


class ReviewTask(QT07Task):
    step = Step.REVIEW

    class Meta:
        verbose_name = _("QT-07 B4: kiểm duyệt, tham mưu")


class DecideTask(QT07Task):
    step = Step.DECIDE

    class Meta:
        verbose_name = _("QT-07 B5: phê duyệt, ký")


class CarryOutTask(QT07Task):
    step = Step.CARRY_OUT

    class Meta:
        verbose_name = _("QT-07 B6: đăng tin hoặc gửi văn bản từ chối")


TASK_CLASSES = [ReceiveTask, ForwardTask, AssignTask, ReviewTask, DecideTask, CarryOutTask]


class Verdict(models.TextChoices):
    APPROVE = "approve", _("Đồng ý cho đăng")
    REFUSE = "refuse", _("Không đồng ý cho đăng")


class ItemQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(step=Step.DONE)

    def overdue(self, now):
        return self.open().filter(step_due_at__lt=now)


class ModerationItem(models.Model):
    """One news item, article or photo set going through QT-07 in one unit."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Tin, bài")
        PHOTOS = "photos", _("Ảnh")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang xử lý")
        PUBLISHED = "published", _("Đã đăng")
        BROADCAST = "broadcast", _("Đã phát trên loa truyền thanh")
        REFUSED = "refused", _("Từ chối đăng")

    class Channel(models.TextChoices):
        # B1 "trên trang thông tin điện tử của phường và trên hệ thống loa truyền thanh"
        WEBSITE = "website", _("Đăng trên trang thông tin điện tử")
        LOUDSPEAKER = "loudspeaker", _("Phát trên hệ thống loa truyền thanh")

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="moderation_item"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="moderation_items")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    channel = models.CharField(_("hình thức"), max_length=12, choices=Channel.choices, default=Channel.WEBSITE)
    title = models.CharField(_("tiêu đề"), max_length=255)
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        verbose_name=_("quy trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitter_name = models.CharField(_("người gửi"), max_length=255, blank=True)
    submitter_email = models.EmailField(_("thư điện tử người gửi"), blank=True)
    submitter_phone = models.CharField(_("điện thoại người gửi"), max_length=30, blank=True)
    submitter_organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"))

    step = models.CharField(_("bước"), max_length=5, choices=Step.choices, default=Step.RECEIVE)
    step_started_at = models.DateTimeField(_("bắt đầu bước lúc"))
    step_due_at = models.DateTimeField(_("hạn xử lý bước"))
    overdue_alerted_at = models.DateTimeField(null=True, blank=True)
    # The procedure's own limit (TOTAL_DAYS from B1), graded when the item closes.
    due_at = models.DateTimeField(_("hạn toàn quy trình"), null=True, blank=True)
    # B6 on the website: IT staff of the item's unit, or of the nearest unit above it that has them.
    carry_out_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị đăng tin (B6)"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    broadcast_at = models.DateTimeField(_("phát trên loa lúc"), null=True, blank=True)

    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("công chức được phân công"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recommendation = models.CharField(_("đề xuất"), max_length=10, choices=Verdict.choices, blank=True)
    draft_document = models.TextField(_("dự thảo văn bản"), blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommended_at = models.DateTimeField(null=True, blank=True)

    decision = models.CharField(_("quyết định"), max_length=10, choices=Verdict.choices, blank=True)
    document_number = models.CharField(_("số văn bản"), max_length=50, blank=True)
    document_text = models.TextField(_("nội dung văn bản"), blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ký"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)

    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    closed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    refusal_email = models.ForeignKey(
        "notifications.OutgoingEmail",
        verbose_name=_("thư từ chối"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["step_due_at"]
        verbose_name = _("tin, bài, ảnh chờ kiểm duyệt")
        verbose_name_plural = _("tin, bài, ảnh chờ kiểm duyệt")
        indexes = [
            models.Index(fields=["unit", "step"]),
            models.Index(fields=["step", "step_due_at"]),
            models.Index(fields=["unit", "closed_at"]),
        ]

    def __str__(self):
        return self.title

    # Django's get_FOO_display() hashes every choice, translating each label, on every call: the
    # lists show one of these per row, so each takes one label from the enum (issue 18.3).
    def get_step_display(self):
        return str(Step(self.step).label) if self.step in Step.values else self.step

    def get_outcome_display(self):
        return str(self.Outcome(self.outcome).label) if self.outcome in self.Outcome.values else self.outcome

    @property
    def is_open(self) -> bool:
        return self.step != Step.DONE

    @property
    def holder_role(self) -> str | None:
        if self.step == Step.DONE:
            return None
        if self.step == Step.CARRY_OUT and (self.decision == Verdict.REFUSE or self.channel == self.Channel.LOUDSPEAKER):
            return Role.CULTURE_OFFICER  # B6: the refusal letter, or the broadcast on the loudspeakers
        return STEPS[self.step].role

    @property
    def holder_unit(self):
        """Where the current step's holders are: B6 on the website may go up the tree for IT staff."""
        if self.step == Step.CARRY_OUT and self.holder_role == Role.IT_STAFF and self.carry_out_unit_id:
            return self.carry_out_unit
        return self.unit

    @property
    def total_standing(self) -> str:
        """Early / on time / late / overdue / in time against the procedure's 2 working days."""
        from intranet.workdays.calendar import grade

        return grade(self.due_at, self.closed_at) if self.due_at else ""


class StepRecord(models.Model):
    """One step of one item: when it started, when it was due, who finished it and how."""

    item = models.ForeignKey(ModerationItem, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("bước"), max_length=5, choices=Step.choices)
    started_at = models.DateTimeField(_("bắt đầu"))
    due_at = models.DateTimeField(_("hạn"))
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    finished_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("thao tác"), max_length=50, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")

    def __str__(self):
        return f"{self.item} – {self.get_step_display()}"


class PlannedPosting(models.Model):
    """QT-07 4 "Mẫu đăng ký tin, bài tuần, tháng": what a contributor or unit plans to submit in a week or month.

    Registered ahead; the registration report then sets each plan against what was published in the period."""

    class Period(models.TextChoices):
        WEEK = "tuan", _("Tuần")
        MONTH = "thang", _("Tháng")

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="planned_postings")
    period = models.CharField(_("kỳ đăng ký"), max_length=5, choices=Period.choices, default=Period.WEEK)
    period_start = models.DateField(_("kỳ bắt đầu"), help_text=_("Thứ Hai của tuần, hoặc ngày 1 của tháng."))
    title = models.CharField(_("tên tin, bài, ảnh"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=ModerationItem.Kind.choices, default=ModerationItem.Kind.NEWS)
    author = models.CharField(_("tác giả / đơn vị"), max_length=255, blank=True)
    planned_date = models.DateField(_("dự kiến gửi"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đăng ký"), null=True, on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        ordering = ["period_start", "planned_date", "pk"]
        verbose_name = _("đăng ký tin, bài")
        verbose_name_plural = _("đăng ký tin, bài")
        indexes = [models.Index(fields=["unit", "period", "period_start"])]

    def __str__(self):
        return self.title
