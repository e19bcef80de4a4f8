"""Steering boards, executive boards and advisory bodies of the province (App. II).

The standing agency enters a board within 2 working days of the founding
decision; once published it shows on each member's desk, in the standing
agency's store and in the provincial store. Entering a board that already
exists is refused and nothing is changed (App. II note). A duplicate is the
same founding decision — same issuing body, number and year — or the same
name (ignoring case and diacritics) within the same standing agency: another
commune's "Ban Chỉ đạo chuyển đổi số" or another year's "12/QĐ-UBND" is a
different board.
"""

import datetime as dt
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractYear
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


# Levels with their own People's Committee issue decisions; a department's board is founded by its level.
ISSUING_KINDS = ("province", "district", "commune")


def default_issuer(unit):
    """The People's Committee that founds a board whose standing agency is ``unit``: the unit's own level."""
    if unit is None or unit.kind in ISSUING_KINDS:
        return unit
    return unit.get_ancestors().filter(kind__in=ISSUING_KINDS).order_by("-depth").first() or unit


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
    issuing_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("cơ quan ban hành quyết định"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Để trống: UBND cấp của cơ quan thường trực."),
    )
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định thành lập"))
    founding_decision = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("văn bản quyết định"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Duplicate detection (App. II note): folded name and normalised decision number, unique in the database too.
    name_key = models.CharField(max_length=255, editable=False)
    decision_key = models.CharField(max_length=100, editable=False, blank=True)
    store_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # App. II 1: due the end of the 2nd working day after the decision; recomputed when the calendar changes.
    entry_due_at = models.DateTimeField(_("hạn cập nhật"), null=True, blank=True, editable=False)
    entry_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)  # the 2-day entry alert went out

    panels = [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("name"), FieldPanel("standing_unit"), FieldPanel("issuing_unit"), FieldPanel("decision_number"), FieldPanel("decision_date"), FieldPanel("founding_decision")],
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
            models.UniqueConstraint(fields=["standing_unit", "name_key"], name="unique_board_name_per_agency"),
            models.UniqueConstraint(
                "issuing_unit", "decision_key", ExtractYear("decision_date"), condition=~models.Q(decision_key=""), name="unique_board_decision"
            ),
        ]

    def __str__(self):
        return self.name

    def duplicate_of(self) -> "Board | None":
        """The same name within the same standing agency, or the same issuing body + decision number + year."""
        if self.standing_unit_id is None:
            return None
        others = Board.objects.exclude(pk=self.pk) if self.pk else Board.objects.all()
        condition = models.Q(standing_unit_id=self.standing_unit_id, name_key=fold(self.name))
        if decision_key(self.decision_number) and self.decision_date is not None:
            issuer = self.issuing_unit or default_issuer(self.standing_unit)
            condition |= models.Q(issuing_unit=issuer, decision_key=decision_key(self.decision_number), decision_date__year=self.decision_date.year)
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
        if self.issuing_unit_id is None:
            self.issuing_unit = default_issuer(self.standing_unit)
        if self.decision_date is not None:
            self.entry_due_at = self.entry_due_for(self.decision_date)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "decision_key", "issuing_unit", "entry_due_at"}
        super().save(*args, **kwargs)

    @staticmethod
    def entry_due_for(decision_date: dt.date, working_calendar=None) -> dt.datetime:
        """App. II 1: "chậm nhất sau 02 ngày" — the end of the 2nd working day after the founding decision."""
        start = dt.datetime.combine(decision_date, dt.time(23, 59), calendar.LOCAL_TZ)
        return (working_calendar or calendar.get_calendar()).due(start, ENTRY_DAYS)

    @property
    def entry_timeliness(self) -> str:
        """Early / on time / late once published; overdue or in time while still a draft (Khánh Hòa Art. 9.2.d)."""
        return calendar.status(self.entry_due_at, self.first_published_at) if self.entry_due_at else calendar.Status.IN_TIME

    def entry_timeliness_label(self) -> str:
        return str(calendar.Status.LABELS[self.entry_timeliness])

    entry_timeliness_label.short_description = _("đánh giá hạn cập nhật")

    def entry_due_label(self) -> str:
        return f"{self.entry_due_at.astimezone(calendar.LOCAL_TZ):%H:%M %d/%m/%Y}" if self.entry_due_at else ""

    entry_due_label.short_description = _("hạn cập nhật (02 ngày làm việc)")

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
