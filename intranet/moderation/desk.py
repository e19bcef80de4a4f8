"""The desk asks: which QT-07 steps does this user hold? (a constant number of queries)"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from intranet.desk.work import WorkItem

from .services import held_items


def open_work(user, limit: int | None = None) -> list[WorkItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = held_items(user).order_by(F("step_due_at").asc(nulls_last=True), "pk")
    if limit is not None:
        items = items[:limit]
    kind = _("Kiểm duyệt tin bài")  # once, not per item
    return [
        WorkItem(
            kind=kind,
            title=item.title,
            url=f"/kiem-duyet/{item.pk}/",
            step=item.get_step_display(),
            due_at=item.step_due_at,
            received_at=item.step_started_at,
            unit_name=item.unit.short_name or item.unit.name,
        )
        for item in items
    ]


def work_counts(user) -> dict[str, int]:
    if not getattr(user, "is_authenticated", False):
        return {}
    return {_("Kiểm duyệt tin bài"): held_items(user).count()}
