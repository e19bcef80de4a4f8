"""Leaders' articles and speeches (App. III).

An officer adds one on their desk; once published it shows on their agency's
site and reaches the provincial store through the outbox.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index


class SpeechQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class Speech(index.Indexed, DraftStateMixin, RevisionMixin, models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Bài viết")
        SPEECH = "speech", _("Bài phát biểu")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.SPEECH)
    title = models.CharField(_("tiêu đề"), max_length=255)
    date = models.DateField(_("ngày"))
    event = models.CharField(_("sự kiện"), max_length=255, blank=True)
    text = RichTextField(_("nội dung"))
    attachment = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp đính kèm"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    leader = models.ForeignKey(
        "directory.Person", verbose_name=_("lãnh đạo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="speeches"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="speeches")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, blank=True, on_delete=models.SET_NULL, related_name="speeches", editable=False
    )
    store_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SpeechQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("title"), FieldPanel("date"), FieldPanel("event")], heading=_("Thông tin chung")),
        MultiFieldPanel([FieldPanel("unit"), FieldPanel("leader")], heading=_("Cơ quan, lãnh đạo")),
        FieldPanel("text"),
        FieldPanel("attachment"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("event"),
        index.SearchField("text"),
        index.FilterField("unit"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("bài viết, bài phát biểu")
        verbose_name_plural = _("bài viết, bài phát biểu")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit", "live", "date"])]

    def __str__(self):
        return self.title

    @property
    def author_name(self) -> str:
        return self.leader.full_name if self.leader_id else ""

    # -- the store ----------------------------------------------------------
    store_channel = "speeches"

    @property
    def store_record_id(self) -> str:
        return str(self.store_key)

    def store_payload(self) -> dict:
        return {
            "title": self.title,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "event": self.event,
            "text": self.text,
            "author_name": self.author_name,
            "unit": self.unit.code,
            "attachment_url": self.attachment.url if self.attachment_id else "",
        }
