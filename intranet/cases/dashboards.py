"""Dashboards: counts by step and by early / on time / late / overdue (Khánh Hòa Art. 9.2.d).

Per person (what they hold or handled) and per unit (cases handled by the unit
or its sub-units). A fixed number of aggregate queries, whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.units.models import Unit
from intranet.workdays.calendar import LOCAL_TZ, Status

from .kinds import all_kinds, get_kind
from .models import Case, CaseParticipant, CaseUnit

STANDINGS = [Status.EARLY, Status.ON_TIME, Status.LATE, Status.OVERDUE, Status.IN_TIME]


@dataclass
class Dashboard:
    title: str
    totals: dict
    by_step: list[tuple[str, str, int]]  # kind label, step label, count
    by_unit: list[dict]
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str = ""
    standings: list[tuple[str, str, int]] = field(default_factory=list)  # code, label, count


def _counts(now: dt.datetime) -> dict:
    overdue = Q(closed_at__isnull=True) & (Q(due_at__lt=now) | Q(due_at__isnull=True, step_due_at__lt=now)) & Q(done_at__isnull=True)
    return {
        "total": Count("pk"),
        "open": Count("pk", filter=Q(closed_at__isnull=True)),
        "closed": Count("pk", filter=Q(closed_at__isnull=False)),
        "published": Count("pk", filter=Q(published_at__isnull=False)),
        Status.EARLY: Count("pk", filter=Q(timeliness=Status.EARLY)),
        Status.ON_TIME: Count("pk", filter=Q(timeliness=Status.ON_TIME)),
        Status.LATE: Count("pk", filter=Q(timeliness=Status.LATE)),
        Status.OVERDUE: Count("pk", filter=overdue & Q(timeliness="")),
        Status.IN_TIME: Count("pk", filter=Q(closed_at__isnull=True, timeliness="") & ~overdue),
    }


def person_cases(user) -> QuerySet[Case]:
    return Case.objects.filter(
        Q(holder=user) | Q(main_handler=user) | Q(overseer=user)
        | Exists(CaseParticipant.objects.filter(case=OuterRef("pk"), user=user))
    )


def unit_cases(unit: Unit) -> QuerySet[Case]:
    """Cases that passed through the unit or any of its sub-units."""
    return Case.objects.filter(Exists(CaseUnit.objects.filter(case=OuterRef("pk"), unit__path__startswith=unit.path)))


def build(cases: QuerySet[Case], *, title: str, kind: str = "", start: dt.date | None = None, end: dt.date | None = None,
          now: dt.datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    if kind:
        cases = cases.filter(kind=kind)
    # Periods by completion and due date (Art. 9.2.d, as intranet/grading): a case finished in the period, or
    # still unanswered and due in it; a case with no deadline yet by the day it was received.
    if start or end:
        cases = cases.annotate(placed=Coalesce("done_at", "due_at", "step_due_at", "created_at"))
    if start:
        cases = cases.filter(placed__gte=dt.datetime.combine(start, dt.time.min, LOCAL_TZ))
    if end:
        cases = cases.filter(placed__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, LOCAL_TZ))
    counts = _counts(now)
    totals = cases.aggregate(**counts)
    steps = []
    for row in cases.values("kind", "step").annotate(n=Count("pk")).order_by("kind", "step"):
        definition = get_kind(row["kind"])
        steps.append((str(definition.label), str(definition.step(row["step"]).label), row["n"]))
    by_unit = list(
        cases.values("agency__name").annotate(**counts).order_by("-total")[:100]
    )
    for row in by_unit:
        row["name"] = row.pop("agency__name") or _("Chưa chuyển cơ quan xử lý")
    standings = [(code, str(Status.LABELS[code]), totals[code]) for code in STANDINGS]
    return Dashboard(title=title, totals=totals, by_step=steps, by_unit=by_unit, start=start, end=end, kind=kind, standings=standings)


def kinds() -> list[tuple[str, str]]:
    return [(kind.code, str(kind.label)) for kind in all_kinds()]


def export_rows(board: Dashboard) -> tuple[list[str], list[list]]:
    header = [_("Cơ quan xử lý"), _("Tổng số"), _("Đang xử lý"), _("Đã kết thúc")] + [str(Status.LABELS[code]) for code in STANDINGS]
    rows = [[row["name"], row["total"], row["open"], row["closed"], *[row[code] for code in STANDINGS]] for row in board.by_unit]
    rows.append([_("Tổng cộng"), board.totals["total"], board.totals["open"], board.totals["closed"], *[board.totals[c] for c in STANDINGS]])
    return header, rows
