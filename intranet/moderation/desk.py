"""The desk asks: which QT-07 steps does this user hold? (a constant number of queries)"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from intranet.desk.work import WorkItem

from .models import Step
from .services import held_items


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    # Only the shown columns, as tuples: the desk's page n reads n × 25 rows to merge them (issue 18.3).
    rows = held_items(user).order_by(F("step_due_at").asc(nulls_last=True), "pk").values_list(
        "pk", "title", "step", "step_due_at", "step_started_at", "unit__short_name", "unit__name"
    )
    if limit is not None:
        rows = rows[:limit]
    kind, steps = _("Kiểm duyệt tin bài"), {}  # labels once per call, not per item
    work = []
    for pk, title, step, due_at, started_at, unit_short_name, unit_name in rows:
        if step not in steps:
            steps[step] = str(Step(step).label) if step in Step.values else step
        work.append(WorkItem(
            kind=kind, title=title, url=f"/kiem-duyet/{pk}/", step=steps[step], due_at=due_at, received_at=started_at,
            unit_name=unit_short_name or unit_name,
        ))
    return work


def work_counts(user) -> dict[str, int]:
    if not getattr(user, "is_authenticated", False):
        return {}
    return {_("Kiểm duyệt tin bài"): held_items(user).count()}
