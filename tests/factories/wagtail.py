from django.conf import settings


def restore_wagtail_basics():
    """Put back what Wagtail's migrations create and a transactional test's flush removes:
    the default locale, the root page and the root collection."""
    from wagtail.models import Collection, Locale, Page

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Gốc", slug="root", locale=locale, live=True))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Gốc")


def publish_child(parent, page):
    """``page`` added under ``parent`` and published through a revision, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
