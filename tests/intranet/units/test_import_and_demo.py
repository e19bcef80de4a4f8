import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from intranet.accounts.models import Membership, User
from intranet.directory.models import Person
from intranet.units.models import Unit

pytestmark = pytest.mark.django_db


def test_import_loads_hue_and_its_forty_wards_with_progress(capsys):
    call_command("import_units", "--province", "Huế")
    out = capsys.readouterr().out
    province = Unit.objects.get(admin_code="46")
    assert province.name == "Thành phố Huế"
    assert province.get_children().count() == 40
    assert "[40/40]" in out
    assert Site.objects.filter(hostname="phuxuan.localhost").exists()


def test_reimporting_updates_names_and_creates_nothing_twice(capsys):
    call_command("import_units", "--province", "46")
    Unit.objects.filter(code="phuxuan").update(name="Tên cũ")
    counts = (Unit.objects.count(), Site.objects.count(), Page.objects.count())
    call_command("import_units", "--province", "thanh pho hue")
    assert (Unit.objects.count(), Site.objects.count(), Page.objects.count()) == counts
    assert Unit.objects.get(code="phuxuan").name == "Phường Phú Xuân"
    assert "cập nhật 1" in capsys.readouterr().out


def test_imported_wards_get_english_names_and_an_editors_own_survives_a_reimport():
    call_command("import_units", "--province", "46")
    assert Unit.objects.get(code="phuxuan").name_en == "Phu Xuan Ward"
    assert Unit.objects.get(admin_code="46").name_en == "Hue City"
    assert Unit.objects.get(name="Xã Đan Điền").name_en == "Dan Dien Commune"  # đ, which Unicode keeps, too
    assert Unit.objects.get(name="Xã Chân Mây – Lăng Cô").name_en == "Chan May – Lang Co Commune"
    Unit.objects.filter(code="phuxuan").update(name_en="Phu Xuan Ward (Hue Citadel)")
    Unit.objects.filter(code="kimlong").update(name_en="")
    call_command("import_units", "--province", "46")
    assert Unit.objects.get(code="phuxuan").name_en == "Phu Xuan Ward (Hue Citadel)"
    assert Unit.objects.get(code="kimlong").name_en == "Kim Long Ward"


def test_an_unknown_province_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("import_units", "--province", "Atlantis")


def _fingerprint():
    return {
        "units": list(Unit.objects.order_by("pk").values("pk", "code", "name", "path", "site_id", "status", "updated_at")),
        "people": list(Person.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values("pk", "username", "password", "is_superuser")),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "sites": list(Site.objects.order_by("pk").values()),
        "pages": list(Page.objects.order_by("pk").values("pk", "path", "title", "live", "latest_revision_id")),
        "groups": list(Group.objects.order_by("pk").values_list("name", flat=True)),
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo")


def test_the_demo_province_is_hue_in_2026(demo):
    province = Unit.objects.get(depth=1)
    assert province.name == "Thành phố Huế"
    names = set(province.get_children().values_list("short_name", flat=True))
    for department in ("Văn phòng UBND thành phố", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Y tế", "Sở Du lịch", "Sở Công Thương"):
        assert department in names
    assert Unit.objects.filter(kind=Unit.Kind.COMMUNE).count() == 40
    assert Unit.objects.filter(site__isnull=True).count() == 0


def test_demo_people_have_birthdays_on_every_day_of_the_year(demo):
    days = {(d.month, d.day) for d in Person.objects.exclude(birth_date=None).values_list("birth_date", flat=True)}
    assert len(days) == 366


def test_every_demo_account_can_log_in_with_the_demo_password(demo, settings):
    from django.test import Client

    for username in ("quantri", "bbt_cong", "vanhoa_phuxuan", "lanhdao_phuxuan", "cntt_phuxuan", "cv_vp", "ctv"):
        client = Client()
        response = client.post("/dang-nhap/", {"username": username, "password": settings.DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_a_second_demo_run_changes_nothing(demo):
    before = _fingerprint()
    call_command("load_demo")
    assert _fingerprint() == before


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not Unit.objects.exists()
