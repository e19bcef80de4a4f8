"""The case engine's records: one ``Case`` table for every kind, its history and deadlines.

A case's kind (``intranet.cases.kinds``) says which steps it walks; the row
says where it is now (step, acting unit, holder), when that step and the case
itself are due, and — once the work is answered — whether it was early, on
time or late (Khánh Hòa Art. 9.2.d). Every action is a ``CaseEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from intranet.workdays.calendar import Status
from search.folding import fold

from .kinds import get_kind


class Field(models.TextChoices):
    """Lĩnh vực: the field a question or opinion belongs to (routing and the public filter)."""

    ADMINISTRATION = "hanh-chinh", _("Hành chính, tư pháp")
    LAND = "dat-dai", _("Đất đai, tài nguyên, môi trường")
    CONSTRUCTION = "xay-dung", _("Xây dựng, giao thông, đô thị")
    ECONOMY = "kinh-te", _("Kinh tế, tài chính, thuế")
    HEALTH = "y-te", _("Y tế")
    EDUCATION = "giao-duc", _("Giáo dục, đào tạo")
    CULTURE = "van-hoa", _("Văn hóa, thể thao, du lịch")
    LABOUR = "lao-dong", _("Lao động, việc làm, chính sách xã hội")
    OTHER = "khac", _("Lĩnh vực khác")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def published(self):
        return self.filter(published_at__isnull=False)

    def overdue(self, now=None):
        """Open cases whose work is not answered and whose own deadline (or, without one, the step's) has passed.

        A case whose answer is in (``done_at``) is never overdue, even while it waits for review or publication.
        """
        now = now or timezone.now()
        return self.open().filter(done_at__isnull=True, waiting_since__isnull=True).filter(Q(due_at__lt=now) | Q(due_at__isnull=True, step_due_at__lt=now))

    def step_overdue(self, now=None):
        """Open cases whose current step has passed its own deadline (whatever the case's clock says)."""
        now = now or timezone.now()
        return self.open().filter(step_due_at__lt=now, waiting_since__isnull=True)


class Case(index.Indexed, models.Model):
    class Timeliness(models.TextChoices):
        EARLY = Status.EARLY, Status.LABELS[Status.EARLY]
        ON_TIME = Status.ON_TIME, Status.LABELS[Status.ON_TIME]
        LATE = Status.LATE, Status.LABELS[Status.LATE]

    kind = models.CharField(_("loại"), max_length=20, db_index=True)
    code = models.CharField(_("mã tra cứu"), max_length=20, unique=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices, default=Field.OTHER)
    hard = models.BooleanField(_("vụ việc phức tạp, nhiều cơ quan (10 ngày)"), default=False)

    # Who asked or reported. Contact details are personal data: officers only, never public.
    requester_name = models.CharField(_("họ và tên người gửi"), max_length=150, blank=True)
    requester_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    requester_email = models.EmailField(_("thư điện tử"), blank=True)
    requester_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người báo / người nhập"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Where it stands.
    step = models.CharField(_("bước"), max_length=30)
    origin = models.ForeignKey("units.Unit", verbose_name=_("cấp tiếp nhận"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan xử lý"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases_handled"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị đang xử lý"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đang xử lý"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overseer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chuyên viên theo dõi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    main_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chuyên viên xử lý chính"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("nội dung trả lời / kết quả xử lý"), blank=True)
    data = models.JSONField(_("thông tin riêng của loại hồ sơ"), default=dict, blank=True)
    summary = models.ForeignKey(
        "cases.VoterSummary", verbose_name=_("báo cáo tổng hợp"), null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    press_item = models.ForeignKey(
        "cases.PressItem", verbose_name=_("tin báo nêu"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )

    # Deadlines, all from the working-day calendar.
    created_at = models.DateTimeField(_("ngày tiếp nhận"), default=timezone.now)
    step_started_at = models.DateTimeField(_("bắt đầu bước"), default=timezone.now)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    clock_started_at = models.DateTimeField(_("ngày giao xử lý"), null=True, blank=True)
    extra_days = models.DecimalField(_("số ngày gia hạn"), max_digits=5, decimal_places=1, default=0)
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    done_at = models.DateTimeField(_("ngày hoàn thành"), null=True, blank=True)
    timeliness = models.CharField(_("đánh giá thời hạn"), max_length=10, choices=Timeliness.choices, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    # Waiting (chờ bổ sung, HCMC Art. 10.2): the clock pauses; the working time paused moves the deadlines.
    waiting_since = models.DateTimeField(_("chờ bổ sung từ"), null=True, blank=True)
    waiting_reason = models.TextField(_("lý do chờ bổ sung"), blank=True)
    paused_days = models.DecimalField(_("số ngày làm việc tạm dừng"), max_digits=8, decimal_places=4, default=0)
    step_paused_days = models.DecimalField(max_digits=8, decimal_places=4, default=0, editable=False)
    # When the current step's own overdue alert went out (once per step; cleared when a step starts).
    step_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Folded (search.folding.fold) title, question and answer: "thu tuc" finds "thủ tục".
    search_text = models.TextField(blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    # The site-wide search sees published answers only, and only what their public page shows:
    # never the requester's contact details, internal comments or officers' names.
    search_fields = [
        index.SearchField("title"),
        index.SearchField("body"),
        index.SearchField("answer"),
        index.FilterField("kind"),
        index.FilterField("published_at"),
        index.FilterField("agency"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hồ sơ, vụ việc")
        verbose_name_plural = _("hồ sơ, vụ việc")
        permissions = [("approve_it_plan", _("Phê duyệt phương án khắc phục sự cố CNTT (Phó Chủ tịch được Chủ tịch ủy quyền)"))]
        indexes = [
            models.Index(fields=["kind", "step"]),
            models.Index(fields=["unit", "step"]),
            models.Index(fields=["closed_at", "due_at"]),
            models.Index(fields=["kind", "published_at"]),
        ]

    def __str__(self):
        return f"{self.code} – {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.body} {self.answer}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.url_for(self.code)

    @staticmethod
    def url_for(code: str) -> str:
        """A case's page from its code alone (lists that read tuples, not cases)."""
        return f"/ho-so/{code}/"

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.published()

    @property
    def kind_def(self):
        return get_kind(self.kind)

    @property
    def step_def(self):
        return self.kind_def.step(self.step)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def total_days(self):
        kind = self.kind_def
        return (kind.hard_days if self.hard else kind.days) + self.extra_days + self.paused_days

    @property
    def is_waiting(self) -> bool:
        return self.waiting_since is not None

    def standing(self, now=None) -> str:
        """Early / on time / late once answered; overdue or in time while open (Art. 9.2.d)."""
        if self.timeliness:
            return self.timeliness
        if self.done_at is not None:
            return Status.IN_TIME  # answered; only the office's review or publication is left
        due = self.due_at or self.step_due_at
        if due is None:
            return Status.IN_TIME
        return Status.OVERDUE if (now or timezone.now()) > due else Status.IN_TIME

    def standing_label(self) -> str:
        return str(Status.LABELS[self.standing()])


class CaseParticipant(models.Model):
    """Someone involved: they see the case from then on (with their unit's leaders)."""

    class Role(models.TextChoices):
        MAIN = "main", _("Xử lý chính")
        COORDINATING = "coordinating", _("Phối hợp")
        ACTOR = "actor", _("Đã tham gia xử lý")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_participations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ACTOR)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user", "role"], name="unique_case_participant")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class CaseUnit(models.Model):
    """A unit the case passed through: its leaders (and their leaders) may follow it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "unit"], name="unique_case_unit")]

    def __str__(self):
        return str(self.unit)


class CaseEvent(models.Model):
    """One action on a case: who, when, from which step to which, with what comment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=30)
    label = models.CharField(_("thao tác"), max_length=255)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    from_step = models.CharField(max_length=30, blank=True)
    to_step = models.CharField(max_length=30, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    public_label = models.CharField(_("hiển thị công khai"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self):
        return self.label


class CaseStep(models.Model):
    """One finished step of a case: who finished it, when it was due and how it stands (Khánh Hòa Art. 9.2.d).

    Written by the engine (``services.perform``) as the step is passed on, so each officer is
    graded on their own steps; the step now open is read from the case itself (holder, ``step_due_at``).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps_done")
    kind = models.CharField(_("loại"), max_length=20)
    step = models.CharField(_("bước"), max_length=30)
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị xử lý"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("bắt đầu bước"))
    due_at = models.DateTimeField(_("hạn của bước"))
    done_at = models.DateTimeField(_("hoàn thành bước"))
    action = models.CharField(_("thao tác"), max_length=30, blank=True)

    class Meta:
        ordering = ["done_at", "pk"]
        verbose_name = _("bước đã xử lý")
        verbose_name_plural = _("bước đã xử lý")
        indexes = [models.Index(fields=["unit", "done_at"]), models.Index(fields=["officer", "done_at"])]

    def __str__(self):
        return f"{self.case_id} {self.step}"

    @property
    def timeliness(self) -> str:
        from intranet.workdays.calendar import grade

        return grade(self.due_at, self.done_at)


def attachment_path(instance, filename: str) -> str:
    return f"cases/{instance.case.code}/{filename}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"))
    mime = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name


class Extension(models.Model):
    """A longer deadline: asked with a reason, decided by a leader, recorded either way."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REFUSED = "refused", _("Không duyệt")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.DecimalField(_("số ngày làm việc gia hạn"), max_digits=4, decimal_places=1)
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.case.code} +{self.days}"


class VoterSummary(models.Model):
    """The People's Council summary of voters' opinions after a session (App. VI 1): one summary, many opinions."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("cấp tiếp nhận"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên báo cáo tổng hợp"), max_length=255)
    session = models.CharField(_("kỳ họp"), max_length=255, blank=True)
    received_on = models.DateField(_("ngày nhận"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("báo cáo tổng hợp ý kiến cử tri")
        verbose_name_plural = _("báo cáo tổng hợp ý kiến cử tri")

    def __str__(self):
        return self.title


class PressDigest(models.Model):
    """Điểm tin báo chí về tỉnh (App. IV 1): posted before 11:00 on working days, shared to every unit."""

    date = models.DateField(_("ngày"), unique=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("điểm tin báo chí")
        verbose_name_plural = _("điểm tin báo chí")

    def __str__(self):
        return self.title


class PressItem(models.Model):
    digest = models.ForeignKey(PressDigest, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("tiêu đề bài báo"), max_length=255)
    source = models.CharField(_("báo, tạp chí"), max_length=150)
    url = models.URLField(_("đường dẫn"), blank=True)
    summary = models.TextField(_("tóm tắt nội dung"))
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title
