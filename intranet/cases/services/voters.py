"""Voters' opinions (App. VI 1): one People's Council summary entered, each opinion becomes a case at that level;
or one opinion typed in by the office's clerk (``enter_voter_opinion``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.accounts import permissions
from intranet.accounts.models import User
from intranet.units.models import Unit

from ..models import (
    Case,
    VoterSummary,
)
from .actions import (
    level_unit,
)
from .intake import open_case


# -- voter opinions (App. VI) -----------------------------------------------------------------------------
@transaction.atomic
def enter_voter_summary(user: User, *, unit: Unit, title: str, session: str, received_on: dt.date, opinions: Sequence[dict]) -> VoterSummary:
    """One summary from the People's Council, many opinions: each becomes a case at that level."""
    if not permissions.units_entering_voter_opinions(user).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("Bạn không được nhập ý kiến cử tri cho đơn vị này."))
    if not opinions:
        raise ValidationError(_("Báo cáo tổng hợp cần ít nhất một ý kiến."))
    summary = VoterSummary.objects.create(unit=unit, title=title, session=session, received_on=received_on, created_by=user)
    for opinion in opinions:
        _open_opinion(user, unit, opinion, summary=summary)
    return summary


@transaction.atomic
def enter_voter_opinion(user: User, *, unit: Unit, opinion: dict) -> Case:
    """One opinion entered in a form by the level's People's Council / People's Committee office; its deadlines
    follow the voter kind's table from the moment it is entered."""
    if not permissions.units_entering_voter_opinions(user).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("Bạn không được nhập ý kiến cử tri cho đơn vị này."))
    session, received_on = opinion.get("session", ""), opinion.get("received_on")
    data = {key: value for key, value in (("session", session), ("received_on", received_on and received_on.isoformat())) if value}
    return _open_opinion(user, unit, opinion, data=data)


def _open_opinion(user: User, unit: Unit, opinion: dict, *, summary: VoterSummary | None = None, data: dict | None = None) -> Case:
    return open_case(
        "voter",
        title=opinion["title"],
        body=opinion["body"],
        field=opinion.get("field") or "khac",
        origin=level_unit(unit),
        reporter=user,
        overseer=user,
        summary=summary,
        data=data,
        requester={"name": opinion.get("voters", "")[:150], "address": opinion.get("place", "")[:255]},
        label=_("Nhập ý kiến cử tri"),
    )
