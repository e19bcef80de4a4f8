"""Lấy ý kiến dự thảo: a unit publishes a draft document and citizens comment on it (issue 14).

``ConsultationPage`` carries the draft (summary, text, attached files) and its opening and closing
dates. While it is open anyone comments on the page itself (a POST to the page: name, optional
e-mail, content), rate-limited per address; a comment is held until an officer of the unit (its
board or a leader, ``permissions.can_manage_unit``) approves it in the admin (``wagtail_hooks``),
and only approved comments are shown, without the e-mail. After the closing date the form is
gone and the unit publishes its summary of the comments (``comments_summary``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.home.slugs import FoldedSlugMixin
from portal.ratelimits import PublicFormLimit

# Per address: five comments an hour; thirty attempts that fail validation.
LIMIT = PublicFormLimit("consultations.comment", accepted_rate="5/h", invalid_rate="30/h")
SHOWN_COMMENTS = 100


class ConsultationIndexPage(FoldedSlugMixin, Page):
    """``/lay-y-kien-du-thao/``: the unit's drafts, those open for comment first."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang lấy ý kiến dự thảo")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        drafts = (
            ConsultationPage.objects.child_of(self).live()
            .annotate(
                approved_count=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)),
                open_now=ExpressionWrapper(Q(opens_on__lte=today, closes_on__gte=today), output_field=BooleanField()),
            )
            .order_by("-open_now", "-closes_on", "-pk")
        )
        context["drafts"] = Paginator(drafts, 20).get_page(request.GET.get("trang") or 1)
        context["today"] = today
        return context


class ConsultationPage(FoldedSlugMixin, Page):
    """One draft put out for comment, with its dates, files, approved comments and, once closed, the summary."""

    drafting_body = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=255, blank=True)
    summary = models.TextField(_("tóm tắt"))
    body = RichTextField(_("nội dung dự thảo"), blank=True)
    opens_on = models.DateField(_("ngày bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("ngày kết thúc lấy ý kiến"))
    comments_summary = RichTextField(
        _("tổng hợp ý kiến"), blank=True, help_text=_("Công bố sau khi hết thời gian lấy ý kiến: tổng hợp, tiếp thu, giải trình.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("drafting_body"), FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")])],
            heading=_("Thông tin dự thảo"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("tệp đính kèm")),
        FieldPanel("comments_summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("drafting_body"),
        index.SearchField("comments_summary"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Ngày kết thúc phải sau ngày bắt đầu lấy ý kiến.")})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def has_not_opened(self, today=None) -> bool:
        return (today or timezone.localdate()) < self.opens_on

    def get_context(self, request, *args, **kwargs):
        from .forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.attachments.select_related("document")
        comments = self.comments.all() if self.pk else Comment.objects.none()  # (an unsaved page's preview)
        approved = comments.approved().order_by("created_at", "pk")
        context["approved_count"] = approved.count()
        # What the public sees of a comment: the name, the date and the text; never the e-mail.
        context["comments"] = approved.only("page_id", "name", "content", "created_at")[:SHOWN_COMMENTS]
        context["today"] = timezone.localdate()
        context["open"] = self.is_open(context["today"])
        context.setdefault("form", CommentForm() if context["open"] else None)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self._comment(request)
        return super().serve(request, *args, **kwargs)

    def _render(self, request, status: int, **extra):
        context = self.get_context(request)
        context.update(extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def _comment(self, request):
        from .forms import CommentForm

        if not self.is_open():
            message = gettext("Dự thảo chưa mở lấy ý kiến.") if self.has_not_opened() else gettext(
                "Đã hết thời gian lấy ý kiến dự thảo này (đến hết ngày %(date)s); ý kiến không được tiếp nhận."
            ) % {"date": self.closes_on.strftime("%d/%m/%Y")}
            return self._render(request, 403, refusal=message)
        from portal.pages.models import _unit_of

        unit = _unit_of(self)
        if unit is None:  # a draft outside any unit's site has nobody to moderate it
            return self._render(request, 403, refusal=gettext("Dự thảo này không nhận góp ý trực tuyến."))
        form = CommentForm(request.POST)
        if refusal := LIMIT.refusal(request, form):
            return self._render(request, 429, form=form, refusal=refusal)
        if not form.is_valid():
            return self._render(request, 400, form=form)
        LIMIT.accepted(request)
        if not form.cleaned_data.get("website"):  # the honeypot filled in: a robot, thanked and forgotten
            Comment.objects.create(
                page=self, unit=unit, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                content=form.cleaned_data["content"],
            )
        messages.success(request, gettext("Cảm ơn bạn đã góp ý. Ý kiến sẽ được hiển thị sau khi đơn vị kiểm duyệt."))
        return redirect(self.get_url(request) + "#gop-y")


class ConsultationAttachment(Orderable):
    page = ParentalKey(ConsultationPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("tên tệp"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """What the public sees: comments an officer of the unit approved."""
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    """A citizen's comment on a draft; shown once an officer of the unit approved it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt, hiển thị")
        REJECTED = "rejected", _("Không hiển thị")

    page = models.ForeignKey(ConsultationPage, verbose_name=_("dự thảo"), on_delete=models.CASCADE, related_name="comments")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="consultation_comments")
    name = models.CharField(_("họ và tên"), max_length=150)
    email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Không công khai."))
    content = models.TextField(_("nội dung góp ý"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(_("thời gian gửi"), default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("thời gian duyệt"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến góp ý dự thảo")
        verbose_name_plural = _("ý kiến góp ý dự thảo")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name}: {self.content[:60]}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.status != self.Status.PENDING:  # a citizen's new comment changes no public page
            _forget_cached_pages()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _forget_cached_pages()
        return result


def _forget_cached_pages() -> None:
    """An approved (or withdrawn) comment shows at once, on a closed draft kept in the page cache too."""
    from portal.news.page_cache import invalidate

    invalidate()
