"""What the desk changes on other apps' records, always through those apps' own models and services."""

from __future__ import annotations

import re
from html import unescape

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape, linebreaks, strip_tags
from wagtail.documents import get_document_model

from intranet.accounts import permissions
from intranet.speeches.models import Speech


def plain_text(html: str) -> str:
    """The desk edits an article as plain text: paragraphs and line breaks of the stored rich text become newlines."""
    text = re.sub(r"<br\s*/?>", "\n", html or "", flags=re.IGNORECASE)
    text = re.sub(r"</p\s*>", "\n\n", text, flags=re.IGNORECASE)
    return unescape(strip_tags(text)).strip()


def rich_text(text: str) -> str:
    """Plain text from the desk form, escaped, as the rich text the speeches app stores (as its own add form does)."""
    return linebreaks(escape(text))


@transaction.atomic
def edit_speech(speech: Speech, *, by, attachment=None, **fields) -> Speech:
    """App. III: the officer corrects what they added; the new revision is published, so the
    speeches app's ``published`` receiver records the change for the provincial store in the
    same transaction (nothing is sent directly from here)."""
    # Reload: a bound ModelForm has already copied the submitted values onto the instance it was given.
    speech = Speech.objects.select_for_update().select_related("unit").get(pk=speech.pk)
    if not permissions.can_edit_speech(by, speech):
        raise PermissionDenied
    if "unit" in fields and fields["unit"] != speech.unit and not permissions.can_add_speech(by, fields["unit"]):
        raise PermissionDenied
    if attachment is not None:
        document = get_document_model()(title=fields.get("title", speech.title)[:255], file=attachment, uploaded_by_user=by)
        document.save()
        fields["attachment"] = document
    for name, value in fields.items():
        setattr(speech, name, value)
    speech.full_clean()
    speech.save()
    speech.save_revision(user=by, log_action=True).publish(user=by)
    return speech
