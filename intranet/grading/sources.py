"""Every timed kind of work, read as one row shape (Art. 9.2.d counts them all).

Each source answers a queryset of ``FIELDS``: ``g_source`` (which kind of work), ``g_ref`` and
``g_code`` (what to link to), ``g_title``, ``g_officer`` (who finished it, or who holds it while
open; empty when it waits in a unit's queue), ``g_unit``, ``g_kind`` and ``g_step`` (grouping
per step), ``g_due`` and ``g_done`` (graded; no due while paused), ``g_period`` (when it was done, else
when it falls due: the moment that places it in a period). A case counts twice, as it should: each step for whoever
finished it, and the whole case (its overall deadline) for its unit and the person accountable; so does
a QT-07 item (its steps, and its 2-day total for its unit and the leader who decided it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

FIELDS = ("g_source", "g_ref", "g_code", "g_title", "g_officer", "g_unit", "g_kind", "g_step", "g_due", "g_done", "g_period")


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _shape(queryset: QuerySet, source: str, *, ref="pk", code=None, title, officer, unit, kind=None, step=None, due, done,
           placed=None) -> QuerySet:
    return queryset.annotate(
        g_source=_text(source),
        g_ref=F(ref),
        g_code=Cast(code, CharField()) if code else _text(""),
        g_title=Cast(title, CharField()),
        g_officer=officer if not isinstance(officer, str) else F(officer),
        g_unit=F(unit),
        g_kind=F(kind) if kind else _text(source),
        g_step=F(step) if step else _text(""),
        g_due=F(due) if isinstance(due, str) else due,
        g_done=F(done),
        g_period=Coalesce(F(done), F(placed or due), output_field=models.DateTimeField()),
    )


def case_steps() -> QuerySet:
    from intranet.cases.models import CaseStep

    return _shape(CaseStep.objects.all(), "case_step", ref="case_id", code="case__code", title="case__title", officer="officer_id",
                  unit="unit_id", kind="kind", step="step", due="due_at", done="done_at")


def open_case_steps() -> QuerySet:
    """The step each open case is at, for its holder. While it waits (HCMC Art. 10.2) its clock is paused: never overdue."""
    from intranet.cases.models import Case

    cases = Case.objects.filter(closed_at__isnull=True, step_due_at__isnull=False)
    paused = models.Case(models.When(waiting_since__isnull=False, then=Value(None)), default=F("step_due_at"),
                         output_field=models.DateTimeField())
    return _shape(cases, "case_step", code="code", title="title", officer="holder_id", unit="unit_id", kind="kind", step="step",
                  due=paused, done="closed_at", placed="step_due_at")


def whole_cases() -> QuerySet:
    """The case's own deadline: for the unit handling it and the officer accountable (main handler, else the overseer)."""
    from intranet.cases.models import Case

    # A case closed without an answer (refused, a duplicate) has nothing to grade.
    cases = Case.objects.filter(due_at__isnull=False).filter(Q(done_at__isnull=False) | Q(closed_at__isnull=True))
    paused = models.Case(models.When(waiting_since__isnull=False, done_at__isnull=True, then=Value(None)), default=F("due_at"),
                         output_field=models.DateTimeField())
    return _shape(cases, "case", code="code", title="title", officer=Coalesce("main_handler_id", "overseer_id"),
                  unit="agency_id", kind="kind", due=paused, done="done_at", placed="due_at").exclude(agency__isnull=True)


def qt07_steps() -> QuerySet:
    """QT-07 steps: the finisher; while open at B4, the culture officer the leader assigned."""
    from intranet.moderation.models import StepRecord

    holder = models.Case(
        models.When(finished_at__isnull=True, step="B4", then=F("item__assigned_officer_id")),
        default=F("finished_by_id"), output_field=models.IntegerField(),
    )
    return _shape(StepRecord.objects.all(), "qt07", ref="item_id", title="item__title", officer=holder, unit="item__unit_id",
                  step="step", due="due_at", done="finished_at")


def qt07_items() -> QuerySet:
    """QT-07's own limit: 2 working days from B1 to B6 for the whole item, for its unit and the leader who decided it."""
    from intranet.moderation.models import ModerationItem

    return _shape(ModerationItem.objects.filter(due_at__isnull=False), "qt07_item", title="title", officer="signed_by_id",
                  unit="unit_id", due="due_at", done="closed_at")


def directory_updates() -> QuerySet:
    """App. I: a change to the directory within 2 working days of the event."""
    from intranet.directory.models import DirectoryChange

    title = Coalesce(F("person__full_name"), F("unit__name"), output_field=CharField())
    return _shape(DirectoryChange.objects.all(), "directory", title=title, officer="recorded_by_id", unit="unit_id", step="kind",
                  due="due_at", done="recorded_at")


def board_entries() -> QuerySet:
    """App. II 1: a steering board entered and published within 2 working days of its decision."""
    from intranet.boards.models import Board

    return _shape(Board.objects.filter(entry_due_at__isnull=False), "board", title="name", officer="created_by_id",
                  unit="standing_unit_id", due="entry_due_at", done="first_published_at")


def program_reports() -> QuerySet:
    """App. VII: a unit's regular report, by its due moment."""
    from intranet.programs.models import PeriodicReport

    def number(field: str, prefix: str):
        return Concat(_text(str(_("Báo cáo định kỳ") + " " + prefix)), Cast(field, CharField()), _text("/"), Cast("year", CharField()),
                      output_field=CharField())

    title = models.Case(
        models.When(period_kind="week", then=number("week", str(_("tuần")) + " ")),
        models.When(period_kind="quarter", then=number("quarter", str(_("quý")) + " ")),
        models.When(period_kind="year", then=Concat(_text(str(_("Báo cáo định kỳ năm") + " ")), Cast("year", CharField()),
                                                    output_field=CharField())),
        models.When(period_kind="adhoc", then=Concat(_text(str(_("Báo cáo đột xuất") + ": ")), F("title"), output_field=CharField())),
        default=number("month", ""),
        output_field=CharField(),
    )
    return _shape(PeriodicReport.objects.all(), "report", title=title, officer="submitted_by_id", unit="unit_id", step="period_kind",
                  due="due_at", done="submitted_at")


def program_tasks() -> QuerySet:
    """App. VII: a task of the province program, reported by the program's report deadline."""
    from intranet.programs.models import ProgramTask

    return _shape(ProgramTask.objects.filter(program__report_due_at__isnull=False), "task", title="title",
                  officer=Coalesce("reported_by_id", "assignee_id"), unit="unit_id", due="program__report_due_at", done="reported_at")


@dataclass(frozen=True)
class Source:
    code: str
    label: object
    rows: Callable[[], QuerySet]
    link: Callable[[dict], str]


def _case_link(row) -> str:
    return f"/ho-so/{row['g_code']}/"


SOURCES = [
    Source("case_step", _("Bước xử lý hồ sơ"), case_steps, _case_link),
    Source("case_step", _("Bước xử lý hồ sơ"), open_case_steps, _case_link),
    Source("case", _("Hồ sơ (toàn bộ thời hạn)"), whole_cases, _case_link),
    Source("qt07", _("Bước QT-07 (kiểm duyệt tin bài)"), qt07_steps, lambda row: f"/kiem-duyet/{row['g_ref']}/"),
    Source("qt07_item", _("Tin, bài QT-07 (toàn quy trình 2 ngày)"), qt07_items, lambda row: f"/kiem-duyet/{row['g_ref']}/"),
    Source("directory", _("Cập nhật danh bạ (2 ngày)"), directory_updates, lambda row: ""),
    Source("board", _("Cập nhật Ban chỉ đạo (2 ngày)"), board_entries, lambda row: f"/ban-chi-dao/{row['g_ref']}/"),
    Source("report", _("Báo cáo công tác định kỳ"), program_reports, lambda row: ""),
    Source("task", _("Nhiệm vụ chương trình công tác"), program_tasks, lambda row: f"/chuong-trinh-cong-tac/nhiem-vu/{row['g_ref']}/"),
]
LABELS = {source.code: source.label for source in SOURCES}
LINKS = {source.code: source.link for source in SOURCES}


def filtered(condition: Q, *, kinds: tuple[str, ...] = ()) -> list[QuerySet]:
    """Each source's rows meeting ``condition`` (on the ``g_`` names), for a union or a count."""
    return [source.rows().filter(condition) for source in SOURCES if not kinds or source.code in kinds]
