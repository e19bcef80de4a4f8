"""The cases waiting for a user, for the personal desk (a constant number of queries whatever the amount of work)."""

from __future__ import annotations

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from intranet.accounts.permissions import case_actionable_filter
from intranet.desk.work import WorkItem

from .kinds import get_kind
from .models import Case


def _actionable(user):
    return Case.objects.filter(case_actionable_filter(user))


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    # Only the shown columns, as tuples: the desk's page n reads n × 25 rows to merge them (issue 18.3).
    rows = (
        _actionable(user)
        .annotate(due=Coalesce("step_due_at", "due_at"))
        .order_by(F("due").asc(nulls_last=True), "pk")
        .values_list("code", "kind", "title", "step", "due_at", "step_due_at", "step_started_at", "unit__name")
    )
    if limit is not None:
        rows = rows[:limit]
    labels: dict[tuple[str, str], tuple[str, str]] = {}  # translated once per kind and step, not per case
    work = []
    for code, kind, title, step, due_at, step_due_at, step_started_at, unit_name in rows:
        if (kind, step) not in labels:
            kind_def = get_kind(kind)
            labels[kind, step] = (str(kind_def.label), str(kind_def.step(step).label))
        work.append(WorkItem(
            kind=labels[kind, step][0],
            title=f"{code} – {title}",
            url=Case.url_for(code),
            step=labels[kind, step][1],
            due_at=step_due_at or due_at,
            received_at=step_started_at,
            unit_name=unit_name or "",
        ))
    return work


def work_counts(user) -> dict[str, int]:
    rows = _actionable(user).order_by().values_list("kind").annotate(number=Count("pk"))
    return {str(get_kind(kind).label): number for kind, number in rows}
