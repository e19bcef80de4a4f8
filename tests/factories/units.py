import factory

from intranet.units.models import Unit
from intranet.units.services import provision_site


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit in the tree. Pass ``parent`` to place it under another unit (default: a root)."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"donvi{n}")
    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    kind = Unit.Kind.DEPARTMENT
    has_site = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        unit = model_class(**kwargs)
        unit = parent.add_child(instance=unit) if parent else model_class.add_root(instance=unit)
        return unit


def province(code: str = "tinh", name: str = "Tỉnh Thử Nghiệm") -> Unit:
    """The province at the top of the tree, with the portal site at PORTAL_DOMAIN."""
    unit = UnitFactory(code=code, name=name, kind=Unit.Kind.PROVINCE)
    provision_site(unit)
    return unit


def unit_with_site(parent: Unit, **kwargs) -> Unit:
    unit = UnitFactory(parent=parent, **kwargs)
    provision_site(unit)
    unit.refresh_from_db()
    return unit
