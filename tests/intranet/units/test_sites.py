import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Site

from intranet.units.models import Unit, UnitEvent
from intranet.units.services import Decision, found_unit, merge_units, rename_unit, split_unit
from portal.home.models import StandardPage
from tests.factories import PersonFactory, province, unit_with_site

pytestmark = pytest.mark.django_db
DECISION = Decision(number="12/QĐ-UBND", date=dt.date(2026, 1, 5))


@pytest.fixture
def tinh():
    return province()


def test_each_host_reaches_its_own_units_site(client, tinh):
    unit_with_site(tinh, code="sotc", name="Sở Tài chính")
    unit_with_site(tinh, code="soyt", name="Sở Y tế")
    finance = client.get("/", HTTP_HOST="sotc.localhost")
    health = client.get("/", HTTP_HOST="soyt.localhost")
    portal = client.get("/", HTTP_HOST="localhost")
    # (the other agencies' sites are linked in each home page's sidebar: the heading tells whose site it is)
    assert "<h1>Sở Tài chính</h1>" in finance.text and "<h1>Sở Y tế</h1>" not in finance.text
    assert "<h1>Sở Y tế</h1>" in health.text and "<h1>Sở Tài chính</h1>" not in health.text
    assert "Tỉnh Thử Nghiệm" in portal.text


def test_a_unit_site_is_a_wagtail_site_with_its_own_root(tinh):
    unit = unit_with_site(tinh, code="sotc", name="Sở Tài chính")
    site = Site.objects.get(hostname="sotc.localhost")
    assert site.root_page.specific.unit == unit
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@pytest.mark.parametrize("code", ["Sở-TC", "so tc", "-sotc", "sotc-", "so_tc", "a" * 64, ""])
def test_a_code_that_is_not_a_dns_label_is_refused_in_vietnamese(tinh, code):
    with pytest.raises(ValidationError) as error:
        found_unit(parent=tinh, decision=DECISION, code=code, name="Sở Tài chính", kind=Unit.Kind.DEPARTMENT)
    assert "Mã đơn vị" in str(error.value) or "không được để trắng" in str(error.value)
    assert not Unit.objects.filter(name="Sở Tài chính").exists()


def test_a_duplicate_code_is_refused_in_vietnamese(tinh):
    unit_with_site(tinh, code="sotc")
    with pytest.raises(ValidationError) as error:
        found_unit(parent=tinh, decision=DECISION, code="sotc", name="Khác", kind=Unit.Kind.DEPARTMENT)
    assert "đã được dùng" in str(error.value)


def test_sync_sites_follows_a_new_portal_domain(client, settings, tinh):
    unit_with_site(tinh, code="sotc", name="Sở Tài chính")
    settings.PORTAL_DOMAIN = "hue.egov.vn"
    settings.ALLOWED_HOSTS = [".hue.egov.vn", "hue.egov.vn"]
    call_command("sync_sites")
    assert set(Site.objects.values_list("hostname", flat=True)) == {"hue.egov.vn", "sotc.hue.egov.vn"}
    assert "Sở Tài chính" in client.get("/", HTTP_HOST="sotc.hue.egov.vn").text


def test_founding_records_the_decision_and_gives_a_site(tinh, django_user_model):
    officer = django_user_model.objects.create(username="quantri")
    unit = found_unit(
        parent=tinh, decision=Decision("5/QĐ-UBND", dt.date(2026, 2, 2), officer), code="sodl", name="Sở Du lịch", kind=Unit.Kind.DEPARTMENT
    )
    event = unit.events.get()
    assert (event.kind, event.decision_number, event.recorded_by) == (UnitEvent.Kind.FOUND, "5/QĐ-UBND", officer)
    assert unit.site.hostname == "sodl.localhost"


def test_renaming_renames_the_site_and_keeps_history(client, tinh):
    unit = unit_with_site(tinh, code="sovh", name="Sở Văn hóa")
    rename_unit(unit, name="Sở Văn hóa và Thể thao", short_name="Sở VHTT", decision=DECISION)
    assert unit.events.get(kind=UnitEvent.Kind.RENAME).details["from"]["name"] == "Sở Văn hóa"
    assert "Sở Văn hóa và Thể thao" in client.get("/", HTTP_HOST="sovh.localhost").text


def test_splitting_founds_the_new_units_and_dissolves_the_old(tinh):
    unit = unit_with_site(tinh, code="sovhtt", name="Sở Văn hóa, Thể thao và Du lịch")
    created = split_unit(
        unit,
        into=[
            {"code": "sovh", "name": "Sở Văn hóa và Thể thao", "kind": Unit.Kind.DEPARTMENT},
            {"code": "sodl", "name": "Sở Du lịch", "kind": Unit.Kind.DEPARTMENT},
        ],
        decision=DECISION,
    )
    unit.refresh_from_db()
    assert unit.status == Unit.Status.DISSOLVED
    assert sorted(u.code for u in created) == ["sodl", "sovh"]
    assert all(u.site for u in created)


@pytest.fixture
def two_wards(tinh):
    old = unit_with_site(tinh, code="phuonga", name="Phường A", kind=Unit.Kind.COMMUNE)
    new = unit_with_site(tinh, code="phuongb", name="Phường B", kind=Unit.Kind.COMMUNE)
    for unit, slug in ((old, "gioi-thieu"), (new, "gioi-thieu")):
        section = unit.site.root_page.add_child(instance=StandardPage(title="Giới thiệu", slug=slug))
        section.add_child(instance=StandardPage(title=f"Lịch sử {unit.name}", slug=f"lich-su-{unit.code}"))
    old.site.root_page.add_child(instance=StandardPage(title="Tổ chức bộ máy", slug="to-chuc"))
    return old, new


def test_merge_redirects_the_old_units_urls(client, two_wards):
    old, new = two_wards
    merge_units([old], successor=new, decision=DECISION)
    page = client.get("/to-chuc/", HTTP_HOST="phuonga.localhost")
    nested = client.get("/gioi-thieu/lich-su-phuonga/", HTTP_HOST="phuonga.localhost")
    home = client.get("/", HTTP_HOST="phuonga.localhost")
    assert (page.status_code, page["Location"]) == (301, "http://phuongb.localhost/to-chuc/")
    assert (nested.status_code, nested["Location"]) == (301, "http://phuongb.localhost/gioi-thieu/lich-su-phuonga/")
    assert (home.status_code, home["Location"]) == (301, "http://phuongb.localhost/")
    assert "Tổ chức bộ máy" in client.get("/to-chuc/", HTTP_HOST="phuongb.localhost").text


def test_merge_moves_people_and_records_the_operation(two_wards):
    old, new = two_wards
    person = PersonFactory(unit=old)
    merge_units([old], successor=new, decision=DECISION)
    person.refresh_from_db()
    old.refresh_from_db()
    assert person.unit == new
    assert (old.status, old.successor, old.current()) == (Unit.Status.DISSOLVED, new, new)
    assert old.events.get(kind=UnitEvent.Kind.MERGE).details == {"successor": "phuongb"}


def test_merge_keeps_both_wards_articles_of_the_same_address_and_leads_to_the_old_one():
    from portal.news.models import ArticlePage
    from tests.factories.news import article, province_and_wards

    _tinh, phuxuan, thuanhoa = province_and_wards()
    own = article(phuxuan, "Phú Xuân ra quân vệ sinh môi trường", slug="hoat-dong-1")
    old = article(thuanhoa, "Thuận Hóa ra quân vệ sinh môi trường", slug="hoat-dong-1")
    article(phuxuan, "Bài đã có tên đổi sẵn", slug="hoat-dong-1-thuanhoa")
    merge_units([thuanhoa], successor=phuxuan, decision=DECISION)

    moved = ArticlePage.objects.get(pk=old.pk)  # an article is content of its own: kept, not merged into its namesake
    assert ArticlePage.objects.get(pk=own.pk).url_path.endswith("/tin-tuc/hoat-dong-1/")
    assert moved.slug == "hoat-dong-1-thuanhoa-2" and moved.get_parent().get_parent().specific.unit == phuxuan
    assert moved.unit == phuxuan
    from django.test import Client

    response = Client().get("/tin-tuc/hoat-dong-1/", HTTP_HOST="thuanhoa.localhost")
    assert (response.status_code, response["Location"]) == (301, "http://phuxuan.localhost/tin-tuc/hoat-dong-1-thuanhoa-2/")
