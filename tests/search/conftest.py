import pytest

from intranet.units.models import Unit
from tests.factories.units import province, unit_with_site


@pytest.fixture
def hue(db) -> Unit:
    return province(code="hue", name="Thành phố Huế")


@pytest.fixture
def phuxuan(hue) -> Unit:
    return unit_with_site(hue, code="phuxuan", name="Phường Phú Xuân", kind=Unit.Kind.COMMUNE)


@pytest.fixture
def portal_home(hue):
    return hue.site.root_page


@pytest.fixture
def phuxuan_home(phuxuan):
    return phuxuan.site.root_page
