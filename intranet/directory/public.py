"""What the public directory shows: the province's unit tree and one unit's contacts.

The same data in Vietnamese (``/danh-ba/``) and English (``/en/directory/``, the
wagtail-localize translation of the portal's ``DirectoryPage``): the templates pick
``Unit.name_en`` and ``Person.position_en`` on English pages and fall back to the
Vietnamese when they are empty (``languages`` template filters). Only
``Person.PUBLIC_FIELDS`` are read: birth date, home address, civil-servant code and
ID photo never reach these pages. Each page costs the same queries however many
units or people it lists.
"""

from __future__ import annotations

from django.http import Http404

from intranet.units.models import Unit

from .models import Person

TREE_FIELDS = ("code", "name", "name_en", "depth", "phone", "email", "path")


# Under each unit, its agencies before its wards and communes (a citizen looks for the office and the
# departments at the top, not after forty wards); the order of creation within each kind.
KIND_ORDER = {Unit.Kind.PROVINCE: 0, Unit.Kind.DEPARTMENT: 1, Unit.Kind.OFFICE: 2, Unit.Kind.DISTRICT: 3, Unit.Kind.COMMUNE: 4}


def agencies_first(units) -> list:
    """The tree in the same nesting, each unit's children ordered by ``KIND_ORDER``."""
    units = list(units)
    step = Unit.steplen
    kinds = {unit.path: unit.kind for unit in units}

    def key(unit):
        return [(KIND_ORDER.get(kinds.get(unit.path[: level * step]), 9), unit.path[(level - 1) * step : level * step])
                for level in range(1, len(unit.path) // step + 1)]

    return sorted(units, key=key)


def tree_context(directory_url: str) -> dict:
    """``directory_url`` is where this directory lives (``/danh-ba/`` or ``/en/directory/``); units hang below it."""
    return {"units": agencies_first(Unit.objects.active().only(*TREE_FIELDS, "kind")), "directory_url": directory_url}


def unit_context(code: str, directory_url: str) -> dict:
    unit = Unit.objects.filter(code=code, status=Unit.Status.ACTIVE).first()
    if unit is None:
        raise Http404
    return {
        "unit": unit,
        "people": Person.objects.active().filter(unit=unit).only(*Person.PUBLIC_FIELDS),
        "children": unit.get_children().filter(status=Unit.Status.ACTIVE).only("code", "name", "name_en", "path", "depth"),
        "directory_url": directory_url,
        # The same unit in the other language (hreflang and the switcher): below each version's URL.
        "page_subpath": f"{unit.code}/",
    }
