"""Write the submission first; then turn it into a draft page that enters QT-07 (intake)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.html import escape, linebreaks
from wagtail.images import get_image_model

from intranet.units.models import Unit
from intranet.units.services import collection_for
from search.folding import slugify

from .models import Submission, SubmissionPhoto
from .tracking import new_tracking_code

log = logging.getLogger(__name__)


@transaction.atomic
def store(unit: Unit, data: dict, photos: list, user=None) -> Submission:
    """Keep what was sent, photos included, before anything else can fail."""
    submission = Submission.objects.create(
        unit=unit,
        code=new_tracking_code(),
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
        channel=data.get("channel") or "website",
        **{key: data.get(key, "") for key in ("kind", "name", "email", "phone", "organisation", "title", "content")},
    )
    Image = get_image_model()
    collection = collection_for(unit)
    for number, upload in enumerate(photos, start=1):
        image = Image(title=f"{submission.title[:200]} ({number})", collection=collection)
        image.file.save(upload.name, upload, save=False)
        image.save()
        SubmissionPhoto.objects.create(submission=submission, image=image)
    return submission


def intake(submission: Submission) -> bool:
    """Create the draft article (or gallery) and start QT-07. Idempotent; returns True when done."""
    if submission.page_id:
        return True
    try:
        with transaction.atomic():
            page = _draft_page(submission)
            from intranet.moderation.services import receive

            receive(
                page,
                kind=submission.kind,
                channel=submission.channel,
                submitted_by=submission.submitted_by,
                submitter_name=submission.name,
                submitter_email=submission.email,
                submitter_phone=submission.phone,
                submitter_organisation=submission.organisation,
            )
            Submission.objects.filter(pk=submission.pk).update(page=page, intake_error="")
            submission.page = page
        return True
    except Exception as error:  # kept and retried by the beat job: a submission is never dropped
        log.exception("intake of submission %s failed", submission.pk)
        Submission.objects.filter(pk=submission.pk).update(intake_error=f"{type(error).__name__}: {error}"[:2000])
        return False


def retry_intake() -> int:
    return sum(intake(submission) for submission in Submission.objects.filter(page__isnull=True).select_related("unit"))


def _draft_page(submission: Submission):
    from portal.galleries.models import GalleryIndexPage, GalleryPage, GalleryPhoto
    from portal.news.models import ArticlePage, Category, NewsIndexPage
    from portal.news.services import ensure_sections

    home = submission.unit.site.root_page
    ensure_sections(home)
    photos = [photo.image for photo in submission.photos.select_related("image")]
    slug = f"{slugify(submission.title)[:80] or 'bai'}-{submission.pk}"
    credit = submission.name + (f" ({submission.organisation})" if submission.organisation else "")
    if submission.kind == Submission.Kind.PHOTOS:
        parent = GalleryIndexPage.objects.child_of(home).get()
        page = GalleryPage(
            title=submission.title,
            slug=slug,
            live=False,
            description=submission.content,
            author=credit,
            cover=photos[0] if photos else None,
            locale_id=home.locale_id,
        )
        page.photos = [GalleryPhoto(image=image, sort_order=n) for n, image in enumerate(photos)]
    else:
        parent = NewsIndexPage.objects.child_of(home).get()
        paragraphs = "".join(linebreaks(escape(part)) for part in submission.content.split("\n\n"))
        page = ArticlePage(
            title=submission.title,
            slug=slug,
            live=False,
            category=Category.ACTIVITY,
            body=paragraphs,
            summary=submission.content[:300],
            author=credit,
            image=photos[0] if photos else None,
            locale_id=home.locale_id,
        )
    parent.add_child(instance=page)
    page.save_revision(user=submission.submitted_by)
    return page
