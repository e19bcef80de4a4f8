import pytest
from wagtail.models import Locale

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


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def english_home(portal_home, english):
    """The portal's home translated into English (wagtail-localize), served at /en/."""
    from search.demo import translate_home

    home = portal_home.specific
    home.intro = "<p>Chào mừng đến Huế.</p>"
    home.save_revision().publish()
    return translate_home(home, english, "Hue City e-Portal", "Welcome to Hue.")
