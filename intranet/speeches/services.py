"""Articles and speeches: adding one from the desk, what the desk lists, and the store."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from wagtail.documents import get_document_model

from intranet.accounts import permissions
from intranet.store.models import Action
from intranet.store.services import record_change

from .models import Speech


def speeches_of_user(user) -> QuerySet[Speech]:
    """What the officer added, drafts included (the desk's "my articles and speeches"). One query."""
    if not getattr(user, "is_authenticated", False):
        return Speech.objects.none()
    return Speech.objects.filter(owner=user).select_related("unit").order_by("-date", "-id")


@transaction.atomic
def add_speech(*, by, unit, attachment=None, **fields) -> Speech:
    """App. III step 1–2: the officer adds it; it is published at once to the agency's site and the store."""
    if not permissions.can_add_speech(by, unit):
        raise PermissionDenied
    if attachment is not None:
        document = get_document_model()(title=fields["title"][:255], file=attachment, uploaded_by_user=by)
        document.save()
        fields["attachment"] = document
    speech = Speech(unit=unit, owner=by, **fields)
    speech.full_clean()
    speech.save()
    speech.save_revision(user=by, log_action=True).publish(user=by)
    return speech


def publish_to_store(speech: Speech, *, by=None) -> None:
    record_change(channel="speeches", record_id=speech.store_record_id, unit=speech.unit, payload=speech.store_payload(), author=by)


def withdraw_from_store(speech: Speech) -> None:
    record_change(channel="speeches", record_id=speech.store_record_id, unit=speech.unit, payload={}, action=Action.DELETE)
