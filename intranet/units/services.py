"""Operations on the unit tree. Each one that the law calls an operation
(found, rename, split, merge) is recorded as a UnitEvent with its decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.dispatch import Signal
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site

from .models import Unit, UnitEvent

# Sent inside the merge transaction so that every app moves its own open work:
# sender=Unit, source=<merged unit>, successor=<unit taking over>, by=<the user recording the decision, or None>.
unit_merged = Signal()

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


@dataclass
class Decision:
    """The legal act behind an operation on the tree."""

    number: str
    date: dt.date
    by: object | None = None  # the user who records it


def editors_group_name(unit: Unit) -> str:
    return f"{unit.code}: Ban biên tập"


def collection_for(unit: Unit) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=unit.name).first()
    if existing:
        return existing
    return root.add_child(name=unit.name)


def _home_page_model():
    from portal.home.models import HomePage

    return HomePage


@transaction.atomic
def provision_site(unit: Unit) -> Site:
    """Give the unit its site: home page, Wagtail Site, collection and editors' group.

    Idempotent: running it again re-points the hostname and changes nothing else.
    """
    HomePage = _home_page_model()
    site = unit.site
    if site is None:
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(unit=unit, locale=Locale.get_default()).first()
        if home is None:
            home = root.add_child(
                instance=HomePage(title=unit.name, slug=unit.code, unit=unit, locale=Locale.get_default())
            )
        site = Site.objects.filter(hostname=unit.hostname).first() or Site(hostname=unit.hostname)
        site.root_page = home
    site.hostname = unit.hostname
    site.port = settings.PORTAL_PORT
    site.site_name = unit.short_name or unit.name
    site.is_default_site = unit.is_province
    site.save()
    if unit.site_id != site.pk:
        unit.site = site
        Unit.objects.filter(pk=unit.pk).update(site=site)
    _grant_editors(unit, site.root_page, collection_for(unit))
    return site


def _grant_editors(unit: Unit, home: Page, collection: Collection) -> Group:
    group, _created = Group.objects.get_or_create(name=editors_group_name(unit))
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(admin_access)
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


def sync_sites() -> int:
    """Re-point every unit's site after PORTAL_DOMAIN changed. Returns how many sites it touched."""
    count = 0
    for unit in Unit.objects.with_site().active().select_related("site"):
        provision_site(unit)
        count += 1
    return count


@transaction.atomic
def found_unit(*, parent: Unit | None, decision: Decision, **fields) -> Unit:
    unit = Unit(**fields)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit = parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
    if unit.has_site:
        provision_site(unit)
    _record(unit, UnitEvent.Kind.FOUND, decision, details={"name": unit.name})
    return unit


@transaction.atomic
def rename_unit(unit: Unit, *, name: str, short_name: str | None = None, decision: Decision) -> Unit:
    old = {"name": unit.name, "short_name": unit.short_name}
    unit.name = name
    if short_name is not None:
        unit.short_name = short_name
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save()
    if unit.site_id:
        home = unit.site.root_page.specific
        home.title = name
        home.save_revision(user=decision.by, log_action=True).publish(user=decision.by)
        provision_site(unit)
    _record(unit, UnitEvent.Kind.RENAME, decision, details={"from": old, "to": {"name": unit.name, "short_name": unit.short_name}})
    return unit


@transaction.atomic
def split_unit(unit: Unit, *, into: list[dict], decision: Decision, dissolve: bool = True) -> list[Unit]:
    """Found the new units named in ``into`` beside ``unit``; dissolve it unless told otherwise."""
    parent = unit.get_parent()
    created = [found_unit(parent=parent, decision=decision, **fields) for fields in into]
    if dissolve:
        unit.status = Unit.Status.DISSOLVED
        unit.save(update_fields=["status", "updated_at"])
    event = _record(unit, UnitEvent.Kind.SPLIT, decision, details={"into": [u.code for u in created]})
    event.related_units.set(created)
    return created


@transaction.atomic
def merge_units(sources: list[Unit], *, successor: Unit, decision: Decision) -> Unit:
    """Merge ``sources`` into ``successor``: people, pages and open work move, old URLs redirect."""
    from intranet.directory.models import Person

    for source in sources:
        if source.pk == successor.pk:
            continue
        Person.objects.filter(unit=source).update(unit=successor)
        for child in source.get_children():
            child.move(successor, pos="last-child")
        if source.site_id and successor.site_id:
            _move_pages_with_redirects(source.site, successor.site.root_page)
        unit_merged.send(sender=Unit, source=source, successor=successor, by=decision.by)
        source.refresh_from_db()
        source.status = Unit.Status.DISSOLVED
        source.successor = successor
        source.save(update_fields=["status", "successor", "updated_at"])
        event = _record(source, UnitEvent.Kind.MERGE, decision, details={"successor": successor.code})
        event.related_units.set([successor])
    _record(successor, UnitEvent.Kind.MERGE, decision, details={"absorbed": [s.code for s in sources]})
    return successor


def _move_pages_with_redirects(old_site: Site, target_home: Page) -> None:
    """Move every page of the old site under the successor's home, merging sections
    with the same slug, and leave a permanent redirect at each old path."""
    old_home = old_site.root_page
    old_paths = {page.pk: page.url_path[len(old_home.url_path) - 1 :] for page in old_home.get_descendants()}
    merged_into: dict[int, Page] = {}
    _merge_children(old_home, target_home, merged_into, suffix=old_home.slug)
    for page_id, old_path in old_paths.items():
        target = merged_into.get(page_id) or Page.objects.filter(pk=page_id).first()
        if target is not None:
            Redirect.objects.update_or_create(
                site=old_site,
                old_path=Redirect.normalise_path(old_path),
                defaults={"redirect_page": target, "is_permanent": True},
            )
    # The emptied sections would still answer at their old paths; the redirects take over.
    for page in Page.objects.filter(pk__in=merged_into).order_by("-depth"):
        page.delete()


def _is_section(page: Page) -> bool:
    """A page that holds others (a news index, "Giới thiệu" with its subpages): merged with its twin.
    Anything else (an article, a document, a plain page) is content of its own and is kept."""
    return page.specific_class.max_count_per_parent == 1 or page.get_children_count() > 0


def _merge_children(source: Page, target: Page, merged_into: dict[int, Page], *, suffix: str) -> None:
    for child in source.get_children():
        twin = target.get_children().filter(slug=child.slug).first()
        if twin is not None and twin.specific_class == child.specific_class and _is_section(child):
            _merge_children(child, twin, merged_into, suffix=suffix)
            merged_into[child.pk] = twin
            continue
        if twin is not None:
            # Both kept: the old unit's page takes its code after the slug ("hoat-dong-1-thuanhoa").
            slug, n = f"{child.slug}-{suffix}"[:255], 1
            while target.get_children().filter(slug=slug).exists():
                n += 1
                slug = f"{child.slug}-{suffix}-{n}"[:255]
            child.slug = slug
            child.save()
        child.move(target, pos="last-child")


def _record(unit: Unit, kind: str, decision: Decision, details: dict) -> UnitEvent:
    return UnitEvent.objects.create(
        unit=unit,
        kind=kind,
        decision_number=decision.number,
        decision_date=decision.date,
        recorded_by=decision.by,
        details=details,
    )
