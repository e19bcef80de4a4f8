"""A kind of case is data: its steps (who acts, in which unit, within how long) and actions.

The engine (``intranet.cases.services.perform``) reads these tables; the
per-kind modules only declare them and, where a kind has something special
(voter opinions escalating upward, IT forms), a few small hooks.

Where a step acts (``Step.unit``):
- ``office``: the province office (Văn phòng UBND tỉnh, ``settings.CASES_OFFICE_CODE``);
- ``province``: the province itself (the top of the unit tree);
- ``same``: wherever the case already is;
- ``agency``: the competent agency the case was forwarded to (the actor picks it);
- ``origin``: the unit where the case was entered or reported;
- ``requester``: the reporter's own unit (QT-05 B7's "bộ phận đề nghị").

Who acts: one of ``Step.roles`` held directly in the acting unit and, when the
case has a holder (a named assignee), only that holder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Parameters an action may ask for; the form shows only those an action lists.
COMMENT = "comment"
ANSWER = "answer"
TARGET_UNIT = "target_unit"
HOLDER = "holder"  # the one person who will hold the next step
COORDINATORS = "coordinators"
HARD = "hard"  # hard or multi-agency: 10 working days instead of 5
OVERSEER = "overseer"  # the province-office specialist responsible for the field


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    to: str  # the next step's code
    params: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    # Extra fields a kind records in ``case.data`` (name -> label), e.g. an IT cost estimate.
    extra: tuple[tuple[str, str], ...] = ()
    # Extra fields picked from a fixed list (name -> allowed values) and amounts of money in VND (QT-05).
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    money: tuple[str, ...] = ()
    # Who holds the next step when the action does not name someone:
    # "none" (anyone with the role), "actor" (whoever acted), "overseer", "main" (the main handler),
    # "reporter" (who reported it: QT-05 B7's confirmation).
    holder: str = "none"
    # What the person chosen in HOLDER becomes on the case: "overseer" (the province-office
    # specialist who follows it to the end) or "main" (the agency's main handler).
    records: str = ""
    public_label: str = ""  # shown on the public timeline when set
    escalates: bool = False  # moves the case to the level above (voter opinions)
    tells_reporter: bool = False  # the person who reported is notified (QT-05: at completion and at handover)
    # A further check for this action only (``intranet.accounts.permissions.STEP_CHECKS``), e.g. App. VI escalation.
    permission: str = ""
    # "level": the TARGET_UNIT must be the case's level or one of its own agencies and sub-units (App. VI).
    target_scope: str = ""


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    roles: tuple[str, ...] = ()
    unit: str = "same"
    days: Decimal | None = None  # working days for this step (None: no own deadline)
    # A further check in the permission layer (``intranet.accounts.permissions.STEP_CHECKS``), e.g. QT-05 B5.
    permission: str = ""
    # Or: due at the next of these local clock times on a working day (App. V: "10:00", "16:00").
    at_times: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    public_label: str = ""
    closed: bool = False
    published: bool = False

    def action(self, code: str) -> Action | None:
        return next((action for action in self.actions if action.code == code), None)


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    prefix: str  # tracking-code prefix: HD-2026-7K3Q9
    steps: tuple[Step, ...]
    first: str
    days: Decimal = Decimal(5)  # the case's own deadline, counted from ``clock_starts``
    hard_days: Decimal = Decimal(10)
    clock_starts: str = ""  # entering this step starts the case's clock
    clock_stops: str = ""  # leaving this step stops it (the work is answered / done)
    publishes: bool = False
    # Printable forms: slug -> (title, the action after which the form exists).
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def step(self, code: str) -> Step:
        for step in self.steps:
            if step.code == code:
                return step
        raise KeyError(code)

    @property
    def open_steps(self) -> list[str]:
        return [step.code for step in self.steps if not step.closed]


_REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _REGISTRY[kind.code] = kind
    return kind


def get_kind(code: str) -> Kind:
    _load()
    return _REGISTRY[code]


def all_kinds() -> list[Kind]:
    _load()
    return list(_REGISTRY.values())


def _load() -> None:
    if not _REGISTRY:
        from . import it, press, questions, voters  # noqa: F401
