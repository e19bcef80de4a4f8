"""A unit's site sections as the demos create them: found under the unit's home page, else added once and published."""

from __future__ import annotations

from wagtail.models import Page

from intranet.units.models import Unit


def unit_home(code: str | None) -> tuple[Unit, Page] | None:
    """The unit with ``code`` (None: the province) and its site's home page; None when it has no site."""
    units = Unit.objects.filter(depth=1) if code is None else Unit.objects.filter(code=code)
    unit = units.select_related("site__root_page").first()
    if unit is None or unit.site_id is None:
        return None
    return unit, unit.site.root_page


def section(home: Page, model: type[Page], **fields) -> Page:
    """The ``model`` page under ``home``; created from ``fields`` and published when there is none yet."""
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = model(locale_id=home.locale_id, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
