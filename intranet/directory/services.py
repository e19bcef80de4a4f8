"""Directory operations (App. I): every change is recorded with its event date and sent to the store."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from intranet.accounts import permissions
from intranet.store.models import Action
from intranet.store.services import record_change
from intranet.units.models import Unit

from .models import DirectoryChange, Person

END_OF_SERVICE = {
    Person.Status.TRANSFERRED: DirectoryChange.Kind.TRANSFERRED,
    Person.Status.RETIRED: DirectoryChange.Kind.RETIRED,
    Person.Status.RESIGNED: DirectoryChange.Kind.RESIGNED,
}
CONTACT_FIELDS = ("office_phone", "mobile_phone", "fax", "email", "home_address")


def today() -> dt.date:
    return timezone.localdate()


# -- units ----------------------------------------------------------------------


def unit_record_id(unit: Unit) -> str:
    # Unit codes are the province's domain names: unique on every server.
    return f"unit:{unit.code}"


def unit_payload(unit: Unit) -> dict:
    parent = unit.get_parent() if unit.depth > 1 else None
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "name_en": unit.name_en,
        "kind": unit.kind,
        "parent": parent.code if parent else None,
        "address": unit.address,
        "phone": unit.phone,
        "fax": unit.fax,
        "email": unit.email,
        "website": unit.website,
        "status": unit.status,
        "successor": unit.successor.code if unit.successor_id else None,
        "unit": unit.code,
    }


def publish_unit(unit: Unit, *, by=None) -> None:
    record_change(channel="units", record_id=unit_record_id(unit), unit=unit, payload=unit_payload(unit), author=by)


def unit_merged(*, source: Unit, successor: Unit) -> None:
    """Tell the store that everything it holds for ``source`` now belongs to ``successor``."""
    record_change(
        channel="units",
        record_id=unit_record_id(source),
        unit=source,
        action=Action.MERGE,
        payload={**unit_payload(source), "source": source.code, "successor": successor.code},
    )


# -- people ---------------------------------------------------------------------


def record_person_change(person: Person, *, kind: str, by=None, note: str = "") -> DirectoryChange:
    """History row with the 2-working-day deadline, and the store's copy, in the caller's transaction."""
    event_date = person.event_date or today()
    change = DirectoryChange.objects.create(
        person=person,
        unit_id=person.unit_id,
        kind=kind,
        event_date=event_date,
        due_at=DirectoryChange.due_for(event_date),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        note=note,
    )
    record_change(channel="people", record_id=person.store_record_id, unit=person.unit, payload=person.store_payload(), author=by)
    return change


@transaction.atomic
def save_person(person: Person, *, by=None) -> Person:
    """Create or edit a person as the agency's board does; the post-save hook records and syncs it."""
    person._changed_by = by
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def update_own_contacts(person: Person, *, by, **contacts) -> Person:
    if not permissions.can_edit_own_contacts(by, person):
        raise PermissionDenied
    for field in CONTACT_FIELDS:
        if field in contacts:
            setattr(person, field, contacts[field])
    person.event_date = today()
    return save_person(person, by=by)


@transaction.atomic
def end_service(person: Person, *, status: str, event_date: dt.date, by, note: str = "", successor=None) -> Person:
    """App. I IV.3: transfer, retirement or resignation by the agency board. The history stays;
    the person leaves the public directory and their account is closed (Art. 9)."""
    if status not in END_OF_SERVICE:
        raise ValueError(status)
    if not permissions.can_end_service(by, person.unit):
        raise PermissionDenied
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.status = status
    person.event_date = event_date
    person._changed_by = by
    person._change_kind = END_OF_SERVICE[status]
    person._change_note = note
    person.save()
    if person.user_id:
        # intranet.handover hands what they hold to ``successor`` (or the leaders' queue) when the account closes.
        person.user._work_successor, person.user._released_by = successor, by
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
    return person
