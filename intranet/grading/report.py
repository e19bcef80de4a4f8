"""Counts per officer, per step and per unit, and the items behind each number (Art. 9.2.d).

One query per table (a UNION of the sources, each aggregated in SQL), whatever the number of
cases or officers; the item list is one query per page. The five answers are the calendar's
(``grade_conditions`` in SQL, ``grade`` for each listed item), so a number and its list agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from intranet.accounts.fields import with_labels
from intranet.accounts.models import Membership, User
from intranet.accounts.names import picker_label
from intranet.units.models import Unit
from intranet.workdays.calendar import Status, grade, grade_conditions
from search.folding import fold

from .periods import Period
from .sources import FIELDS, LABELS, LINKS, filtered

# The table's columns, in the order Art. 9.2.d names them; "open" is work not yet due.
COLUMNS = [Status.EARLY, Status.ON_TIME, Status.LATE, Status.OVERDUE, Status.IN_TIME]
COLUMN_LABELS = {
    Status.EARLY: gettext_lazy("Sớm hạn"),
    Status.ON_TIME: gettext_lazy("Đúng hạn"),
    Status.LATE: gettext_lazy("Trễ hạn"),
    Status.OVERDUE: gettext_lazy("Quá hạn"),
    Status.IN_TIME: gettext_lazy("Đang xử lý trong hạn"),
}
UNASSIGNED = "chua-giao"


@dataclass
class Row:
    key: object  # an officer's pk (None: the unit's queue), a unit's pk, or (kind, step)
    label: str
    detail: str = ""
    counts: dict = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def finished(self) -> int:
        return self.counts[Status.EARLY] + self.counts[Status.ON_TIME] + self.counts[Status.LATE]

    @property
    def in_time_share(self) -> str:
        """Finished early or on time, of all finished or overdue work (the share the review reads)."""
        graded = self.finished + self.counts[Status.OVERDUE]
        if not graded:
            return "–"
        return f"{100 * (self.counts[Status.EARLY] + self.counts[Status.ON_TIME]) / graded:.0f}%"

    def cells(self) -> list[tuple[str, int]]:
        return [(code, self.counts[code]) for code in COLUMNS]


def unit_scope(unit: Unit) -> Q:
    """Work done or held in the unit or any of its sub-units."""
    return Q(g_unit__in=Unit.objects.filter(path__startswith=unit.path).values("pk"))


def unit_scope_all() -> Q:
    """Wherever the work was done (an officer's own evaluation follows them across units)."""
    return Q()


def _condition(scope: Q, period: Period, *, officer=None) -> Q:
    condition = scope & period.condition("g_period")
    if officer == UNASSIGNED:
        condition &= Q(g_officer__isnull=True)
    elif officer is not None:
        condition &= Q(g_officer=officer)
    return condition


def _counted(parts: list[QuerySet], group: tuple[str, ...], now: dt.datetime) -> dict:
    """{group value(s): {status: count}} from one UNION ALL of the sources' aggregates."""
    conditions = grade_conditions("g_due", "g_done", now)
    aggregated = [
        part.order_by().values(*group).annotate(**{f"n_{code}": Count("g_ref", filter=conditions[code]) for code in COLUMNS})
        for part in parts
    ]
    if not aggregated:
        return {}
    union = aggregated[0].union(*aggregated[1:], all=True) if len(aggregated) > 1 else aggregated[0]
    totals: dict = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for row in union:
        if not any(row[f"n_{code}"] for code in COLUMNS):
            continue  # an aggregate over no rows (grouped by constants only) answers one row of zeros
        key = tuple(row[name] for name in group) if len(group) > 1 else row[group[0]]
        for code in COLUMNS:
            totals[key][code] += row[f"n_{code}"] or 0
    return totals


FINE = ("g_officer", "g_unit", "g_source", "g_kind", "g_step")


def tally(scope: Q, period: Period, *, officer=None, kinds: tuple[str, ...] = (), now: dt.datetime | None = None) -> dict:
    """The counts per (officer, unit, source, kind, step): one query that every table of a page rolls up."""
    return _counted(filtered(_condition(scope, period, officer=officer), kinds=kinds), FINE, now or timezone.now())


def _roll(counts: dict, pick) -> dict:
    rolled: dict = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for key, numbers in counts.items():
        target = rolled[pick(*key)]
        for code in COLUMNS:
            target[code] += numbers[code]
    return rolled


def officer_table(unit: Unit, counts: dict) -> list[Row]:
    """Every officer of the unit and its sub-units (and anyone else who worked there), with the unit's queue last."""
    counts = _roll(counts, lambda officer, *_rest: officer)
    members = Membership.objects.filter(unit__path__startswith=unit.path, user__is_active=True).values("user_id")
    people = with_labels(User.objects.filter(Q(pk__in=members) | Q(pk__in=[pk for pk in counts if pk is not None])))
    rows = []
    # Vietnamese lists sort by the given name, then the family name.
    for person in sorted(people, key=lambda user: (fold(user.first_name), fold(user.last_name))):
        row = Row(person.pk, person.display_name, picker_label(person).removeprefix(person.display_name).strip(" –"))
        row.counts.update(counts.get(person.pk, {}))
        rows.append(row)
    if None in counts:
        row = Row(None, _("Chưa giao người xử lý (hàng chờ của đơn vị)"))
        row.counts.update(counts[None])
        rows.append(row)
    return rows


def step_table(counts: dict) -> list[Row]:
    counts = _roll(counts, lambda _officer, _unit, source, kind, step: (source, kind, step))
    rows = []
    for (source, kind, step), numbers in sorted(counts.items(), key=lambda item: [str(part) for part in item[0]]):
        row = Row((source, kind, step), str(LABELS[source]), step_label(source, kind, step))
        row.counts.update(numbers)
        rows.append(row)
    return rows


def unit_table(counts: dict) -> list[Row]:
    counts = _roll(counts, lambda _officer, unit, *_rest: unit)
    units = Unit.objects.filter(pk__in=[pk for pk in counts if pk is not None]).only("pk", "name", "path").order_by("path")
    rows = []
    for sub in units:
        row = Row(sub.pk, sub.name)
        row.counts.update(counts[sub.pk])
        rows.append(row)
    return rows


def items(scope: Q, period: Period, *, officer=None, status: str | tuple[str, ...] = "", kinds: tuple[str, ...] = (),
          now: dt.datetime | None = None) -> QuerySet:
    """The work behind a number: one UNION query, earliest due first."""
    now = now or timezone.now()
    condition = _condition(scope, period, officer=officer)
    wanted = [code for code in ((status,) if isinstance(status, str) else status) if code in COLUMNS]
    if wanted:
        conditions = grade_conditions("g_due", "g_done", now)
        either = Q()
        for code in wanted:
            either |= conditions[code]
        condition &= either
    parts = [part.order_by().values(*FIELDS) for part in filtered(condition, kinds=kinds)]
    union = parts[0].union(*parts[1:], all=True)
    return union.order_by("g_due", "g_source", "g_ref")


def describe(rows, now: dt.datetime | None = None) -> list[dict]:
    """Each listed item with its kind, step, link and standing (``grade``: the same answer as the count)."""
    now = now or timezone.now()
    out = []
    for row in rows:
        due, done = row["g_due"], row["g_done"]
        standing = grade(due, done, now) if due is not None else (Status.IN_TIME if done is None else Status.ON_TIME)
        out.append({
            **row,
            "source_label": str(LABELS[row["g_source"]]),
            "step_label": step_label(row["g_source"], row["g_kind"], row["g_step"]),
            "url": LINKS[row["g_source"]](row),
            "standing": standing,
            "standing_label": str(COLUMN_LABELS[standing]),
        })
    return out


def step_label(source: str, kind: str, step: str) -> str:
    return _step_label(source, kind, step, get_language())


@lru_cache(maxsize=1024)
def _step_label(source: str, kind: str, step: str, language: str) -> str:  # language: labels are translated
    if source in ("case_step", "case"):
        from intranet.cases.kinds import get_kind

        try:
            definition = get_kind(kind)
        except KeyError:
            return kind
        if source == "case":
            return str(definition.label)
        try:
            return f"{definition.label}: {definition.step(step).label}"
        except KeyError:
            return f"{definition.label}: {step}"
    if source == "qt07":
        from intranet.moderation.models import Step

        return str(dict(Step.choices).get(step, step))
    if source == "directory":
        from intranet.directory.models import DirectoryChange

        return str(dict(DirectoryChange.Kind.choices).get(step, step))
    return ""


def officer_name(pk) -> str:
    if pk in (None, UNASSIGNED):
        return _("Chưa giao người xử lý")
    user = with_labels(User.objects.filter(pk=pk)).first()
    return picker_label(user) if user else ""
