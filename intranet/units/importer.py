"""Load a real province and its wards/communes from the ``vietnam-provinces`` package.

Re-running updates names and creates nothing twice: units are matched on their
official administrative code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from search.folding import fold, strip_marks
from search.indexing import indexed_in_bulk

from .models import Unit
from .services import provision_site

_KINDS = {"phường": Unit.Kind.COMMUNE, "xã": Unit.Kind.COMMUNE, "đặc khu": Unit.Kind.COMMUNE}


@dataclass
class ImportResult:
    province: Unit
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class ProvinceNotFound(LookupError):
    pass


def find_province(code_or_name: str) -> dict:
    provinces = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    wanted = fold(code_or_name).replace("_", " ")
    for province in provinces:
        names = {
            str(province["code"]),
            fold(province["name"]),
            fold(province["codename"]).replace("_", " "),
            fold(province["name"]).removeprefix("tinh ").removeprefix("thanh pho "),
        }
        if wanted in names:
            return province
    raise ProvinceNotFound(code_or_name)


def ward_code(ward: dict) -> str:
    return ward["short_codename"].replace("_", "")


@transaction.atomic
def import_province(code_or_name: str, progress: Callable[[int, int, str], None] | None = None) -> ImportResult:
    data = find_province(code_or_name)
    # 50-odd units, each with a site of standing pages: each object is indexed once, at the end.
    with indexed_in_bulk():
        return _import(data, progress)


def _import(data: dict, progress: Callable[[int, int, str], None] | None) -> ImportResult:
    province, outcome = _upsert(
        None,
        admin_code=str(data["code"]),
        code=data["codename"].replace("_", ""),
        name=data["name"],
        kind=Unit.Kind.PROVINCE,
    )
    result = ImportResult(province=province)
    setattr(result, outcome, 1)
    wards = data["wards"]
    for number, ward in enumerate(wards, start=1):
        _ward, outcome = _upsert(
            province,
            admin_code=str(ward["code"]),
            code=ward_code(ward),
            name=ward["name"],
            kind=_KINDS.get(ward["division_type"], Unit.Kind.COMMUNE),
        )
        setattr(result, outcome, getattr(result, outcome) + 1)
        if progress:
            progress(number, len(wards), ward["name"])
    return result


def _upsert(parent: Unit | None, *, admin_code: str, code: str, name: str, kind: str) -> tuple[Unit, str]:
    unit = Unit.objects.filter(admin_code=admin_code).first()
    if unit is None:
        if Unit.objects.filter(code=code).exists():
            code = f"{code}{admin_code}"[:63]
        unit = Unit(admin_code=admin_code, code=code, name=name, kind=kind, short_name=_short(name), name_en=english_name(name))
        unit = parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
        provision_site(unit)
        return unit, "created"
    if unit.name == name:
        if not unit.name_en:
            unit.name_en = english_name(name)
            Unit.objects.filter(pk=unit.pk).update(name_en=unit.name_en)
        if unit.has_site and unit.site_id is None:
            provision_site(unit)
        return unit, "unchanged"
    renamed_en = english_name(unit.name)
    unit.name = name
    unit.short_name = _short(name)
    if not unit.name_en or unit.name_en == renamed_en:
        unit.name_en = english_name(name)  # an editor's own English name stays
    unit.save(update_fields=["name", "short_name", "name_en", "updated_at"])
    provision_site(unit)
    return unit, "updated"


# How the government writes a division's name in English: "Phường Kim Long" → "Kim Long Ward".
_ENGLISH = [("Thành phố ", "{} City"), ("Tỉnh ", "{} Province"), ("Phường ", "{} Ward"), ("Xã ", "{} Commune"), ("Đặc khu ", "{} Special Zone")]


def english_name(name: str) -> str:
    """The English name the importer gives a division; editors may change it in the admin."""
    for prefix, pattern in _ENGLISH:
        if name.startswith(prefix):
            return pattern.format(strip_marks(name.removeprefix(prefix)))
    return strip_marks(name)


def _short(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name
