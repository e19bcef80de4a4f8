"""Translating a page the way an editor does in wagtail-localize's editor, from code (the demos).

The page becomes a translation source, a ``Translation`` record ties it to the target
locale (so the admin edits the result in wagtail-localize's translation editor and
offers "Sync translated pages" when the original changes), the strings go into
translation memory, and wagtail-localize builds and publishes the translated page:
synchronised fields (unit, category, image, date…) are copied from the original.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def publish_translation(page: Page, locale: Locale, strings: Mapping[str, str | Sequence[str]], user=None) -> Page:
    """The page's translation into ``locale``, created and published if missing (idempotent).

    ``strings`` maps a field (``title``, ``slug``, ``intro``…) to its translation; a rich-text
    field with several paragraphs takes a list, one translation per paragraph in order.
    A segment left out keeps the original's text, as in the editor.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    source, _created = TranslationSource.update_or_create_from_instance(page.specific)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    remaining = {field: [value] if isinstance(value, str) else list(value) for field, value in strings.items()}
    segments = StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
    for segment in segments:
        values = remaining.get(segment.context.path)
        if values:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context, defaults={"data": values.pop(0)}
            )
    translated, _created = source.create_or_update_translation(locale, user=user, publish=False, fallback=True)
    # Published at once (wagtail-localize would publish on commit; the demo and tests want it now).
    translated.get_latest_revision().publish(user=user)
    return type(translated).objects.get(pk=translated.pk)


def retranslate(page: Page, locale: Locale, strings: Mapping[str, str], user=None) -> Page | None:
    """Give an existing translation new translations of some fields (one string each) and publish it,
    as an editor does in the translation editor; None when the page has no translation into ``locale``."""
    existing = page.get_translation_or_none(locale)
    if existing is None:
        return None
    source, _created = TranslationSource.update_or_create_from_instance(page.specific)
    segments = StringSegment.objects.filter(source=source, context__path__in=list(strings)).select_related("string", "context")
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=locale, context=segment.context, defaults={"data": strings[segment.context.path]}
        )
    translated, _created = source.create_or_update_translation(locale, user=user, publish=False, fallback=True)
    translated.get_latest_revision().publish(user=user)
    return type(translated).objects.get(pk=translated.pk)
