"""THE case engine: every action on every kind of case goes through ``perform`` (``actions``).

``perform`` checks the permission (``intranet.accounts.permissions``), records the event, moves
the case to its next step (acting unit, holder), computes the step's and the case's due moments
with the working-day calendar and alerts whoever must act next. The kinds (``intranet.cases.kinds``)
are data. Split by what it does, every name still answers here (``from intranet.cases import services``):

- ``actions``: where things are, ``perform``, deadlines, extensions;
- ``intake``: opening a case, a citizen's question, an IT incident report;
- ``batches``: the scheduled App. V batches, reminders and overdue alerts;
- ``press``: the daily press digest and the items picked from it (App. IV);
- ``voters``: voters' opinions entered from the council's summary (App. VI).
"""

from intranet.workdays.calendar import LOCAL_TZ, Status, get_calendar  # noqa: F401  (read through services by callers)

from ..kinds import get_kind  # noqa: F401
from ..models import Case  # noqa: F401
from .actions import (  # noqa: F401
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_PATTERN,
    NOTIFY_KIND,
    ActionInput,
    _alert,
    _attach,
    _enter,
    _record,
    _record_step,
    _resolve_unit,
    _step_due,
    _validate,
    allowed_actions,
    candidate_coordinators,
    candidate_holders,
    cases_for_user,
    decide_extension,
    explain_due,
    explain_step_due,
    kinds_choices,
    level_of,
    level_unit,
    new_code,
    normalise_code,
    office_unit,
    parent_level,
    perform,
    province_unit,
    recompute_open_deadlines,
    request_extension,
    requesting_unit,
)
from .batches import alert_overdue, forward_screened_questions, receive_new_questions, remind_office_leaders  # noqa: F401
from .intake import (  # noqa: F401
    it_unit_for,
    log_it_incident_for,
    open_case,
    printable_forms,
    report_it_incident,
    submit_question,
)
from .press import (  # noqa: F401
    DIGEST_LATE_KIND,
    PRESS_DIGEST_DUE,
    DigestDay,
    _flag_digest,
    flag_missing_press_digest,
    pick_press_item,
    post_press_digest,
    press_digest_due,
    press_digest_for,
    press_digest_grading,
    remind_press_digest,
)
from .voters import enter_voter_opinion, enter_voter_summary  # noqa: F401
