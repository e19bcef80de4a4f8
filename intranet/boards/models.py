"""Steering boards, executive boards and advisory bodies of the province (App. II).

The standing agency enters a board within 2 working days of the founding
decision; once published it shows on each member's desk, in the standing
agency's store and in the provincial store. Entering a board that already
exists (same founding decision, or the same name ignoring case and
diacritics) is refused and nothing is changed.
"""

import datetime as dt
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from intranet.workdays import calendar
from search.folding import fold

ENTRY_DAYS = 2  # App. II step 1: at the latest 2 days after the founding decision


def decision_key(number: str) -> str:
    """'12/QĐ-UBND' and '12 / qd-ubnd' are the same decision."""
    return re.sub(r"[^0-9a-z]", "", fold(number))


class Board(index.Indexed, DraftStateMixin, RevisionMixin, ClusterableModel):
    class Kind(models.TextChoices):
        STEERING = "steering", _("Ban Chỉ đạo")
        EXECUTIVE = "executive", _("Ban Điều hành")
        ADVISORY = "advisory", _("Tổ chức tư vấn")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.STEERING)
    name = models.CharField(_("tên"), max_length=255)
    standing_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan thường trực"), on_delete=models.PROTECT, related_name="standing_boards"
    )
    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True)
    assignments = RichTextField(_("phân công nhiệm vụ"), blank=True)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định thành lập"))
    founding_decision = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("văn bản quyết định"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Duplicate detection (App. II note): folded name and normalised decision number, unique in the database too.
    name_key = models.CharField(max_length=255, unique=True, editable=False)
    decision_key = models.CharField(max_length=100, editable=False, blank=True)
    store_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("name"), FieldPanel("standing_unit"), FieldPanel("decision_number"), FieldPanel("decision_date"), FieldPanel("founding_decision")],
            heading=_("Thành lập"),
        ),
        FieldPanel("functions"),
        InlinePanel("members", heading=_("Thành viên"), label=_("thành viên")),
        FieldPanel("assignments"),
        InlinePanel("documents", heading=_("Văn bản liên quan"), label=_("văn bản")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("decision_number"),
        index.SearchField("functions"),
        index.SearchField("assignments"),
        index.FilterField("standing_unit"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("ban chỉ đạo")
        verbose_name_plural = _("ban chỉ đạo, ban điều hành, tổ chức tư vấn")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["decision_key"], condition=~models.Q(decision_key=""), name="unique_board_decision")
        ]

    def __str__(self):
        return self.name

    def duplicate_of(self) -> "Board | None":
        others = Board.objects.exclude(pk=self.pk) if self.pk else Board.objects.all()
        condition = models.Q(name_key=fold(self.name))
        if decision_key(self.decision_number):
            condition |= models.Q(decision_key=decision_key(self.decision_number))
        return others.filter(condition).select_related("standing_unit").first()

    def clean(self):
        super().clean()
        existing = self.duplicate_of()
        if existing is not None:
            raise ValidationError(
                _("“%(name)s” (quyết định %(number)s, cơ quan thường trực %(unit)s) đã có trong hệ thống. Hệ thống không cập nhật lại.")
                % {"name": existing.name, "number": existing.decision_number, "unit": existing.standing_unit.name}
            )

    def save(self, *args, **kwargs):
        self.name_key = fold(self.name)
        self.decision_key = decision_key(self.decision_number)
        super().save(*args, **kwargs)

    @property
    def entry_due_at(self) -> dt.datetime:
        return calendar.due(dt.datetime.combine(self.decision_date, dt.time(23, 59), calendar.LOCAL_TZ), ENTRY_DAYS)

    @property
    def entry_timeliness(self) -> str:
        return calendar.status(self.entry_due_at, self.first_published_at)

    # -- the store ----------------------------------------------------------
    store_channel = "boards"

    @property
    def store_record_id(self) -> str:
        return str(self.store_key)

    def store_payload(self) -> dict:
        members = self.members.select_related("person__unit")
        return {
            "name": self.name,
            "kind": self.kind,
            "functions": self.functions,
            "assignments": self.assignments,
            "decision_number": self.decision_number,
            "decision_date": self.decision_date.isoformat(),
            "standing_unit": self.standing_unit.code,
            "unit": self.standing_unit.code,
            "members": [
                {"name": m.person.full_name, "position": m.person.position, "unit": m.person.unit.code, "role": m.role, "duty": m.duty}
                for m in members
            ],
            "documents": [{"title": d.title, "url": d.document.url if d.document_id else d.link} for d in self.documents.select_related("document")],
        }


class BoardMember(Orderable):
    board = ParentalKey(Board, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("directory.Person", verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="board_memberships")
    role = models.CharField(_("chức danh trong ban"), max_length=100, help_text=_("Trưởng ban, Phó Trưởng ban, Thành viên, Thư ký…"))
    duty = models.TextField(_("nhiệm vụ được phân công"), blank=True)

    panels = [FieldPanel("person"), FieldPanel("role"), FieldPanel("duty")]

    class Meta(Orderable.Meta):
        verbose_name = _("thành viên")

    def __str__(self):
        return f"{self.person} – {self.role}"


class BoardDocument(Orderable):
    board = ParentalKey(Board, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("tên văn bản"), max_length=255)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("tệp"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    link = models.URLField(_("hoặc liên kết"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("link")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản liên quan")

    def __str__(self):
        return self.title
